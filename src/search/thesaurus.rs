//! The search thesaurus staff keep in `content/thesaurus.yaml`: groups of words that mean
//! the same (言葉 = ことば, 子供 = 子ども) and one-way expansions from the words parents type
//! to the network's own terms (自閉症 → 発達障がい). The browser applies it to queries
//! (themes/default/static/search.js); this module reads it, checks it for `check` and
//! `build`, and writes the compact form shipped in each index manifest.

use super::records;
use super::tokenize;
use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::i18n::UiStrings;
use crate::load::Content;
use crate::model::Limits;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// Where the thesaurus lives, relative to the site root. A site without it has none.
pub(crate) const PATH: &str = crate::load::THESAURUS;

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    same: Vec<Vec<String>>,
    #[serde(default)]
    leads_to: Vec<LeadsTo>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LeadsTo {
    from: Vec<String>,
    to: Vec<String>,
}

/// The thesaurus with every word as a query key (`key`), ready to ship.
#[derive(Debug, Default, Clone, PartialEq, serde::Serialize)]
pub struct Thesaurus {
    /// Groups of equivalent words: any one is searched as each of the others too.
    pub(crate) same: Vec<Vec<String>>,
    /// `(from, to)`: a query holding a `from` word is also searched with it replaced by
    /// each `to` word, never the other way.
    pub(crate) leads: Vec<(Vec<String>, Vec<String>)>,
}

/// A word as the browser matches it inside a query: normalized (NFKC, lowercase, kana
/// folded) and its runs of kana/kanji or letters/digits joined by one space.
pub(crate) fn key(word: &str) -> String {
    tokenize::spaced(word)
}

/// One word of the file, with where it is written.
struct Word<'a> {
    text: &'a str,
    key: String,
    pos: Pos,
}

/// Reads the thesaurus of the site at `root` (like a record file: bounded, UTF-8, links
/// only inside the root); an absent file is an empty thesaurus. On an error the thesaurus
/// is empty and the diagnostics say why.
pub fn load(root: &Path, limits: &Limits) -> (Thesaurus, Diagnostics) {
    let mut diags = Diagnostics::default();
    let Some(src) = crate::load::read_optional(root, PATH, limits, &mut diags) else {
        return (Thesaurus::default(), diags);
    };
    match parse(&src.text, &mut diags) {
        Some(t) if !diags.has_errors() => (t, diags),
        _ => (Thesaurus::default(), diags),
    }
}

/// The thesaurus `content` was loaded with (empty when it has none, or a broken one:
/// [`check`] reports why).
pub(crate) fn of(content: &Content) -> Thesaurus {
    let mut diags = Diagnostics::default();
    match content
        .thesaurus
        .as_ref()
        .map(|src| parse(&src.text, &mut diags))
    {
        Some(Some(t)) if !diags.has_errors() => t,
        _ => Thesaurus::default(),
    }
}

/// The thesaurus `content` was loaded with, parsed once per command, and every problem
/// of it (reading it was checked by `load`): what [`load`] finds, words that reach no
/// record, words listed twice, and loops. The thesaurus is empty when the site has none
/// or it does not parse.
pub(crate) fn check(content: &Content, ui: Option<&UiStrings>) -> (Thesaurus, Diagnostics) {
    let mut diags = Diagnostics::default();
    let Some(src) = &content.thesaurus else {
        return (Thesaurus::default(), diags);
    };
    let text = &src.text;
    let Some(file) = parse_file(text, &mut diags) else {
        return (Thesaurus::default(), diags);
    };
    let words = Words::locate(text, &file);
    words.check_shapes(&file, &mut diags);
    words.check_duplicates(&mut diags);
    words.check_loops(&mut diags);
    if let Some(ui) = ui {
        check_targets(ui, &words.targets, content, &mut diags);
    }
    (keyed(&file), diags)
}

