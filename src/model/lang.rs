//! Languages are data: `site.yaml` declares them ([`Languages`]), record text is a map
//! keyed by language ([`Localized`]), and [`Lang`] is a small copyable handle to a code.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Mutex, OnceLock, RwLock};

/// A language code (BCP 47, e.g. `ja`, `en`, `vi`, `pt-BR`) as a copyable handle.
/// Codes are interned once per process, so a handle compares, hashes and copies as a number
/// and every site in the process (tests build many) shares one table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang(u16);

/// Codes interned so far, read without a lock (pages print codes from every thread);
/// bounded so hostile input cannot grow it without end.
const MAX_CODES: usize = 1024;
static CODES: [OnceLock<&'static str>; MAX_CODES] = [const { OnceLock::new() }; MAX_CODES];
/// How many of [`CODES`] are set; held while interning, so two threads never take one slot.
static INTERNED: Mutex<usize> = Mutex::new(0);

/// Why a text is not given a [`Lang`] handle.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LangError {
    /// The text is not shaped like a language code.
    #[error("`{code}` is not a language code (e.g. `ja`, `en`, `vi`, `pt-BR`, `easy`)")]
    NotACode {
        /// The text as written.
        code: String,
    },
    /// The process has interned as many codes as it keeps (hostile input).
    #[error("too many different language codes (`{code}`)")]
    TooMany {
        /// The code that did not fit.
        code: String,
    },
}

impl Lang {
    /// The handle of `code`, or why it is not a language code.
    pub fn intern(code: &str) -> Result<Lang, LangError> {
        if !is_language_code(code) {
            let code = code.to_string();
            return Err(LangError::NotACode { code });
        }
        // Slots are filled in order, so the set ones are a prefix: look without the lock.
        let known = CODES
            .iter()
            .map_while(OnceLock::get)
            .position(|c| *c == code);
        if let Some(i) = known {
            return Ok(Lang(i as u16));
        }
        let mut n = INTERNED.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = CODES[..*n].iter().position(|c| c.get() == Some(&code)) {
            return Ok(Lang(i as u16));
        }
        if *n >= MAX_CODES {
            let code = code.to_string();
            return Err(LangError::TooMany { code });
        }
        // Leaked on purpose: a bounded set of short codes, kept for the whole process.
        let _ = CODES[*n].set(Box::leak(code.to_string().into_boxed_str()));
        *n += 1;
        Ok(Lang((*n - 1) as u16))
    }

    /// The code as declared in site.yaml (`ja`, `en`, `easy`).
    pub fn code(self) -> &'static str {
        CODES[self.0 as usize].get().copied().unwrap_or("")
    }

    /// The BCP 47 tag `lang` attributes print for this language: its declared `tag:`, else
    /// its code. Text marks (fallback text, a name in the first language) hold only the
    /// handle, so the tags of the site last declared are kept here, beside the codes.
    pub fn tag(self) -> &'static str {
        let tags = TAGS.read().unwrap_or_else(|e| e.into_inner());
        tags.get(&self).copied().unwrap_or(self).code()
    }

    /// Serializes the handle as its [`Lang::tag`] (for `lang` attributes).
    pub(crate) fn serialize_tag<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.tag())
    }
}

/// Each declared language whose `tag:` differs from its code, to that tag (interned like
/// a code: a tag has a code's shape).
static TAGS: RwLock<BTreeMap<Lang, Lang>> = RwLock::new(BTreeMap::new());

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// A primary subtag of 2–8 lowercase letters (BCP 47: 2–3 for ISO 639 languages, 4 and
/// 5–8 for the rest, so a code of its own such as `easy` for やさしい日本語 fits), then up to
/// four subtags of 1–8 letters or digits: enough for BCP 47 tags a city uses, and safe in
/// paths and attributes.
fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=8).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.clone().count() <= 4
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Whether `tag` has the shape of a BCP 47 tag as the site prints it in `lang` and
/// `hreflang` attributes (e.g. `ja`, `zh-Hans`, `ja-x-easy`).
pub(crate) fn is_language_tag(tag: &str) -> bool {
    is_language_code(tag)
}

/// Whether `name` is shaped like a language's path prefix folder: like a language code
/// (letters, then subtags of letters and digits). `routes::is_language_folder` also keeps
/// it apart from the site's own folders, so the language of any output path can be told
/// without the declarations.
pub(crate) fn is_prefix_folder(name: &str) -> bool {
    is_language_code(&name.to_ascii_lowercase())
}

