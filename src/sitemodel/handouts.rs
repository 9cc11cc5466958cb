//! The printable handouts of the checkup stages (`handout: true`): one A4 page per stage
//! and language with the first windows, what to say on the phone, what comes next and a QR
//! code to the stage's page; and one per stage and ward. In a language the counter does not
//! read, each carries the counter card (`counter.rs`) in place of the phone script.
//! `handout` prints them to PDF.

use super::{CounterCard, HandoutPage, HandoutWardPage, PageData, PageSpec, StageView, Text};
use crate::routes;

/// How many first windows a handout lists; the stage page has the rest.
const FIRST_WINDOWS: usize = 3;

/// How many "while you wait" ideas a ward handout lists.
const WHILE_WAITING: usize = 2;

/// On a handout with the counter card, the phone script is cut to its first paragraph (the
/// words to say, which the card prints beside their Japanese) in both languages; the rest
/// (how to prepare, for the parent) is returned, to be printed once in the reader's
/// language. Keeps the card small enough for one A4 page.
fn split_script(stage: &mut StageView) -> Option<Text> {
    let say = stage.what_to_say.as_mut()?;
    let (script, advice) = split_paragraph(&say.text)?;
    let advice = Text {
        text: advice.to_string(),
        ..say.clone()
    };
    say.text = script.to_string();
    if let Some(o) = stage.what_to_say_original.as_mut()
        && let Some((script, _)) = split_paragraph(&o.text)
    {
        o.text = script.to_string();
    }
    Some(advice)
}

/// The first paragraph of `text` and the rest, when there is a blank line between them.
fn split_paragraph(text: &str) -> Option<(&str, &str)> {
    let (first, rest) = text.split_once("\n\n")?;
    Some((first.trim_end(), rest.trim())).filter(|(_, rest)| !rest.is_empty())
}

/// The handout of one stage for one ward (`h`, without its address and QR code yet);
/// its QR code opens the ward-narrowed stage page.
pub(super) fn ward_page(
    prefix: &str,
    mut h: HandoutWardPage,
    base_url: Option<&str>,
    label: &Text,
) -> PageSpec {
    h.stage_url =
        base_url.map(|b| format!("{}wards/{}/", stage_url(b, prefix, &h.stage.id), h.ward.id));
    h.qr = h.stage_url.as_deref().and_then(|u| crate::qr::svg(u).ok());
    h.stage.while_waiting.truncate(WHILE_WAITING);
    if h.counter.is_some() {
        h.advice = split_script(&mut h.stage);
    }
    let rel = routes::handout_ward(&h.stage.id, &h.ward.id);
    let title = format!(
        "{}: {} – {}",
        label.text, h.stage.name.text, h.ward.name.text
    );
    PageSpec::new(rel, title, PageData::from(h))
}

/// The published address of a stage's page in the language with `prefix`, as printed in
/// the QR code.
pub(crate) fn stage_url(base_url: &str, prefix: &str, stage: &str) -> String {
    routes::published(base_url, prefix, &routes::entry(routes::STAGES, stage))
}

/// The handout pages of the language whose path prefix is `prefix`, one per stage marked
/// `handout: true`, each with the language's counter card if it has one.
pub(super) fn pages(
    prefix: &str,
    stages: &[StageView],
    base_url: Option<&str>,
    label: &Text,
    counter: Option<&CounterCard>,
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
            let advice = counter.and_then(|_| split_script(&mut stage));
            let data = PageData::from(HandoutPage {
                stage,
                stage_url: url,
                qr,
                counter: counter.cloned(),
                advice,
                is_handout: true,
            });
            let title = format!("{}: {}", label.text, s.name.text);
            PageSpec::new(routes::handout(&s.id), title, data)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_is_the_first_paragraph_and_the_rest_is_advice() {
        assert_eq!(
            split_paragraph("「say this」\nline 2\n\nprepare that.\n\nand this."),
            Some(("「say this」\nline 2", "prepare that.\n\nand this."))
        );
        assert_eq!(split_paragraph("only the script\n"), None);
        assert_eq!(split_paragraph("script\n\n  \n"), None);
    }

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
