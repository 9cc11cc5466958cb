//! Splits a language's index so a query downloads only what it needs. The manifest
//! (`assets/search-<lang>.js`) holds what scoring needs besides postings (fields, boosts,
//! document count, the tokenizer's tables, the thesaurus, the names of tiers, wards and
//! kinds that result lines refer to by position) and where each token-range shard starts;
//! shards hold every field's postings for a sorted range of tokens; display chunks hold the
//! result lines of a run of document numbers (what ranking needs), and text chunks the same
//! run's snippet texts (fetched only for the results shown). The manifest names the part
//! files (`files`) and the record page address (`page`), so search.js spells no path. Small
//! sites keep one file: the manifest carries its only shard and chunks inline, and the
//! browser scores both forms with the same code.
//!
//! Every file is a script that calls a global (`MADOGUCHI_SHARD("ja", 3, …)`) because the
//! page adds it with `<script src>`: fetch is blocked on file://.
//!
//! The JSON is written as text straight from the postings and records, without building
//! `serde_json::Value` trees (which took several times the memory of the text), but exactly
//! as serde_json writes such values: compact, objects' keys in Rust string order (the
//! tests compare with files built from values).

use super::FIELDS;
use super::compact::{Packed, PackedIndex, Posting, encode_into};
use super::records::{Doc, SECTION_PRIORS, SECTIONS, Vocab};
use super::thesaurus::Thesaurus;
use super::tokenize;
use crate::model::Lang;
use crate::output::OutFile;
use crate::routes;
use serde::Serialize;
use std::ops::Range;

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
        // The 20 results shown usually fall in 20 different chunks, so chunks are small
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
    // UTF-8 bytes compare as code points do, and so as UTF-16 does, but for characters above
    // U+FFFF (surrogates, 0xD800…) against U+E000…U+FFFF: only the first differing
    // character needs a closer look.
    let Some(i) = a.bytes().zip(b.bytes()).position(|(x, y)| x != y) else {
        return a.len().cmp(&b.len());
    };
    let mut start = i;
    while !a.is_char_boundary(start) {
        start -= 1;
    }
    let first = |s: &str| {
        s[start..]
            .chars()
            .next()
            .map(|c| c.encode_utf16(&mut [0; 2])[0])
    };
    first(a)
        .cmp(&first(b))
        .then_with(|| a[start..].cmp(&b[start..]))
}

/// Appends `value` as serde_json writes it.
fn json<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    serde_json::to_writer(&mut *out, value).expect("plain data serializes");
}

/// `value` as serde_json writes it.
fn value<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("plain data serializes")
}

/// `[`, the items written by `item` separated by commas, `]`.
fn array<I>(
    out: &mut Vec<u8>,
    items: impl IntoIterator<Item = I>,
    mut item: impl FnMut(&mut Vec<u8>, I),
) {
    out.push(b'[');
    for (i, x) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        item(out, x);
    }
    out.push(b']');
}

/// The shard being filled: per field, its tokens with the range of their encoded postings
/// in `text`.
struct OpenShard {
    fields: Vec<Vec<(String, Range<usize>)>>,
    text: Vec<u8>,
}

impl OpenShard {
    /// The shard's JSON, `[{token: postings, …}, …]` with one object per field, and the
    /// shard emptied for the next range.
    fn take(&mut self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.text.len() + self.text.len() / 4 + 64);
        let text = &self.text;
        array(&mut out, self.fields.iter_mut(), |out, entries| {
            // A serde_json map writes its keys in Rust string (UTF-8 byte) order, which
            // differs from the JavaScript order of the split above U+FFFF.
            entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            out.push(b'{');
            for (i, (token, range)) in entries.drain(..).enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                json(out, &token);
                out.push(b':');
                out.extend_from_slice(&text[range]);
            }
            out.push(b'}');
        });
        self.text.clear();
        out
    }
}

