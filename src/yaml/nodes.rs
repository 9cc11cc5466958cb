//! Where each value of a YAML file is written, by its path (`locations[1].name.ja`): read
//! from the same saphyr events and positions as `bounds` reads, once per file that has a
//! diagnostic to place. serde's values carry no positions; a value found by its own path
//! is never confused with the same text written elsewhere in the file.

use super::bounds::start;
use crate::diag::Pos;
use crate::model::Step;
use saphyr_parser::{Event, Parser};

/// A step of a node's path as read from the file.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Read {
    Key(String),
    Index(usize),
}

impl Read {
    fn is(&self, step: &Step) -> bool {
        match (self, step) {
            (Read::Key(a), Step::Key(b)) => a == b,
            (Read::Index(a), Step::Index(b)) => a == b,
            _ => false,
        }
    }
}

/// One value: its path, where its key is written (in a map) and where it starts.
#[derive(Debug)]
struct Node {
    path: Vec<Read>,
    key: Option<Pos>,
    value: Pos,
    /// The byte in the file where the value starts.
    byte: usize,
}

/// A list or map being read: how many nodes it holds so far, and a map's last key.
struct Open {
    map: bool,
    children: usize,
    key: Option<(String, Pos)>,
    /// Whether it added a step to the path (the file's top map adds none).
    stepped: bool,
}

/// The positions of every value of one file.
#[derive(Debug, Default)]
pub(crate) struct Nodes {
    nodes: Vec<Node>,
}

impl Nodes {
    /// Reads `text`, a file that parsed (a file that did not has only the nodes before
    /// its error).
    pub(crate) fn of(text: &str) -> Nodes {
        let mut walk = Walk {
            nodes: Vec::new(),
            open: Vec::new(),
            path: Vec::new(),
        };
        // saphyr places events by character; they come in order, so walk forward once.
        let mut chars = text.char_indices().enumerate().peekable();
        let mut parser = Parser::new_from_str(text);
        while let Some(Ok((event, span))) = parser.next_event() {
            let want = span.start.index();
            while chars.next_if(|(n, _)| *n < want).is_some() {}
            let byte = chars.peek().map_or(text.len(), |(_, (b, _))| *b);
            let pos = (start(&span), byte);
            match event {
                Event::Scalar(value, ..) => {
                    walk.begin(pos, Some(&value));
                    walk.end_node();
                }
                Event::Alias(_) => {
                    walk.begin(pos, None);
                    walk.end_node();
                }
                Event::SequenceStart(..) => walk.open(pos, false),
                Event::MappingStart(..) => walk.open(pos, true),
                Event::SequenceEnd | Event::MappingEnd => walk.close(),
                _ => {}
            }
        }
        Nodes { nodes: walk.nodes }
    }

    fn find(&self, path: &[Step]) -> Option<&Node> {
        self.nodes.iter().find(|n| is_at(n, path))
    }

    /// Where the value at `path` starts (a quoted text at its quote).
    pub(crate) fn value(&self, path: &[Step]) -> Option<Pos> {
        self.find(path).map(|n| n.value)
    }

    /// Where the key of the value at `path` is written; a list entry's own start.
    pub(crate) fn key(&self, path: &[Step]) -> Option<Pos> {
        self.find(path).map(|n| n.key.unwrap_or(n.value))
    }

    /// The value at `path`, else the nearest of the fields holding it that is written
    /// (a text's `ja:` when the text is written as one string, the record's top).
    pub(crate) fn value_or_holder(&self, path: &[Step]) -> Pos {
        (0..=path.len())
            .rev()
            .find_map(|n| self.value(&path[..n]))
            .unwrap_or(Pos::START)
    }

    /// Where `needle` is written inside the value at `path` (a link in a Markdown text),
    /// else where the value starts: searched from the value's start to the next value's.
    pub(crate) fn within(&self, text: &str, path: &[Step], needle: &str) -> Pos {
        let Some(i) = self.nodes.iter().position(|n| is_at(n, path)) else {
            return self.value_or_holder(path);
        };
        let from = self.nodes[i].byte;
        let to = self
            .nodes
            .get(i + 1)
            .map_or(text.len(), |n| n.byte)
            .max(from);
        match text.get(from..to).and_then(|t| t.find(needle)) {
            Some(at) => crate::text::pos_of_offset(text, from + at),
            None => self.nodes[i].value,
        }
    }