/// Text keyed by language, written in YAML as `{ja: …, en: …}`. All texts share one
/// allocation (`text`), with each language's end offset in `parts`, so a record's many
/// texts stay as small as two plain strings were.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Localized {
    text: Box<str>,
    parts: Box<[(Lang, u32)]>,
}

impl Localized {
    /// Text from `(language, text)` pairs in the order written.
    pub fn new<'t>(pairs: impl IntoIterator<Item = (Lang, &'t str)>) -> Localized {
        let mut text = String::new();
        let mut parts = Vec::new();
        for (lang, t) in pairs {
            text.push_str(t);
            parts.push((lang, text.len() as u32));
        }
        Localized {
            text: text.into_boxed_str(),
            parts: parts.into_boxed_slice(),
        }
    }

    /// Every language's text, in the order written.
    pub(crate) fn texts(&self) -> impl Iterator<Item = (Lang, &str)> {
        let starts = std::iter::once(0).chain(self.parts.iter().map(|p| p.1));
        self.parts
            .iter()
            .zip(starts)
            .map(|(&(lang, end), start)| (lang, &self.text[start as usize..end as usize]))
    }

    /// The text written for `lang` exactly (it may be blank).
    #[inline]
    pub(crate) fn exact(&self, lang: Lang) -> Option<&str> {
        // A plain loop: this runs for every text of every page and search document.
        let mut start = 0;
        for &(l, end) in self.parts.iter() {
            if l == lang {
                return self.text.get(start as usize..end as usize);
            }
            start = end;
        }
        None
    }

    /// The text written first (to find it in the file).
    pub fn written_first(&self) -> &str {
        self.texts().next().map_or("", |t| t.1)
    }

    /// Whether `lang` has a text that is not blank.
    pub(crate) fn has(&self, lang: Lang) -> bool {
        self.exact(lang).is_some_and(|t| !t.trim().is_empty())
    }

    /// The first non-blank text along `chain` (a language, then its fallbacks), with the
    /// language it came from; the first text written when the chain has none.
    #[inline]
    pub fn get(&self, chain: &[Lang]) -> (&str, Lang) {
        chain
            .iter()
            .find_map(|&l| {
                self.exact(l)
                    .filter(|t| !t.trim().is_empty())
                    .map(|t| (t, l))
            })
            .or_else(|| self.texts().next().map(|(l, t)| (t, l)))
            .unwrap_or(("", chain.first().copied().unwrap_or(Lang(0))))
    }
}

impl Serialize for Localized {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.texts())
    }
}

impl<'de> Deserialize<'de> for Localized {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Texts;
        impl<'de> Visitor<'de> for Texts {
            type Value = Localized;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text by language, e.g. `{ja: …, en: …}`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Localized, A::Error> {
                let mut pairs: Vec<(Lang, String)> = Vec::new();
                while let Some(code) = map.next_key::<String>()? {
                    let lang = Lang::intern(&code).map_err(de::Error::custom)?;
                    if pairs.iter().any(|p| p.0 == lang) {
                        return Err(de::Error::custom(format!("duplicate field `{code}`")));
                    }
                    pairs.push((lang, map.next_value()?));
                }
                if pairs.is_empty() {
                    return Err(de::Error::custom(
                        "no text: write it by language, e.g. `{ja: …, en: …}`",
                    ));
                }
                Ok(Localized::new(pairs.iter().map(|(l, t)| (*l, t.as_str()))))
            }
        }
        d.deserialize_map(Texts)
    }
}

/// Text direction of a language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dir {
    /// Left to right.
    #[default]
    Ltr,
    /// Right to left (Arabic, Hebrew…).
    Rtl,
}

impl<'de> Deserialize<'de> for Dir {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match String::deserialize(d)?.as_str() {
            "ltr" => Ok(Dir::Ltr),
            "rtl" => Ok(Dir::Rtl),
            other => Err(de::Error::custom(format!(
                "`dir: {other}` is not a text direction{}write `dir: ltr` (left to right, the default) or `dir: rtl` (right to left)",
                crate::diag::FIX
            ))),
        }
    }
}

