//! A walk over a YAML file's events that refuses it, at the offending position, before
//! serde builds any value: too deep, too many entries in a list, too large once aliases
//! are expanded (an "alias bomb"), a text too long, a duplicate key, a second document,
//! or a forbidden character written as an escape (`"\e"`, `"\u202E"`).
//!
//! saphyr-parser streams events one at a time, so the walk stops at the first problem:
//! work and memory stay proportional to what was read up to there. (serde_yaml_ng's
//! libyaml collects every event of the document first, and its scanner does work
//! proportional to the nesting depth for every token, so 100,000 nested `[` take minutes.)

use crate::diag::{Diagnostic, Pos};
use crate::model::Limits;
use crate::text::{FORBIDDEN_HELP, describe, find_forbidden};
use saphyr_parser::{Event, Parser, Span};
use std::collections::HashMap;
use std::path::Path;

/// Values and bytes of text a node stands for once its aliases are expanded.
#[derive(Debug, Clone, Copy, Default)]
struct Size {
    nodes: usize,
    bytes: usize,
}

impl Size {
    fn add(&mut self, other: Size) {
        self.nodes = self.nodes.saturating_add(other.nodes);
        self.bytes = self.bytes.saturating_add(other.bytes);
    }
}

/// A list or map being read.
struct Frame {
    /// Anchor id (`&name`), 0 for none.
    anchor: usize,
    size: Size,
    /// Children read so far (keys and values both count in a map).
    children: usize,
    /// The keys of a map, to find a duplicate; `None` for a list.
    keys: Option<HashMap<String, Pos>>,
}

struct Walk<'a> {
    file: &'a Path,
    limits: &'a Limits,
    frames: Vec<Frame>,
    anchors: HashMap<usize, Size>,
    total: Size,
    documents: usize,
}

/// Walks every event of `text`; the first problem found is the error.
pub(super) fn scan(file: &Path, text: &str, limits: &Limits) -> Result<(), Diagnostic> {
    let mut walk = Walk {
        file,
        limits,
        frames: Vec::new(),
        anchors: HashMap::new(),
        total: Size::default(),
        documents: 0,
    };
    let mut parser = Parser::new_from_str(text);
    while let Some(next) = parser.next_event() {
        match next {
            Ok((event, span)) => walk.event(event, start(&span))?,
            Err(e) => {
                let m = e.marker();
                let pos = Pos::new(m.line(), m.col() + 1);
                // The scanner reads a flow (`[…]`, `{…}`) ahead and stops past 255 levels.
                if e.info() == "recursion limit exceeded" {
                    return Err(walk.too_deep(pos));
                }
                return Err(Diagnostic::error(
                    file,
                    pos,
                    e.info().to_string(),
                    super::SYNTAX_HELP,
                ));
            }
        }
    }
    Ok(())
}

pub(super) fn start(span: &Span) -> Pos {
    Pos::new(span.start.line(), span.start.col() + 1)
}

/// The sentence telling how to raise a limit, for every limit message.
fn raise(key: &str, value: usize) -> String {
    format!(
        "if your content really needs more, raise it in site.yaml: `limits: {{{key}: …}}` (now {value})"
    )
}

