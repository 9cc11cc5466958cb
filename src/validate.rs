//! Stage 2: check what single-file parsing cannot: references between records, vocabulary
//! values (tiers, wards, stages, audiences), dates, URLs, duplicate ids and missing
//! translations. Every problem is collected; nothing stops at the first one.

use crate::diag::{Diagnostic, Diagnostics, Pos, did_you_mean, nearest};
use crate::load::{AnyRecord, Content, Source, id_index, is_valid_id};
use crate::markdown;
use crate::model::{Contact, Kind, Localized};
use crate::yaml::{locate_key, locate_value};
use std::collections::BTreeSet;

mod contacts;
mod languages;

/// The id that stands for "the whole city" in `service_areas`.
pub(crate) const CITYWIDE: &str = "citywide";

/// Every problem `content` has that single-file parsing cannot see, unsorted.
pub(crate) fn validate(content: &Content) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let v = Vocab::new(content);
    let markdown_depth = content.site.data.limits.markdown_depth;
    let langs = &content.site.data.languages;
    check_site(content, &v, &mut diags);
    languages::check_declarations(content, &mut diags);
    check_duplicates(content, &mut diags);
    contacts::check_sources(content, &mut diags);
    let source_ids = contacts::SourceIds::new(content);

    // One walk over the records, each record's fields by role (`About`) built once.
    for r in content.records() {
        let mut c = Checker::new(r.src, &mut diags);
        c.record(&r, &v, &source_ids, markdown_depth);
        c.translations(langs, r.about.written_texts());
        c.reviews(langs, r.about.review);
        c.furigana();
    }
    for p in &content.pages {
        let mut c = Checker::new(&p.src, &mut diags);
        if let Some(offset) = markdown::too_deep(&p.markdown, markdown_depth) {
            // The page's Markdown is the end of its file, after the title line.
            let at = p.src.text.len() - p.markdown.len() + offset;
            let pos = crate::text::pos_of_offset(&p.src.text, at);
            c.markdown_too_deep(pos, markdown_depth);
            continue;
        }
        for url in markdown::link_targets(&p.markdown) {
            c.url_value(&[], &url);
        }
    }
    Checker::new(&content.site.src, &mut diags).furigana();
    for p in &content.pages {
        for d in crate::ruby::check_markdown(&p.src.path, &p.src.text) {
            diags.push(d);
        }
    }
    languages::check_page_pairs(content, &mut diags);
    diags
}

/// The ids each kind of reference may point to.
struct Vocab {
    tiers: Vec<String>,
    wards: Vec<String>,
    wards_or_citywide: Vec<String>,
    audiences: Vec<String>,
    /// The stage ids, in file order (`one_of` looks through them).
    stages: Vec<String>,
    /// The record ids of each kind, in the order of [`Kind::ALL`], each list sorted so
    /// `refs` finds an id by binary search: tens of thousands of records each referring
    /// to others would otherwise cost a scan per reference.
    records: Vec<(Kind, Vec<String>)>,
}

impl Vocab {
    fn new(content: &Content) -> Self {
        let site = &content.site.data;
        let ids =
            |terms: &[crate::model::Term]| terms.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
        let wards = ids(&site.wards);
        let mut wards_or_citywide = wards.clone();
        wards_or_citywide.push(CITYWIDE.to_string());
        // A record that failed to parse counts as present (`ids_of`): its own error says
        // why, and every reference to it would otherwise blame the referring file.
        let of_kind = |kind| content.ids_of(kind).map(str::to_string).collect::<Vec<_>>();
        let records = (Kind::ALL.into_iter())
            .map(|kind| {
                let mut list = of_kind(kind);
                list.sort();
                (kind, list)
            })
            .collect();
        Vocab {
            tiers: ids(&site.tiers),
            wards,
            wards_or_citywide,
            audiences: ids(&site.audiences),
            stages: of_kind(Kind::Stage),
            records,
        }
    }

    /// The sorted id lists of `kinds`.
    fn ids_of<'v>(&'v self, kinds: &[Kind]) -> Vec<&'v [String]> {
        (self.records.iter())
            .filter(|(k, _)| kinds.contains(k))
            .map(|(_, ids)| ids.as_slice())
            .collect()
    }
}

/// "agency", "agency or program": what a reference to `kinds` names, for messages.
fn kinds_in_words(kinds: &[Kind]) -> String {
    kinds
        .iter()
        .map(|k| k.name())
        .collect::<Vec<_>>()
        .join(" or ")
}

struct Checker<'a> {
    src: &'a Source,
    diags: &'a mut Diagnostics,
}

impl<'a> Checker<'a> {
    fn new(src: &'a Source, diags: &'a mut Diagnostics) -> Self {
        Checker { src, diags }
    }

