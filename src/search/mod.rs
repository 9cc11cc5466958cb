//! The search index: per language a file (`assets/search-<lang>.js`) that the search page
//! loads when the box is first used, split into shards on big sites ([`shard`]). Records are
//! indexed with elasticlunr-rs using our own tokenizer ([`tokenize`]), then written in a
//! compact form ([`compact`]) that themes/default/static/search.js scores the way
//! elasticlunr does.

pub mod compact;
pub mod records;
pub mod shard;
pub mod tokenize;

use crate::load::Content;
use crate::model::Lang;
use crate::render::OutFile;
use elasticlunr::{Index, IndexBuilder, Language, Pipeline};
pub use records::{Doc, Vocab};
pub use shard::Sharding;

/// Indexed fields and their boosts. Name and aliases weigh most because parents type a
/// window's name or nickname; `exact` holds whole names and aliases (squashed) so a query
/// that is exactly an alias outranks records merely containing its bigrams.
pub const FIELDS: [(&str, f64); 10] = [
    ("name", 10.0),
    ("aliases", 8.0),
    ("kana", 6.0),
    ("kind", 3.0),
    ("tier", 1.0),
    ("wards", 2.0),
    ("stages", 2.0),
    ("audiences", 1.0),
    ("description", 1.0),
    ("exact", 40.0),
];

/// Our tokenizer as an elasticlunr language. No stemming or stop words: the browser
/// must reproduce the pipeline exactly, and bigrams need no stemmer.
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

/// Whole names and aliases, one per line, each squashed to one token.
fn exact_tokens(text: &str) -> Vec<String> {
    text.lines()
        .map(tokenize::squash)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Builds the elasticlunr index of `docs`; document refs are `first` + positions in `docs`.
pub fn build_index(lang: Lang, docs: &[Doc], first: usize) -> Index {
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

/// The index files for one language: the manifest the search page loads
/// (`assets/search-<lang>.js`) and, above `opts.threshold` records, its shards and
/// display chunks (see [`shard`]).
pub fn index_files_for(lang: Lang, vocab: &Vocab, docs: &[Doc], opts: &Sharding) -> Vec<OutFile> {
    // elasticlunr keeps a trie node per character, several hundred bytes a posting: built
    // whole, a 10,000-record index took over a gigabyte. Batches are indexed one at a time
    // and their postings appended in document order; term counts and field lengths are
    // per document, so the merged postings are exactly those of one big index.
    let mut c = compact::Compact {
        fields: vec![Default::default(); FIELDS.len()],
        docs: docs.len(),
    };
    use rayon::prelude::*;
    let parts: Vec<compact::Compact> = docs
        .par_chunks(INDEX_BATCH)
        .enumerate()
        .map(|(k, batch)| compact::compact(&build_index(lang, batch, k * INDEX_BATCH), docs.len()))
        .collect();
    for part in parts {
        for (all, field) in c.fields.iter_mut().zip(part.fields) {
            for (token, postings) in field {
                all.entry(token).or_default().extend(postings);
            }
        }
    }
    shard::files(lang, vocab, docs, &c, opts)
}

/// Documents indexed by elasticlunr at a time (see `index_files_for`).
const INDEX_BATCH: usize = 500;

/// Every language's index files for the site.
pub fn index_files(content: &Content) -> Vec<OutFile> {
    use rayon::prelude::*;
    Lang::ALL
        .par_iter()
        .flat_map_iter(|&lang| {
            let (vocab, docs) = records::collect(content, lang);
            index_files_for(lang, &vocab, &docs, &Sharding::default())
        })
        .collect()
}
