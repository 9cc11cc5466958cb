//! Splits a language's index so a query downloads only what it needs. The manifest
//! (`assets/search-<lang>.js`) holds what scoring needs besides postings (fields, boosts,
//! document count) and where each token-range shard starts; shards hold every field's
//! postings for a sorted range of tokens, and display chunks hold the result lines of a run
//! of document numbers. Small sites keep one file: the manifest carries its only shard and
//! chunk inline, and the browser scores both forms with the same code.
//!
//! Every file is a script that calls a global (`MADOGUCHI_SHARD("ja", 3, …)`) because the
//! page adds it with `<script src>`: fetch is blocked on file://.

use super::FIELDS;
use super::compact::{Compact, encode, length_table};
use super::records::{Doc, SECTIONS, Vocab};
use crate::model::Lang;
use crate::render::OutFile;
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;

/// When and how finely to split.
#[derive(Debug, Clone, Copy)]
pub struct Sharding {
    /// Sites with more records than this get shards; smaller ones one file.
    pub threshold: usize,
    /// Raw JSON bytes per shard before a new one starts (a single token may exceed it).
    pub shard_bytes: usize,
    /// Result lines per display chunk.
    pub chunk_docs: usize,
}

impl Default for Sharding {
    fn default() -> Self {
        // The 50 results shown usually fall in 50 different chunks, so chunks are small
        // (at 50,000 records, 20 lines gzip to about 950 B, 10 to about 550 B). Smaller
        // shards fetch fewer unneeded tokens along with the needed ones; see
        // examples/search_size.rs for the measurements.
        Sharding {
            threshold: 2000,
            shard_bytes: 50_000,
            chunk_docs: 10,
        }
    }
}

/// JavaScript compares strings by UTF-16 code units, and the client finds a token's shard by
/// comparing with the boundaries, so tokens are ordered the same way here.
fn js_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Per shard, per field, token → encoded postings; and the first token of each shard.
fn split(c: &Compact, limit: usize, lengths: bool) -> (Vec<Vec<Map<String, Value>>>, Vec<String>) {
    let mut tokens: Vec<&String> = c
        .fields
        .iter()
        .flat_map(|f| f.keys())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    tokens.sort_by(|a, b| js_order(a, b));
    let empty = || vec![Map::new(); c.fields.len()];
    let mut shards = vec![empty()];
    let mut starts = vec![String::new()];
    let mut size = 0;
    for t in tokens {
        let entries: Vec<(usize, Value)> = c
            .fields
            .iter()
            .enumerate()
            .filter_map(|(f, m)| m.get(t).map(|p| (f, encode(p, lengths))))
            .collect();
        let bytes: usize = entries
            .iter()
            .map(|(_, v)| t.len() + 4 + v.to_string().len())
            .sum();
        if size > 0 && size + bytes > limit {
            shards.push(empty());
            starts.push(t.clone());
            size = 0;
        }
        size += bytes;
        let shard = shards.last_mut().expect("one shard at least");
        for (f, v) in entries {
            shard[f].insert(t.clone(), v);
        }
    }
    (shards, starts)
}

fn rows(docs: &[Doc]) -> Vec<Value> {
    docs.iter()
        .map(|d| {
            json!([
                d.name,
                d.section,
                d.id,
                d.tier.map_or(-1, |t| t as i64),
                d.wards,
                d.stages
            ])
        })
        .collect()
}

/// The manifest, shard and display-chunk files of one language.
pub fn files(
    lang: Lang,
    vocab: &Vocab,
    docs: &[Doc],
    c: &Compact,
    opts: &Sharding,
) -> Vec<OutFile> {
    let code = lang.code();
    let sharded = docs.len() > opts.threshold;
    let (shards, starts) = split(
        c,
        if sharded {
            opts.shard_bytes
        } else {
            usize::MAX
        },
        sharded,
    );
    let rows = rows(docs);
    let chunk = if sharded {
        opts.chunk_docs.max(1)
    } else {
        docs.len().max(1)
    };
    let names = |l: &[(String, String)]| l.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>();
    let mut manifest = json!({
        "lang": code,
        "fields": FIELDS.iter().map(|(f, _)| f).collect::<Vec<_>>(),
        "boosts": FIELDS.iter().map(|(_, b)| b).collect::<Vec<_>>(),
        "sections": SECTIONS,
        "tiers": names(&vocab.tiers),
        "wards": names(&vocab.wards),
        "stages": names(&vocab.stages),
        "n": c.docs,
        "starts": starts,
        "chunk": chunk,
    });
    let mut out = Vec::new();
    if sharded {
        for (i, s) in shards.iter().enumerate() {
            out.push(script(
                format!("assets/search-{code}/s{i}.js"),
                "MADOGUCHI_SHARD",
                code,
                i,
                &json!(s),
            ));
        }
        for (i, r) in rows.chunks(chunk).enumerate() {
            out.push(script(
                format!("assets/search-{code}/d{i}.js"),
                "MADOGUCHI_DOCS",
                code,
                i,
                &json!(r),
            ));
        }
    } else {
        manifest["shards"] = json!(shards);
        manifest["chunks"] = json!([rows]);
        manifest["lengths"] = json!(length_table(c));
    }
    out.push(OutFile {
        rel: format!("assets/search-{code}.js"),
        bytes: format!("window.MADOGUCHI_SEARCH={manifest};\n").into_bytes(),
    });
    out
}

fn script(rel: String, global: &str, code: &str, i: usize, data: &Value) -> OutFile {
    OutFile {
        rel,
        bytes: format!("window.{global}(\"{code}\",{i},{data});\n").into_bytes(),
    }
}
