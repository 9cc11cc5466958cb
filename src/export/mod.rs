//! Open data exports: the same records as the pages, in forms other services read.
//!
//! - `data/hsds/`: Open Referral HSDS 3.0, as JSON (`services.json`, `organizations.json`)
//!   and as a tabular data package (`datapackage.json` and its CSVs) ([`hsds`]);
//! - `data/facilities.csv`: 自治体標準オープンデータセット「公共施設一覧」 ([`facilities`]);
//! - `sitemap.xml` and `robots.txt` when the published address is known ([`sitemap`]);
//! - JSON-LD for record pages ([`jsonld`]), which the templates embed.
//!
//! Every export takes the loaded, validated [`Content`] and returns files; nothing here
//! renders pages or writes to disk. Only sourced contact facts leave this module: a
//! location, phone or hours entry without a `source` is left out (validation refuses them
//! already; the exports do not rely on it). `docs/open-data.md` describes every file.

mod error;
pub mod facilities;
pub mod hsds;
pub mod jsonld;
pub mod sitemap;

use crate::i18n::UiStrings;
use crate::load::Content;
use crate::model::{Lang, Localized, Location, Phone, SourcedText};
use crate::output::OutFile;
use std::borrow::Cow;

pub use error::ExportError;

/// One HTML page for the sitemap: its path in the output (`agencies/x/index.html`) and
/// its versions in every language, itself included, as (hreflang, path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapPage {
    /// Its path in the output, e.g. `agencies/x/index.html`.
    pub path: String,
    /// Its versions as (hreflang, path), itself included.
    pub alternates: Vec<(String, String)>,
}

/// Every export file of `content`: the HSDS files and `data/facilities.csv` always;
/// `sitemap.xml` (listing `pages`) and `robots.txt` only when `base_url` is known.
pub fn files(
    content: &Content,
    ui: &UiStrings,
    base_url: Option<&str>,
    pages: &[SitemapPage],
) -> Result<Vec<OutFile>, ExportError> {
    let mut out = data_files(content, ui, base_url)?;
    if let Some(base) = base_url {
        out.extend(sitemap::files(base, pages)?);
    }
    Ok(out)
}

/// The open data made from the records alone: the HSDS files and `data/facilities.csv`
/// (the sitemap needs the site's pages: the pages output writes it).
pub(crate) fn data_files(
    content: &Content,
    ui: &UiStrings,
    base_url: Option<&str>,
) -> Result<Vec<OutFile>, ExportError> {
    let mut out = Vec::new();
    each_data_file(content, ui, base_url, &mut |f| {
        out.push(f);
        Ok::<(), ExportError>(())
    })?;
    Ok(out)
}

/// [`data_files`], each handed to `emit` as soon as it is made: what a build uses, so
/// the files are written (and dropped) one by one.
pub(crate) fn each_data_file<E: From<ExportError>>(
    content: &Content,
    ui: &UiStrings,
    base_url: Option<&str>,
    emit: &mut dyn FnMut(OutFile) -> Result<(), E>,
) -> Result<(), E> {
    hsds::each_file(content, ui, emit)?;
    emit(facilities::file(content, ui, base_url)?)
}

/// The one place exports read [`Localized`] text: the text in `lang`, falling back to
/// the site's first language as the pages do; furigana markup keeps only its base text
/// (data is plain text).
pub(crate) fn text(l: &Localized, lang: Lang) -> Cow<'_, str> {
    crate::ruby::base_text(l.get(&[lang]).0)
}

/// The text only when it is written in `lang` itself (no fallback), e.g. 名称_英語.
pub(crate) fn text_in(l: &Localized, lang: Lang) -> Option<Cow<'_, str>> {
    l.exact(lang)
        .filter(|t| !t.trim().is_empty())
        .map(crate::ruby::base_text)
}

/// The language data files are written in: the site's first language (the one every
/// record must have).
pub(crate) fn data_lang(content: &Content) -> Lang {
    content.site.data.languages.first().lang
}

/// The own date (`YYYY-MM-DD`) of the source `id` declared in `site.yaml`; `None` for an
/// `unknown` date or a source named in words rather than declared.
pub(crate) fn source_date<'a>(content: &'a Content, id: &str) -> Option<&'a str> {
    let decl = content.site.data.sources.iter().find(|s| s.id == id)?;
    let d = decl.date.as_str();
    let b = d.as_bytes();
    let is_date = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && d.bytes()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    is_date.then_some(d)
}

/// The name of a service area: a ward's name, or the interface's word for the whole city
/// (`citywide`).
pub(crate) fn area_name<'a>(
    content: &'a Content,
    ui: &'a UiStrings,
    area: &str,
    lang: Lang,
) -> Cow<'a, str> {
    match content.site.data.wards.iter().find(|w| w.id == area) {
        Some(w) => text(&w.name, lang),
        None => crate::ruby::base_text(ui.get(lang, "citywide")),
    }
}

