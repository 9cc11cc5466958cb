//! Which characters text may hold. Control characters (other than tab and newline) break
//! feed.xml and can rewrite a terminal; bidirectional overrides make text read differently
//! from what it says ("trojan source"). Both are refused wherever content is read, and
//! escaped wherever content is printed to a terminal.

/// A 1-based position in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Pos {
    /// 1-based line.
    pub(crate) line: usize,
    /// 1-based column, in characters.
    pub(crate) column: usize,
}

impl Pos {
    /// The first character of a file.
    pub(crate) const START: Pos = Pos { line: 1, column: 1 };
    /// Line `line`, column `column` (both 1-based).
    pub(crate) fn new(line: usize, column: usize) -> Self {
        Pos { line, column }
    }
}

/// True for a character no text may hold: C0/C1 controls except tab and newline (a
/// carriage return is allowed only before a newline, see `find_forbidden`), DEL, the
/// bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), and
/// U+FFFE/U+FFFF, which XML does not allow. The plain direction marks U+200E/U+200F are
/// fine: they cannot reorder text beyond themselves.
pub(crate) fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
        || c == '\u{fffe}'
        || c == '\u{ffff}'
}

/// The first forbidden character of `text` and its position (line, and column counted in
/// characters). A carriage return directly before a newline is a Windows line ending and
/// is allowed.
pub(crate) fn find_forbidden(text: &str) -> Option<(Pos, char)> {
    let idx = text.char_indices().find_map(|(i, c)| {
        let crlf = c == '\r' && text[i + 1..].starts_with('\n');
        (is_forbidden(c) && !crlf).then_some(i)
    })?;
    let c = text[idx..].chars().next()?;
    Some((pos_of_offset(text, idx), c))
}

/// Line and column (in characters, 1-based) of byte `offset` in `text`.
pub(crate) fn pos_of_offset(text: &str, offset: usize) -> Pos {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Pos::new(line, column)
}

/// What a forbidden character is, for messages: `U+001B (a control character)`.
pub(crate) fn describe(c: char) -> String {
    let kind = if c.is_control() {
        "a control character"
    } else if c == '\u{fffe}' || c == '\u{ffff}' {
        "a non-character"
    } else {
        "a bidirectional override"
    };
    format!("U+{:04X} ({kind})", c as u32)
}

/// The help shown with a forbidden character.
pub(crate) const FORBIDDEN_HELP: &str = "delete it: it is invisible or changes how text is shown, and breaks the feed; it often comes from copying text out of a PDF or a web page (retype that part)";

/// `text` with every forbidden character written visibly as `\u{1b}`, so printing content
/// to a terminal can never send it escape sequences or reorder what is shown.
pub(crate) fn escape_for_terminal(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| is_forbidden(c) || c == '\r') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_forbidden(c) || c == '\r' {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_controls_and_overrides_but_not_tabs_newlines_or_marks() {
        for c in [
            '\0', '\u{1b}', '\u{7f}', '\u{85}', '\u{202e}', '\u{2066}', '\u{ffff}',
        ] {
            assert!(is_forbidden(c), "{c:?}");
        }
        for c in ['\t', '\n', '\u{200e}', '\u{200f}', 'あ', ' '] {
            assert!(!is_forbidden(c), "{c:?}");
        }
    }

    #[test]
    fn finds_position_in_characters_and_allows_crlf() {
        assert_eq!(find_forbidden("a: 1\r\nb: 2\r\n"), None);
        assert_eq!(
            find_forbidden("a: 1\nname: 北区\u{0}x"),
            Some((Pos::new(2, 9), '\0'))
        );
        assert_eq!(find_forbidden("a\rb"), Some((Pos::new(1, 2), '\r')));
    }

    #[test]
    fn escapes_for_terminal() {
        assert_eq!(
            escape_for_terminal("x\u{1b}[2Jy\u{202e}"),
            "x\\u{1b}[2Jy\\u{202e}"
        );
        assert_eq!(escape_for_terminal("北区\tok\n"), "北区\tok\n");
    }
}
