//! `data/facilities.csv`: the windows with a place, in the columns of the 自治体標準
//! オープンデータセット「公共施設一覧」, one row per sourced location. UTF-8 with a
//! byte-order mark and CRLF line ends (so Excel opens it as UTF-8), RFC 4180 quoting,
//! `;` between the values of a multi-value cell. Columns nobody has a sourced value for
//! stay empty (docs/open-data.md says which and why).

use super::{
    ExportError, SourcedLocation, city_of, csv_bytes, data_lang, source_date, sourced_locations,
    split_address, text, text_in, weekday_hours,
};
use crate::i18n::UiStrings;
use crate::load::{AnyRecord, Content};
use crate::model::{Lang, OpenData};
use crate::output::OutFile;
use crate::routes;
use std::borrow::Cow;

/// The file's name in the open data folder ([`routes::data_file`]).
pub(crate) const NAME: &str = "facilities.csv";

/// Where the file is written in the output.
pub fn path() -> String {
    routes::data_file(NAME)
}

/// The columns, in the standard's order.
pub const COLUMNS: [&str; 27] = [
    "都道府県コード又は市区町村コード",
    "NO",
    "都道府県名",
    "市区町村名",
    "名称",
    "名称_カナ",
    "名称_英語",
    "POIコード",
    "住所",
    "方書",
    "緯度",
    "経度",
    "利用可能曜日",
    "開始時間",
    "終了時間",
    "利用可能日時特記事項",
    "説明",
    "バリアフリー情報",
    "電話番号",
    "内線番号",
    "FAX番号",
    "法人番号",
    "団体名",
    "URL",
    "画像",
    "画像_ライセンス",
    "備考",
];

/// The file.
pub(crate) fn file(
    content: &Content,
    ui: &UiStrings,
    base_url: Option<&str>,
) -> Result<OutFile, ExportError> {
    let lang = data_lang(content);
    let mut rows = Vec::new();
    // Every sourced location of an organization with its own window is a facility.
    let facilities =
        (content.records()).filter(|r| r.about.open_data == OpenData::OrganizationWithService);
    for a in facilities {
        for loc in sourced_locations(a.about.locations) {
            let no = rows.len() + 1;
            rows.push(row(content, ui, lang, &a, &loc, no, base_url));
        }
    }
    Ok(OutFile {
        rel: path(),
        bytes: csv_bytes(&COLUMNS, rows, true)?,
    })
}

fn row(
    content: &Content,
    ui: &UiStrings,
    lang: Lang,
    a: &AnyRecord,
    loc: &SourcedLocation,
    no: usize,
    base_url: Option<&str>,
) -> Vec<String> {
    let l = loc.location;
    let d = &a.about;
    // 名称_英語 is the English name as written, when the site has English.
    let english = content.site.data.languages.by_code("en").map(|l| l.lang);
    let address = l
        .address
        .as_ref()
        .map_or(Cow::Borrowed(""), |t| text(t, lang));
    let address = address.as_ref();
    let (street, annex) = split_address(address);
    let hours = loc.hours.map_or(Cow::Borrowed(""), |h| text(&h.text, lang));
    let hours = hours.as_ref();
    let weekly = weekday_hours(hours);
    let phones: Vec<&str> = loc.phones.iter().map(|p| p.number.as_str()).collect();
    // The agency's own page, in the language the data is written in.
    let url = d.contact.and_then(|c| c.url.clone()).or_else(|| {
        let prefix = content.site.data.languages.prefix(lang);
        base_url.map(|b| routes::published(b, prefix, &routes::entry(a.kind.dir(), a.id)))
    });
    let cells: [String; 27] = [
        String::new(),
        no.to_string(),
        String::new(),
        city_of(address).unwrap_or("").into(),
        text(&l.name, lang).into(),
        String::new(),
        english
            .and_then(|en| text_in(&l.name, en))
            .unwrap_or_default()
            .into(),
        String::new(),
        street.into(),
        annex.unwrap_or("").into(),
        String::new(),
        String::new(),
        weekly.as_ref().map_or("", |_| "月;火;水;木;金").into(),
        weekly.as_ref().map_or(String::new(), |w| w.0.clone()),
        weekly.as_ref().map_or(String::new(), |w| w.1.clone()),
        hours.into(),
        match d.label {
            Some(label) => format!("{}（{}）", text(d.name, lang), text(label, lang)),
            None => text(d.name, lang).into(),
        },
        String::new(),
        phones.join(";"),
        String::new(),
        String::new(),
        String::new(),
        d.operated_by
            .map_or(String::new(), |o| text(o, lang).into()),
        url.unwrap_or_default(),
        String::new(),
        String::new(),
        sources_note(content, ui, lang, loc),
    ];
    cells.into()
}

/// 「出典: …（2023-11-22）」 for each source the row's facts come from, `;` between.
fn sources_note(content: &Content, ui: &UiStrings, lang: Lang, loc: &SourcedLocation) -> String {
    let ids = (loc.location.source.iter())
        .chain(loc.phones.iter().filter_map(|p| p.source.as_ref()))
        .chain(loc.hours.iter().filter_map(|h| h.source.as_ref()));
    let mut seen: Vec<&String> = Vec::new();
    for id in ids {
        if !seen.contains(&id) {
            seen.push(id);
        }
    }
    let (label, undated) = (
        ui.get(lang, "data_source_label"),
        ui.get(lang, "data_source_undated"),
    );
    (seen.into_iter())
        .map(|id| {
            let decl = content.site.data.sources.iter().find(|s| &s.id == id);
            let title = decl.map_or(Cow::Borrowed(id.as_str()), |s| text(&s.title, lang));
            let date = source_date(content, id).unwrap_or(undated);
            format!("{label}{title}（{date}）")
        })
        .collect::<Vec<_>>()
        .join(";")
}