/// The name of a phone line's type (代表, 24時間…) declared in `site.yaml`.
pub(crate) fn phone_type_name<'a>(
    content: &'a Content,
    id: &str,
    lang: Lang,
) -> Option<Cow<'a, str>> {
    let types = &content.site.data.phone_types;
    types
        .iter()
        .find(|t| t.id == id)
        .map(|t| text(&t.name, lang))
}

/// The contact facts of a location that may be published: the location itself only when
/// its name and address have a source, and within it only the phones and hours that
/// name theirs.
pub(crate) struct SourcedLocation<'a> {
    pub(crate) location: &'a Location,
    pub(crate) phones: Vec<&'a Phone>,
    pub(crate) hours: Option<&'a SourcedText>,
}

pub(crate) fn sourced_locations(locations: &[Location]) -> Vec<SourcedLocation<'_>> {
    locations
        .iter()
        .filter(|l| l.source.is_some())
        .map(|l| SourcedLocation {
            location: l,
            phones: l.phones.iter().filter(|p| p.source.is_some()).collect(),
            hours: l.hours.as_ref().filter(|h| h.source.is_some()),
        })
        .collect()
}

/// An address as the source prints it, split into the address proper and the building
/// part in trailing brackets (方書): 「熊本市中央区手取本町1-1（熊本市役所本庁舎3階）」.
pub(crate) fn split_address(address: &str) -> (&str, Option<&str>) {
    let trimmed = address.trim();
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(inner) = trimmed.strip_suffix(close)
            && let Some(i) = inner.rfind(open)
        {
            let (main, annex) = (&inner[..i], &inner[i + open.len_utf8()..]);
            if !main.trim().is_empty() && !annex.trim().is_empty() {
                return (main.trim_end(), Some(annex.trim()));
            }
        }
    }
    (trimmed, None)
}

/// The city an address names at its start (「熊本市中央区…」 → 熊本市), read from the
/// sourced text itself; `None` when it does not start with one.
pub(crate) fn city_of(address: &str) -> Option<&str> {
    let end = address.char_indices().take(6).find(|(_, c)| *c == '市')?.0;
    let city = &address[..end + '市'.len_utf8()];
    (!city.chars().any(|c| c.is_ascii_digit())).then_some(city)
}

/// Opening hours the text states exactly as 「平日 8:30〜17:15…」 (weekdays, one opening
/// and closing time), as ("08:30", "17:15"). Any other wording stays text only.
pub(crate) fn weekday_hours(text: &str) -> Option<(String, String)> {
    let rest = text.trim_start().strip_prefix("平日")?.trim_start();
    let (open, rest) = rest.split_once('〜')?;
    let close: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':')
        .collect();
    Some((clock(open.trim())?, clock(&close)?))
}

/// `8:30` as `08:30`; `None` unless it is a time of day.
fn clock(t: &str) -> Option<String> {
    let (h, m) = t.split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60 && t.len() <= 5).then(|| format!("{h:02}:{m:02}"))
}

/// Writes `rows` under `header` as RFC 4180 CSV with CRLF line ends (what Excel and the
/// data package readers expect), with a UTF-8 byte-order mark first when `bom`.
pub(crate) fn csv_bytes(
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
    bom: bool,
) -> Result<Vec<u8>, ExportError> {
    let mut buf = Vec::new();
    if bom {
        buf.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(buf);
    w.write_record(header).map_err(ExportError::Csv)?;
    for row in rows {
        w.write_record(row).map_err(ExportError::Csv)?;
    }
    w.into_inner()
        .map_err(|e| ExportError::CsvFlush(e.into_error()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_the_building_part_off_an_address() {
        assert_eq!(
            split_address("熊本市中央区手取本町1-1（熊本市役所本庁舎3階）"),
            ("熊本市中央区手取本町1-1", Some("熊本市役所本庁舎3階"))
        );
        assert_eq!(
            split_address("熊本市東区東本町16-30"),
            ("熊本市東区東本町16-30", None)
        );
        assert_eq!(split_address("（3階）"), ("（3階）", None));
    }

    #[test]
    fn reads_the_city_from_the_start_of_an_address() {
        assert_eq!(city_of("熊本市中央区手取本町1-1"), Some("熊本市"));
        assert_eq!(city_of("中央区手取本町1-1"), None);
        assert_eq!(city_of("1-2市場通り"), None);
    }

    #[test]
    fn reads_weekday_hours_only_in_the_exact_wording() {
        assert_eq!(
            weekday_hours("平日 8:30〜17:15（祝日・年末年始を除く）"),
            Some(("08:30".into(), "17:15".into()))
        );
        assert_eq!(weekday_hours("電話は24時間・365日受付"), None);
        assert_eq!(weekday_hours("平日 8:30〜夕方"), None);
        assert_eq!(weekday_hours("平日 25:00〜17:15"), None);
    }

    #[test]
    fn csv_has_bom_crlf_and_quotes() {
        let bytes =
            csv_bytes(&["a", "b"], [vec!["x,y".into(), "say \"hi\"".into()]], true).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text, "\u{feff}a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n");
    }
}
