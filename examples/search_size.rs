//! Prints the size of each search index (raw and gzipped, total and per record) for the
//! shipped content and for a synthetic 5,000-record site kept in one file, then what single
//! queries download from a sharded synthetic 50,000-record site (manifest + shards + display
//! chunks, gzipped), measured by running the real client under Node.
//! Run: `cargo run --release --example search_size [-- <site root> [<records, 50000>]]`. Aims: ≤150 bytes
//! gzipped per record per language; ≤300 KB gzipped per query at 50,000 records.

use flate2::{Compression, write::GzEncoder};
use madoguchi::model::Lang;
use madoguchi::search::{Doc, Sharding, Vocab, index_files_for};
use std::io::Write;

fn gzip(bytes: &[u8]) -> usize {
    let mut e = GzEncoder::new(Vec::new(), Compression::best());
    e.write_all(bytes).unwrap();
    e.finish().unwrap().len()
}

fn report(label: &str, records: usize, files: &[(String, Vec<u8>)]) {
    for (name, bytes) in files {
        let gz = gzip(bytes);
        println!(
            "{label:<10} {name:<22} records {records:>5}  raw {:>9} B  gzip {:>8} B  gzip/record {:>6.1} B",
            bytes.len(),
            gz,
            gz as f64 / records as f64
        );
    }
}

/// A small deterministic generator, so every run measures the same site.
struct Rng(u64);
impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.next(from.len())]
    }
}

const JA_WORDS: &[&str] = &[
    "発達",
    "支援",
    "相談",
    "こども",
    "保護者",
    "療育",
    "センター",
    "事業所",
    "学校",
    "園",
    "健診",
    "区役所",
    "専門",
    "医療",
    "福祉",
    "教育",
    "保育",
    "地域",
    "家族",
    "訓練",
    "言葉",
    "運動",
    "集団",
    "個別",
    "通所",
    "放課後",
    "児童",
    "障がい",
    "サービス",
    "プログラム",
    "研修",
    "巡回",
    "就学",
    "申請",
    "手帳",
    "見学",
];
const EN_WORDS: &[&str] = &[
    "development",
    "support",
    "consultation",
    "children",
    "parents",
    "therapy",
    "centre",
    "service",
    "school",
    "nursery",
    "checkup",
    "ward",
    "office",
    "specialist",
    "medical",
    "welfare",
    "education",
    "local",
    "family",
    "training",
    "speech",
    "motor",
    "group",
    "individual",
    "day",
    "after-school",
    "program",
    "visit",
    "apply",
];

/// 5,000 records made from the shipped ones: names get a random word, and descriptions are
/// shuffled sentences of real descriptions, so token counts per record stay realistic.
fn synthetic(content: &madoguchi::load::Content, lang: Lang, n: usize) -> (Vocab, Vec<Doc>) {
    let ui = madoguchi::i18n::for_site(std::path::Path::new(&root()), content).expect("words load");
    let (vocab, real) = madoguchi::search::records::collect(content, lang, &ui);
    let sentences: Vec<String> = real
        .iter()
        .flat_map(|d| {
            d.description
                .split_inclusive(['。', '.', '\n'])
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|s| !s.trim().is_empty())
        .collect();
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let words = if lang.code() == "ja" {
        JA_WORDS
    } else {
        EN_WORDS
    };
    let docs = (0..n)
        .map(|i| {
            let mut d = real[i % real.len()].clone();
            d.id = format!("{}-{i}", d.id);
            d.name = format!("{} {}{}", d.name, r.pick(words), r.pick(words));
            let k = 2 + r.next(3);
            d.description = (0..k)
                .map(|_| sentences[r.next(sentences.len())].as_str())
                .collect();
            d.resolve(&vocab)
        })
        .collect();
    (vocab, docs)
}

fn root() -> String {
    std::env::args().nth(1).unwrap_or_else(|| ".".into())
}

fn main() {
    let root = root();
    let (content, diags) = madoguchi::check(std::path::Path::new(&root));
    let Some(content) = content else {
        eprintln!("{root}: the content has errors:\n{diags:?}");
        std::process::exit(1);
    };
    let records = content.agencies.len()
        + content.programs.len()
        + content.networks.len()
        + content.stages.len();
    let ui =
        madoguchi::i18n::for_site(std::path::Path::new(&root), &content).expect("interface words");
    let shipped: Vec<_> = madoguchi::search::index_files(&content, &ui)
        .into_iter()
        .map(|f| (f.rel, f.bytes))
        .collect();
    report("shipped", records, &shipped);
    let thesaurus =
        madoguchi::search::thesaurus::load(std::path::Path::new(&root), &content.site.data.limits)
            .0;
    let n = 5000;
    let one_file = Sharding {
        threshold: usize::MAX,
        ..Sharding::default()
    };
    let langs: Vec<Lang> = content.site.data.languages.langs().collect();
    let synth: Vec<_> = langs
        .iter()
        .flat_map(|&lang| {
            let (vocab, docs) = synthetic(&content, lang, n);
            index_files_for(lang, &vocab, &thesaurus, &docs, &one_file)
        })
        .map(|f| (f.rel, f.bytes))
        .collect();
    report("synthetic", n, &synth);
    let big = std::env::args()
        .nth(2)
        .map_or(50_000, |n| n.parse().expect("a number"));
    for &lang in &langs {
        per_query(&content, &thesaurus, lang, big);
    }
}

/// Queries a parent might type, including the expensive kinds: one common word, a lone
/// kanji or letter (expanded as a prefix), several common words.
fn queries(lang: Lang) -> Vec<&'static str> {
    match lang.code() {
        "ja" => vec![
            "支援",
            "発達支援",
            "相談",
            "児相",
            "放デイ",
            "ペアトレ",
            "北区 健診",
            "こども",
            "じそう",
            "療育センター",
            "支",
            "子",
            "発達 相談 支援",
            "1歳半健診",
            "保育園",
            "就学相談",
            "サービス",
            "ｼﾞｿｳ",
            "言葉 訓練",
            "中央区",
        ],
        _ => vec![
            "support",
            "development",
            "s",
            "c",
            "d",
            "child",
            "checkup",
            "consultation",
            "after-school day service",
            "ward office",
            "parent training",
            "speech therapy",
            "family support centre",
            "kita ward checkup",
            "nursery",
            "welfare",
            "a",
            "t",
            "group",
            "medical",
        ],
    }
}

