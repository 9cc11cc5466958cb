//! The compact form of the index. elasticlunr's own JSON spells out a trie node
//! (`{"docs":{},"df":0,…}`) per character and keeps document refs as strings, several times
//! the size of the data; here each field maps token → postings and documents are numbers.
//! Field lengths and term counts are kept exactly, so the browser computes elasticlunr's
//! scores (tf = √count, idf = 1 + ln(N / (df + 1)), 1/√field length).
//!
//! A posting is the document number as a gap from the previous one, (as a negative number)
//! its term count when more than 1, and in a sharded index the document's length in that
//! field (see `encode`). There the length travels with the posting so a shard holding a
//! token is all a query needs to score it: a table of every document's lengths would be the
//! biggest download at scale. A single-file index keeps that table, which is smaller.

#[cfg(test)]
use serde_json::Value;
#[cfg(test)]
use std::collections::BTreeMap;
use std::io::Write;

/// (document, term count, field length).
pub(crate) type Posting = (usize, u32, u64);

/// Per field, token → postings (in document order), plus the number of documents: the
/// unpacked form the tests compare with the old elasticlunr path.
#[cfg(test)]
pub(crate) struct Compact {
    /// Per index field, token → postings.
    pub(crate) fields: Vec<BTreeMap<String, Vec<Posting>>>,
    /// Documents indexed.
    pub(crate) docs: usize,
}

/// A token's postings in one field, packed as they are gathered: per posting the gap from
/// the previous document, the term count and the field length as LEB128 varints, a few
/// bytes where a [`Posting`] takes 24. The build keeps these rather than a `Compact`: at
/// 50,000 records, millions of postings.
#[derive(Debug, Default, Clone)]
pub(crate) struct Packed {
    bytes: Vec<u8>,
    last: usize,
}

fn put(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn get(bytes: &[u8], at: &mut usize) -> u64 {
    let mut n = 0;
    let mut shift = 0;
    loop {
        let b = bytes[*at];
        *at += 1;
        n |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return n;
        }
        shift += 7;
    }
}

impl Packed {
    /// Appends a posting of a document after those already in.
    pub(crate) fn push(&mut self, (doc, count, len): Posting) {
        assert!(doc >= self.last, "postings come in document order");
        put(&mut self.bytes, (doc - self.last) as u64);
        put(&mut self.bytes, count.into());
        put(&mut self.bytes, len);
        self.last = doc;
    }

    /// The document of the last posting, if any.
    pub(crate) fn last_doc(&self) -> Option<usize> {
        (!self.bytes.is_empty()).then_some(self.last)
    }

    /// Gives back the room the list grew into.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
    }

    /// The postings, in document order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = Posting> + '_ {
        let (mut at, mut doc) = (0, 0);
        std::iter::from_fn(move || {
            if at == self.bytes.len() {
                return None;
            }
            doc += get(&self.bytes, &mut at) as usize;
            let count = get(&self.bytes, &mut at) as u32;
            Some((doc, count, get(&self.bytes, &mut at)))
        })
    }
}

/// Per field, tokens (in Rust string order) and their packed postings, plus the number of
/// documents: what `Compact` holds, in a fraction of the memory.
pub(crate) struct PackedIndex {
    /// Per index field, its tokens and their packed postings.
    pub(crate) fields: Vec<Vec<(String, Packed)>>,
    /// Documents indexed.
    pub(crate) docs: usize,
}

impl PackedIndex {
    /// The postings in their unpacked form, to compare with elasticlunr's.
    #[cfg(test)]
    pub(crate) fn unpack(self) -> Compact {
        let fields = self
            .fields
            .into_iter()
            .map(|f| {
                f.into_iter()
                    .map(|(t, p)| (t, p.iter().collect()))
                    .collect()
            })
            .collect();
        Compact {
            fields,
            docs: self.docs,
        }
    }

    /// `length_table` of the unpacked index.
    pub(crate) fn length_table(&self) -> Vec<u64> {
        let nf = self.fields.len();
        let mut table = vec![0; self.docs * nf];
        for (f, tokens) in self.fields.iter().enumerate() {
            for (_, p) in tokens {
                for (doc, _, len) in p.iter() {
                    table[doc * nf + f] = len;
                }
            }
        }
        table
    }
}