/// One entry of `site.yaml`'s `languages:`, as written: a full declaration, or just a code.
/// Read by hand rather than as an untagged enum, so a wrong value is reported at its
/// position with the field it is in, not as "did not match any variant".
#[derive(Debug, Clone)]
enum Entry {
    Code(String),
    Decl(Decl),
}

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct EntryVisitor;
        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = Entry;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a language: its code (`- vi`) or its declaration (`- {code: vi, name: Tiếng Việt, prefix: vi/, fallback: [en]}`)")
            }
            fn visit_str<E: de::Error>(self, code: &str) -> Result<Entry, E> {
                Ok(Entry::Code(code.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Entry, A::Error> {
                Decl::deserialize(de::value::MapAccessDeserializer::new(map)).map(Entry::Decl)
            }
        }
        d.deserialize_any(EntryVisitor)
    }
}

/// Reads a text field of a language declaration, naming the field when it is not text.
macro_rules! text_field {
    ($fn:ident, $field:literal, $example:literal) => {
        fn $fn<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
            struct Text;
            impl<'de> Visitor<'de> for Text {
                type Value = String;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str(concat!(
                        "`",
                        $field,
                        ":` as one text, e.g. `",
                        $example,
                        "`"
                    ))
                }
                fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
                    Ok(v.to_string())
                }
            }
            d.deserialize_str(Text).map(Some)
        }
    };
}
text_field!(name_field, "name", "name: Tiếng Việt");
text_field!(prefix_field, "prefix", "prefix: vi/");
text_field!(tag_field, "tag", "tag: ja");
text_field!(hreflang_field, "hreflang", "hreflang: ja-x-easy");

/// `fallback:` as a list of codes, naming the field when it is written otherwise.
fn fallback_field<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    struct Codes;
    impl<'de> Visitor<'de> for Codes {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("`fallback:` as a list of language codes, e.g. `fallback: [en, ja]`")
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
            let mut out = Vec::new();
            while let Some(code) = seq.next_element::<String>()? {
                out.push(code);
            }
            Ok(out)
        }
    }
    d.deserialize_seq(Codes)
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Decl {
    #[serde(deserialize_with = "code_field")]
    code: String,
    #[serde(default, deserialize_with = "name_field")]
    name: Option<String>,
    #[serde(default, deserialize_with = "prefix_field")]
    prefix: Option<String>,
    #[serde(default)]
    dir: Dir,
    #[serde(default, deserialize_with = "fallback_field")]
    fallback: Vec<String>,
    #[serde(default, deserialize_with = "tag_field")]
    tag: Option<String>,
    #[serde(default, deserialize_with = "hreflang_field")]
    hreflang: Option<String>,
    #[serde(default)]
    review: Review,
}

text_field!(code_text, "code", "code: vi");
fn code_field<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    code_text(d).map(Option::unwrap_or_default)
}

/// Whether a fluent reader at the city has checked translated texts: of a language
/// (site.yaml), of one record's texts in a language (`review: {vi: reviewed}`) or of a
/// Markdown page (front matter `review: reviewed`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Review {
    /// Nothing said: the first language (the source), or a translation not marked.
    #[default]
    None,
    /// Not yet checked: pages showing such text say so (`draft_notice`).
    Draft,
    /// Checked by a fluent reader at the city.
    Reviewed,
}

impl<'de> Deserialize<'de> for Review {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match String::deserialize(d)?.as_str() {
            "draft" => Ok(Review::Draft),
            "reviewed" => Ok(Review::Reviewed),
            other => Err(de::Error::custom(format!(
                "`review: {other}` is not a review status{}write `review: draft` (a fluent reader at the city has not checked the translation yet) or `review: reviewed` (checked)",
                crate::diag::FIX
            ))),
        }
    }
}

/// A record's own review status per language, overriding its language's (`review:
/// {vi: reviewed, zh-Hans: draft}`), keyed by language code as written.
pub type Reviews = BTreeMap<String, Review>;

/// A declared language with its defaults filled in.
#[derive(Debug, Clone)]
pub struct Language {
    /// Its handle.
    pub lang: Lang,
    /// Its own name (日本語, English): the language switch shows it.
    pub(crate) name: String,
    /// Output path prefix: `""` for the first language, e.g. `en/` for another.
    pub prefix: String,
    /// Text direction (`dir:`, default `ltr`).
    pub(crate) dir: Dir,
    /// The fallback codes as written (`check` reports unknown ones and loops).
    pub(crate) fallback: Vec<String>,
    /// This language, then where its text falls back to, ending in the first language.
    pub chain: Vec<Lang>,
    /// The BCP 47 tag printed in `lang` attributes (`tag:`, else the code): two languages
    /// may share one, e.g. やさしい日本語 is `ja` like 日本語.
    pub tag: String,
    /// What `hreflang` and the sitemap's alternates print (`hreflang:`, else the tag):
    /// unique per language, e.g. `ja-x-easy`.
    pub(crate) hreflang: String,
    /// `review:` in site.yaml: `draft` until a fluent reader at the city has checked the
    /// language's texts; its pages then say so.
    pub(crate) review: Review,
}