    /// [`Nodes::key`] at `path`, else the nearest holder's (see [`Nodes::value_or_holder`]).
    pub(crate) fn key_or_holder(&self, path: &[Step]) -> Pos {
        (1..=path.len())
            .rev()
            .find_map(|n| self.key(&path[..n]))
            .unwrap_or(Pos::START)
    }
}

fn is_at(n: &Node, path: &[Step]) -> bool {
    n.path.len() == path.len() && n.path.iter().zip(path).all(|(r, s)| r.is(s))
}

/// A position and the byte it is at.
type At = (Pos, usize);

struct Walk {
    nodes: Vec<Node>,
    open: Vec<Open>,
    /// The path of the innermost open list or map.
    path: Vec<Read>,
}

impl Walk {
    /// A node starts at `pos`: a map's key is kept for its value, any other node is
    /// recorded with its path. Returns the node's own last step (`None` for a key).
    fn begin(&mut self, pos: At, scalar: Option<&str>) -> Option<Read> {
        let Some(open) = self.open.last_mut() else {
            self.record(None, None, pos);
            return None;
        };
        if open.map && open.children % 2 == 0 {
            open.key = Some((scalar.unwrap_or("").to_string(), pos.0));
            return None;
        }
        let (step, key) = if open.map {
            let (k, at) = open.key.clone().unwrap_or_default();
            (Read::Key(k), Some(at))
        } else {
            (Read::Index(open.children), None)
        };
        self.record(Some(step.clone()), key, pos);
        Some(step)
    }

    fn record(&mut self, step: Option<Read>, key: Option<Pos>, (value, byte): At) {
        let mut path = self.path.clone();
        path.extend(step);
        self.nodes.push(Node {
            path,
            key,
            value,
            byte,
        });
    }

    /// A node ended: it counts in the list or map holding it.
    fn end_node(&mut self) {
        if let Some(open) = self.open.last_mut() {
            open.children += 1;
        }
    }

    fn open(&mut self, pos: At, map: bool) {
        let top = self.open.is_empty();
        // A list or map used as a key is read with an empty key's path.
        let step = (self.begin(pos, None)).or_else(|| (!top).then(|| Read::Key(String::new())));
        let stepped = step.is_some();
        self.path.extend(step);
        self.open.push(Open {
            map,
            children: 0,
            key: None,
            stepped,
        });
    }

    fn close(&mut self) {
        if self.open.pop().is_some_and(|o| o.stepped) {
            self.path.pop();
        }
        self.end_node();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Step::{Index, Key};

    const DOC: &str = "name: {ja: 北区, en: \"Kita\"}\nalternate_name:\n  - 北区\nlocations:\n  - name:\n      ja: 北区\n    phones: [{number: 1}, {number: 1}]\n";

    #[test]
    fn each_value_is_found_by_its_path_not_its_text() {
        let n = Nodes::of(DOC);
        assert_eq!(n.value(&[Key("name"), Key("ja")]), Some(Pos::new(1, 12)));
        assert_eq!(n.value(&[Key("name"), Key("en")]), Some(Pos::new(1, 20)));
        assert_eq!(
            n.value(&[Key("alternate_name"), Index(0)]),
            Some(Pos::new(3, 5))
        );
        let place = [Key("locations"), Index(0), Key("name"), Key("ja")];
        assert_eq!(n.value(&place), Some(Pos::new(6, 11)));
        assert_eq!(n.key(&place[..3]), Some(Pos::new(5, 5)));
        let second = [
            Key("locations"),
            Index(0),
            Key("phones"),
            Index(1),
            Key("number"),
        ];
        assert_eq!(n.value(&second), Some(Pos::new(7, 36)));
        assert_eq!(n.key(&second), Some(Pos::new(7, 28)));
    }

    #[test]
    fn a_value_not_written_is_at_its_nearest_holder() {
        let n = Nodes::of(DOC);
        let vi = [Key("name"), Key("vi")];
        assert_eq!(n.value(&vi), None);
        assert_eq!(n.value_or_holder(&vi), Pos::new(1, 7));
        assert_eq!(n.key_or_holder(&vi), Pos::new(1, 1));
        assert_eq!(n.value_or_holder(&[Key("nothing")]), Pos::new(1, 1));
    }

    #[test]
    fn a_link_is_found_inside_its_own_text() {
        let text = "a: |\n  see x\nb:\n  ja: |\n    one\n    see x\n";
        let n = Nodes::of(text);
        let b = [Key("b"), Key("ja")];
        assert_eq!(n.within(text, &b, "see x"), Pos::new(6, 5));
        assert_eq!(n.within(text, &b, "absent"), n.value(&b).unwrap());
    }
}
