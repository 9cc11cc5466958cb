//! The card to show at the counter: on the stage pages of a language a
//! Japanese-speaking counter does not read, the phrases a parent needs there, each in the
//! reader's language with the first language's words beside it, and the ward offices'
//! numbers. The stage's own phone script is printed beside it from the stage view. One
//! card serves the stage pages and the handouts (which print it compactly).

use super::{Builder, Original, Place, SourceView, Text};
use serde::Serialize;

/// Interface words (i18n keys) the card prints in both languages, in order.
pub(super) const PHRASES: [&str; 2] = ["counter_phrase_slowly", "counter_phrase_write"];

/// The counter card: phrases and ward offices for a parent reading another language.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CounterCard {
    /// Each phrase in the reader's language with the first language's text beside it.
    pub(crate) phrases: Vec<Phrase>,
    /// The ward offices (the locations of the agencies serving wards one by one), with
    /// their numbers and sources, in the order of site.yaml's wards.
    pub(crate) offices: Vec<Place>,
    /// Every source of the offices' facts, each once: the handouts print the numbers in
    /// one line and their sources once beneath.
    pub(crate) sources: Vec<SourceView>,
}

/// One phrase shown at the counter.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Phrase {
    /// In the reader's language.
    pub(crate) text: Text,
    /// In the first language, for the staff at the counter.
    pub(crate) original: Original,
}

impl CounterCard {
    /// The same card giving only `offices` (a ward's own).
    pub(crate) fn with_offices(&self, offices: &[Place]) -> CounterCard {
        CounterCard::new(self.phrases.clone(), offices.to_vec())
    }

    fn new(phrases: Vec<Phrase>, offices: Vec<Place>) -> CounterCard {
        let mut sources: Vec<SourceView> = Vec::new();
        for s in offices.iter().flat_map(|o| &o.loc.sources) {
            if !sources.contains(s) {
                sources.push(s.clone());
            }
        }
        CounterCard {
            phrases,
            offices,
            sources,
        }
    }
}

/// The primary subtag of a language code (`zh` of `zh-Hans`).
fn primary(code: &str) -> &str {
    code.split('-').next().unwrap_or(code)
}

impl Builder<'_> {
    /// The card for this language's pages, or none when the counter reads the page's own
    /// language: its `lang` tag shares the first language's primary subtag (やさしい日本語,
    /// tag `ja`, gets none).
    pub(super) fn counter_card(&self) -> Option<CounterCard> {
        if primary(self.lang.tag()) == primary(self.first.tag()) {
            return None;
        }
        let phrases = PHRASES
            .iter()
            .map(|key| Phrase {
                text: Text::plain(self.ui.get(self.lang, key)),
                original: Original {
                    lang: self.first,
                    text: self.ui.get(self.first, key).to_string(),
                },
            })
            .collect();
        let offices: Vec<Place> = self
            .c
            .site
            .data
            .wards
            .iter()
            .flat_map(|w| self.ward_offices(&w.id))
            .collect();
        Some(CounterCard::new(phrases, offices))
    }
}

#[cfg(test)]
mod tests {
    use super::primary;

    #[test]
    fn the_primary_subtag_decides() {
        assert_eq!(primary("zh-Hans"), "zh");
        assert_eq!(primary("ja"), "ja");
        assert_ne!(primary("en"), primary("ja"));
    }
}