impl Walk<'_> {
    fn event(&mut self, event: Event, pos: Pos) -> Result<(), Diagnostic> {
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(self.error(
                        pos,
                        "this file holds a second YAML document".into(),
                        "a file holds one record: remove the `---` line and what follows it, or move that into a file of its own".into(),
                    ));
                }
            }
            Event::Scalar(value, _, anchor, _) => {
                self.check_text(&value, pos)?;
                let size = Size {
                    nodes: 1,
                    bytes: value.len(),
                };
                if anchor != 0 {
                    self.anchors.insert(anchor, size);
                }
                self.count(size, pos)?;
                self.attach(size, Some(&value), pos)?;
            }
            Event::Alias(id) => {
                let size = self
                    .anchors
                    .get(&id)
                    .copied()
                    .unwrap_or(Size { nodes: 1, bytes: 0 });
                self.count(size, pos)?;
                self.attach(size, None, pos)?;
            }
            Event::SequenceStart(anchor, _) => self.open(anchor, false, pos)?,
            Event::MappingStart(anchor, _) => self.open(anchor, true, pos)?,
            Event::SequenceEnd | Event::MappingEnd => self.close(pos)?,
            _ => {}
        }
        Ok(())
    }

    fn error(&self, pos: Pos, message: String, help: String) -> Diagnostic {
        Diagnostic::error(self.file, pos, message, help)
    }

    fn check_text(&self, value: &str, pos: Pos) -> Result<(), Diagnostic> {
        let limit = self.limits.text_bytes;
        if value.len() > limit {
            return Err(self.error(
                pos,
                format!(
                    "this text is {} bytes long, over the limit of {limit} bytes for one text",
                    value.len()
                ),
                format!(
                    "shorten it, or link to a page that has the details; {}",
                    raise("text_bytes", limit)
                ),
            ));
        }
        // Raw forbidden characters were reported at their own column before parsing; one
        // found here was written as an escape (`"\e"`, `"\u202E"`) inside this text.
        if let Some((_, c)) = find_forbidden(value) {
            return Err(self.error(
                pos,
                format!("this text holds {}", describe(c)),
                format!("{FORBIDDEN_HELP}; if it is written as an escape such as `\\e`, `\\0` or `\\u202E`, delete the escape"),
            ));
        }
        Ok(())
    }

    fn open(&mut self, anchor: usize, mapping: bool, pos: Pos) -> Result<(), Diagnostic> {
        if self.frames.len() >= self.limits.yaml_depth {
            return Err(self.too_deep(pos));
        }
        self.count(Size { nodes: 1, bytes: 0 }, pos)?;
        self.frames.push(Frame {
            anchor,
            size: Size { nodes: 1, bytes: 0 },
            children: 0,
            keys: mapping.then(HashMap::new),
        });
        Ok(())
    }

    fn too_deep(&self, pos: Pos) -> Diagnostic {
        let limit = self.limits.yaml_depth;
        self.error(
            pos,
            format!("lists and maps are nested more than {limit} levels deep here"),
            format!(
                "records need only a few levels; check for unclosed `[` or `{{`; {}",
                raise("yaml_depth", limit)
            ),
        )
    }

    fn close(&mut self, pos: Pos) -> Result<(), Diagnostic> {
        let Some(frame) = self.frames.pop() else {
            return Ok(());
        };
        if frame.anchor != 0 {
            self.anchors.insert(frame.anchor, frame.size);
        }
        // The collection's own node was counted in the total when it opened.
        self.attach(frame.size, None, pos)
    }

    /// Adds a node (with everything an alias expands to) to the file's total.
    fn count(&mut self, size: Size, pos: Pos) -> Result<(), Diagnostic> {
        self.total.add(size);
        let (nodes, bytes) = (self.limits.expanded_nodes, self.limits.expanded_bytes);
        let over = if self.total.nodes > nodes {
            Some((
                format!("more than {nodes} values"),
                raise("expanded_nodes", nodes),
            ))
        } else if self.total.bytes > bytes {
            Some((
                format!("more than {bytes} bytes of text"),
                raise("expanded_bytes", bytes),
            ))
        } else {
            None
        };
        match over {
            Some((what, how)) => Err(self.error(
                pos,
                format!("this file grows to {what} once its aliases (`*name`) are expanded"),
                format!("write the values out instead of repeating aliases; {how}"),
            )),
            None => Ok(()),
        }
    }

    /// Makes a finished node a child of the list or map being read: counts entries and
    /// finds duplicate keys. `scalar` is the node's text when it is a plain value.
    fn attach(&mut self, size: Size, scalar: Option<&str>, pos: Pos) -> Result<(), Diagnostic> {
        let limit = self.limits.list_entries;
        let file = self.file;
        let Some(frame) = self.frames.last_mut() else {
            return Ok(());
        };
        frame.size.add(size);
        let is_key = frame.keys.is_some() && frame.children % 2 == 0;
        frame.children += 1;
        let entries = if frame.keys.is_some() {
            frame.children.div_ceil(2)
        } else {
            frame.children
        };
        if entries > limit {
            return Err(Diagnostic::error(
                file,
                pos,
                format!("more than {limit} entries in one list or map"),
                format!(
                    "split the content into several records; {}",
                    raise("list_entries", limit)
                ),
            ));
        }
        if let (true, Some(key), Some(keys)) = (is_key, scalar, frame.keys.as_mut())
            && let Some(first) = keys.insert(key.to_string(), pos)
        {
            return Err(Diagnostic::error(
                file,
                pos,
                format!("duplicate key `{key}`"),
                format!(
                    "`{key}` is already given on line {}; keep one of the two and delete the other",
                    first.line
                ),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str, limits: &Limits) -> Diagnostic {
        scan(Path::new("a.yaml"), text, limits).unwrap_err()
    }

    #[test]
    fn plain_records_pass() {
        let text = "name: {ja: 北区, en: Kita}\nlist:\n  - a\n  - {ref: x, why: {ja: y}}\nbase: &b {ja: x}\nother: *b\n";
        scan(Path::new("a.yaml"), text, &Limits::default()).unwrap();
    }

    #[test]
    fn duplicate_key_at_its_own_line() {
        let d = err("name: a\nkana: b\nname: c\n", &Limits::default());
        assert_eq!((d.line, d.column), (3, 1));
        assert!(d.message.contains("duplicate key `name`"), "{}", d.message);
        assert!(d.help.contains("line 1"), "{}", d.help);
    }

    #[test]
    fn alias_expansion_is_counted_before_values_are_built() {
        let limits = Limits {
            expanded_bytes: 1000,
            ..Limits::default()
        };
        let text = format!(
            "a: &x {}\nb: [{}]\n",
            "y".repeat(100),
            ["*x"; 20].join(", ")
        );
        let d = err(&text, &limits);
        assert!(d.message.contains("aliases"), "{}", d.message);
        assert!(d.help.contains("expanded_bytes"), "{}", d.help);
        assert_eq!(d.line, 2);
    }

    #[test]
    fn nested_aliases_multiply() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            let alias = format!("*a{}", i - 1);
            text.push_str(&format!("a{i}: &a{i} [{}]\n", vec![alias; 10].join(", ")));
        }
        let d = err(&text, &Limits::default());
        assert!(d.help.contains("expanded_nodes"), "{}", d.help);
    }

    #[test]
    fn depth_entries_and_text_length_are_bounded() {
        let limits = Limits::default();
        let deep = format!("a: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        let d = err(&deep, &limits);
        assert!(d.help.contains("yaml_depth"), "{} {:?}", d.help, d.message);
        assert_eq!(d.line, 1);
        let nested = format!("a: {}1{}", "[".repeat(40), "]".repeat(40));
        // The record itself is the first level: the 32nd `[` is the 33rd.
        assert_eq!(err(&nested, &limits).column, 35);
        let long = format!("a: [{}]", ["1"; 20_000].join(","));
        assert!(err(&long, &limits).help.contains("list_entries"));
        let text = format!("a: {}", "x".repeat(200_000));
        assert!(err(&text, &limits).help.contains("text_bytes"));
    }

    #[test]
    fn escaped_controls_and_second_documents_are_refused() {
        let d = err("a: ok\nb: \"x\\e[2J\"\n", &Limits::default());
        assert_eq!((d.line, d.column), (2, 4));
        assert!(d.message.contains("U+001B"), "{}", d.message);
        let d = err("a: \"\\u202E\"\n", &Limits::default());
        assert!(d.message.contains("U+202E"), "{}", d.message);
        let d = err("a: 1\n---\nb: 2\n", &Limits::default());
        assert_eq!(d.line, 2);
        assert!(d.message.contains("second YAML document"));
    }
}
