//! `docs/templates.md` is generated from the structs templates receive, so it cannot fall
//! behind them: adding a field to a template's context without running
//! `MADOGUCHI_BLESS=1 cargo test --release --test all templates_doc::` fails here.
//!
//! The structs are read from their source files (their `///` comments are the
//! descriptions), not from rustdoc: no extra tool is needed.

use std::path::Path;

/// The files whose `Serialize` structs templates receive, with the heading each part of
/// the generated text gets; `documented` parts must describe every field.
const PARTS: &[(&str, &str, bool)] = &[
    (
        "src/render/frame.rs",
        "Every page (`base.html` and all that extend it)",
        true,
    ),
    ("src/sitemodel/context.rs", "Per template", true),
    ("src/sitemodel/mod.rs", "Texts and links", false),
    (
        "src/sitemodel/views.rs",
        "Views of records, stages and terms",
        false,
    ),
    ("src/sitemodel/contacts.rs", "Contacts and sources", false),
    ("src/sitemodel/lists.rs", "Lists", false),
];

const BEGIN: &str =
    "<!-- BEGIN GENERATED from the structs (tests/templates_doc.rs); do not edit by hand -->";
const END: &str = "<!-- END GENERATED -->";

struct Field {
    name: String,
    ty: String,
    doc: String,
    optional_key: bool,
}

struct Struct {
    name: String,
    doc: String,
    fields: Vec<Field>,
}

fn is_skip(attr: &str) -> bool {
    attr.contains("serde(skip)") || attr.contains("serde(flatten)")
}

/// `pub name: Type,` (any `pub(…)`), as (name, type).
fn field(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix("pub")?;
    let rest = match rest.strip_prefix('(') {
        Some(r) => r.split_once(')')?.1,
        None => rest,
    };
    let (name, ty) = rest.trim_start().split_once(':')?;
    let ty = ty.trim().strip_suffix(',')?;
    Some((name.trim().to_string(), ty.to_string()))
}

/// The `Serialize` structs of `src` with their doc comments and fields.
fn structs(src: &str) -> Vec<Struct> {
    let mut out: Vec<Struct> = Vec::new();
    let (mut docs, mut attrs) = (Vec::<String>::new(), Vec::<String>::new());
    let mut open: Option<Struct> = None;
    for line in src.lines().map(str::trim) {
        if let Some(d) = line.strip_prefix("///") {
            docs.push(d.trim().to_string());
            continue;
        }
        if line.starts_with("#[") {
            attrs.push(line.to_string());
            continue;
        }
        if let Some(s) = open.as_mut() {
            if line == "}" {
                // A struct whose fields are all flattened or skipped is plumbing.
                out.extend(open.take().filter(|s| !s.fields.is_empty()));
            } else if let Some((name, ty)) =
                field(line).filter(|_| !attrs.iter().any(|a| is_skip(a)))
            {
                s.fields.push(Field {
                    name,
                    ty,
                    doc: docs.join(" "),
                    optional_key: attrs.iter().any(|a| a.contains("skip_serializing_if")),
                });
            }
        } else if let Some(decl) = line.split_once("struct ").map(|x| x.1)
            && line.starts_with("pub")
            && attrs
                .iter()
                .any(|a| a.starts_with("#[derive(") && a.contains("Serialize"))
        {
            let name: String = decl
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let s = Struct {
                name,
                doc: docs.join(" "),
                fields: Vec::new(),
            };
            if line.ends_with("{}") {
                out.push(s);
            } else {
                open = Some(s);
            }
        }
        docs.clear();
        attrs.clear();
    }
    out
}

