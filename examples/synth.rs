//! Writes a complete, valid synthetic site root (site.yaml, content/, themes/) with N records
//! in this project's own schema, for scale tests and benchmarks.
//!
//!     cargo run --release --example synth -- --records 10000 --out /tmp/synth [--seed 42]
//!
//! Deterministic for a given (records, seed).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

const WARDS: &[(&str, &str, &str)] = &[
    ("chuo", "中央区", "Chuo Ward"),
    ("higashi", "東区", "Higashi Ward"),
    ("nishi", "西区", "Nishi Ward"),
    ("minami", "南区", "Minami Ward"),
    ("kita", "北区", "Kita Ward"),
    ("kamoto", "鹿本地域", "Kamoto Area"),
    ("kikuchi", "菊池地域", "Kikuchi Area"),
    ("aso", "阿蘇地域", "Aso Area"),
    ("uki", "宇城地域", "Uki Area"),
    ("yatsushiro", "八代地域", "Yatsushiro Area"),
    ("ashikita", "芦北地域", "Ashikita Area"),
    ("kuma", "球磨地域", "Kuma Area"),
];
const STAGES: &[(&str, &str, &str)] = &[
    ("infancy", "乳児期", "Infancy"),
    (
        "checkup-18-months",
        "1歳6か月児健診のころ",
        "Around the 18-month checkup",
    ),
    (
        "checkup-3-years",
        "3歳児健診のころ",
        "Around the 3-year checkup",
    ),
    (
        "nursery",
        "保育所・幼稚園のころ",
        "Nursery and kindergarten",
    ),
    ("before-school", "就学前", "Before school entry"),
    ("elementary", "小学校", "Elementary school"),
    ("secondary", "中学校・高校", "Secondary school"),
    ("adulthood", "おとなに向けて", "Toward adulthood"),
];
const KINDS: &[(&str, &str, &str, &str)] = &[
    (
        "相談窓口",
        "Consultation window",
        "そうだんまどぐち",
        "子育てや発達の心配について相談できます。",
    ),
    (
        "児童発達支援",
        "Child development support",
        "じどうはったつしえん",
        "未就学のお子さんに療育を行います。",
    ),
    (
        "放課後等デイサービス",
        "After-school day service",
        "ほうかごとうでいさーびす",
        "学齢期のお子さんの放課後の居場所と支援です。",
    ),
    (
        "子育て支援センター",
        "Parenting support centre",
        "こそだてしえんせんたー",
        "親子が集い、相談できる場所です。",
    ),
    (
        "医療機関",
        "Medical institution",
        "いりょうきかん",
        "診断や評価、医療的な支援を行います。",
    ),
    (
        "障がい児相談支援",
        "Disability consultation support",
        "しょうがいじそうだんしえん",
        "サービス利用の計画づくりを支援します。",
    ),
];
const TIERS: [&str; 3] = ["primary", "secondary", "tertiary"];
const AUDIENCES: [&str; 3] = ["parents", "nursery-staff", "school-staff"];
const PLACES: &[(&str, &str, &str)] = &[
    ("さくら", "さくら", "Sakura"),
    ("ひまわり", "ひまわり", "Himawari"),
    ("若葉", "わかば", "Wakaba"),
    ("青空", "あおぞら", "Aozora"),
    ("つばさ", "つばさ", "Tsubasa"),
    ("みどり", "みどり", "Midori"),
    ("ひかり", "ひかり", "Hikari"),
    ("森の", "もりの", "Mori no"),
];

#[path = "../tests/common/rng.rs"]
mod rng;
use rng::Rng;

fn main() {
    let mut records = 1000usize;
    let mut out = PathBuf::from("synth-site");
    let mut seed = 42u64;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--records" => records = value.parse().expect("--records N"),
            "--out" => out = PathBuf::from(value),
            "--seed" => seed = value.parse().expect("--seed N"),
            other => panic!("unknown argument {other}; use --records N --out DIR [--seed N]"),
        }
        i += 2;
    }
    write_site(&out, records, seed);
    eprintln!(
        "wrote a synthetic site with {records} records to {}",
        out.display()
    );
}

