//! What gets indexed: agencies, programs, networks and stages, flattened per language into
//! the texts of the index fields plus what a result line shows.

use crate::i18n::UiStrings;
use crate::load::Content;
use crate::model::{Lang, Languages, Localized, Term};
use crate::validate::CITYWIDE;

/// Record sections, in the order their index in [`Doc::section`] refers to.
pub const SECTIONS: [&str; 4] = ["agencies", "programs", "networks", "stages"];

/// How much a result's score is multiplied by for its section (stage pages are where a
/// parent starts, so they come up above specialist centres for general queries).
pub const SECTION_PRIORS: [f64; 4] = [1.0, 1.0, 1.0, 2.0];

/// How much a result's score is multiplied by for its tier: first-contact windows (tier 1)
/// above specialist centres (tier 3), so a general worry leads to the place to go first.
/// An exact name or alias still comes first whatever its tier (search.js).
fn tier_prior(id: &str) -> f64 {
    match id {
        "primary" => 2.0,
        "secondary" => 1.3,
        _ => 1.0,
    }
}

/// Characters of plain description text shipped for a result's snippet.
pub const SNIPPET_CHARS: usize = 80;

/// Names shown in results, referred to by position so each is written once per index.
#[derive(Debug, Default, Clone)]
pub struct Vocab {
    /// Tier ids and names in words ("1次支援", "Tier 1 support").
    pub tiers: Vec<(String, String)>,
    /// Score multipliers of the tiers, in their order ([`tier_prior`]).
    pub tier_priors: Vec<f64>,
    /// Ward ids and names; `citywide` last.
    pub wards: Vec<(String, String)>,
    pub stages: Vec<(String, String)>,
    /// What goes between the items of a list in a line, in the language (`、`, `, `):
    /// search.js joins a result's wards with it.
    pub list_separator: String,
}

impl Vocab {
    fn pos(list: &[(String, String)], id: &str) -> Option<usize> {
        list.iter().position(|(i, _)| i == id)
    }
}

/// One record, in one language.
#[derive(Debug, Default, Clone)]
pub struct Doc {
    pub section: usize,
    pub id: String,
    pub name: String,
    /// Aliases and the name in the other language, one per line.
    pub aliases: String,
    pub kana: String,
    pub kind: String,
    pub tier: Option<usize>,
    pub wards: Vec<usize>,
    pub stages: Vec<usize>,
    pub audiences: String,
    pub description: String,
    /// Names and aliases, one per line (see `exact` in [`super::FIELDS`]).
    pub exact: String,
    /// The start of the description as plain text, for the result's snippet.
    pub snippet: String,
    /// Texts of the vocabulary fields, filled by [`Doc::resolve`].
    pub texts: [String; 3],
    /// The readings of the record's furigana (`{発達|はったつ}` → はったつ), one text per
    /// line; indexed with the description so a search in kana finds the record.
    pub readings: String,
}

impl Doc {
    /// The texts of [`super::FIELDS`], in order.
    pub fn field_texts(&self) -> [&str; 10] {
        [
            &self.name,
            &self.aliases,
            &self.kana,
            &self.kind,
            &self.texts[0],
            &self.texts[1],
            &self.texts[2],
            &self.audiences,
            &self.description,
            &self.exact,
        ]
    }

    /// Fills the tier, ward and stage texts from `vocab`.
    pub fn resolve(mut self, vocab: &Vocab) -> Doc {
        let names = |list: &[(String, String)], ix: &[usize]| {
            ix.iter()
                .map(|&i| list[i].1.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        };
        self.texts = [
            self.tier
                .map(|t| vocab.tiers[t].1.clone())
                .unwrap_or_default(),
            names(&vocab.wards, &self.wards),
            names(&vocab.stages, &self.stages),
        ];
        self
    }
}

/// The text shown and indexed: furigana keeps its base text (the reading is indexed
/// through [`readings`]).
fn text(l: &Localized, chain: &[Lang]) -> String {
    crate::ruby::base_text(l.get(chain).0).into_owned()
}

/// The readings of those `texts` that carry furigana, each on its own line.
fn readings(texts: &[&Localized], chain: &[Lang]) -> String {
    let mut out = String::new();
    for t in texts {
        let t = t.get(chain).0;
        if crate::ruby::has_ruby(t) {
            out.push('\n');
            out.push_str(&crate::markdown::to_plain_text(&crate::ruby::reading_text(
                t,
            )));
        }
    }
    out
}

/// The first [`SNIPPET_CHARS`] characters of Markdown `md` as plain text on one line.
fn plain_start(md: &str) -> String {
    let out = crate::markdown::plain_text(md, SNIPPET_CHARS);
    let trimmed = out.as_str();
    match trimmed.char_indices().nth(SNIPPET_CHARS) {
        Some((i, _)) => format!("{}…", &trimmed[..i]),
        None => trimmed.to_string(),
    }
}

fn terms(list: &[Term], lang: &[Lang], short: bool) -> Vec<(String, String)> {
    list.iter()
        .map(|t| {
            (
                t.id.clone(),
                text(
                    if short {
                        t.short.as_ref().unwrap_or(&t.name)
                    } else {
                        &t.name
                    },
                    lang,
                ),
            )
        })
        .collect()
}

struct Common<'a> {
    name: &'a Localized,
    kana: &'a str,
    alternate_name: &'a [String],
}