    /// The checks of every record, read from its fields by role (the translations are
    /// checked by the caller, which knows the languages).
    fn record(
        &mut self,
        r: &AnyRecord,
        v: &Vocab,
        sources: &contacts::SourceIds,
        markdown_depth: usize,
    ) {
        let a = &r.about;
        if let Some(tier) = a.tier {
            self.one_of(
                &["tier"],
                tier,
                &v.tiers,
                "tier",
                "tiers are declared in site.yaml",
            );
        }
        for w in a.service_areas {
            let why = "use a ward id from site.yaml or `citywide`";
            self.one_of(&["service_areas"], w, &v.wards_or_citywide, "ward", why);
        }
        if let Some(ward) = a.ward {
            let why = "wards are declared in site.yaml";
            self.one_of(&["ward"], ward, &v.wards, "ward", why);
        }
        for (key, len, help) in &a.non_empty {
            self.non_empty_list(&[*key], *len, help);
        }
        if let Some(audiences) = a.audiences {
            self.vocab_list(&["audiences"], audiences, &v.audiences, "audience");
        }
        if let Some(stages) = a.stages {
            self.vocab_list(&["stages"], stages, &v.stages, "stage");
        }
        for refs in &a.refs {
            self.refs(&[refs.key], refs.ids.iter().copied(), v, refs.to);
        }
        self.date(a.verified_on);
        self.record_source(a.source, sources);
        if let Some(p) = a.provenance {
            self.provenance(r.kind, p);
        }
        if let Some(contact) = a.contact {
            self.contact(contact);
        }
        if !a.locations.is_empty() {
            self.locations(a.locations, sources);
        }
        if a.markdown {
            self.markdown_links(&["description"], a.description, markdown_depth);
        }
    }

    /// Malformed furigana markup (`{漢字|かんじ}`) in any text of the YAML file.
    fn furigana(&mut self) {
        for d in crate::ruby::check_yaml(&self.src.path, &self.src.text) {
            self.diags.push(d);
        }
    }

    fn pos_of(&self, path: &[&str], value: &str) -> Pos {
        if path.is_empty() {
            return crate::yaml::locate_text(&self.src.text, value).unwrap_or(Pos::START);
        }
        locate_value(&self.src.text, path, value).unwrap_or(Pos::START)
    }

    fn error(&mut self, pos: Pos, msg: String, help: String) {
        self.diags
            .push(Diagnostic::error(&self.src.path, pos, msg, help));
    }

    fn one_of(&mut self, path: &[&str], value: &str, allowed: &[String], what: &str, why: &str) {
        if !allowed.iter().any(|a| a == value) {
            let pos = self.pos_of(path, value);
            let hint = did_you_mean(value, allowed.iter().map(String::as_str));
            self.error(
                pos,
                format!("unknown {what} `{value}` in `{}`", path.join(".")),
                format!("{hint} ({why})"),
            );
        }
    }

    fn vocab_list(&mut self, path: &[&str], values: &[String], allowed: &[String], what: &str) {
        for value in values {
            self.one_of(
                path,
                value,
                allowed,
                what,
                "see site.yaml and content/stages/ for the ids",
            );
        }
        self.non_empty_list(path, values.len(), &format!("list at least one {what}"));
    }

    fn non_empty_list(&mut self, path: &[&str], len: usize, help: &str) {
        if len == 0 {
            let pos = locate_key(&self.src.text, path).unwrap_or(Pos::START);
            self.error(
                pos,
                format!("`{}` is empty", path.join(".")),
                help.to_string(),
            );
        }
    }