/// Per shard its JSON text, and the first token of each shard. Tokens go in JavaScript order
/// and a shard is closed before a token whose postings would take it past `limit` bytes.
/// Postings are dropped once written, so the text mostly takes the memory they free.
fn split(
    fields: Vec<Vec<(String, Packed)>>,
    limit: usize,
    lengths: bool,
) -> (Vec<Vec<u8>>, Vec<String>) {
    let nf = fields.len();
    // Each field's tokens in JavaScript order (the maps' order but above U+FFFF, so the
    // stable sort has next to nothing to do), walked together like a merge.
    let mut lists: Vec<_> = fields
        .into_iter()
        .map(|mut list| {
            list.sort_by(|a, b| js_order(&a.0, &b.0));
            list.into_iter().peekable()
        })
        .collect();
    let mut shards = Vec::new();
    let mut starts = vec![String::new()];
    let mut open = OpenShard {
        fields: vec![Vec::new(); nf],
        text: Vec::new(),
    };
    let mut size = 0;
    let mut entries: Vec<(usize, String, Range<usize>)> = Vec::with_capacity(nf);
    let mut unpacked: Vec<Posting> = Vec::new();
    loop {
        // The first field holding the smallest token left, which no earlier field holds.
        let mut first: Option<(usize, &str)> = None;
        for (f, list) in lists.iter_mut().enumerate() {
            if let Some((t, _)) = list.peek()
                && first.is_none_or(|(_, min)| js_order(t, min).is_lt())
            {
                first = Some((f, t));
            }
        }
        let Some((first, _)) = first else { break };
        let (t, p) = lists[first].next().expect("peeked");
        // This token's postings in every field that has it, written as they will appear.
        let mark = open.text.len();
        unpacked.clear();
        unpacked.extend(p.iter());
        drop(p);
        encode_into(&mut open.text, &unpacked, lengths);
        let own = mark..open.text.len();
        for (f, list) in lists.iter_mut().enumerate().skip(first + 1) {
            if let Some((token, p)) = list.next_if(|(token, _)| *token == t) {
                let start = open.text.len();
                unpacked.clear();
                unpacked.extend(p.iter());
                encode_into(&mut open.text, &unpacked, lengths);
                entries.push((f, token, start..open.text.len()));
            }
        }
        // `"token":postings` in each of those fields.
        let bytes = (entries.len() + 1) * (t.len() + 4) + (open.text.len() - mark);
        let mut shift = 0;
        if size > 0 && size + bytes > limit {
            // The shard closes before this token, whose postings open the next one.
            let encoded = open.text.split_off(mark);
            shards.push(open.take());
            open.text = encoded;
            shift = mark;
            starts.push(t.clone());
            size = 0;
        }
        size += bytes;
        open.fields[first].push((t, own.start - shift..own.end - shift));
        for (f, token, r) in entries.drain(..) {
            open.fields[f].push((token, r.start - shift..r.end - shift));
        }
    }
    shards.push(open.take());
    (shards, starts)
}

/// The distinct kinds of `docs` in order of first appearance: the manifest's `kinds`, which
/// result lines refer to by position (a kind is written once, not once per record).
fn kinds(docs: &[Doc]) -> Vec<&str> {
    let mut seen = std::collections::HashMap::new();
    let mut out = Vec::new();
    for d in docs {
        seen.entry(d.kind.as_str()).or_insert_with(|| {
            out.push(d.kind.as_str());
            out.len() - 1
        });
    }
    out
}

/// The result lines of `docs`: `[name, section, id, tier (-1: none), wards, kind]` each,
/// the kind a position in `kinds`. The snippet texts are apart ([`texts`]): ranking needs
/// the lines of every result it reorders, the texts only of those shown.
fn rows(out: &mut Vec<u8>, docs: &[Doc], kinds: &[&str]) {
    array(out, docs, |out, d| {
        let tier = d.tier.map_or(-1, |t| t as i64);
        let kind = kinds.iter().position(|k| *k == d.kind);
        json(out, &(&d.name, d.section, &d.id, tier, &d.wards, kind));
    });
}

/// The snippet texts of `docs`, in order.
fn texts(out: &mut Vec<u8>, docs: &[Doc]) {
    array(out, docs, |out, d| json(out, &d.snippet));
}

/// The manifest, shard and display-chunk files of one language.
pub(crate) fn files(
    lang: Lang,
    vocab: &Vocab,
    thesaurus: &Thesaurus,
    docs: &[Doc],
    c: PackedIndex,
    opts: &Sharding,
) -> Vec<OutFile> {
    let sharded = docs.len() > opts.threshold;
    // A single-file index carries every document's lengths (`compact::length_table`);
    // postings are consumed by `split`.
    let lengths = (!sharded).then(|| value(&c.length_table()));
    let n = c.docs;
    let limit = if sharded {
        opts.shard_bytes
    } else {
        usize::MAX
    };
    let (shards, starts) = split(c.fields, limit, sharded);
    let chunk = if sharded {
        opts.chunk_docs.max(1)
    } else {
        docs.len().max(1)
    };
    let kinds = kinds(docs);
    let mut manifest = manifest_entries(lang, vocab, thesaurus, &kinds, n, &starts, chunk);
    let mut out = Vec::new();
    if sharded {
        manifest.push(("files", part_patterns(lang)));
        out = part_files(lang, shards, docs, chunk, &kinds);
    } else {
        inline_parts(&mut manifest, shards, docs, &kinds);
        manifest.push(("lengths", lengths.unwrap_or_default()));
    }
    out.push(manifest_file(lang, manifest));
    out
}

