//! Contacts: every phone, address and opening hours a parent may act on must come from a
//! declared source (`sources:` in site.yaml). A record's `locations` are checked here, and
//! the sources themselves; the old `contact.phone/address/hours` keys are refused with
//! where to move them.

use super::{Checker, parse_date};
use crate::diag::{Diagnostic, Pos, did_you_mean};
use crate::load::Content;
use crate::model::{Contact, Kind, Location, Provenance};
use crate::yaml::{locate_key, locate_text};
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

/// Where in the file a list entry starts: the first line at or after `from` holding
/// `needle`, so that the second location's phone is found after the first location's.
fn locate_from(text: &str, from: Pos, needle: &str) -> Option<Pos> {
    let skip: usize = text
        .split_inclusive('\n')
        .take(from.line.saturating_sub(1))
        .map(str::len)
        .sum();
    locate_text(&text[skip..], needle).map(|p| Pos::new(p.line + from.line - 1, p.column))
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
                let pos = locate_key(&self.src.text, &["contact", key]).unwrap_or(Pos::START);
                self.error(
                    pos,
                    format!("`contact.{key}` is no longer used: a {key} must name where it was read"),
                    "move it under `locations:` (see docs/schema.md, \"Locations\") with `source:` set to a source id from site.yaml's `sources:`; if nobody has read it on an official page, delete it".to_string(),
                );
            }
        }
    }

    pub(super) fn locations(&mut self, locations: &[Location], ids: &SourceIds) {
        let mut from = locate_key(&self.src.text, &["locations"]).unwrap_or(Pos::START);
        for loc in locations {
            from = locate_from(&self.src.text, from, loc.name.written_first()).unwrap_or(from);
            let what = format!("the location `{}`", loc.name.written_first());
            self.source_ref(loc.source.as_deref(), true, from, &what, ids);
            if let Some(w) = &loc.ward {
                let pos = locate_from(&self.src.text, from, &format!("ward: {w}")).unwrap_or(from);
                if !ids.wards.contains(w) {
                    let hint = did_you_mean(w, ids.wards.iter().map(String::as_str));
                    self.error(
                        pos,
                        format!("unknown ward `{w}` in {what}"),
                        format!("{hint} (wards are declared in site.yaml)"),
                    );
                }
            }
            let mut phone_from = from;
            for phone in &loc.phones {
                phone_from =
                    locate_from(&self.src.text, phone_from, &phone.number).unwrap_or(phone_from);
                let what = format!("the phone number `{}`", phone.number);
                self.source_ref(phone.source.as_deref(), true, phone_from, &what, ids);
                self.phone_number(&phone.number, phone_from);
                if !ids.phone_types.contains(&phone.kind) {
                    let hint =
                        did_you_mean(&phone.kind, ids.phone_types.iter().map(String::as_str));
                    self.error(
                        phone_from,
                        format!("unknown phone `type` `{}` for {what}", phone.kind),
                        format!("{hint} (phone types are declared in site.yaml's `phone_types`)"),
                    );
                }
            }
            if let Some(hours) = &loc.hours {
                let pos = locate_from(&self.src.text, from, "hours:").unwrap_or(from);
                self.source_ref(
                    hours.source.as_deref(),
                    true,
                    pos,
                    &format!("the hours of `{}`", loc.name.written_first()),
                    ids,
                );
            }
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
            let pos = self.pos_of(&["source"], source);
            self.source_ref(Some(source), true, pos, "this record", ids);
        }
    }

    /// A fact's `source:`: required when `required`, and one of the declared ids.
    fn source_ref(
        &mut self,
        source: Option<&str>,
        required: bool,
        pos: Pos,
        what: &str,
        ids: &SourceIds,
    ) {
        match source {
            None if required => self.error(
                pos,
                format!("{what} has no `source`"),
                "add `source: <id>` naming the page or document it was read from (an id from site.yaml's `sources:`); never add a number or address nobody read on an official page".into(),
            ),
            None => {}
            Some(id) if !ids.ids.iter().any(|s| s == id) => {
                let pos = locate_from(&self.src.text, pos, &format!("source: {id}")).unwrap_or(pos);
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
        for field in p.unconfirmed {
            let pos = self.pos_of(&["unconfirmed"], field);
            if !allowed.contains(&field.as_str()) {
                let hint = did_you_mean(field, allowed.iter().copied());
                self.error(
                    pos,
                    format!("`unconfirmed` names `{field}`, which a {kind} cannot mark"),
                    hint,
                );
                continue;
            }
            let at = locate_key(&self.src.text, &[field]).unwrap_or(pos);
            self.diags.push(Diagnostic::warning(
                &self.src.path,
                at,
                format!("unconfirmed statement: `{field}` is not stated by the source (pages show it marked 要確認 / to be confirmed)"),
                "confirm it with the source document or the office, then remove it from `unconfirmed:`; if it cannot be confirmed, delete the statement",
            ));
        }
        for field in p.general_information {
            if !GENERAL.contains(&field.as_str()) {
                let pos = self.pos_of(&["general_information"], field);
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
    for s in &site.data.sources {
        let pos = c.pos_of(&["sources"], &s.id);
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
            c.url_value(&["sources"], url);
        }
    }
    if let Some(m) = &site.data.issued {
        let ok = parse_date(&format!("{m}-01")).is_some() && m.len() == 7;
        if !ok {
            let pos = c.pos_of(&["issued"], m);
            c.diags.push(Diagnostic::error(
                &site.src.path,
                pos,
                format!("`issued` is not a month: `{m}`"),
                "write the month printed on the handouts as YYYY-MM, e.g. 2026-11",
            ));
        }
    }
}
