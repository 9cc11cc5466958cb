//! The printable handouts of the checkup stages (`handout: true`): one A4 page per stage
//! and language with the first windows, what to say on the phone, what comes next and a QR
//! code to the stage's page; and one per stage and ward. `handout` prints them to PDF.

use super::{Lazy, PageSpec, Place, StageView, TermView, Text};
use crate::routes;

/// How many first windows a handout lists; the stage page has the rest.
const FIRST_WINDOWS: usize = 3;

/// How many "while you wait" ideas a ward handout lists.
const WHILE_WAITING: usize = 2;

/// What a ward's handout prints besides the stage: that ward's office, the lines open at
/// any hour, and the month of issue.
#[derive(serde::Serialize)]
pub struct WardHandout<'a> {
    /// The stage narrowed to the ward.
    pub stage: &'a StageView,
    pub ward: &'a TermView,
    pub offices: &'a [Place],
    pub any_hour: &'a [Place],
    /// `YYYY-MM` from site.yaml's `issued`, printed as the issue month.
    pub issued: Option<String>,
}

/// The handout of one stage for one ward; its QR code opens the ward-narrowed stage page.
pub fn ward_page(prefix: &str, h: WardHandout, base_url: Option<&str>, label: &Text) -> PageSpec {
    let url =
        base_url.map(|b| format!("{}wards/{}/", stage_url(b, prefix, &h.stage.id), h.ward.id));
    let qr = url.as_deref().and_then(|u| crate::qr::svg(u).ok());
    let mut stage = h.stage.clone();
    stage.while_waiting.truncate(WHILE_WAITING);
    PageSpec {
        rel: routes::handout_ward(&h.stage.id, &h.ward.id),
        template: "handout_ward.html",
        title: format!("{}: {} – {}", label.text, h.stage.name.text, h.ward.name.text),
        data: serde_json::json!({ "stage": stage, "ward": h.ward, "offices": h.offices, "any_hour": h.any_hour, "issued": h.issued, "stage_url": url, "qr": qr, "is_handout": true })
            .into(),
        lazy: Lazy::None,
    }
}

/// The published address of a stage's page in the language with `prefix`, as printed in
/// the QR code.
pub fn stage_url(base_url: &str, prefix: &str, stage: &str) -> String {
    routes::published(base_url, prefix, &routes::entry(routes::STAGES, stage))
}

/// The handout pages of the language whose path prefix is `prefix`, one per stage marked
/// `handout: true`.
pub fn pages(
    prefix: &str,
    stages: &[StageView],
    base_url: Option<&str>,
    label: &Text,
) -> Vec<PageSpec> {
    stages
        .iter()
        .filter(|s| s.handout)
        .map(|s| {
            let url = base_url.map(|b| stage_url(b, prefix, &s.id));
            // Only an address of over 2,000 bytes cannot be encoded; the handout then
            // says where the page is in words, as when no base_url is set.
            let qr = url.as_deref().and_then(|u| crate::qr::svg(u).ok());
            let mut stage = s.clone();
            stage.first_windows.truncate(FIRST_WINDOWS);
            PageSpec {
                rel: routes::handout(&s.id),
                template: "handout.html",
                title: format!("{}: {}", label.text, s.name.text),
                data: serde_json::json!({ "stage": stage, "stage_url": url, "qr": qr, "is_handout": true })
                .into(),
                lazy: Lazy::None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_urls_end_in_the_folder_in_either_language() {
        assert_eq!(
            stage_url("https://x.jp/guide", "", "a"),
            "https://x.jp/guide/stages/a/"
        );
        assert_eq!(
            stage_url("https://x.jp/guide/", "en/", "a"),
            "https://x.jp/guide/en/stages/a/"
        );
    }
}
