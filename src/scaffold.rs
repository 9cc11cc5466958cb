//! `madoguchi new agency|program|network|stage ID`: a commented skeleton with every field.
//!
//! Required values start as the placeholder `★要記入`. A fresh skeleton therefore does not
//! build: `check` and `build` report every placeholder left, with its line, until someone
//! fills it in. That is deliberate: a half-filled record must never reach the public site.
//! Optional fields are commented out so deleting nothing is always safe.

use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::load::{Content, Source, is_valid_id, is_windows_reserved};
use crate::model::Kind;
use std::path::{Path, PathBuf};

/// Text that marks a value still to be filled in.
pub(crate) const PLACEHOLDER: &str = "★要記入";

/// Why `madoguchi new` wrote nothing, worded for the staff who run it.
#[derive(Debug, thiserror::Error)]
pub enum NewRecordError {
    /// The kind is not one of the record kinds.
    #[error("unknown kind `{kind}`: use one of agency, program, network, stage")]
    UnknownKind {
        /// The kind as given.
        kind: String,
    },
    /// The id has characters a file name and page address may not hold.
    #[error(
        "the id `{id}` may only use lowercase a-z, 0-9 and `-` (not starting with `-`); it becomes the file name and part of page addresses, e.g. `kodomo-sodan`"
    )]
    BadId {
        /// The id as given.
        id: String,
    },
    /// The id is a device name Windows reserves.
    #[error(
        "the id `{id}` is a device name that Windows reserves, so the site could not be copied to a Windows PC; choose another, e.g. `{id}-sodan`"
    )]
    ReservedId {
        /// The id as given.
        id: String,
    },
    /// `root` is not a site root.
    #[error("{}: no `content/` folder here; run from the site root or pass --root", root.display())]
    NoContent {
        /// The root given (`--root`).
        root: PathBuf,
    },
    /// A record with the id exists (in any kind's folder).
    #[error(
        "{} already exists; nothing was written. Edit that file, or choose another id (ids are unique across all kinds)",
        path.display()
    )]
    Taken {
        /// The existing record's file.
        path: PathBuf,
    },
    /// Creating the folder or writing the file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The folder or file being written.
        path: PathBuf,
        /// Why it failed.
        source: std::io::Error,
    },
}

/// Writes `content/<kinds>/<id>.yaml` under `root`; returns its path.
pub fn new_record(root: &Path, kind: &str, id: &str) -> Result<PathBuf, NewRecordError> {
    let Some(dir) = Kind::named(kind).map(Kind::dir) else {
        let kind = kind.to_string();
        return Err(NewRecordError::UnknownKind { kind });
    };
    if !is_valid_id(id) {
        return Err(NewRecordError::BadId { id: id.to_string() });
    }
    if is_windows_reserved(id) {
        return Err(NewRecordError::ReservedId { id: id.to_string() });
    }
    if !root.join("content").is_dir() {
        let root = root.to_path_buf();
        return Err(NewRecordError::NoContent { root });
    }
    let folder = root.join("content").join(dir);
    let path = folder.join(format!("{id}.yaml"));
    for other in Kind::ALL.map(Kind::dir) {
        let taken = root.join("content").join(other).join(format!("{id}.yaml"));
        if taken.exists() {
            return Err(NewRecordError::Taken { path: taken });
        }
    }
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| NewRecordError::Io { path, source }
    };
    std::fs::create_dir_all(&folder).map_err(io(&folder))?;
    // create_new: never overwrite, even if the file appeared since the check above.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(io(&path))?;
    std::io::Write::write_all(&mut file, skeleton(kind, id).as_bytes()).map_err(io(&path))?;
    Ok(path)
}

/// Errors for every placeholder left in a record.
pub(crate) fn unfilled(c: &Content) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let sources: Vec<&Source> = c
        .agencies
        .iter()
        .map(|r| &r.src)
        .chain(c.programs.iter().map(|r| &r.src))
        .chain(c.networks.iter().map(|r| &r.src))
        .chain(c.stages.iter().map(|r| &r.src))
        .collect();
    for src in sources {
        for (i, line) in src.text.lines().enumerate() {
            if line.trim_start().starts_with('#') {
                continue;
            }
            if let Some(at) = line.find(PLACEHOLDER) {
                let column = line[..at].chars().count() + 1;
                diags.push(Diagnostic::error(
                    &src.path,
                    Pos::new(i + 1, column),
                    format!("placeholder still to be filled in: `{}`", line.trim()),
                    "replace it with the real value, following the comment above the field; the record is not published until every placeholder is gone",
                ));
            }
        }
    }
    diags
}

const COMMON_HEAD: &str = "\
# 名称（日本語は必須、英語は任意。英語がないときは日本語を「英語版未作成」として表示）
# Name (Japanese required; English optional, the Japanese is shown marked untranslated until then)
name:
  ja: \"★要記入 名称\"
  # en: \"Name in English\"
