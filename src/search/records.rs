//! What gets indexed: agencies, programs, networks and stages, flattened per language into
//! the texts of the index fields plus what a result line shows.

use crate::i18n::UiStrings;
use crate::load::Content;
use crate::model::{Kind, Lang, Languages, Localized, Term};
use crate::validate::CITYWIDE;

/// Record sections (the kinds' folders), in the order their index in [`Doc::section`]
/// ([`Kind::index`]) refers to.
pub const SECTIONS: [&str; Kind::ALL.len()] = {
    let mut out = [""; Kind::ALL.len()];
    let mut i = 0;
    while i < out.len() {
        out[i] = Kind::ALL[i].dir();
        i += 1;
    }
    out
};

/// How much a result's score is multiplied by for its kind (stage pages are where a
/// parent starts, so they come up above specialist centres for general queries).
const fn section_prior(kind: Kind) -> f64 {
    match kind {
        Kind::Agency | Kind::Program | Kind::Network => 1.0,
        Kind::Stage => 2.0,
    }
}

/// `section_prior` of each section, in the order of [`SECTIONS`].
pub const SECTION_PRIORS: [f64; Kind::ALL.len()] = {
    let mut out = [0.0; Kind::ALL.len()];
    let mut i = 0;
    while i < out.len() {
        out[i] = section_prior(Kind::ALL[i]);
        i += 1;
    }
    out
};

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
pub(crate) const SNIPPET_CHARS: usize = 80;

/// Names shown in results, referred to by position so each is written once per index.
#[derive(Debug, Default, Clone)]
pub struct Vocab {
    /// Tier ids and names in words ("1次支援", "Tier 1 support").
    pub(crate) tiers: Vec<(String, String)>,
    /// Score multipliers of the tiers, in their order (`tier_prior`).
    pub(crate) tier_priors: Vec<f64>,
    /// Ward ids and names; `citywide` last.
    pub(crate) wards: Vec<(String, String)>,
    /// Stage ids and names, in site.yaml's order.
    pub(crate) stages: Vec<(String, String)>,
    /// What goes between the items of a list in a line, in the language (`、`, `, `):
    /// search.js joins a result's wards with it.
    pub(crate) list_separator: String,
}

impl Vocab {
    fn pos(list: &[(String, String)], id: &str) -> Option<usize> {
        list.iter().position(|(i, _)| i == id)
    }
}

/// One record, in one language.
#[derive(Debug, Default, Clone)]
pub struct Doc {
    /// The record's kind, as its position in [`SECTIONS`].
    pub section: usize,
    /// The record's id.
    pub id: String,
    /// Its name, as shown in the result line.
    pub name: String,
    /// Aliases and the name in the other language, one per line.
    pub aliases: String,
    /// The name's reading in hiragana.
    pub kana: String,
    /// What it is, in a few words (the kind's list name for a kind without a label).
    pub kind: String,
    /// Its tier, as a position in `Vocab::tiers`.
    pub tier: Option<usize>,
    /// Its wards, as positions in `Vocab::wards`.
    pub wards: Vec<usize>,
    /// Its stages, as positions in `Vocab::stages`.
    pub stages: Vec<usize>,
    /// Audience names, one per line.
    pub audiences: String,
    /// The main text, its furigana readings appended.
    pub description: String,
    /// Names and aliases, one per line (see `exact` in `search::FIELDS`).
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
    /// `spelled` and `unspelled` have no text of their own: they are made from the others.
    pub(crate) fn field_texts(&self) -> [&str; 12] {
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
            "",
            "",
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

/// The positions in `list` of `ids` (unknown ids left out), in order.
fn positions<'i>(list: &[(String, String)], ids: impl IntoIterator<Item = &'i str>) -> Vec<usize> {
    let mut v: Vec<usize> = (ids.into_iter())
        .filter_map(|id| Vocab::pos(list, id))
        .collect();
    v.sort();
    v
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
    let mut docs = Vec::new();
    for r in content.records() {
        let a = &r.about;
        let common = Common {
            name: a.name,
            kana: a.kana,
            alternate_name: a.alternate_name,
        };
        let mut d = base(r.kind.index(), r.id, common, langs, lang);
        d.kind = match a.label {
            Some(label) => text(label, lang),
            // A kind without a label of its own shows its list's name ("networks").
            None => crate::ruby::base_text(ui.get(code, r.kind.dir())).into(),
        };
        d.tier = a.tier.and_then(|t| Vocab::pos(&vocab.tiers, t));
        let areas = a.service_areas.iter().map(String::as_str);
        d.wards = positions(&vocab.wards, areas.chain(a.ward));
        d.stages = match a.stages {
            _ if a.own_stage => positions(&vocab.stages, [r.id]),
            Some(stages) => positions(&vocab.stages, stages.iter().map(String::as_str)),
            None => Vec::new(),
        };
        d.audiences = audience_names(a.audiences.unwrap_or_default());
        d.description = text(a.description, lang);
        let texts = [Some(a.name), a.label, Some(a.description)];
        d.readings = readings(&texts.into_iter().flatten().collect::<Vec<_>>(), lang);
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