/// A Rust type as a theme editor reads it.
fn plain_type(ty: &str) -> String {
    let ty = ty.trim();
    let inner = |prefix: &str| ty.strip_prefix(prefix).and_then(|t| t.strip_suffix('>'));
    if let Some(t) = inner("Vec<")
        .or_else(|| inner("Items<"))
        .or_else(|| inner("&'a ["))
    {
        return format!("list of {}", plain_type(t));
    }
    if let Some(t) = inner("Option<") {
        return format!("{} or null", plain_type(t));
    }
    if let Some(t) = inner("Box<") {
        return plain_type(t);
    }
    let bare = ty
        .trim_start_matches('&')
        .trim_start_matches("'a ")
        .trim_start_matches("'static ");
    match bare {
        "str" | "String" | "Lang" | "Dir" => "text".into(),
        "bool" => "true/false".into(),
        "usize" | "u32" | "u64" => "number".into(),
        "Labels" => "words by key".into(),
        other => format!("`{}`", other.split('<').next().unwrap_or(other)),
    }
}

fn generate(root: &Path) -> (String, Vec<String>) {
    let mut md = String::new();
    let mut undocumented = Vec::new();
    for (file, heading, documented) in PARTS {
        let src = std::fs::read_to_string(root.join(file)).expect(file);
        md.push_str(&format!("\n## {heading}\n\nFrom `{file}`.\n"));
        for s in structs(&src) {
            md.push_str(&format!("\n### `{}`\n\n", s.name));
            if !s.doc.is_empty() {
                md.push_str(&format!("{}\n\n", s.doc));
            }
            if s.fields.is_empty() {
                md.push_str("No variables of its own.\n");
                continue;
            }
            md.push_str("| variable | type | what it is |\n|---|---|---|\n");
            for f in &s.fields {
                if *documented && f.doc.is_empty() {
                    undocumented.push(format!("{file}: {}.{}", s.name, f.name));
                }
                let absent = if f.optional_key {
                    " (absent when empty)"
                } else {
                    ""
                };
                md.push_str(&format!(
                    "| `{}` | {} | {}{absent} |\n",
                    f.name,
                    plain_type(&f.ty),
                    f.doc.replace('|', "\\|")
                ));
            }
        }
    }
    (md, undocumented)
}

#[test]
fn templates_doc_lists_every_field_of_every_template_context() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (generated, undocumented) = generate(root);
    assert!(
        undocumented.is_empty(),
        "these fields templates receive have no `///` comment; write one (it is what docs/templates.md says): {undocumented:#?}"
    );
    let path = root.join("docs/templates.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let (head, rest) = doc
        .split_once(BEGIN)
        .expect("docs/templates.md has the BEGIN GENERATED marker");
    let (old, tail) = rest
        .split_once(END)
        .expect("docs/templates.md has the END GENERATED marker");
    if old != generated {
        if std::env::var_os("MADOGUCHI_BLESS").is_some() {
            std::fs::write(&path, format!("{head}{BEGIN}{generated}{END}{tail}")).unwrap();
            return;
        }
        panic!(
            "docs/templates.md does not match the structs templates receive (a field was added, renamed or re-documented); run `MADOGUCHI_BLESS=1 cargo test --release --test all templates_doc::` and commit docs/templates.md"
        );
    }
}

#[test]
fn the_parser_sees_fields_skips_and_docs() {
    let src = "/// A page.\n#[derive(Debug, Serialize)]\npub struct P<'a> {\n    /// Its name.\n    pub name: Text,\n    #[serde(skip)]\n    pub(super) lazy: u8,\n    #[serde(skip_serializing_if = \"Option::is_none\")]\n    pub(super) note: Option<&'a str>,\n}\n#[derive(Debug)]\npub struct NotForTemplates {\n    pub x: u8,\n}\n";
    let s = structs(src);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].name, "P");
    assert_eq!(s[0].doc, "A page.");
    let names: Vec<&str> = s[0].fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["name", "note"]);
    assert_eq!(s[0].fields[0].doc, "Its name.");
    assert!(s[0].fields[1].optional_key);
    assert_eq!(plain_type("Option<&'a str>"), "text or null");
    assert_eq!(plain_type("Items<Link>"), "list of `Link`");
    assert_eq!(plain_type("Vec<Switch<'a>>"), "list of `Switch`");
}
