//! The search index: per language a file (`assets/search-<lang>.js`) that the search page
//! loads when the box is first used, split into shards on big sites (`shard`). Records are
//! cut by our own tokenizer ([`tokenize`]) into the postings an elasticlunr index would hold
//! (`postings`), written in a compact form (`compact`) that
//! themes/default/static/search.js scores the way elasticlunr does.

pub(crate) mod compact;
pub mod records;
pub(crate) mod shard;
pub mod thesaurus;
pub mod tokenize;

use crate::i18n::UiStrings;
use crate::load::Content;
use crate::model::Lang;
use crate::output::OutFile;
#[cfg(test)]
use compact::Compact;
use compact::{Packed, PackedIndex};
pub use records::{Doc, Vocab};
pub use shard::Sharding;
use std::collections::HashMap;
pub use thesaurus::Thesaurus;

/// Indexed fields and their boosts. Name and aliases weigh most because parents type a
/// window's name or nickname; `spelled` and `unspelled` hold the spellings of the record's
/// words with diacritics ([`split_spellings`]), which rank rather than score; `exact` holds
/// whole names and aliases (squashed) so a query that is exactly an alias outranks records
/// merely containing its bigrams.
pub(crate) const FIELDS: [(&str, f64); 12] = [
    ("name", 10.0),
    ("aliases", 8.0),
    ("kana", 6.0),
    ("kind", 3.0),
    ("tier", 1.0),
    ("wards", 2.0),
    ("stages", 2.0),
    ("audiences", 1.0),
    ("description", 1.0),
    ("spelled", 0.0),
    ("unspelled", 0.0),
    ("exact", 40.0),
];

/// The position of `spelled` in [`FIELDS`]: the fields before it hold the record's words.
const SPELLED: usize = FIELDS.len() - 3;

/// The position of `unspelled` in [`FIELDS`].
const UNSPELLED: usize = FIELDS.len() - 2;

/// The position of `exact` in [`FIELDS`]: the one field cut by [`exact_tokens`].
const EXACT: usize = FIELDS.len() - 1;

/// Whole names and aliases, one per line, each squashed to one token.
fn exact_tokens(text: &str) -> Vec<String> {
    text.lines()
        .map(tokenize::squash)
        .filter(|s| !s.is_empty())
        .collect()
}

/// The postings of `docs`, numbered by position, exactly as elasticlunr-rs 3's
/// `Index::add_doc` records them with our tokenizer and an empty pipeline (the browser
/// scores them the way elasticlunr.js does): a field's length is its number of tokens,
/// repeats included; each distinct token has one posting with its count (elasticlunr keeps
/// √count, which the compact form turned back into the count); an empty token would count
/// in the length but get no posting (our tokenizers make none). Postings are in document
/// order. The tests check all of this against elasticlunr-rs itself (through [`postings`]).
fn gather(docs: &[Doc]) -> PackedIndex {
    use rayon::prelude::*;
    // Fields are independent, so they are built in parallel, each in one pass over the
    // documents: no merging, and the two languages' fields balance each other on few cores.
    let (mut fields, spellings): (Vec<_>, _) = rayon::join(
        || {
            (0..FIELDS.len())
                .into_par_iter()
                .map(|f| match f {
                    SPELLED | UNSPELLED => Vec::new(),
                    _ => field_postings(docs, f),
                })
                .collect()
        },
        || spelled_postings(docs),
    );
    (fields[SPELLED], fields[UNSPELLED]) = split_spellings(&fields[..SPELLED], spellings);
    PackedIndex {
        fields,
        docs: docs.len(),
    }
}

/// [`gather`], unpacked: what the tests compare with the old elasticlunr path.
#[cfg(test)]
pub(crate) fn postings(docs: &[Doc]) -> Compact {
    gather(docs).unpack()
}