    /// Each of `ids` must be the id of a record of `kinds`.
    fn refs<'i>(
        &mut self,
        path: &[&str],
        ids: impl IntoIterator<Item = &'i str>,
        v: &Vocab,
        kinds: &[Kind],
    ) {
        let targets = v.ids_of(kinds);
        let what = kinds_in_words(kinds);
        for id in ids {
            if (targets.iter()).any(|t| t.binary_search_by(|x| x.as_str().cmp(id)).is_ok()) {
                continue;
            }
            let pos = self.pos_of(path, id);
            let all = targets.iter().flat_map(|t| t.iter().map(String::as_str));
            let near = nearest(id, all, 3);
            let near = near
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ");
            self.error(
                pos,
                format!("`{}` refers to a missing {what} `{id}`", path.join(".")),
                format!(
                    "the nearest ids are {near}; an id is the record's file name without `.yaml`"
                ),
            );
        }
    }

    fn date(&mut self, value: &str) {
        if parse_date(value).is_none() {
            let pos = self.pos_of(&["verified_on"], value);
            self.error(
                pos,
                format!("`verified_on` is not a valid date: `{value}`"),
                "write the date the record was last checked as YYYY-MM-DD, e.g. 2024-01-26".into(),
            );
        }
    }

    fn contact(&mut self, contact: &Contact) {
        if let Some(url) = &contact.url {
            self.url_value(&["contact", "url"], url);
        }
        if let Some(email) = &contact.email {
            let ok = email.split_once('@').is_some_and(|(a, b)| {
                !a.is_empty() && b.contains('.') && !email.contains(char::is_whitespace)
            });
            if !ok {
                let pos = self.pos_of(&["contact", "email"], email);
                self.error(
                    pos,
                    format!("`contact.email` is not an email address: `{email}`"),
                    "write it like `name@example.jp`, or leave the field out".into(),
                );
            }
        }
        self.legacy_contact(contact);
    }

    fn url_value(&mut self, path: &[&str], url: &str) {
        if let Err(why) = check_url(url) {
            let pos = self.pos_of(path, url);
            self.error(pos, format!("unsafe or invalid link `{url}`: {why}"), "use a full https:// address (or a relative link inside the site), never `javascript:`".into());
        }
    }

    fn markdown_links(&mut self, path: &[&str], text: &Localized, markdown_depth: usize) {
        for (_, body) in text.texts() {
            if markdown::too_deep(body, markdown_depth).is_some() {
                let pos = locate_key(&self.src.text, path).unwrap_or(Pos::START);
                self.markdown_too_deep(pos, markdown_depth);
                continue;
            }
            for url in markdown::link_targets(body) {
                self.url_value(path, &url);
            }
        }
    }

    fn markdown_too_deep(&mut self, pos: Pos, limit: usize) {
        self.error(
            pos,
            format!("the Markdown nests block quotes, lists or HTML tags more than {limit} levels deep"),
            format!("close the HTML tags you open (`<div>` needs `</div>`) and flatten the quotes and lists; if your content really needs more, raise it in site.yaml: `limits: {{markdown_depth: …}}` (now {limit})"),
        );
    }
}

/// Why a link target is refused (the message is the end of the link's diagnostic).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub(crate) enum UrlRefusal {
    /// `\` anywhere: browsers read it as `/`.
    #[error("a link may not contain `\\` (browsers read it as `/`, which can lead off the site)")]
    Backslash,
    /// `http:` or `https:` without `//host`.
    #[error("an http(s) address needs a host, like https://example.jp/")]
    NoHost,
    /// A scheme other than http, https, mailto and tel (`javascript:`, `data:`).
    #[error("only http, https, mailto and tel links are allowed")]
    Scheme,
    /// `//host/…`: another site without saying so.
    #[error(
        "a link starting with `//` leads to another site (write https:// in full, or a relative link without the leading `//`)"
    )]
    ProtocolRelative,
    /// Nothing but spaces.
    #[error("the link is empty")]
    Empty,
}

/// Allowed link targets: http(s), mailto, tel, and relative links that stay in the site.
pub(crate) fn check_url(url: &str) -> Result<(), UrlRefusal> {
    // Browsers read `\` as `/`: `/\evil.example/` and `\\evil.example/` leave the site.
    if url.contains('\\') {
        return Err(UrlRefusal::Backslash);
    }
    let trimmed = url.trim();
    let lower: String = trimmed
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    if let Some((scheme, rest)) = lower.split_once(':')
        && !scheme.contains('/')
        && !scheme.contains('#')
        && !scheme.contains('?')
    {
        return match scheme {
            "http" | "https" => {
                if rest.starts_with("//") && rest.len() > 2 && !rest[2..].starts_with('/') {
                    Ok(())
                } else {
                    Err(UrlRefusal::NoHost)
                }
            }
            "mailto" | "tel" => Ok(()),
            _ => Err(UrlRefusal::Scheme),
        };
    }
    if lower.starts_with("//") {
        return Err(UrlRefusal::ProtocolRelative);
    }
    if trimmed.is_empty() {
        return Err(UrlRefusal::Empty);
    }
    Ok(())
}

/// `YYYY-MM-DD` → (year, month, day), checking the calendar.
pub(crate) fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i32 = s[0..4].parse().ok()?;
    let m: u32 = s[5..7].parse().ok()?;
    let d: u32 = s[8..10].parse().ok()?;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (y >= 1900 && (1..=days).contains(&d)).then_some((y, m, d))
}