fn base(section: usize, id: &str, c: Common, langs: &Languages, lang: &[Lang]) -> Doc {
    let name = text(c.name, lang);
    // The name in every other language is an alias: a parent may know either.
    let others: Vec<String> = langs
        .all()
        .iter()
        .filter(|l| l.lang != lang[0])
        .map(|l| text(c.name, &l.chain))
        .collect();
    let mut aliases: Vec<&str> = c.alternate_name.iter().map(String::as_str).collect();
    for other in &others {
        if *other != name && !aliases.contains(&other.as_str()) {
            aliases.push(other);
        }
    }
    let aliases = aliases.join("\n");
    let exact = format!("{name}\n{aliases}\n{}", c.kana);
    Doc {
        section,
        id: id.to_string(),
        name,
        aliases,
        kana: c.kana.to_string(),
        exact,
        ..Doc::default()
    }
}

/// The vocabulary and the records of `content` in `lang`.
pub fn collect(content: &Content, lang: Lang, ui: &UiStrings) -> (Vocab, Vec<Doc>) {
    let site = &content.site.data;
    let code = lang;
    let langs = &site.languages;
    let alone = [code];
    let lang = langs.get(code).map_or(&alone[..], |l| l.chain.as_slice());
    let mut wards = terms(&site.wards, lang, false);
    wards.push((
        CITYWIDE.into(),
        crate::ruby::base_text(ui.get(code, "citywide")).into(),
    ));
    let stages = site
        .stages
        .iter()
        .filter_map(|id| content.stages.iter().find(|r| &r.id == id))
        .map(|r| (r.id.clone(), text(&r.data.name, lang)))
        .collect();
    let vocab = Vocab {
        tiers: terms(&site.tiers, lang, false),
        tier_priors: site.tiers.iter().map(|t| tier_prior(&t.id)).collect(),
        wards,
        stages,
        list_separator: ui.get(code, "list_sep").into(),
    };
    let audience_names = |ids: &[String]| {
        let all = terms(&site.audiences, lang, false);
        ids.iter()
            .filter_map(|a| all.iter().find(|(i, _)| i == a))
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let ix = |list: &[(String, String)], ids: &[String]| -> Vec<usize> {
        let mut v: Vec<usize> = ids.iter().filter_map(|id| Vocab::pos(list, id)).collect();
        v.sort();
        v
    };
    let mut docs = Vec::new();
    for r in &content.agencies {
        let a = &r.data;
        let mut d = base(
            0,
            &r.id,
            Common {
                name: &a.name,
                kana: &a.kana,
                alternate_name: &a.alternate_name,
            },
            langs,
            lang,
        );
        d.kind = text(&a.kind, lang);
        d.tier = Vocab::pos(&vocab.tiers, &a.tier);
        d.wards = ix(&vocab.wards, &a.service_areas);
        d.stages = ix(&vocab.stages, &a.stages);
        d.audiences = audience_names(&a.audiences);
        d.description = text(&a.description, lang);
        d.readings = readings(&[&a.name, &a.kind, &a.description], lang);
        docs.push(d);
    }
    for r in &content.programs {
        let p = &r.data;
        let mut d = base(
            1,
            &r.id,
            Common {
                name: &p.name,
                kana: &p.kana,
                alternate_name: &p.alternate_name,
            },
            langs,
            lang,
        );
        d.kind = text(&p.kind, lang);
        d.tier = p.tier.as_deref().and_then(|t| Vocab::pos(&vocab.tiers, t));
        d.wards = ix(&vocab.wards, &p.service_areas);
        d.stages = ix(&vocab.stages, &p.stages);
        d.audiences = audience_names(&p.audiences);
        d.description = text(&p.description, lang);
        d.readings = readings(&[&p.name, &p.kind, &p.description], lang);
        docs.push(d);
    }
    for r in &content.networks {
        let n = &r.data;
        let mut d = base(
            2,
            &r.id,
            Common {
                name: &n.name,
                kana: &n.kana,
                alternate_name: &n.alternate_name,
            },
            langs,
            lang,
        );
        d.kind = crate::ruby::base_text(ui.get(code, "networks")).into();
        d.wards = ix(&vocab.wards, std::slice::from_ref(&n.ward));
        d.description = text(&n.description, lang);
        d.readings = readings(&[&n.name, &n.description], lang);
        docs.push(d);
    }
    for r in &content.stages {
        let s = &r.data;
        let mut d = base(
            3,
            &r.id,
            Common {
                name: &s.name,
                kana: &s.kana,
                alternate_name: &s.alternate_name,
            },
            langs,
            lang,
        );
        d.kind = text(&s.age, lang);
        d.stages = ix(&vocab.stages, std::slice::from_ref(&r.id));
        d.description = text(&s.summary, lang);
        d.readings = readings(&[&s.name, &s.age, &s.summary], lang);
        docs.push(d);
    }
    let docs = docs
        .into_iter()
        .map(|mut d| {
            d.snippet = plain_start(&d.description);
            d.description.push_str(&std::mem::take(&mut d.readings));
            d.resolve(&vocab)
        })
        .collect();
    (vocab, docs)
}