/// Tokens (in Rust string order) and postings of field `f` of `docs`.
fn field_postings(docs: &[Doc], f: usize) -> Vec<(String, Packed)> {
    let mut map: HashMap<String, Packed> = HashMap::new();
    for (doc, d) in docs.iter().enumerate() {
        let text = d.field_texts()[f];
        // Tokens as slices of the normalized text (or of the squashed lines in `exact`):
        // a string is made only for a token not seen before.
        let (exact, norm);
        let mut tokens: Vec<&str> = Vec::new();
        if f == EXACT {
            exact = exact_tokens(text);
            tokens.extend(exact.iter().map(String::as_str));
        } else {
            norm = tokenize::normalize(text);
            tokenize::tokens_of(&norm, |t| tokens.push(t));
        }
        let len = tokens.len() as u64;
        tokens.sort_unstable();
        let mut tokens = tokens.into_iter().peekable();
        while let Some(token) = tokens.next() {
            let mut count = 1;
            while tokens.next_if_eq(&token).is_some() {
                count += 1;
            }
            if token.is_empty() {
                continue;
            }
            let posting = (doc, count, len);
            match map.get_mut(token) {
                Some(list) => list.push(posting),
                None => map.entry(token.to_string()).or_default().push(posting),
            }
        }
    }
    let mut sorted: Vec<(String, Packed)> = map
        .into_iter()
        .map(|(t, mut p)| {
            // Lists grew by doubling; the spare room would be a third of their memory.
            p.shrink_to_fit();
            (t, p)
        })
        .collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    sorted
}

/// One field's tokens (in Rust string order) and their postings.
type FieldPostings = Vec<(String, Packed)>;

/// A spelling of a word with diacritics, as [`tokenize::spellings`] gives it: its key, the
/// folded word the other fields hold, and the records spelling a word so.
struct Spelling {
    key: String,
    folded: String,
    docs: Packed,
}

/// Every spelling of a word with diacritics in the texts of the fields before `spelled`,
/// in key order, each with the records that spell a word so, as postings with a count of
/// 1 and a length of 0 (search.js only asks whether a record has it).
fn spelled_postings(docs: &[Doc]) -> Vec<Spelling> {
    let mut map: HashMap<String, (String, Packed)> = HashMap::new();
    for (doc, d) in docs.iter().enumerate() {
        for text in &d.field_texts()[..SPELLED] {
            tokenize::spellings(text, |key, folded| {
                let (_, list) = map
                    .entry(key)
                    .or_insert_with(|| (folded.to_string(), Packed::default()));
                // A record spelling a word so more than once is listed once.
                if list.last_doc() != Some(doc) {
                    list.push((doc, 1, 0));
                }
            });
        }
    }
    let mut sorted: Vec<Spelling> = map
        .into_iter()
        .map(|(key, (folded, docs))| Spelling { key, folded, docs })
        .collect();
    sorted.sort_unstable_by(|a, b| a.key.cmp(&b.key));
    sorted
}

/// The `spelled` and `unspelled` fields: each spelling's records, listed in whichever is
/// shorter, `spelled` the records spelling a word so, `unspelled` the records holding its
/// folded word (in `words`, the fields before `spelled`) that do not. In a language written
/// with diacritics most words have one spelling on the whole site (an empty `unspelled`
/// list, 2 bytes), and a spelling most records of its word use is a short `unspelled` list
/// instead of one nearly as long as the word's own. A key is in exactly one of the two.
fn split_spellings(
    words: &[Vec<(String, Packed)>],
    spellings: Vec<Spelling>,
) -> (FieldPostings, FieldPostings) {
    let mut with_word: HashMap<String, Vec<usize>> = HashMap::new();
    let (mut spelled, mut unspelled) = (Vec::new(), Vec::new());
    for Spelling { key, folded, docs } in spellings {
        let all = with_word
            .entry(folded)
            .or_insert_with_key(|folded| docs_with(words, folded));
        let so: Vec<usize> = docs.iter().map(|(doc, _, _)| doc).collect();
        let not: Vec<usize> = all
            .iter()
            .copied()
            .filter(|d| so.binary_search(d).is_err())
            .collect();
        if not.len() < so.len() {
            unspelled.push((key, packed(&not)));
        } else {
            spelled.push((key, docs));
        }
    }
    (spelled, unspelled)
}

/// The records holding `token` in any of `fields`, in order.
fn docs_with(fields: &[Vec<(String, Packed)>], token: &str) -> Vec<usize> {
    let mut docs: Vec<usize> = fields
        .iter()
        .filter_map(|f| {
            f.binary_search_by(|(t, _)| t.as_str().cmp(token))
                .ok()
                .map(|i| &f[i].1)
        })
        .flat_map(|p| p.iter().map(|(doc, _, _)| doc))
        .collect();
    docs.sort_unstable();
    docs.dedup();
    docs
}