# 読みがな（ひらがな）。検索で「じそう」などの読みから見つけるために使います。
# Reading in hiragana, so search finds the record by its reading.
kana: \"★要記入 よみがな\"
# 通称・略称・旧名称・英語名（任意）。検索で使います。
# Other names people use: abbreviations, older names (optional; used by search).
alternate_name: []
";

const SOURCE_TAIL: &str = "\
# 出典：この内容を確認した資料や窓口（例：熊本市療育支援ネットワーク会議 資料（令和6年1月26日））
# Source: the document or office the details were checked against.
source: \"★要記入 出典\"
# 最終確認日（YYYY-MM-DD）。確認し直したら更新してください。古くなると check が警告します。
# Date the details were last checked (YYYY-MM-DD); `check` warns when it gets old.
verified_on: \"★要記入 YYYY-MM-DD\"
";

const CONTACT: &str = "\
# 連絡先（任意）。公式のページなどで確認できた情報だけを書き、出典の id（site.yaml の sources）を付けます。
# Contact (optional): only what an official page or document says, each with its source id.
# 書かない場合、ページには「確認先」（site.yaml の confirm_at）が表示されます。
# Without it the page tells readers where to confirm (confirm_at in site.yaml).
# contact:
#   email: \"name@example.jp\"
#   url: \"https://example.jp/\"
";

/// Agencies only: phones, addresses and hours live in sourced locations.
const LOCATIONS: &str = "\
# locations:
#   - name: {ja: \"窓口の名前\", en: \"Name of the window\"}
#     ward: kita
#     address: {ja: \"住所\"}
#     source: \"出典の id\"
#     phones:
#       - number: \"096-000-0000\"
#         type: main
#         source: \"出典の id\"
#     hours:
#       text: {ja: \"平日 8:30〜17:15\", en: \"Weekdays 8:30-17:15\"}
#       source: \"出典の id\"
";