fn parse_file(text: &str, diags: &mut Diagnostics) -> Option<File> {
    // Logged, so `MADOGUCHI_TIMINGS` shows a command parsing it more than once.
    crate::progress::step("thesaurus");
    if text.trim().is_empty() {
        return Some(File::default());
    }
    match crate::yaml::parse::<Option<File>>(Path::new(PATH), text) {
        Ok(f) => Some(f.unwrap_or_default()),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

fn parse(text: &str, diags: &mut Diagnostics) -> Option<Thesaurus> {
    parse_file(text, diags).map(|file| keyed(&file))
}

/// The thesaurus of a parsed file, every word as its query key.
fn keyed(file: &File) -> Thesaurus {
    let keys = |list: &[String]| -> Vec<String> {
        list.iter()
            .map(|w| key(w))
            .filter(|k| !k.is_empty())
            .collect()
    };
    Thesaurus {
        same: file.same.iter().map(|g| keys(g)).collect(),
        leads: file
            .leads_to
            .iter()
            .map(|l| (keys(&l.from), keys(&l.to)))
            .collect(),
    }
}

/// The file's words with their positions, in the order of the parsed file.
struct Words<'a> {
    /// Each group's words.
    same: Vec<Vec<Word<'a>>>,
    /// Each expansion's `from` and `to` words.
    leads: Vec<(Vec<Word<'a>>, Vec<Word<'a>>)>,
    /// Every `to` word, for [`check_targets`].
    targets: Vec<(String, Pos)>,
}

impl<'a> Words<'a> {
    fn locate(text: &'a str, file: &'a File) -> Words<'a> {
        let mut scalars = Scalars::new(text);
        let mut words = |list: &'a [String]| -> Vec<Word<'a>> {
            list.iter()
                .map(|w| Word {
                    text: w,
                    key: key(w),
                    pos: scalars.take(w),
                })
                .collect()
        };
        let same = file.same.iter().map(|g| words(g)).collect();
        let leads: Vec<_> = file
            .leads_to
            .iter()
            .map(|l| (words(&l.from), words(&l.to)))
            .collect();
        let targets = leads
            .iter()
            .flat_map(|(_, to)| to.iter().map(|w| (w.text.to_string(), w.pos)))
            .collect();
        Words {
            same,
            leads,
            targets,
        }
    }

    /// Groups of fewer than two words, empty lists, and words with nothing searchable.
    fn check_shapes(&self, file: &File, diags: &mut Diagnostics) {
        let at = |pos| Diagnostic::error(Path::new(PATH), pos, "", "");
        for (g, words) in file.same.iter().zip(&self.same) {
            if g.len() < 2 {
                let pos = words.first().map_or(Pos::START, |w| w.pos);
                diags.push(Diagnostic {
                    message: "a `same` group needs at least two words".into(),
                    help: "add the other ways of writing this word to the list, or delete the line"
                        .into(),
                    ..at(pos)
                });
            }
        }
        for (from, to) in &self.leads {
            if from.is_empty() || to.is_empty() {
                let pos = from.first().or(to.first()).map_or(Pos::START, |w| w.pos);
                diags.push(Diagnostic {
                    message: "a `leads_to` entry needs words in both `from:` and `to:`".into(),
                    help: "write the parents' words under `from:` and the network's term they should find under `to:`".into(),
                    ..at(pos)
                });
            }
        }
        for w in self.all() {
            if w.key.is_empty() {
                diags.push(Diagnostic {
                    message: format!(
                        "`{}` has no letters, digits, kana or kanji to search for",
                        w.text
                    ),
                    help: "write the word itself, or delete this entry".into(),
                    ..at(w.pos)
                });
            }
        }
    }

    fn all(&self) -> impl Iterator<Item = &Word<'a>> {
        self.same
            .iter()
            .flatten()
            .chain(self.leads.iter().flat_map(|(f, t)| f.iter().chain(t)))
    }

    /// A word may stand in one group or one `from:` list, once: otherwise which words it
    /// means is unclear (and a second copy does nothing). Within one list, two spellings
    /// that search alike (コトバ, ことば) are fine: staff may write both scripts.
    fn check_duplicates<'s>(&'s self, diags: &mut Diagnostics) {
        let mut first: HashMap<&str, &Word> = HashMap::new();
        let mut one_list = |list: &'s [Word<'a>], shared: bool, diags: &mut Diagnostics| {
            let mut texts: HashSet<&str> = HashSet::new();
            let mut keys: HashSet<&str> = HashSet::new();
            for w in list.iter().filter(|w| !w.key.is_empty()) {
                if !texts.insert(w.text) {
                    diags.push(duplicate(w, None));
                } else if keys.insert(&w.key)
                    && shared
                    && let Some(prev) = first.insert(&w.key, w)
                {
                    diags.push(duplicate(w, Some(prev)));
                }
            }
        };
        for g in &self.same {
            one_list(g, true, diags);
        }
        for (from, to) in &self.leads {
            one_list(from, true, diags);
            one_list(to, false, diags);
        }
    }

    /// One-way expansions must not come back to where they started (a → b, b → a), counting
    /// the words of a `same` group as one.
    fn check_loops<'s>(&'s self, diags: &mut Diagnostics) {
        // Each word's node: its group, or itself.
        let mut node: HashMap<&'s str, usize> = HashMap::new();
        for (g, words) in self.same.iter().enumerate() {
            for w in words {
                node.entry(&w.key).or_insert(g);
            }
        }
        let mut next_id = self.same.len();
        let mut id = |k: &'s str, node: &mut HashMap<&'s str, usize>| {
            *node.entry(k).or_insert_with(|| {
                next_id += 1;
                next_id - 1
            })
        };
        // Edges in file order, each with the `to` word that makes it.
        let mut edges: BTreeMap<usize, Vec<(usize, &Word)>> = BTreeMap::new();
        for (from, to) in &self.leads {
            for f in from {
                let a = id(&f.key, &mut node);
                for t in to {
                    let b = id(&t.key, &mut node);
                    edges.entry(a).or_default().push((b, t));
                }
            }
        }
        // Each loop is reported once, at the word that closes it seen from its first node.
        let mut in_loop: HashSet<usize> = HashSet::new();
        for &start in edges.keys() {
            if in_loop.contains(&start) {
                continue;
            }
            if let Some((w, nodes)) = closing_edge(start, &edges) {
                in_loop.extend(nodes);
                diags.push(Diagnostic::error(
                    Path::new(PATH),
                    w.pos,
                    format!("`{}` leads back to a word that already leads to it: the expansions go round in a loop", w.text),
                    "a `leads_to` goes one way, from the parents' word to the network's term; remove this word here, or put the words in one `same` group if they mean the same",
                ));
            }
        }
    }
}

