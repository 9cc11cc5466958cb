//! JSON-LD (schema.org) for record pages, as text ready for
//! `<script type="application/ld+json">`: `<`, `>` and `&` are written as `\u003c`,
//! `\u003e`, `\u0026`, so no text of a record can close the script element.
//!
//! An agency whose `operated_by` is written is a `GovernmentOrganization` and its places
//! `GovernmentOffice`s (in the shipped content every `operated_by` is the city or its
//! board of education); others are an `Organization` with `Place`s. A program is a
//! `GovernmentService` when its operator is such an agency, else a `Service`; a network
//! is an `Organization`. Addresses, phones (`ContactPoint`) and hours come only from
//! sourced locations. The page's language is `mainEntityOfPage.inLanguage`.

use super::{
    SourcedLocation, area_name, city_of, data_lang, phone_type_name, sourced_locations, text,
    weekday_hours,
};
use crate::i18n::UiStrings;
use crate::load::{Content, Record};
use crate::markdown::to_plain_text;
use crate::model::{Agency, Lang, Localized, Network, Program};
use serde_json::{Value, json};

/// JSON text safe inside a `<script>` element of an HTML page.
pub(crate) fn embeddable(value: &Value) -> String {
    // Written straight into the escaping buffer: `Value`'s `Display` went through
    // `fmt::Write` a piece at a time, and every record page prints one.
    let mut out = ScriptSafe(Vec::with_capacity(1024));
    // Writing into memory cannot fail, and a `Value`'s keys are always strings.
    serde_json::to_writer(&mut out, value).expect("JSON-LD is written into memory");
    String::from_utf8(out.0).expect("serde_json writes UTF-8 and only ASCII is replaced")
}

/// Bytes of JSON with `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026`, so the
/// text cannot close its `<script>` element; all three are ASCII, so no character is
/// split.
struct ScriptSafe(Vec<u8>);

impl std::io::Write for ScriptSafe {
    fn write(&mut self, mut buf: &[u8]) -> std::io::Result<usize> {
        let n = buf.len();
        while let Some(i) = buf.iter().position(|b| matches!(b, b'<' | b'>' | b'&')) {
            self.0.extend_from_slice(&buf[..i]);
            self.0.extend_from_slice(match buf[i] {
                b'<' => b"\\u003c",
                b'>' => b"\\u003e",
                _ => b"\\u0026",
            });
            buf = &buf[i + 1..];
        }
        self.0.extend_from_slice(buf);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What every record's JSON-LD has: context, type, names, description, the page.
fn base(
    content: &Content,
    kind: &str,
    (name, description): (&Localized, &Localized),
    lang: Lang,
    page_url: &str,
) -> serde_json::Map<String, Value> {
    let own = text(name, lang);
    let first = text(name, data_lang(content));
    let mut m = serde_json::Map::new();
    m.insert("@context".into(), "https://schema.org".into());
    m.insert("@type".into(), kind.into());
    m.insert("@id".into(), format!("{page_url}#record").into());
    if first != own {
        m.insert("alternateName".into(), first.into());
    }
    m.insert("name".into(), own.into());
    let description = to_plain_text(&text(description, lang));
    m.insert("description".into(), description.into());
    m.insert("url".into(), page_url.into());
    m.insert(
        "mainEntityOfPage".into(),
        json!({"@type": "WebPage", "@id": page_url, "inLanguage": lang.tag()}),
    );
    m
}

/// `areaServed`: the wards by name, or the whole city (`citywide`).
fn area_served(content: &Content, ui: &UiStrings, areas: &[String], lang: Lang) -> Value {
    (areas.iter())
        .map(|a| area_name(content, ui, a, lang))
        .map(|n| json!({"@type": "AdministrativeArea", "name": n}))
        .collect()
}

/// `audience`: who it is for, by the site's audience names.
fn audience(content: &Content, ids: &[String], lang: Lang) -> Value {
    let terms = content.site.data.audiences.iter();
    terms
        .filter(|t| ids.contains(&t.id))
        .map(|t| json!({"@type": "Audience", "audienceType": text(&t.name, lang)}))
        .collect()
}

/// A number as schema.org and phones dial it: Japanese numbers in the global form
/// (`+81-96-328-2451`), short national numbers such as 189 as they are (the pages' `tel:`
/// links follow the same rule).
fn international(number: &str) -> String {
    match number.strip_prefix('0') {
        Some(rest) => format!("+81-{rest}"),
        None => number.to_string(),
    }
}

/// The places (with their sourced addresses) and contact points (sourced phones, with
/// the place's sourced hours) of sourced locations.
fn places(content: &Content, locs: &[SourcedLocation], lang: Lang, office: &str) -> (Value, Value) {
    let (mut places, mut points) = (Vec::new(), Vec::new());
    for loc in locs {
        let l = loc.location;
        let name = text(&l.name, lang);
        let address = l.address.as_ref().map(|a| {
            let street = text(a, data_lang(content));
            json!({"@type": "PostalAddress", "streetAddress": street,
                   "addressLocality": city_of(&street), "addressCountry": "JP"})
        });
        places.push(json!({"@type": office, "name": name, "address": address}));
        let hours = loc.hours.map(|h| text(&h.text, lang));
        let ja_hours = loc.hours.map(|h| text(&h.text, data_lang(content)));
        let spec = ja_hours
            .as_deref()
            .and_then(weekday_hours)
            .map(|(opens, closes)| {
                json!({"@type": "OpeningHoursSpecification", "opens": opens, "closes": closes,
                   "dayOfWeek": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]})
            });
        for p in &loc.phones {
            let kind = phone_type_name(content, &p.kind, lang);
            points.push(json!({"@type": "ContactPoint", "name": name,
                "telephone": international(&p.number), "contactType": kind,
                "hoursAvailable": spec, "description": hours}));
        }
    }
    (
        strip_nulls(Value::Array(places)),
        strip_nulls(Value::Array(points)),
    )
}

/// The value without null members, at any depth (absent facts are left out).
fn strip_nulls(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, strip_nulls(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(strip_nulls).collect()),
        other => other,
    }
}

