//! Writes an elasticlunr index compactly. elasticlunr's own JSON spells out a trie node
//! (`{"docs":{},"df":0,…}`) per character and keeps document refs as strings, several times
//! the size of the data; here each field maps token → postings and documents are numbers.
//! Field lengths and term counts are kept exactly, so the browser computes elasticlunr's
//! scores (tf = √count, idf = 1 + ln(N / (df + 1)), 1/√field length).
//!
//! A posting is the document number as a gap from the previous one, (as a negative number)
//! its term count when more than 1, and in a sharded index the document's length in that
//! field (see [`encode`]). There the length travels with the posting so a shard holding a
//! token is all a query needs to score it: a table of every document's lengths would be the
//! biggest download at scale. A single-file index keeps that table, which is smaller.

use super::FIELDS;
use elasticlunr::Index;
use serde_json::Value;
use std::collections::BTreeMap;

/// (document, term count, field length).
pub type Posting = (usize, u32, u64);

/// Per field, token → postings, plus the number of documents.
pub struct Compact {
    pub fields: Vec<BTreeMap<String, Vec<Posting>>>,
    pub docs: usize,
}

/// token → (document, count), gathered from one field's trie.
fn walk(node: &Value, prefix: &mut String, out: &mut BTreeMap<String, Vec<(usize, u32)>>) {
    let Value::Object(map) = node else { return };
    if let Some(Value::Object(docs)) = map.get("docs")
        && !docs.is_empty()
    {
        let mut postings: Vec<(usize, u32)> = docs
            .iter()
            .map(|(r, v)| {
                let tf = v["tf"].as_f64().unwrap_or(1.0);
                (
                    r.parse().expect("document refs are positions"),
                    (tf * tf).round() as u32,
                )
            })
            .collect();
        postings.sort();
        out.insert(prefix.clone(), postings);
    }
    for (k, child) in map {
        if k == "docs" || k == "df" {
            continue;
        }
        let len = prefix.len();
        prefix.push_str(k);
        walk(child, prefix, out);
        prefix.truncate(len);
    }
}

/// The postings of every field of `index`, which holds `docs` documents.
pub fn compact(index: &Index, docs: usize) -> Compact {
    let raw = serde_json::to_value(index).expect("an index serializes");
    let info = &raw["documentStore"]["docInfo"];
    let fields = FIELDS
        .iter()
        .map(|(f, _)| {
            let mut tokens = BTreeMap::new();
            walk(&raw["index"][f]["root"], &mut String::new(), &mut tokens);
            tokens
                .into_iter()
                .map(|(t, p)| {
                    let p = p
                        .into_iter()
                        .map(|(d, c)| (d, c, info[d.to_string()][f].as_u64().unwrap_or(0)))
                        .collect();
                    (t, p)
                })
                .collect()
        })
        .collect();
    Compact { fields, docs }
}

/// `[gaps, lengths]`: document gaps (each followed by its negative term count when that is
/// more than 1), then the field lengths in the same order. Apart, each list compresses well;
/// interleaved, the lengths break up the runs of small gaps. Without `lengths` (a
/// single-file index, which carries a table of all lengths instead) just the gaps.
pub fn encode(postings: &[Posting], lengths: bool) -> Value {
    let mut gaps = Vec::with_capacity(postings.len());
    let mut lens = Vec::with_capacity(postings.len());
    let mut prev = 0;
    for &(doc, count, len) in postings {
        gaps.push((doc - prev) as i64);
        lens.push(len as i64);
        prev = doc;
        if count > 1 {
            gaps.push(-(count as i64));
        }
    }
    if lengths {
        serde_json::json!([gaps, lens])
    } else {
        serde_json::json!(gaps)
    }
}

/// Every document's length in every field, document-major: what a single-file index
/// carries instead of a length per posting (smaller when all postings come at once).
pub fn length_table(c: &Compact) -> Vec<u64> {
    let nf = c.fields.len();
    let mut table = vec![0; c.docs * nf];
    for (f, tokens) in c.fields.iter().enumerate() {
        for &(doc, _, len) in tokens.values().flatten() {
            table[doc * nf + f] = len;
        }
    }
    table
}