fn duplicate(w: &Word, first: Option<&Word>) -> Diagnostic {
    let help = match first {
        Some(f) => format!(
            "`{}` is already at line {} (as `{}`); a word may be in one `same` group or one `from:` list only: delete one of them, or merge the two lists",
            w.text, f.pos.line, f.text
        ),
        None => "this list already has this word: delete one".into(),
    };
    Diagnostic::error(
        Path::new(PATH),
        w.pos,
        format!("`{}` is listed twice", w.text),
        help,
    )
}

/// The `to` word of an edge that closes a loop through `start`, if any (depth first), and
/// the nodes of that loop.
fn closing_edge<'w>(
    start: usize,
    edges: &BTreeMap<usize, Vec<(usize, &'w Word<'w>)>>,
) -> Option<(&'w Word<'w>, Vec<usize>)> {
    let mut parent: HashMap<usize, usize> = HashMap::new();
    let mut stack: Vec<usize> = vec![start];
    while let Some(n) = stack.pop() {
        for &(m, w) in edges.get(&n).into_iter().flatten() {
            if m == start {
                let mut nodes = vec![n];
                while let Some(&p) = parent.get(nodes.last().expect("not empty")) {
                    nodes.push(p);
                }
                return Some((w, nodes));
            }
            if m != n && !parent.contains_key(&m) {
                parent.insert(m, n);
                stack.push(m);
            }
        }
    }
    None
}