/// `docs` as postings with a count of 1 and a length of 0.
fn packed(docs: &[usize]) -> Packed {
    let mut p = Packed::default();
    for &doc in docs {
        p.push((doc, 1, 0));
    }
    p
}

/// The index files for one language: the manifest the search page loads
/// (`assets/search-<lang>.js`) and, above `opts.threshold` records, its shards and
/// display chunks (see `shard`).
pub fn index_files_for(
    lang: Lang,
    vocab: &Vocab,
    thesaurus: &Thesaurus,
    docs: &[Doc],
    opts: &Sharding,
) -> Vec<OutFile> {
    shard::files(lang, vocab, thesaurus, docs, gather(docs), opts)
}

/// Every language's index files for `content` (whose thesaurus they carry), with the
/// interface words `ui` (the "citywide" label, network kinds).
pub fn index_files(content: &Content, ui: &UiStrings) -> Vec<OutFile> {
    // `check` has reported any problem of the thesaurus; a broken one is left out.
    index_files_with(content, ui, &thesaurus::of(content))
}

/// Every language's index files for `content`, carrying a thesaurus already parsed.
pub(crate) fn index_files_with(
    content: &Content,
    ui: &UiStrings,
    thesaurus: &Thesaurus,
) -> Vec<OutFile> {
    use rayon::prelude::*;
    let langs: Vec<Lang> = content.site.data.languages.langs().collect();
    langs
        .par_iter()
        .flat_map_iter(|&lang| {
            let (vocab, docs) = records::collect(content, lang, ui);
            index_files_for(lang, &vocab, thesaurus, &docs, &Sharding::default())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::compact::{elasticlunr_path, encode, encode_into};
    use super::*;
    use std::path::Path;

    /// The shipped records in `lang`.
    fn shipped(lang: usize) -> (Vocab, Vec<Doc>) {
        let (content, diags) = crate::load::load(Path::new(env!("CARGO_MANIFEST_DIR")));
        let content = content.unwrap_or_else(|| panic!("shipped content loads: {diags:?}"));
        let (ui, langs) = crate::i18n::shipped();
        records::collect(&content, langs.all()[lang].lang, &ui)
    }

    /// The shipped site's languages.
    fn langs() -> Vec<Lang> {
        crate::i18n::shipped().1.langs().collect()
    }

    /// Documents made to hit the corners of `add_doc`.
    fn edge_docs() -> Vec<Doc> {
        let doc = |id: &str, name: &str, aliases: &str, description: &str, exact: &str| Doc {
            id: id.into(),
            name: name.into(),
            aliases: aliases.into(),
            description: description.into(),
            exact: exact.into(),
            ..Doc::default()
        };
        let mut mixed = doc(
            "mixed",
            "ペアレント・トレーニング Parent Training 1歳6ヶ月 ｺｰﾃﾞｨﾈｰﾀｰ ㈱発達",
            "ペアトレ\nParent training",
            "発達支援センターで発達の相談。Ｓｕｐｐｏｒｔ for parents 2024年",
            "ペアレント・トレーニング\nペアトレ\nParent training\nぺあれんと",
        );
        mixed.kana = "ぺあれんと・とれーにんぐ".into();
        mixed.kind = "療育 Therapy".into();
        mixed.texts = ["一次".into(), "中央区\n市内全域".into(), "乳児期".into()];
        mixed.audiences = "保護者\n保護者".into();
        vec![
            doc("empty", "", "", "", ""),
            doc(
                "repeats",
                "支援 支援 支援 support Support SUPPORT",
                "支援\n支援",
                "ーーーー aaaa aaaa aaaa 支援支援",
                "児相\n\n児相\n 🙂 \nJISO\njiso\n(じそう)",
            ),
            mixed,
            doc(
                "only-symbols",
                "🙂 — ・",
                "\n\n",
                "!!! ??? ・・・",
                "🙂\n—\n",
            ),
            doc(
                "astral",
                "𠮷野家 﨎 𠮷",
                "﨎\n𠮷",
                "𠮷𠮷𠮷 﨎﨎 ｦｦ",
                "𠮷\n﨎\n𠮷野\n﨎",
            ),
            doc(
                "escapes",
                "\"quoted\" back\\slash \u{1}tab\t</script>",
                "",
                "line\nbreak",
                "\"quoted\"",
            ),
        ]
    }

    /// The shipped records, the edge cases, and enough recombined records to span several
    /// of the old path's batches.
    fn cases(lang: Lang) -> (Vocab, Vec<Doc>) {
        let i = langs().iter().position(|l| *l == lang).unwrap();
        let (vocab, real) = shipped(i);
        let n = real.len();
        let mut docs = real.clone();
        docs.extend(edge_docs());
        docs.extend((0..1200).map(|i| {
            let mut d = real[i % n].clone();
            d.id = format!("{}-{i}", d.id);
            d.name = format!("{} {}", d.name, real[(i * 7 + 3) % n].name);
            d.description = format!(
                "{}\n{}",
                real[(i * 13 + 1) % n].description,
                real[(i * 5 + 2) % n].description
            );
            d
        }));
        docs.extend(edge_docs());
        (vocab, docs)
    }

    #[test]
    fn postings_equal_those_of_elasticlunr() {
        for lang in langs() {
            let (_, docs) = cases(lang);
            assert!(docs.len() > 2 * elasticlunr_path::BATCH);
            let new = postings(&docs);
            let old = elasticlunr_path::postings(lang, &docs);
            assert_eq!(new.docs, old.docs);
            assert_eq!(new.fields.len(), old.fields.len());
            for (f, (a, b)) in new.fields.iter().zip(&old.fields).enumerate() {
                let may_be_empty = f == 4 || f == SPELLED || f == UNSPELLED;
                assert!(
                    !b.is_empty() || may_be_empty,
                    "{} has no tokens",
                    FIELDS[f].0
                );
                assert!(a == b, "{lang:?}: postings of {} differ", FIELDS[f].0);
            }
            // The edge cases did reach the index: repeats, lengths, tokens above U+FFFF.
            let exact = &new.fields[EXACT];
            let repeats = docs.iter().position(|d| d.id == "repeats").unwrap();
            assert!(exact["児相"].contains(&(repeats, 2, 5)));
            assert!(exact["jiso"].contains(&(repeats, 2, 5)));
            let description = &new.fields[8];
            assert!(description["ーー"].contains(&(repeats, 3, 9)));
            assert!(exact.contains_key("𠮷") && exact.contains_key("﨎"));
        }
    }

    #[test]
    fn index_files_equal_those_of_the_old_path() {
        let options = [
            Sharding::default(),
            Sharding {
                threshold: 0,
                shard_bytes: 3000,
                chunk_docs: 7,
            },
            Sharding {
                threshold: 0,
                shard_bytes: 0,
                chunk_docs: 1,
            },
        ];
        for lang in langs() {
            let (vocab, docs) = cases(lang);
            for docs in [&docs[..], &docs[..0], &edge_docs()[..]] {
                let old = elasticlunr_path::postings(lang, docs);
                for opts in &options {
                    let th =
                        thesaurus::load(Path::new(env!("CARGO_MANIFEST_DIR")), &Default::default())
                            .0;
                    let new = index_files_for(lang, &vocab, &th, docs, opts);
                    let old = shard::value_path::files(lang, &vocab, &th, docs, &old, opts);
                    assert_eq!(new.len(), old.len(), "{lang:?} {opts:?}");
                    for (a, b) in new.iter().zip(&old) {
                        assert_eq!(a.rel, b.rel);
                        if a.bytes != b.bytes {
                            let at = a.bytes.iter().zip(&b.bytes).take_while(|(x, y)| x == y);
                            let at = at.count().saturating_sub(80);
                            panic!(
                                "{lang:?} {opts:?}: {} differs:\n new {}\n old {}",
                                a.rel,
                                String::from_utf8_lossy(
                                    &a.bytes[at..(at + 200).min(a.bytes.len())]
                                ),
                                String::from_utf8_lossy(
                                    &b.bytes[at..(at + 200).min(b.bytes.len())]
                                ),
                            );
                        }
                    }
                }
            }
        }
    }

    /// A kind is written once per index, in the manifest's `kinds`, and result lines refer to
    /// it by position; snippet texts are only in the text chunks, beside their lines' chunks.
    #[test]
    fn kinds_once_and_texts_apart() {
        let (vocab, docs) = shipped(0);
        let th = Thesaurus::default();
        let opts = Sharding {
            threshold: 0,
            shard_bytes: 3000,
            chunk_docs: 7,
        };
        let files = index_files_for(langs()[0], &vocab, &th, &docs, &opts);
        let text = |rel: &str| {
            let f = files
                .iter()
                .find(|f| f.rel == rel)
                .unwrap_or_else(|| panic!("{rel}"));
            String::from_utf8(f.bytes.clone()).unwrap()
        };
        let manifest = text("assets/search-ja.js");
        let (lines, texts) = (
            text("assets/search-ja/d0.js"),
            text("assets/search-ja/t0.js"),
        );
        let kind = serde_json::to_string(&docs[0].kind).unwrap();
        assert!(!docs[0].kind.is_empty() && manifest.matches(&kind).count() == 1);
        assert!(!lines.contains(&kind), "{lines}");
        let snippet = serde_json::to_string(&docs[0].snippet).unwrap();
        assert!(docs[0].snippet.chars().count() > 20);
        assert!(texts.contains(&snippet) && !lines.contains(&snippet));
        let chunks = docs.len().div_ceil(7);
        for part in ['d', 't'] {
            let n = files
                .iter()
                .filter(|f| f.rel.starts_with(&format!("assets/search-ja/{part}")))
                .count();
            assert_eq!(n, chunks, "{part}");
        }
    }

    /// A spelling is listed once: in `spelled`, the records spelling a word so, or, when
    /// shorter, in `unspelled`, the records with its folded word that do not (empty when
    /// every record with the word spells it so).
    #[test]
    fn spellings_list_the_shorter_side() {
        let doc = |name: &str, description: &str| Doc {
            name: name.into(),
            description: description.into(),
            ..Doc::default()
        };
        let docs = [
            doc("Bé chậm nói", "tốt"),
            doc("Chăm sóc", "nơi tốt"),
            doc("chăm", "Sóc"),
            doc("cham noi", "tu van"),
            doc("Chăm", ""),
        ];
        let index = postings(&docs);
        let listed = |w: &str| -> (&str, Vec<usize>) {
            let key = tokenize::spelling(w);
            let at = [SPELLED, UNSPELLED]
                .into_iter()
                .filter(|&f| index.fields[f].contains_key(&key))
                .collect::<Vec<_>>();
            assert_eq!(at.len(), 1, "{w} is in one field: {at:?}");
            let docs = index.fields[at[0]][&key].iter().map(|&(d, _, _)| d);
            (FIELDS[at[0]].0, docs.collect())
        };
        // "cham" is in all five records: chậm is record 0's, chăm all but 0 and 3's.
        assert_eq!(listed("chậm"), ("spelled", vec![0]));
        assert_eq!(listed("chăm"), ("unspelled", vec![0, 3]));
        assert_eq!(listed("nói"), ("spelled", vec![0]));
        assert_eq!(listed("nơi"), ("spelled", vec![1]));
        // Only records 1 and 2 have "soc" and "be" is record 0's alone: nobody is left out.
        assert_eq!(listed("sóc"), ("unspelled", vec![]));
        assert_eq!(listed("bé"), ("unspelled", vec![]));
        // Its tone moved to the end, "tốt" is a key no letter composes with ("tôt" and a
        // combining acute): it still names its folded word "tot", shared by records 0 and 1.
        assert_eq!(listed("tốt"), ("unspelled", vec![]));
        let all: Vec<_> = [SPELLED, UNSPELLED]
            .iter()
            .flat_map(|&f| &index.fields[f])
            .collect();
        assert_eq!(all.len(), 7, "{all:?}");
        assert!(
            all.iter()
                .flat_map(|(_, p)| p.iter())
                .all(|&(_, count, len)| (count, len) == (1, 0))
        );
    }

    #[test]
    fn encode_into_writes_the_text_of_encode() {
        let lists: [&[compact::Posting]; 4] = [
            &[],
            &[(0, 1, 3)],
            &[(3, 2, 10), (4, 1, 1), (1000, 17, 20_000)],
            &[(0, 1, 0), (7, 1, 1), (8, 3, 2)],
        ];
        for p in lists {
            for lengths in [false, true] {
                let mut text = Vec::new();
                encode_into(&mut text, p, lengths);
                assert_eq!(
                    String::from_utf8(text).unwrap(),
                    encode(p, lengths).to_string()
                );
            }
        }
    }
}
