//! Stage 2: check what single-file parsing cannot: references between records, vocabulary
//! values (tiers, wards, stages, audiences), dates, URLs, duplicate ids and missing
//! translations. Every problem is collected; nothing stops at the first one.

use crate::diag::{Diagnostic, Diagnostics, Pos, did_you_mean, nearest};
use crate::load::{AnyRecord, Content, Page, Source, id_index, is_valid_id};
use crate::markdown;
use crate::model::{Contact, Kind, Localized, Step};
use crate::yaml::Nodes;
use std::cell::OnceCell;
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
    Checker::new(&content.site.src, &mut diags).furigana();
    for p in &content.pages {
        check_page(p, markdown_depth, &mut diags);
    }
    languages::check_page_pairs(content, &mut diags);
    diags
}

/// A Markdown page in one walk: its nesting (then its links, when it is not too deep to
/// read them) and its furigana. Diagnostics are in the order found; every command sorts
/// them by file, line and column before printing (`Diagnostics::sort`).
fn check_page(p: &Page, markdown_depth: usize, diags: &mut Diagnostics) {
    let mut c = Checker::new(&p.src, diags);
    // The page's Markdown is the end of its file, after the title line.
    let body = p.src.text.len() - p.markdown.len();
    let pos = |offset: usize| crate::text::pos_of_offset(&p.src.text, body + offset);
    if let Some(offset) = markdown::too_deep(&p.markdown, markdown_depth) {
        c.markdown_too_deep(pos(offset), markdown_depth);
    } else {
        for (url, offset) in markdown::link_targets(&p.markdown) {
            c.url_value(pos(offset), &url);
        }
    }
    (c.diags.items).extend(crate::ruby::check_markdown(&p.src.path, &p.src.text));
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
    /// Where each value of the file is written, read when a diagnostic first needs it.
    nodes: OnceCell<Nodes>,
}

/// `staff.worried`: the keys of `path`, as messages name a field.
fn keys_of(path: &[Step]) -> String {
    let keys = path.iter().filter_map(|s| match s {
        Step::Key(k) => Some(*k),
        Step::Index(_) => None,
    });
    keys.collect::<Vec<_>>().join(".")
}