/// The manifest's entries every index has, each as its key and its JSON text.
fn manifest_entries<'a>(
    lang: Lang,
    vocab: &Vocab,
    thesaurus: &Thesaurus,
    kinds: &[&str],
    n: usize,
    starts: &[String],
    chunk: usize,
) -> Vec<(&'a str, Vec<u8>)> {
    fn names(l: &[(String, String)]) -> Vec<&str> {
        l.iter().map(|(_, n)| n.as_str()).collect()
    }
    vec![
        ("lang", value(&lang.code())),
        ("fields", value(&FIELDS.map(|(f, _)| f))),
        ("boosts", value(&FIELDS.map(|(_, b)| b))),
        ("sections", value(&SECTIONS)),
        ("tiers", value(&names(&vocab.tiers))),
        ("wards", value(&names(&vocab.wards))),
        ("kinds", value(&kinds)),
        ("page", value(routes::RECORD_PAGE)),
        ("sep", value(&vocab.list_separator)),
        ("n", value(&n)),
        ("starts", value(&starts)),
        ("chunk", value(&chunk)),
        ("thesaurus", value(&(&thesaurus.same, &thesaurus.leads))),
        ("priors", value(&(&vocab.tier_priors, SECTION_PRIORS))),
        ("tokenizer", value(&tokenize::tables())),
    ]
}

/// The manifest's `files`: the address pattern of each kind of part file.
fn part_patterns(lang: Lang) -> Vec<u8> {
    let patterns: [(&str, String); 3] = [("chunks", 'd'), ("shards", 's'), ("texts", 't')]
        .map(|(k, p)| (k, routes::search_part_pattern(lang, p)));
    value(
        &patterns
            .into_iter()
            .collect::<std::collections::BTreeMap<_, _>>(),
    )
}

/// The part files of a sharded index: its shards, then per chunk of documents the result
/// lines and the snippet texts.
fn part_files(
    lang: Lang,
    shards: Vec<Vec<u8>>,
    docs: &[Doc],
    chunk: usize,
    kinds: &[&str],
) -> Vec<OutFile> {
    let code = lang.code();
    let mut out = Vec::new();
    for (i, s) in shards.into_iter().enumerate() {
        out.push(script(
            routes::search_part(lang, 's', i),
            "MADOGUCHI_SHARD",
            code,
            i,
            |out| out.extend_from_slice(&s),
        ));
    }
    for (i, r) in docs.chunks(chunk).enumerate() {
        out.push(script(
            routes::search_part(lang, 'd', i),
            "MADOGUCHI_DOCS",
            code,
            i,
            |out| rows(out, r, kinds),
        ));
        out.push(script(
            routes::search_part(lang, 't', i),
            "MADOGUCHI_TEXTS",
            code,
            i,
            |out| texts(out, r),
        ));
    }
    out
}

/// A single-file index: its only shard, result-line chunk and text chunk in the manifest.
fn inline_parts(
    manifest: &mut Vec<(&str, Vec<u8>)>,
    shards: Vec<Vec<u8>>,
    docs: &[Doc],
    kinds: &[&str],
) {
    let mut text = Vec::new();
    array(&mut text, &shards, |out, s| out.extend_from_slice(s));
    drop(shards);
    manifest.push(("shards", text));
    let mut text = Vec::new();
    array(&mut text, [docs], |out, d| rows(out, d, kinds));
    manifest.push(("chunks", text));
    let mut text = Vec::new();
    array(&mut text, [docs], texts);
    manifest.push(("texts", text));
}

/// `window.MADOGUCHI_SEARCH={…};` with the manifest's entries, keys sorted as a serde_json
/// object writes them.
fn manifest_file(lang: Lang, mut manifest: Vec<(&str, Vec<u8>)>) -> OutFile {
    manifest.sort_unstable_by_key(|&(k, _)| k);
    let mut bytes = b"window.MADOGUCHI_SEARCH={".to_vec();
    for (i, (k, v)) in manifest.iter().enumerate() {
        if i > 0 {
            bytes.push(b',');
        }
        json(&mut bytes, k);
        bytes.push(b':');
        bytes.extend_from_slice(v);
    }
    bytes.extend_from_slice(b"};\n");
    OutFile {
        rel: routes::search_manifest(lang),
        bytes,
    }
}

/// `window.<global>("<code>",<i>,<data>);`, the data written by `data`.
fn script(
    rel: String,
    global: &str,
    code: &str,
    i: usize,
    data: impl FnOnce(&mut Vec<u8>),
) -> OutFile {
    let mut bytes = format!("window.{global}(\"{code}\",{i},").into_bytes();
    data(&mut bytes);
    bytes.extend_from_slice(b");\n");
    OutFile { rel, bytes }
}