pub fn write_site(out: &Path, records: usize, seed: u64) {
    let _ = fs::remove_dir_all(out.join("content"));
    for d in ["agencies", "programs", "networks", "stages", "pages"] {
        fs::create_dir_all(out.join("content").join(d)).unwrap();
    }
    copy_theme(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"),
        &out.join("themes"),
    );
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    fs::write(out.join("site.yaml"), site_yaml()).unwrap();

    // Four in five records are agencies, the rest programs run by an earlier agency.
    let agencies = (records * 4 / 5).max(1);
    for n in 0..records {
        let (kind_ja, kind_en, kind_kana, what) = KINDS[rng.below(KINDS.len())];
        let (place, place_kana, place_en) = PLACES[rng.below(PLACES.len())];
        let (ward, ward_ja, ward_en) = WARDS[rng.below(WARDS.len())];
        let stages: Vec<&str> = (0..1 + rng.below(3))
            .map(|_| STAGES[rng.below(STAGES.len())].0)
            .collect();
        let audience = AUDIENCES[rng.below(AUDIENCES.len())];
        let mut y = String::new();
        let id;
        if n < agencies {
            id = format!("agency-{n:06}");
            let _ = writeln!(
                y,
                "name: {{ja: \"{ward_ja}{place}{kind_ja} {n}\", en: \"{place_en} {kind_en} {n} ({ward_en})\"}}"
            );
            let _ = writeln!(y, "kana: \"{place_kana}{kind_kana}\"");
            let _ = writeln!(y, "alternate_name: [\"{place}{n}\"]");
            let _ = writeln!(y, "tier: {}", TIERS[rng.below(3)]);
            let _ = writeln!(y, "kind: {{ja: {kind_ja}, en: \"{kind_en}\"}}");
            let _ = writeln!(y, "service_areas: [{ward}]");
        } else {
            id = format!("program-{n:06}");
            let _ = writeln!(
                y,
                "name: {{ja: \"{place}{kind_ja}講座 {n}\", en: \"{place_en} {kind_en} course {n}\"}}"
            );
            let _ = writeln!(y, "kana: \"{place_kana}{kind_kana}こうざ\"");
            let _ = writeln!(y, "kind: {{ja: 講座, en: Course}}");
            let _ = writeln!(y, "operator: agency-{:06}", rng.below(agencies));
            let _ = writeln!(y, "service_areas: [{ward}]");
        }
        let _ = writeln!(y, "audiences: [{audience}]");
        let _ = writeln!(y, "stages: [{}]", stages.join(", "));
        let _ = writeln!(
            y,
            "description:\n  ja: \"{ward_ja}の{what}お子さんの発達について気になることがあれば、まずはお電話でご相談ください。\"\n  en: \"In {ward_en}: a {kind_en} for families. If something about your child's development worries you, call first.\""
        );
        let _ = writeln!(
            y,
            "application_process: {{ja: まず電話で予約してください。, en: Call first for an appointment.}}"
        );
        let _ = writeln!(
            y,
            "source: synthetic\nverified_on: 2024-{:02}-{:02}",
            1 + rng.below(12),
            1 + rng.below(28)
        );
        let dir = if n < agencies { "agencies" } else { "programs" };
        fs::write(out.join("content").join(dir).join(format!("{id}.yaml")), y).unwrap();
    }
    for (w, (ward, ward_ja, ward_en)) in WARDS.iter().enumerate() {
        let members: Vec<String> = (0..5)
            .map(|k| format!("agency-{:06}", (w * 5 + k) % agencies))
            .collect();
        let y = format!(
            "name: {{ja: {ward_ja}ネット, en: {ward_en} Net}}\nkana: ねっと\nward: {ward}\nmembers: [{}]\ndescription: {{ja: {ward_ja}の支援者ネットです。, en: The support network of {ward_en}.}}\nactivities:\n  - {{ja: 情報共有, en: Sharing information}}\nsource: synthetic\nverified_on: 2024-01-26\n",
            members.join(", ")
        );
        fs::write(
            out.join("content/networks")
                .join(format!("{ward}-net.yaml")),
            y,
        )
        .unwrap();
    }
    for (s, (id, ja, en)) in STAGES.iter().enumerate() {
        let step = |k: usize| {
            format!(
                "  - ref: agency-{:06}\n    why: {{ja: 身近な窓口です。, en: It is close to home.}}\n",
                (s * 7 + k) % agencies
            )
        };
        let y = format!(
            "name: {{ja: {ja}, en: \"{en}\"}}\nkana: じき\nage: {{ja: {ja}, en: \"{en}\"}}\nsummary: {{ja: まず身近な窓口へ。, en: Start close to home.}}\nfirst_windows:\n{}next_steps:\n{}source: synthetic\nverified_on: 2024-01-26\n",
            step(0) + &step(1),
            step(2)
        );
        fs::write(out.join("content/stages").join(format!("{id}.yaml")), y).unwrap();
    }
    for (id, ja, en) in [
        ("about", "このサイトについて", "About"),
        ("system", "支援のしくみ", "How it works"),
        ("privacy", "プライバシー", "Privacy"),
    ] {
        fs::write(
            out.join("content/pages").join(format!("{id}.ja.md")),
            format!("# {ja}\n\n合成データです。\n"),
        )
        .unwrap();
        fs::write(
            out.join("content/pages").join(format!("{id}.en.md")),
            format!("# {en}\n\nSynthetic data.\n"),
        )
        .unwrap();
    }
}

fn site_yaml() -> String {
    let mut s = String::from(
        "title: {ja: 合成 発達支援ガイド, en: Synthetic Development Support Guide}\nlanguages: [ja, en]\nconfirm_at: {ja: 各窓口にご確認ください。, en: Please confirm with each window.}\nstages:\n",
    );
    for (id, _, _) in STAGES {
        let _ = writeln!(s, "  - {id}");
    }
    s.push_str("tiers:\n  - {id: primary, name: {ja: 1次支援, en: Tier 1}}\n  - {id: secondary, name: {ja: 2次支援, en: Tier 2}}\n  - {id: tertiary, name: {ja: 3次支援, en: Tier 3}}\nwards:\n");
    for (id, ja, en) in WARDS {
        let _ = writeln!(s, "  - {{id: {id}, name: {{ja: {ja}, en: \"{en}\"}}}}");
    }
    s.push_str("audiences:\n  - {id: parents, name: {ja: 保護者, en: Parents}}\n  - {id: nursery-staff, name: {ja: 園の先生, en: Nursery staff}}\n  - {id: school-staff, name: {ja: 学校の先生, en: School staff}}\n");
    s
}

fn copy_theme(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(e.path(), &dest).unwrap();
        }
    }
}