/// `[gaps, lengths]`: document gaps (each followed by its negative term count when that is
/// more than 1), then the field lengths in the same order. Apart, each list compresses well;
/// interleaved, the lengths break up the runs of small gaps. Without `lengths` (a
/// single-file index, which carries a table of all lengths instead) just the gaps.
/// [`encode_into`] writes the same JSON text without building a value; this form stays
/// for the tests that prove it.
#[cfg(test)]
pub(crate) fn encode(postings: &[Posting], lengths: bool) -> Value {
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

/// Appends the JSON text of `encode(postings, lengths)` to `out`.
pub(crate) fn encode_into(out: &mut Vec<u8>, postings: &[Posting], lengths: bool) {
    // Integers print as serde_json prints them: shortest decimal, `-` when negative.
    if lengths {
        out.push(b'[');
    }
    out.push(b'[');
    let mut prev = 0;
    for (i, &(doc, count, _)) in postings.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write!(out, "{}", doc - prev).expect("writing to memory");
        prev = doc;
        if count > 1 {
            write!(out, ",-{count}").expect("writing to memory");
        }
    }
    out.push(b']');
    if lengths {
        out.extend_from_slice(b",[");
        for (i, &(_, _, len)) in postings.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            write!(out, "{len}").expect("writing to memory");
        }
        out.extend_from_slice(b"]]");
    }
}

/// Every document's length in every field, document-major: what a single-file index
/// carries instead of a length per posting (smaller when all postings come at once).
#[cfg(test)]
pub(crate) fn length_table(c: &Compact) -> Vec<u64> {
    let nf = c.fields.len();
    let mut table = vec![0; c.docs * nf];
    for (f, tokens) in c.fields.iter().enumerate() {
        for &(doc, _, len) in tokens.values().flatten() {
            table[doc * nf + f] = len;
        }
    }
    table
}

/// The former build path, kept to prove [`super::postings`] exact: elasticlunr-rs indexes
/// of [`elasticlunr_path::BATCH`] documents each, serialized to JSON and their per-character
/// tries walked back into token → postings.
#[cfg(test)]
pub(crate) mod elasticlunr_path {
    use super::super::{FIELDS, SPELLED, UNSPELLED, exact_tokens, tokenize};
    use super::{Compact, Posting};
    use crate::model::Lang;
    use crate::search::Doc;
    use elasticlunr::{Index, IndexBuilder, Language, Pipeline};
    use serde_json::Value;
    use std::collections::BTreeMap;

    /// Documents indexed by elasticlunr at a time, as the build did.
    pub(crate) const BATCH: usize = 500;

    /// Our tokenizer as an elasticlunr language. No stemming or stop words.
    struct Bilingual(Lang);

    impl Language for Bilingual {
        fn name(&self) -> String {
            "Bilingual".into()
        }
        fn code(&self) -> String {
            self.0.code().into()
        }
        fn tokenize(&self, text: &str) -> Vec<String> {
            tokenize::tokenize(text)
        }
        fn make_pipeline(&self) -> Pipeline {
            Pipeline { queue: Vec::new() }
        }
    }

    /// The elasticlunr index of `docs`; document refs are `first` + positions in `docs`.
    pub(crate) fn build_index(lang: Lang, docs: &[Doc], first: usize) -> Index {
        let mut b = IndexBuilder::with_language(Box::new(Bilingual(lang))).save_docs(false);
        for (f, _) in &FIELDS[..FIELDS.len() - 1] {
            b = b.add_field(f);
        }
        b = b.add_field_with_tokenizer("exact", Box::new(exact_tokens));
        let mut index = b.build();
        for (i, d) in docs.iter().enumerate() {
            index.add_doc(&(first + i).to_string(), d.field_texts());
        }
        index
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
    pub(crate) fn compact(index: &Index, docs: usize) -> Compact {
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
                        let p: Vec<Posting> = p
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

    /// The postings of `docs` the way `index_files_for` gathered them: batch by batch,
    /// appended in document order.
    pub(crate) fn postings(lang: Lang, docs: &[Doc]) -> Compact {
        let mut c = Compact {
            fields: vec![BTreeMap::new(); FIELDS.len()],
            docs: docs.len(),
        };
        for (k, batch) in docs.chunks(BATCH).enumerate() {
            let part = compact(&build_index(lang, batch, k * BATCH), docs.len());
            for (all, field) in c.fields.iter_mut().zip(part.fields) {
                for (token, postings) in field {
                    all.entry(token).or_default().extend(postings);
                }
            }
        }
        // `spelled` and `unspelled` are not elasticlunr fields (they are made from the words
        // of the others, whose diacritics elasticlunr's tokens have lost): taken as gathered.
        let mut ours = super::super::postings(docs);
        for f in [SPELLED, UNSPELLED] {
            c.fields[f] = std::mem::take(&mut ours.fields[f]);
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_postings_come_back_unchanged() {
        let postings: Vec<Posting> = vec![
            (0, 1, 0),
            (0x7f, 0x80, 0x3fff),
            (0x80, 1, 0x4000),
            (0x1_0000_0000, u32::MAX, u64::MAX),
            (usize::MAX, 2, 1),
        ];
        let mut packed = Packed::default();
        for &p in &postings {
            packed.push(p);
        }
        packed.shrink_to_fit();
        assert_eq!(packed.iter().collect::<Vec<_>>(), postings);
        assert!(Packed::default().iter().next().is_none());
    }
}
