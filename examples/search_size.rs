//! Prints the size of each search index (raw and gzipped, total and per record) for the
//! shipped content and for a synthetic 5,000-record site.
//! Run: `cargo run --release --example search_size [-- <site root>]`. Aim: ≤150 bytes
//! gzipped per record per language.

use flate2::{Compression, write::GzEncoder};
use madoguchi::model::Lang;
use madoguchi::search::{Doc, Vocab, index_file};
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
    let (vocab, real) = madoguchi::search::records::collect(content, lang);
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
    let words = if lang == Lang::Ja { JA_WORDS } else { EN_WORDS };
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

fn main() {
    let root = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let (content, diags) = madoguchi::check(std::path::Path::new(&root));
    let Some(content) = content else {
        eprintln!("{root}: the content has errors:\n{diags:?}");
        std::process::exit(1);
    };
    let records = content.agencies.len()
        + content.programs.len()
        + content.networks.len()
        + content.stages.len();
    let shipped: Vec<_> = madoguchi::search::index_files(&content)
        .into_iter()
        .map(|f| (f.rel, f.bytes))
        .collect();
    report("shipped", records, &shipped);
    let n = 5000;
    let synth: Vec<_> = Lang::ALL
        .iter()
        .map(|&lang| {
            let (vocab, docs) = synthetic(&content, lang, n);
            let f = index_file(lang, &vocab, &docs);
            (f.rel, f.bytes)
        })
        .collect();
    report("synthetic", n, &synth);
}