/// The former writer, which built `serde_json::Value`s: the tests check that [`files`]
/// writes the same bytes.
#[cfg(test)]
pub(crate) mod value_path {
    use super::super::FIELDS;
    use super::super::compact::{Compact, encode, length_table};
    use super::super::records::{Doc, SECTION_PRIORS, SECTIONS, Vocab};
    use super::super::thesaurus::Thesaurus;
    use super::super::tokenize::tables;
    use super::Sharding;
    use crate::model::Lang;
    use crate::output::OutFile;
    use crate::routes::RECORD_PAGE;
    use serde_json::{Map, Value, json};
    use std::collections::BTreeSet;

    /// Per shard, per field, token → encoded postings; and the first token of each shard.
    fn split(
        c: &Compact,
        limit: usize,
        lengths: bool,
    ) -> (Vec<Vec<Map<String, Value>>>, Vec<String>) {
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

    fn rows(docs: &[Doc], kinds: &[String]) -> Vec<Value> {
        docs.iter()
            .map(|d| {
                json!([
                    d.name,
                    d.section,
                    d.id,
                    d.tier.map_or(-1, |t| t as i64),
                    d.wards,
                    kinds.iter().position(|k| *k == d.kind)
                ])
            })
            .collect()
    }

    /// The manifest, shard and display-chunk files of one language.
    pub(crate) fn files(
        lang: Lang,
        vocab: &Vocab,
        thesaurus: &Thesaurus,
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
        let mut kinds: Vec<String> = Vec::new();
        for d in docs {
            if !kinds.contains(&d.kind) {
                kinds.push(d.kind.clone());
            }
        }
        let rows = rows(docs, &kinds);
        let texts: Vec<Value> = docs.iter().map(|d| json!(d.snippet)).collect();
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
            "kinds": kinds,
            "page": RECORD_PAGE,
            "sep": vocab.list_separator,
            "n": c.docs,
            "starts": starts,
            "chunk": chunk,
            "thesaurus": [thesaurus.same, thesaurus.leads],
            "priors": [vocab.tier_priors, SECTION_PRIORS],
            "tokenizer": tables(),
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
            for (i, (r, t)) in rows.chunks(chunk).zip(texts.chunks(chunk)).enumerate() {
                out.push(script(
                    format!("assets/search-{code}/d{i}.js"),
                    "MADOGUCHI_DOCS",
                    code,
                    i,
                    &json!(r),
                ));
                out.push(script(
                    format!("assets/search-{code}/t{i}.js"),
                    "MADOGUCHI_TEXTS",
                    code,
                    i,
                    &json!(t),
                ));
            }
            manifest["files"] = json!({
                "chunks": format!("search-{code}/d{{}}.js"),
                "shards": format!("search-{code}/s{{}}.js"),
                "texts": format!("search-{code}/t{{}}.js"),
            });
        } else {
            manifest["shards"] = json!(shards);
            manifest["chunks"] = json!([rows]);
            manifest["texts"] = json!([texts]);
            manifest["lengths"] = json!(length_table(c));
        }
        out.push(OutFile {
            rel: format!("assets/search-{code}.js"),
            bytes: format!("window.MADOGUCHI_SEARCH={manifest};\n").into_bytes(),
        });
        out
    }

    pub(crate) fn js_order(a: &str, b: &str) -> std::cmp::Ordering {
        a.encode_utf16().cmp(b.encode_utf16())
    }

    fn script(rel: String, global: &str, code: &str, i: usize, data: &Value) -> OutFile {
        OutFile {
            rel,
            bytes: format!("window.{global}(\"{code}\",{i},{data});\n").into_bytes(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn js_order_is_utf16_order() {
        let words = [
            "",
            "a",
            "ab",
            "b",
            "é",
            "\u{7ff}",
            "\u{800}",
            "あ",
            "あい",
            "\u{d7ff}",
            "\u{e000}",
            "\u{fa0e}",
            "\u{fa0e}a",
            "\u{ffff}",
            "\u{10000}",
            "𠮷",
            "𠮷野",
            "\u{10ffff}",
            "\u{103ff}",
            "\u{10400}",
        ];
        for a in words {
            for b in words {
                for (x, y) in [
                    (a.to_string(), b.to_string()),
                    (format!("k{a}"), format!("k{b}z")),
                ] {
                    assert_eq!(
                        js_order(&x, &y),
                        value_path::js_order(&x, &y),
                        "{x:?} {y:?}"
                    );
                }
            }
        }
    }
}
