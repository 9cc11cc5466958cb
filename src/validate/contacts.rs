//! Contacts: every phone, address and opening hours a parent may act on must come from a
//! declared source (`sources:` in site.yaml). A record's `locations` are checked here, and
//! the sources themselves; the old `contact.phone/address/hours` keys are refused with
//! where to move them.

use super::{Checker, parse_date};
use crate::diag::{Diagnostic, Pos, did_you_mean};
use crate::load::Content;
use crate::model::{Contact, Kind, Location, Phone, Provenance, Step};
use std::collections::BTreeSet;

/// Source kinds, each dated in its own way on the pages.
pub(super) const SOURCE_KINDS: [&str; 2] = ["meeting", "page"];

/// The ids a `source:` may name.
pub(super) struct SourceIds {
    ids: Vec<String>,
    phone_types: Vec<String>,
    wards: Vec<String>,
}

impl SourceIds {
    pub(super) fn new(content: &Content) -> Self {
        let site = &content.site.data;
        SourceIds {
            ids: site.sources.iter().map(|s| s.id.clone()).collect(),
            phone_types: site.phone_types.iter().map(|t| t.id.clone()).collect(),
            wards: site.wards.iter().map(|t| t.id.clone()).collect(),
        }
    }
}

impl Checker<'_> {
    /// `contact:` keeps only `url` and `email`.
    pub(super) fn legacy_contact(&mut self, contact: &Contact) {
        for (key, present) in [
            ("phone", contact.phone.is_some()),
            ("address", contact.address.is_some()),
            ("hours", contact.hours.is_some()),
        ] {
            if present {
                let pos = self.key_at(&[Step::Key("contact"), Step::Key(key)]);
                self.error(
                    pos,
                    format!("`contact.{key}` is no longer used: a {key} must name where it was read"),
                    "move it under `locations:` (see docs/schema.md, \"Locations\") with `source:` set to a source id from site.yaml's `sources:`; if nobody has read it on an official page, delete it".to_string(),
                );
            }
        }
    }

    /// Each location, phone and hours names a declared source; wards, numbers and phone
    /// types are known. Each is found by its own place in the list.
    pub(super) fn locations(&mut self, locations: &[Location], ids: &SourceIds) {
        for (i, loc) in locations.iter().enumerate() {
            let place = [Step::Key("locations"), Step::Index(i)];
            let what = format!("the location `{}`", loc.name.written_first());
            // A location is named by its name: a missing source is reported at its text.
            let first = loc.name.texts().next().map_or("", |(lang, _)| lang.code());
            let named = self.value_at(&[place[0], place[1], Step::Key("name"), Step::Key(first)]);
            self.source_ref(loc.source.as_deref(), &place, named, &what, ids);
            if let Some(w) = &loc.ward
                && !ids.wards.contains(w)
            {
                let pos = self.value_at(&[place[0], place[1], Step::Key("ward")]);
                let hint = did_you_mean(w, ids.wards.iter().map(String::as_str));
                self.error(
                    pos,
                    format!("unknown ward `{w}` in {what}"),
                    format!("{hint} (wards are declared in site.yaml)"),
                );
            }
            for (j, phone) in loc.phones.iter().enumerate() {
                let at = [place[0], place[1], Step::Key("phones"), Step::Index(j)];
                self.phone(phone, &at, ids);
            }
            if let Some(hours) = &loc.hours {
                let at = [place[0], place[1], Step::Key("hours")];
                let what = format!("the hours of `{}`", loc.name.written_first());
                let named = self.key_at(&at);
                self.source_ref(hours.source.as_deref(), &at, named, &what, ids);
            }
        }
    }

    /// The phone written at `at`: its source, number and type.
    fn phone(&mut self, phone: &Phone, at: &[Step], ids: &SourceIds) {
        let what = format!("the phone number `{}`", phone.number);
        let field = |key| [at, &[Step::Key(key)]].concat();
        let number = self.value_at(&field("number"));
        self.source_ref(phone.source.as_deref(), at, number, &what, ids);
        self.phone_number(&phone.number, number);
        if !ids.phone_types.contains(&phone.kind) {
            let hint = did_you_mean(&phone.kind, ids.phone_types.iter().map(String::as_str));
            self.error(
                self.value_at(&field("type")),
                format!("unknown phone `type` `{}` for {what}", phone.kind),
                format!("{hint} (phone types are declared in site.yaml's `phone_types`)"),
            );
        }
    }

    fn phone_number(&mut self, phone: &str, pos: Pos) {
        let ok = phone.chars().all(|c| c.is_ascii_digit() || c == '-')
            && phone.chars().filter(char::is_ascii_digit).count() >= 3;
        if !ok {
            self.error(
                pos,
                format!("`{phone}` is not a phone number"),
                "write half-width digits with hyphens and the area code, e.g. 096-328-2451 (or a short national number such as 189)".into(),
            );
        }
    }

    /// A record's own `source:`: a source id, or (as records were first written) the
    /// document's name in words. A word one or two letters away from a declared id is
    /// taken for a mistyped id.
    pub(super) fn record_source(&mut self, source: &str, ids: &SourceIds) {
        let declared = ids.ids.iter().any(|s| s == source);
        let near_id = ids
            .ids
            .iter()
            .any(|s| crate::diag::edit_distance(source, s) <= 2);
        if crate::load::is_valid_id(source) && !declared && near_id {
            self.source_ref(Some(source), &[], Pos::START, "this record", ids);
        }
    }

    /// The `source:` of the fact written at `at` (the record itself at `[]`) and named at
    /// `named` (where a missing source is reported): required, and one of the declared ids.
    fn source_ref(
        &mut self,
        source: Option<&str>,
        at: &[Step],
        named: Pos,
        what: &str,
        ids: &SourceIds,
    ) {
        match source {
            None => self.error(
                named,
                format!("{what} has no `source`"),
                "add `source: <id>` naming the page or document it was read from (an id from site.yaml's `sources:`); never add a number or address nobody read on an official page".into(),
            ),
            Some(id) if !ids.ids.iter().any(|s| s == id) => {
                let pos = self.key_at(&[at, &[Step::Key("source")]].concat());
                let hint = did_you_mean(id, ids.ids.iter().map(String::as_str));
                self.error(
                    pos,
                    format!("{what} names an unknown source `{id}`"),
                    format!("{hint} (sources are declared once in site.yaml's `sources:` with title, url, publisher and date)"),
                );
            }
            Some(_) => {}
        }
    }
}