/// The part a sharded index file is (`s` shard, `d` result lines, `t` snippet texts: the
/// letter before its number), or None for the manifest.
fn part_of(path: &str) -> Option<char> {
    let name = path.rsplit('/').next().unwrap_or("");
    let mut chars = name.chars();
    let part = chars.next()?;
    chars
        .next()
        .is_some_and(|c| c.is_ascii_digit())
        .then_some(part)
}

fn per_query(
    content: &madoguchi::load::Content,
    thesaurus: &madoguchi::search::Thesaurus,
    lang: Lang,
    n: usize,
) {
    let (vocab, docs) = synthetic(content, lang, n);
    let files = index_files_for(lang, &vocab, thesaurus, &docs, &Sharding::default());
    let dir = tempfile::tempdir().unwrap();
    let mut gz = std::collections::HashMap::new();
    for f in &files {
        let path = dir.path().join(&f.rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &f.bytes).unwrap();
        gz.insert(path.to_string_lossy().into_owned(), gzip(&f.bytes));
    }
    let is_shard = |f: &str| part_of(f) == Some('s');
    let shards = files.iter().filter(|f| is_shard(&f.rel)).count();
    let raw: usize = files.iter().map(|f| f.bytes.len()).sum();
    let manifest = dir.path().join(format!("assets/search-{}.js", lang.code()));
    let all_gz: usize = gz.values().sum();
    let part_gz = |part| -> usize {
        let of = |f: &&String| part_of(f) == part;
        gz.iter().filter(|(f, _)| of(f)).map(|(_, b)| b).sum()
    };
    println!(
        "all files  {:<22} records {n:>5}  raw {raw} B  gzip {all_gz} B  gzip/record {:.1} B \
         (manifest {:.1}, shards {:.1}, result lines {:.1}, snippet texts {:.1})",
        format!("search-{}", lang.code()),
        all_gz as f64 / n as f64,
        part_gz(None) as f64 / n as f64,
        part_gz(Some('s')) as f64 / n as f64,
        part_gz(Some('d')) as f64 / n as f64,
        part_gz(Some('t')) as f64 / n as f64,
    );
    println!(
        "sharded    {:<22} records {n:>5}  {} files, {raw} B raw in all, {shards} shards, manifest {} B gzip",
        format!("search-{}", lang.code()),
        files.len(),
        gz[&*manifest.to_string_lossy()]
    );
    let qs = queries(lang);
    let mut child = std::process::Command::new("node")
        .arg("tests/search/top.mjs")
        .arg(&manifest)
        .arg("--files")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run node (install Node.js 18 or newer)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(serde_json::to_string(&qs).unwrap().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "node failed");
    let got: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let mut totals = Vec::new();
    for (q, g) in qs.iter().zip(&got) {
        let fetched: Vec<&str> = g["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect();
        let bytes: usize = fetched.iter().map(|f| gz[*f]).sum();
        let (sh, ch): (Vec<&str>, Vec<&str>) = fetched[1..].iter().partition(|f| is_shard(f));
        let sum = |l: &[&str]| l.iter().map(|f| gz[*f]).sum::<usize>();
        println!(
            "  {q:<28} {bytes:>7} B gzip: {} shards {} B, {} line and text chunks {} B; {} results",
            sh.len(),
            sum(&sh),
            ch.len(),
            sum(&ch),
            g["count"]
        );
        totals.push(bytes);
    }
    totals.sort();
    println!(
        "  per query ({}): median {} B, max {} B gzip (aim ≤ 300,000)",
        lang.code(),
        totals[totals.len() / 2],
        totals[totals.len() - 1]
    );
}