impl<'a> Checker<'a> {
    fn new(src: &'a Source, diags: &'a mut Diagnostics) -> Self {
        Checker {
            src,
            diags,
            nodes: OnceCell::new(),
        }
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
                &[Step::Key("tier")],
                tier,
                &v.tiers,
                "tier",
                "tiers are declared in site.yaml",
            );
        }
        for (i, w) in a.service_areas.iter().enumerate() {
            let why = "use a ward id from site.yaml or `citywide`";
            let at = [Step::Key("service_areas"), Step::Index(i)];
            self.one_of(&at, w, &v.wards_or_citywide, "ward", why);
        }
        if let Some(ward) = a.ward {
            let why = "wards are declared in site.yaml";
            self.one_of(&[Step::Key("ward")], ward, &v.wards, "ward", why);
        }
        for (key, len, help) in &a.non_empty {
            self.non_empty_list(&[Step::Key(key)], *len, help);
        }
        if let Some(audiences) = a.audiences {
            self.vocab_list("audiences", audiences, &v.audiences, "audience");
        }
        if let Some(stages) = a.stages {
            self.vocab_list("stages", stages, &v.stages, "stage");
        }
        for refs in &a.refs {
            let ids = refs.ids.iter().map(|(f, id)| (f.steps().to_vec(), *id));
            self.refs(refs.key, ids, v, refs.to);
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
            self.markdown_links(&[Step::Key("description")], a.description, markdown_depth);
        }
    }

    /// Malformed furigana markup (`{漢字|かんじ}`) in any text of the YAML file.
    fn furigana(&mut self) {
        for d in crate::ruby::check_yaml(&self.src.path, &self.src.text) {
            self.diags.push(d);
        }
    }

    fn nodes(&self) -> &Nodes {
        self.nodes.get_or_init(|| Nodes::of(&self.src.text))
    }

    /// Where the value at `path` is written (else the nearest field holding it).
    fn value_at(&self, path: &[Step]) -> Pos {
        self.nodes().value_or_holder(path)
    }

    /// Where the key of the value at `path` is written (else the nearest holder's).
    fn key_at(&self, path: &[Step]) -> Pos {
        self.nodes().key_or_holder(path)
    }

    fn error(&mut self, pos: Pos, msg: String, help: String) {
        self.diags
            .push(Diagnostic::error(&self.src.path, pos, msg, help));
    }

    /// The value at `path` is one of `allowed`.
    fn one_of(&mut self, path: &[Step], value: &str, allowed: &[String], what: &str, why: &str) {
        if !allowed.iter().any(|a| a == value) {
            let pos = self.value_at(path);
            let hint = did_you_mean(value, allowed.iter().map(String::as_str));
            self.error(
                pos,
                format!("unknown {what} `{value}` in `{}`", keys_of(path)),
                format!("{hint} ({why})"),
            );
        }
    }

    fn vocab_list(&mut self, key: &str, values: &[String], allowed: &[String], what: &str) {
        for (i, value) in values.iter().enumerate() {
            self.one_of(
                &[Step::Key(key), Step::Index(i)],
                value,
                allowed,
                what,
                "see site.yaml and content/stages/ for the ids",
            );
        }
        let help = format!("list at least one {what}");
        self.non_empty_list(&[Step::Key(key)], values.len(), &help);
    }

    fn non_empty_list(&mut self, path: &[Step], len: usize, help: &str) {
        if len == 0 {
            let pos = self.key_at(path);
            self.error(
                pos,
                format!("`{}` is empty", keys_of(path)),
                help.to_string(),
            );
        }
    }

    /// Each of `ids` (with the path where it is written) must be the id of a record of
    /// `kinds`; messages call the field `name`.
    fn refs<'i, 'p>(
        &mut self,
        name: &str,
        ids: impl IntoIterator<Item = (Vec<Step<'p>>, &'i str)>,
        v: &Vocab,
        kinds: &[Kind],
    ) {
        let targets = v.ids_of(kinds);
        let what = kinds_in_words(kinds);
        for (path, id) in ids {
            if (targets.iter()).any(|t| t.binary_search_by(|x| x.as_str().cmp(id)).is_ok()) {
                continue;
            }
            let pos = self.value_at(&path);
            let all = targets.iter().flat_map(|t| t.iter().map(String::as_str));
            let near = nearest(id, all, 3);
            let near = near
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ");
            self.error(
                pos,
                format!("`{name}` refers to a missing {what} `{id}`"),
                format!(
                    "the nearest ids are {near}; an id is the record's file name without `.yaml`"
                ),
            );
        }
    }

    fn date(&mut self, value: &str) {
        if parse_date(value).is_none() {
            let pos = self.value_at(&[Step::Key("verified_on")]);
            self.error(
                pos,
                format!("`verified_on` is not a valid date: `{value}`"),
                "write the date the record was last checked as YYYY-MM-DD, e.g. 2024-01-26".into(),
            );
        }
    }

    fn contact(&mut self, contact: &Contact) {
        if let Some(url) = &contact.url {
            let at = self.value_at(&[Step::Key("contact"), Step::Key("url")]);
            self.url_value(at, url);
        }
        if let Some(email) = &contact.email {
            let ok = email.split_once('@').is_some_and(|(a, b)| {
                !a.is_empty() && b.contains('.') && !email.contains(char::is_whitespace)
            });
            if !ok {
                let pos = self.value_at(&[Step::Key("contact"), Step::Key("email")]);
                self.error(
                    pos,
                    format!("`contact.email` is not an email address: `{email}`"),
                    "write it like `name@example.jp`, or leave the field out".into(),
                );
            }
        }
        self.legacy_contact(contact);
    }

    /// A link written at `pos`.
    fn url_value(&mut self, pos: Pos, url: &str) {
        if let Err(why) = check_url(url) {
            self.error(pos, format!("unsafe or invalid link `{url}`: {why}"), "use a full https:// address (or a relative link inside the site), never `javascript:`".into());
        }
    }

    /// The links of a Markdown text at `path`, each language's at its own text.
    fn markdown_links(&mut self, path: &[Step], text: &Localized, markdown_depth: usize) {
        for (lang, body) in text.texts() {
            if markdown::too_deep(body, markdown_depth).is_some() {
                let pos = self.key_at(path);
                self.markdown_too_deep(pos, markdown_depth);
                continue;
            }
            let mut at = path.to_vec();
            at.push(Step::Key(lang.code()));
            for (url, _) in markdown::link_targets(body) {
                if check_url(&url).is_err() {
                    let pos = self.nodes().within(&self.src.text, &at, &url);
                    self.url_value(pos, &url);
                }
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
        let pos = c.value_at(&[Step::Key("base_url")]);
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
        for (i, t) in terms.iter().enumerate() {
            let pos = c.value_at(&[Step::Key(key), Step::Index(i), Step::Key("id")]);
            if !is_valid_id(&t.id) || t.id == CITYWIDE {
                c.error(
                    pos,
                    format!("`{key}` id `{}` is not allowed", t.id),
                    "ids use a-z, 0-9 and `-` (and `citywide` is reserved)".into(),
                );
            }
            if !seen.insert(&t.id) {
                c.error(
                    pos,
                    format!("`{key}` lists `{}` twice", t.id),
                    "remove one of them".into(),
                );
            }
        }
    }
    for (i, id) in site.data.stages.iter().enumerate() {
        c.one_of(
            &[Step::Key("stages"), Step::Index(i)],
            id,
            &v.stages,
            "stage",
            "every stage listed needs a file content/stages/<id>.yaml",
        );
    }
    for (key, ids) in site.data.staff.sections() {
        let at = |i| vec![Step::Key("staff"), Step::Key(key), Step::Index(i)];
        let ids = ids.iter().enumerate().map(|(i, id)| (at(i), id.as_str()));
        let name = format!("staff.{key}");
        c.refs(&name, ids, v, &[Kind::Agency, Kind::Program]);
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
        let pos = c.value_at(&[Step::Key("base_url")]);
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