/// The fields `general_information:` may name.
pub(super) const GENERAL: [&str; 4] = ["fees", "eligibility", "description", "application_process"];

impl Checker<'_> {
    /// `unconfirmed:` and `general_information:` name real fields; each unconfirmed
    /// statement is listed for staff as a warning at its field.
    pub(super) fn provenance(&mut self, kind: Kind, p: Provenance) {
        let (kind, allowed) = (kind.name(), p.markable);
        for (i, field) in p.unconfirmed.iter().enumerate() {
            let pos = self.value_at(&[Step::Key("unconfirmed"), Step::Index(i)]);
            if !allowed.contains(&field.as_str()) {
                let hint = did_you_mean(field, allowed.iter().copied());
                self.error(
                    pos,
                    format!("`unconfirmed` names `{field}`, which a {kind} cannot mark"),
                    hint,
                );
                continue;
            }
            // The statement itself: the record's own field (which may be left out).
            let at = self.nodes().key(&[Step::Key(field)]).unwrap_or(pos);
            self.diags.push(Diagnostic::warning(
                &self.src.path,
                at,
                format!("unconfirmed statement: `{field}` is not stated by the source (pages show it marked 要確認 / to be confirmed)"),
                "confirm it with the source document or the office, then remove it from `unconfirmed:`; if it cannot be confirmed, delete the statement",
            ));
        }
        for (i, field) in p.general_information.iter().enumerate() {
            if !GENERAL.contains(&field.as_str()) {
                let pos = self.value_at(&[Step::Key("general_information"), Step::Index(i)]);
                let hint = did_you_mean(field, GENERAL);
                self.error(
                    pos,
                    format!("`general_information` names `{field}`, which cannot be marked"),
                    hint,
                );
            }
        }
    }
}

/// site.yaml's `sources:` and `phone_types:`: ids unique, a kind and a date each.
pub(super) fn check_sources(content: &Content, diags: &mut crate::diag::Diagnostics) {
    let site = &content.site;
    let mut c = Checker::new(&site.src, diags);
    let mut seen = BTreeSet::new();
    for (i, s) in site.data.sources.iter().enumerate() {
        let at = |key| c.value_at(&[Step::Key("sources"), Step::Index(i), Step::Key(key)]);
        let (pos, url_pos) = (at("id"), at("url"));
        if !crate::load::is_valid_id(&s.id) || !seen.insert(&s.id) {
            c.error(
                pos,
                format!("source id `{}` is not allowed or used twice", s.id),
                "give every source its own id of a-z, 0-9 and `-`".into(),
            );
        }
        if !SOURCE_KINDS.contains(&s.kind.as_str()) {
            let hint = did_you_mean(&s.kind, SOURCE_KINDS);
            c.error(
                pos,
                format!("source `{}` has an unknown `kind` `{}`", s.id, s.kind),
                format!("{hint}: `meeting` for a meeting's document, `page` for a web page"),
            );
        }
        if s.date != "unknown" && parse_date(&s.date).is_none() {
            c.error(pos, format!("source `{}` has no valid `date`: `{}`", s.id, s.date), "write the document's or page's own date as YYYY-MM-DD (a page's \"last updated\" date), or `unknown` when it shows none".into());
        }
        if let Some(url) = &s.url {
            c.url_value(url_pos, url);
        }
    }
    if let Some(m) = &site.data.issued {
        let ok = parse_date(&format!("{m}-01")).is_some() && m.len() == 7;
        if !ok {
            let pos = c.value_at(&[Step::Key("issued")]);
            c.diags.push(Diagnostic::error(
                &site.src.path,
                pos,
                format!("`issued` is not a month: `{m}`"),
                "write the month printed on the handouts as YYYY-MM, e.g. 2026-11",
            ));
        }
    }
}