impl Language {
    /// Its code as declared.
    pub fn code(&self) -> &'static str {
        self.lang.code()
    }
}

/// The site's languages in declared order; the first is the default, at the output root.
#[derive(Debug, Clone)]
pub struct Languages(Vec<Language>);

impl Languages {
    /// Every declared language, in order.
    pub fn all(&self) -> &[Language] {
        &self.0
    }
    /// The default language: at the site root, required in every text, last in every chain.
    pub fn first(&self) -> &Language {
        &self.0[0]
    }
    /// The declaration of `lang`, when declared.
    pub(crate) fn get(&self, lang: Lang) -> Option<&Language> {
        self.0.iter().find(|l| l.lang == lang)
    }
    /// The output path prefix of `lang` (`""` for an undeclared one).
    pub(crate) fn prefix(&self, lang: Lang) -> &str {
        self.get(lang).map_or("", |l| l.prefix.as_str())
    }
    /// The declaration with the code `code`.
    pub fn by_code(&self, code: &str) -> Option<&Language> {
        self.0.iter().find(|l| l.code() == code)
    }
    /// Every declared language's handle, in order.
    pub fn langs(&self) -> impl Iterator<Item = Lang> + '_ {
        self.0.iter().map(|l| l.lang)
    }
}

impl<'de> Deserialize<'de> for Languages {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let entries = Vec::<Entry>::deserialize(d)?;
        if entries.is_empty() {
            return Err(de::Error::custom(
                "declare at least one language, e.g. `languages: [{code: ja, name: 日本語}]`",
            ));
        }
        let mut list = Vec::with_capacity(entries.len());
        for (i, e) in entries.into_iter().enumerate() {
            let d = match e {
                Entry::Code(code) => Decl {
                    code,
                    name: None,
                    prefix: None,
                    dir: Dir::Ltr,
                    fallback: Vec::new(),
                    tag: None,
                    hreflang: None,
                    review: Review::None,
                },
                Entry::Decl(d) => d,
            };
            let lang = Lang::intern(&d.code).map_err(de::Error::custom)?;
            let tag = d.tag.unwrap_or_else(|| d.code.clone());
            list.push(Language {
                hreflang: d.hreflang.unwrap_or_else(|| tag.clone()),
                tag,
                lang,
                name: d.name.unwrap_or_else(|| d.code.clone()),
                prefix: d.prefix.unwrap_or_else(|| {
                    if i == 0 {
                        String::new()
                    } else {
                        format!("{}/", d.code)
                    }
                }),
                dir: d.dir,
                fallback: d.fallback,
                chain: Vec::new(),
                review: d.review,
            });
        }
        let chains: Vec<Vec<Lang>> = list.iter().map(|l| chain(&list, l)).collect();
        for (l, c) in list.iter_mut().zip(chains) {
            l.chain = c;
        }
        remember_tags(&list);
        Ok(Languages(list))
    }
}

/// Keeps each language's tag for [`Lang::tag`], replacing what an earlier reading of the
/// same codes kept (`serve` re-reads site.yaml; tests read sites of their own codes side by
/// side). A tag that is not a valid tag is left out: `check` reports it, so no page is
/// built with it.
fn remember_tags(list: &[Language]) {
    let mut tags = TAGS.write().unwrap_or_else(|e| e.into_inner());
    for l in list {
        match Lang::intern(&l.tag) {
            Ok(tag) if tag != l.lang => tags.insert(l.lang, tag),
            _ => tags.remove(&l.lang),
        };
    }
}

