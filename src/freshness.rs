//! How fresh the records are: stale `verified_on` dates and records nobody can be
//! contacted through. The "recently updated" pages and feed are views, built in
//! `sitemodel`.
//!
//! A wrong phone number sends a worried parent nowhere, so age is reported, not hidden.

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::Content;
use crate::model::Step;
use crate::validate::parse_date;
use crate::yaml::Nodes;

/// Months after `verified_on` before a record counts as stale when site.yaml's
/// `stale_after_months` does not say.
pub(crate) const DEFAULT_STALE_AFTER_MONTHS: u32 = 12;

/// A calendar date as (year, month 1–12, day 1–31).
pub(crate) type Date = (i32, u32, u32);

/// Today's date in Japan (UTC+9), where the records are kept.
pub fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days(((secs + 9 * 3600) / 86_400) as i64)
}

/// Days since 1970-01-01 → (year, month, day) (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> Date {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

/// Whether a record checked on `verified` is older than `months` on `today`.
pub(crate) fn is_stale(verified: Date, months: u32, today: Date) -> bool {
    let total = verified.0 as i64 * 12 + (verified.1 as i64 - 1) + months as i64;
    let due = (
        (total.div_euclid(12)) as i32,
        (total.rem_euclid(12) + 1) as u32,
        verified.2,
    );
    due < today
}

/// Warnings for stale records and records without any contact details.
pub(crate) fn check(c: &Content, today: Date) -> Diagnostics {
    let months = c
        .site
        .data
        .stale_after_months
        .unwrap_or(DEFAULT_STALE_AFTER_MONTHS);
    let mut diags = Diagnostics::default();
    for r in c.records() {
        let (kind, src, verified_on) = (r.kind.name(), r.src, r.about.verified_on);
        // Read only for a record with a warning.
        let nodes = std::cell::OnceCell::new();
        let nodes = || nodes.get_or_init(|| Nodes::of(&src.text));
        if let Some(date) = parse_date(verified_on).filter(|d| is_stale(*d, months, today)) {
            let pos = nodes().value_or_holder(&[Step::Key("verified_on")]);
            diags.push(Diagnostic::warning(
                &src.path,
                pos,
                format!("this {kind} was last verified on {}, more than {months} months ago", fmt_date(date)),
                "confirm every detail with the source (phone, hours, address), then set `verified_on` to the date you checked; the age limit is `stale_after_months` in site.yaml",
            ));
        }
        // Kinds without a contact field (networks, stages) are reached through others.
        let unreachable =
            (r.about.contact).is_some_and(|c| c.is_empty() && r.about.locations.is_empty());
        if unreachable {
            let pos = nodes().key_or_holder(&[Step::Key("contact")]);
            diags.push(Diagnostic::warning(
                &src.path,
                pos,
                format!("this {kind} has no contact details (phone, email, url or address)"),
                "add a verified `contact:` section; until then its page tells readers where to confirm (`confirm_at` in site.yaml). Never guess a number",
            ));
        }
    }
    diags
}

fn fmt_date((y, m, d): Date) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_748), (2024, 1, 26));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    }

    #[test]
    fn staleness_counts_calendar_months() {
        assert!(!is_stale((2024, 1, 26), 12, (2025, 1, 26)));
        assert!(is_stale((2024, 1, 26), 12, (2025, 1, 27)));
        assert!(is_stale((2024, 11, 30), 3, (2025, 3, 1)));
        assert!(!is_stale((2024, 11, 30), 3, (2025, 2, 28)));
    }
}