const AREAS_AUDIENCES_STAGES: &str = "\
# 対象地域：site.yaml の wards の id、または市内全域なら citywide（例：[citywide]、[kita, nishi]）
# Area served: ward ids from site.yaml, or [citywide].
service_areas: [\"★要記入\"]
# 対象者：site.yaml の audiences の id（例：[parents]）
# Who it is for: audience ids from site.yaml.
audiences: [\"★要記入\"]
# 対象の時期：content/stages/ のファイル名（.yaml を除く）
# Stages: file names (without .yaml) under content/stages/.
stages: [\"★要記入\"]
";

const DESCRIPTION_HOW: &str = "\
# 概要（Markdown が使えます）
# Description (Markdown allowed).
description:
  ja: \"★要記入 概要\"
  # en: \"Description in English\"
# 相談のはじめ方：電話してから行く、予約が必要、紹介が必要 など
# How to start: call first, drop in, appointment, referral needed.
application_process:
  ja: \"★要記入 相談のはじめ方\"
  # en: \"How to start, in English\"
# 費用（任意） / Cost (optional)
# fees: {ja: \"無料\", en: \"Free\"}
";

/// The commented skeleton of a `kind` record named `id`: what to do first, then the
/// kind's fields with their placeholders.
fn skeleton(kind: &str, id: &str) -> String {
    let head = format!(
        "# {kind} `{id}` — `madoguchi new` が作成した下書きです。\n\
         # Skeleton written by `madoguchi new`. Replace every {PLACEHOLDER}, then run `madoguchi check`.\n\
         # 「{PLACEHOLDER}」をすべて書き換えてから `madoguchi check` を実行してください。\n\n"
    );
    let body = match kind {
        "agency" => agency_skeleton(),
        "program" => program_skeleton(),
        "network" => network_skeleton(),
        _ => stage_skeleton(),
    };
    head + &body
}

/// An agency's fields: a window of its own, with tier, contact and locations.
fn agency_skeleton() -> String {
    format!(
        "{COMMON_HEAD}\
# 支援の層：site.yaml の tiers の id（例：primary, secondary, tertiary）
# Tier: a tier id from site.yaml.
tier: \"★要記入\"
# 種別（例：区役所の窓口、相談支援事業所）
# Kind of agency, in a few words.
kind:
  ja: \"★要記入 種別\"
  # en: \"Kind, in English\"
{AREAS_AUDIENCES_STAGES}{DESCRIPTION_HOW}\
# 対象・年齢（任意） / Eligibility and ages (optional)
# eligibility: {{ja: \"18歳未満のお子さんと保護者\", en: \"Children under 18 and their parents\"}}
# 運営（任意） / Operated by (optional)
# operated_by: {{ja: \"熊本市\", en: \"Kumamoto City\"}}
# 関連する事業：content/programs/ のファイル名（任意）
# Related programs: file names under content/programs/ (optional).
programs: []
{CONTACT}{LOCATIONS}{SOURCE_TAIL}"
    )
}

/// A program's fields: run by an agency (`operator`), with its schedule.
fn program_skeleton() -> String {
    format!(
        "{COMMON_HEAD}\
# 種別（例：保護者向け講座、巡回相談）
# Kind of program, in a few words.
kind:
  ja: \"★要記入 種別\"
  # en: \"Kind, in English\"
# 実施機関：content/agencies/ のファイル名（.yaml を除く）
# Operator: the file name (without .yaml) of an agency under content/agencies/.
operator: \"★要記入\"
# 支援の層（任意）：site.yaml の tiers の id
# Tier (optional): a tier id from site.yaml.
# tier: primary
{AREAS_AUDIENCES_STAGES}{DESCRIPTION_HOW}\
# 日程（任意） / Schedule (optional)
# schedule: {{ja: \"年2回\", en: \"Twice a year\"}}
{CONTACT}{SOURCE_TAIL}"
    )
}

/// A network's fields: a ward's agencies working together, and what they do.
fn network_skeleton() -> String {
    format!(
        "{COMMON_HEAD}\
# 区：site.yaml の wards の id（例：kita）
# Ward: a ward id from site.yaml.
ward: \"★要記入\"
# 参加機関：content/agencies/ のファイル名の一覧
# Members: file names of agencies under content/agencies/.
members: [\"★要記入\"]
# 概要（Markdown が使えます） / Description (Markdown allowed).
description:
  ja: \"★要記入 概要\"
  # en: \"Description in English\"
# 活動（1行に1つ） / Activities, one per item.
activities:
  - ja: \"★要記入 活動\"
    # en: \"Activity in English\"
{SOURCE_TAIL}"
    )
}

/// A stage's fields: where to go first, what comes next, the handout.
fn stage_skeleton() -> String {
    format!(
        "# この時期の id は site.yaml の `stages:` にも、時期の順に追加してください。\n\
# Also add this id to `stages:` in site.yaml, in the order stages come in a child's life.\n\
{COMMON_HEAD}\
# 年齢の目安（例：1歳6か月ごろ） / Age range in words.
age:
  ja: \"★要記入 年齢\"
  # en: \"Age, in English\"
# この時期の説明（1〜2文） / Summary in a sentence or two.
summary:
  ja: \"★要記入 説明\"
  # en: \"Summary in English\"
# まず相談する窓口：ref は content/agencies/ か content/programs/ のファイル名、why は理由
# Where to go first: ref is an agency or program file name, why says why.
first_windows:
  - ref: \"★要記入\"
    why:
      ja: \"★要記入 理由\"
      # en: \"Why, in English\"
    # how: {{ja: \"電話で予約\", en: \"Call to book\"}}
# その後の流れ（同じ形） / What usually comes next (same shape).
next_steps: []
# 待っている間に役立つこと（任意、同じ形） / What helps while waiting (optional).
while_waiting: []
# 電話で伝えること（任意） / What to say when calling (optional).
# what_to_say: {{ja: \"子どもの年齢と気になること\", en: \"Your child's age and what you noticed\"}}
# 印刷用の案内を作るか / Whether this stage has a printable handout.
handout: false
{SOURCE_TAIL}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_skeleton_parses_as_its_kind() {
        use crate::model::{Agency, Network, Program, Stage};
        let p = Path::new("x.yaml");
        crate::yaml::parse::<Agency>(p, &skeleton("agency", "x")).unwrap();
        crate::yaml::parse::<Program>(p, &skeleton("program", "x")).unwrap();
        crate::yaml::parse::<Network>(p, &skeleton("network", "x")).unwrap();
        crate::yaml::parse::<Stage>(p, &skeleton("stage", "x")).unwrap();
    }

    #[test]
    fn a_folder_that_cannot_be_made_is_an_io_error_with_its_path_and_source() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join("content")).unwrap();
        // A file where the agencies' folder would go.
        std::fs::write(root.path().join("content/agencies"), "").unwrap();
        let e = new_record(root.path(), "agency", "kodomo").unwrap_err();
        let NewRecordError::Io { path, source } = &e else {
            panic!("{e:?}");
        };
        assert_eq!(path, &root.path().join("content/agencies"));
        assert!(std::error::Error::source(&e).is_some(), "{source}");
        assert!(
            e.to_string().starts_with(&format!("{}: ", path.display())),
            "{e}"
        );
    }

    #[test]
    fn a_taken_id_names_the_existing_file() {
        let root = tempfile::tempdir().unwrap();
        let programs = root.path().join("content/programs");
        std::fs::create_dir_all(&programs).unwrap();
        std::fs::write(programs.join("kodomo.yaml"), "").unwrap();
        let e = new_record(root.path(), "agency", "kodomo").unwrap_err();
        assert!(
            matches!(&e, NewRecordError::Taken { path } if path == &programs.join("kodomo.yaml")),
            "{e:?}"
        );
    }
}