/// `l`, then its fallbacks depth first (each language once, unknown codes skipped), then
/// the first language.
fn chain(list: &[Language], l: &Language) -> Vec<Lang> {
    let mut out = vec![l.lang];
    let mut todo: Vec<&str> = l.fallback.iter().rev().map(String::as_str).collect();
    while let Some(code) = todo.pop() {
        let Some(next) = list.iter().find(|x| x.code() == code) else {
            continue;
        };
        if !out.contains(&next.lang) {
            out.push(next.lang);
            todo.extend(next.fallback.iter().rev().map(String::as_str));
        }
    }
    if !out.contains(&list[0].lang) {
        out.push(list[0].lang);
    }
    out
}

/// The first fallback loop among the declarations: the codes from a language back to itself.
pub(crate) fn fallback_loop(langs: &Languages) -> Option<Vec<&str>> {
    fn walk<'a>(langs: &'a Languages, path: &mut Vec<&'a str>) -> Option<Vec<&'a str>> {
        let here = langs.by_code(path.last()?)?;
        for next in &here.fallback {
            if let Some(at) = path.iter().position(|c| c == next) {
                let mut cycle = path[at..].to_vec();
                cycle.push(next);
                return Some(cycle);
            }
            path.push(next);
            if let Some(c) = walk(langs, path) {
                return Some(c);
            }
            path.pop();
        }
        None
    }
    langs
        .all()
        .iter()
        .find_map(|l| walk(langs, &mut vec![l.code()]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs(yaml: &str) -> Languages {
        serde_yaml_ng::from_str(yaml).unwrap()
    }

    #[test]
    fn a_text_not_shaped_like_a_code_is_a_typed_error_naming_it() {
        assert!(Lang::intern("pt-BR").is_ok());
        let e = Lang::intern("pt BR").unwrap_err();
        let code = "pt BR".to_string();
        assert_eq!(e, LangError::NotACode { code });
        assert!(
            e.to_string().starts_with("`pt BR` is not a language code"),
            "{e}"
        );
    }

    #[test]
    fn text_falls_back_along_the_chain_and_says_from_where() {
        let l =
            langs("[ja, {code: en, name: English}, {code: vi, name: Tiếng Việt, fallback: [en]}]");
        let [ja, en, vi] = [0, 1, 2].map(|i| l.all()[i].lang);
        assert_eq!(l.all()[2].chain, vec![vi, en, ja]);
        assert_eq!(l.all()[2].prefix, "vi/");
        let t: Localized = serde_yaml_ng::from_str("{ja: 窓口, en: '  '}").unwrap();
        assert_eq!(t.get(&l.all()[2].chain), ("窓口", ja));
        let t: Localized = serde_yaml_ng::from_str("{ja: 窓口, en: Window}").unwrap();
        assert_eq!(t.get(&l.all()[2].chain), ("Window", en));
        assert_eq!(t.get(&l.all()[0].chain), ("窓口", ja));
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"{"ja":"窓口","en":"Window"}"#
        );
    }

    #[test]
    fn a_tag_defaults_to_the_code_and_an_hreflang_to_the_tag() {
        // Codes of their own: the tag table is per process, and other tests read it.
        let l = langs("[xa, {code: xb, tag: xa}, {code: xc, tag: xa, hreflang: xa-x-c}]");
        let [a, b, c] = [0, 1, 2].map(|i| &l.all()[i]);
        assert_eq!((a.tag.as_str(), a.hreflang.as_str()), ("xa", "xa"));
        assert_eq!((b.tag.as_str(), b.hreflang.as_str()), ("xa", "xa"));
        assert_eq!((c.tag.as_str(), c.hreflang.as_str()), ("xa", "xa-x-c"));
        assert_eq!(
            (a.lang.tag(), b.lang.tag(), c.lang.tag()),
            ("xa", "xa", "xa")
        );
        assert_eq!(c.code(), "xc");
        assert!(is_language_tag("ja-x-easy") && is_language_tag("zh-Hans"));
        assert!(!is_language_tag("x-default") && !is_language_tag("vi VN"));
    }

    #[test]
    fn loops_and_bad_codes_are_found() {
        let l = langs("[ja, {code: en, fallback: [vi]}, {code: vi, fallback: [en]}]");
        assert_eq!(fallback_loop(&l), Some(vec!["en", "vi", "en"]));
        assert_eq!(
            fallback_loop(&langs("[ja, {code: en, fallback: [ja]}]")),
            None
        );
        assert!(serde_yaml_ng::from_str::<Localized>("{Japanese: x}").is_err());
        assert!(serde_yaml_ng::from_str::<Localized>("{}").is_err());
    }
}