/// A `to` word must lead somewhere: every token of it must be in one record's indexed text
/// (in either language), or the expansion finds nothing.
fn check_targets(
    ui: &UiStrings,
    targets: &[(String, Pos)],
    content: &Content,
    diags: &mut Diagnostics,
) {
    let mut open: Vec<(&str, Pos, Vec<String>)> = targets
        .iter()
        .map(|(t, p)| (t.as_str(), *p, tokenize::tokenize(t)))
        .filter(|(_, _, tokens)| !tokens.is_empty())
        .collect();
    for lang in content.site.data.languages.langs() {
        if open.is_empty() {
            break;
        }
        let (_, docs) = records::collect(content, lang, ui);
        // Most targets are found in the first records, so a record's tokens are made only
        // while some target is still unmatched.
        for d in &docs {
            let mut tokens: HashSet<String> = HashSet::new();
            for t in d.field_texts() {
                let norm = tokenize::normalize(t);
                tokenize::tokens_of(&norm, |t| {
                    tokens.insert(t.to_string());
                });
            }
            open.retain(|(_, _, want)| !want.iter().all(|t| tokens.contains(t)));
            if open.is_empty() {
                break;
            }
        }
    }
    for (word, pos, _) in open {
        diags.push(Diagnostic::error(
            Path::new(PATH),
            pos,
            format!("`{word}` is in no record's name, aliases, kind or description, so leading to it finds nothing"),
            "write the term as the records write it (copy it from the record's name or description), or add it to the record's `alternate_name`",
        ));
    }
}

/// The list items written in a YAML text, in order, for locating the thesaurus' words: the
/// items of flow lists (`[a, b]`) and of block lists (`- a`), quotes removed.
struct Scalars {
    items: Vec<(String, Pos)>,
    used: Vec<bool>,
}

impl Scalars {
    fn new(text: &str) -> Scalars {
        let mut items = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let code = strip_comment(line);
            let mut rest = code.trim_start();
            let mut col = code.len() - rest.len();
            let dashed = rest.starts_with("- ") || rest == "-";
            if dashed {
                let after = rest[1..].trim_start();
                col += rest.len() - after.len();
                rest = after;
            }
            // `key:` before the value.
            if let Some(colon) = rest.find(':')
                && rest[..colon]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_')
                && colon > 0
            {
                let after = rest[colon + 1..].trim_start();
                col += rest.len() - after.len();
                rest = after;
            } else if dashed && !rest.starts_with('[') {
                items.push((unquote(rest.trim_end()), pos_at(line, i, col)));
                continue;
            }
            if let Some(list) = rest.strip_prefix('[') {
                let mut at = col + 1;
                for part in list.split([',', ']']) {
                    let lead = part.len() - part.trim_start().len();
                    let word = part.trim();
                    if !word.is_empty() {
                        items.push((unquote(word), pos_at(line, i, at + lead)));
                    }
                    at += part.len() + 1;
                }
            }
        }
        let used = vec![false; items.len()];
        Scalars { items, used }
    }

    /// The position of the first item not yet taken that is `word`.
    fn take(&mut self, word: &str) -> Pos {
        for (i, (w, pos)) in self.items.iter().enumerate() {
            if !self.used[i] && w == word {
                self.used[i] = true;
                return *pos;
            }
        }
        Pos::START
    }
}

/// The line without a `#` comment (a `#` at the start or after a space).
fn strip_comment(line: &str) -> &str {
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        if c == '#' && prev.is_whitespace() {
            return &line[..i];
        }
        prev = c;
    }
    line
}

fn unquote(s: &str) -> String {
    let s = s.trim();
    for q in ['"', '\''] {
        if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) {
            return s[1..s.len() - 1].to_string();
        }
    }
    s.to_string()
}

/// Line `i` (0-based) and byte column `col` of `line` as a 1-based position in characters.
fn pos_at(line: &str, i: usize, col: usize) -> Pos {
    Pos::new(i + 1, line[..col.min(line.len())].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_found_in_flow_and_block_lists() {
        let text = "same:\n  - [言葉, \"ことば\", コトバ]  # 例\nleads_to:\n  - from: [autism]\n    to:\n      - 発達障がい\n";
        let mut s = Scalars::new(text);
        assert_eq!(s.take("言葉"), Pos::new(2, 6));
        assert_eq!(s.take("ことば"), Pos::new(2, 10));
        assert_eq!(s.take("コトバ"), Pos::new(2, 17));
        assert_eq!(s.take("autism"), Pos::new(4, 12));
        assert_eq!(s.take("発達障がい"), Pos::new(6, 9));
        assert_eq!(s.take("例"), Pos::START, "comments hold no words");
    }

    #[test]
    fn keys_join_runs_with_one_space() {
        assert_eq!(key("Speech  Delay"), "speech delay");
        assert_eq!(key("ｺﾄﾊﾞ"), "ことば");
        assert_eq!(key("after-school"), "after school");
    }
}