fn check_site(content: &Content, v: &Vocab, diags: &mut Diagnostics) {
    let site = &content.site;
    let mut c = Checker::new(&site.src, diags);
    if let Some(url) = &site.data.base_url
        && (!(url.starts_with("https://") || url.starts_with("http://")) || check_url(url).is_err())
    {
        let pos = c.pos_of(&["base_url"], url);
        c.error(
            pos,
            format!("`base_url` must be a full http(s) address: `{url}`"),
            "e.g. https://example.jp/kodomo/hattatsu/ (used for QR codes and feeds only)".into(),
        );
    }
    check_base_url_fits_qr(content, &mut c);
    for (key, terms) in [
        ("tiers", &site.data.tiers),
        ("wards", &site.data.wards),
        ("audiences", &site.data.audiences),
    ] {
        let mut seen = BTreeSet::new();
        for t in terms {
            if !is_valid_id(&t.id) || t.id == CITYWIDE {
                let pos = c.pos_of(&[key], &t.id);
                c.error(
                    pos,
                    format!("`{key}` id `{}` is not allowed", t.id),
                    "ids use a-z, 0-9 and `-` (and `citywide` is reserved)".into(),
                );
            }
            if !seen.insert(&t.id) {
                let pos = c.pos_of(&[key], &t.id);
                c.error(
                    pos,
                    format!("`{key}` lists `{}` twice", t.id),
                    "remove one of them".into(),
                );
            }
        }
    }
    for id in &site.data.stages {
        c.one_of(
            &["stages"],
            id,
            &v.stages,
            "stage",
            "every stage listed needs a file content/stages/<id>.yaml",
        );
    }
    for (key, ids) in site.data.staff.sections() {
        let ids = ids.iter().map(String::as_str);
        c.refs(&["staff", key], ids, v, &[Kind::Agency, Kind::Program]);
    }
    for r in &content.stages {
        if !site.data.stages.contains(&r.id) {
            c.diags.push(Diagnostic::error(
                &r.src.path,
                Pos::START,
                format!("the stage `{}` is not listed in site.yaml's `stages`", r.id),
                "add its id to `stages:` in site.yaml, in the order stages come in a child's life",
            ));
        }
    }
}

/// The handouts' QR codes hold `base_url` plus the stage page's path; an address too long
/// for a QR code would silently leave the handouts without one.
fn check_base_url_fits_qr(content: &Content, c: &mut Checker) {
    let Some(url) = &content.site.data.base_url else {
        return;
    };
    let longest = content
        .stages
        .iter()
        .filter(|s| s.data.handout)
        // `HANDOUT_TAIL_MAX` is the tail for the longest id (80); this stage's is shorter.
        .map(|s| url.len() + crate::qr::HANDOUT_TAIL_MAX - 80 + s.id.len())
        .max();
    if let Some(bytes) = longest.filter(|b| *b > crate::qr::MAX_BYTES) {
        let pos = c.pos_of(&["base_url"], url);
        c.error(
            pos,
            format!(
                "`base_url` is too long for the QR codes on the handouts: a stage page's address would be {bytes} bytes, and a QR code holds at most {}",
                crate::qr::MAX_BYTES
            ),
            "use a shorter address in site.yaml's `base_url` (or in `--base-url` when you pass one); the handouts print the stage page's address as a QR code".into(),
        );
    }
}

fn check_duplicates(content: &Content, diags: &mut Diagnostics) {
    for (id, owners) in id_index(content) {
        if owners.len() > 1 {
            let (_, first) = owners[0];
            for (kind, path) in &owners[1..] {
                diags.push(Diagnostic::error(
                    path,
                    Pos::START,
                    format!("duplicate id `{id}`: this {kind} has the same id as {}", first.display()),
                    "ids are file names and must be unique across agencies, programs, networks and stages; rename one file",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert!(check_url("https://www.city.kumamoto.jp/").is_ok());
        assert!(check_url("mailto:a@b.jp").is_ok());
        assert!(check_url("../about/").is_ok());
        let refused = |url| check_url(url).unwrap_err();
        assert_eq!(refused("javascript:alert(1)"), UrlRefusal::Scheme);
        assert_eq!(refused(" JaVa\tScRiPt:alert(1)"), UrlRefusal::Scheme);
        assert_eq!(refused("data:text/html,x"), UrlRefusal::Scheme);
        assert_eq!(refused("https:///x"), UrlRefusal::NoHost);
        assert_eq!(refused("//evil.example/"), UrlRefusal::ProtocolRelative);
        assert_eq!(refused(" //evil.example/"), UrlRefusal::ProtocolRelative);
        assert_eq!(refused("\\\\evil.example/"), UrlRefusal::Backslash);
        assert_eq!(refused("/\\evil.example/"), UrlRefusal::Backslash);
        assert_eq!(
            refused("https://city.example\\@evil.example/"),
            UrlRefusal::Backslash
        );
        assert_eq!(refused(" "), UrlRefusal::Empty);
        assert!(check_url("../a/b/index.html#x").is_ok());
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2024-01-26"), Some((2024, 1, 26)));
        assert_eq!(parse_date("2024-02-29"), Some((2024, 2, 29)));
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("2024-13-01"), None);
        assert_eq!(parse_date("2024/01/26"), None);
        assert_eq!(parse_date("26-01-2024"), None);
    }
}