fn is_government(a: &Agency) -> bool {
    a.operated_by.is_some()
}

/// JSON-LD of an agency's page in `lang` at `page_url`.
pub fn for_agency(
    content: &Content,
    ui: &UiStrings,
    agency: &Record<Agency>,
    lang: Lang,
    page_url: &str,
) -> String {
    let d = &agency.data;
    let gov = is_government(d);
    let kind = if gov {
        "GovernmentOrganization"
    } else {
        "Organization"
    };
    let mut m = base(content, kind, (&d.name, &d.description), lang, page_url);
    m.insert(
        "areaServed".into(),
        area_served(content, ui, &d.service_areas, lang),
    );
    m.insert("audience".into(), audience(content, &d.audiences, lang));
    let office = if gov { "GovernmentOffice" } else { "Place" };
    let (locations, points) = places(content, &sourced_locations(&d.locations), lang, office);
    if let Value::Array(a) = &locations
        && !a.is_empty()
    {
        m.insert("location".into(), locations);
        m.insert("contactPoint".into(), points);
    }
    if let Some(url) = &d.contact.url {
        m.insert("sameAs".into(), url.as_str().into());
    }
    if let Some(email) = &d.contact.email {
        m.insert("email".into(), email.as_str().into());
    }
    // `base` and `places` left out absent facts already.
    embeddable(&Value::Object(m))
}

/// JSON-LD of a program's page in `lang` at `page_url`; `operator` is the agency its
/// `operator` names (the caller has it resolved already).
pub fn for_program(
    content: &Content,
    ui: &UiStrings,
    program: &Record<Program>,
    operator: Option<&Record<Agency>>,
    lang: Lang,
    page_url: &str,
) -> String {
    let d = &program.data;
    let gov = operator.is_some_and(|a| is_government(&a.data));
    let kind = if gov { "GovernmentService" } else { "Service" };
    let mut m = base(content, kind, (&d.name, &d.description), lang, page_url);
    m.insert("serviceType".into(), text(&d.kind, lang).into());
    if let Some(op) = operator {
        let org = if gov {
            "GovernmentOrganization"
        } else {
            "Organization"
        };
        m.insert(
            "provider".into(),
            json!({"@type": org, "name": text(&op.data.name, lang)}),
        );
    }
    if !d.service_areas.is_empty() {
        m.insert(
            "areaServed".into(),
            area_served(content, ui, &d.service_areas, lang),
        );
    }
    m.insert("audience".into(), audience(content, &d.audiences, lang));
    embeddable(&Value::Object(m))
}

/// JSON-LD of a network's page in `lang` at `page_url`.
pub fn for_network(
    content: &Content,
    ui: &UiStrings,
    network: &Record<Network>,
    lang: Lang,
    page_url: &str,
) -> String {
    let d = &network.data;
    let mut m = base(
        content,
        "Organization",
        (&d.name, &d.description),
        lang,
        page_url,
    );
    let ward = std::slice::from_ref(&d.ward);
    m.insert("areaServed".into(), area_served(content, ui, ward, lang));
    embeddable(&Value::Object(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embeddable_text_cannot_close_the_script() {
        let v = json!({"name": "</script><b>&amp;"});
        let s = embeddable(&v);
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn embeddable_is_the_compact_json_with_three_characters_escaped() {
        let v = json!({"name": "子ども <発達> & 相談", "n": [1, 2.5, null], "k": {"q": "\"é\""}});
        let expected = (v.to_string())
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026");
        assert_eq!(embeddable(&v), expected);
    }

    #[test]
    fn numbers_in_global_form() {
        assert_eq!(international("096-328-2451"), "+81-96-328-2451");
        assert_eq!(international("189"), "189");
    }
}
