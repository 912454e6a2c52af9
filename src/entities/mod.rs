//! Entity register and mention detection: who or what is this, under every
//! name it goes by, and where is it mentioned.
//!
//! # The register (`corpus/entities.toml`)
//!
//! One `[[entity]]` table per person, place, organization, document, event,
//! concept or object:
//!
//! ```toml
//! [[entity]]
//! id = "khrushchev"                  # required, [a-z0-9-], unique
//! kind = "person"                    # required: person | place | organization |
//!                                    #   document | event | concept | object
//! name = "Nikita Khrushchev"         # required: the canonical name
//! aliases = ["Khrushchev", "N.S. Khrushchev", "Хрущёв"]  # other names
//! variants = ["Khrushchov"]          # source misspellings (mentions flagged)
//! ambiguous = ["Yamada"]             # names deliberately shared with another entity
//! description = "First Secretary of the CPSU (1953–64)."  # required, one line
//! dates = "1894/1971"                # optional: ISO date or interval (life, span)
//! wikidata = "Q35314"                # optional authority id
//! note = "…"                         # optional editorial note
//! sort = "Khrushchev"                # optional index key (default: a person's
//!                                    #   last name, anything else's name)
//!
//! [check]
//! ignore = ["Japan", "USSR"]         # capitalized words the completeness check skips
//! ```
//!
//! A name is compared by its words (the [`crate::text`] tokenizer, folded:
//! case, diacritics, ё/е, possessive `'s`), so "N.S. Khrushchev" and
//! "N. S. Khrushchev" are one name. Two entities may share a name only if
//! both list it under `ambiguous`; otherwise [`Register::check`] reports the
//! duplicate as an error naming both entities and lines.
//!
//! # Mentions
//!
//! [`Mentions::build`] finds every registered name in every paragraph:
//!
//! - **Whole words, longest match first**: "Matsumoto-Gromyko Correspondence"
//!   is one mention of the letters, not of Matsumoto; "Sergei N. Khrushchev"
//!   is the son, "Khrushchev" the father.
//! - **Separators**: the words of a name may be separated by spaces, hyphens,
//!   dashes, periods, brackets or parentheses ("N.S. Khrushchev",
//!   "Japan-U.S. Security Treaty", "[Liberal Democratic] Party"), never by a
//!   comma, colon, quote or slash.
//! - **Editorial brackets**: a word cut by brackets is one word: `H[abomai]`
//!   and `S[hikotan]` are Habomai and Shikotan, the mention covers the
//!   brackets. Names inside `[Habomai and Shikotan]` are mentions.
//! - **Possessives and plurals**: "Bulganin's", "the Habomais" and "Tsushima
//!   Straits" match the singular name (a final `s` is dropped from the last
//!   word when that makes a name; only if the word has over 4 letters).
//! - **French elision**: "d'Habomai", "L'URSS" match without `d'`/`l'`.
//! - **Case**: matching is case-insensitive only where safe. A word written
//!   with a capital in the register must be capitalized in the text ("Diet"
//!   is not "diet", "Line" not "line"); a name written all in capitals (UN,
//!   US, LDP) must be in capitals in the text ("un accord", "against us" are
//!   not mentions); words written in lower case ("lesser Kuriles", "joint
//!   declaration") match in any case.
//! - **Titles are not names**: for persons, leading titles in a registered
//!   name ("Comrade Khrushchev", "Mr. Masumoto", "Prime Minister Hatoyama")
//!   are dropped when matching, so a mention covers the name and its initials
//!   ("N.S. Khrushchev") but never "Mr." or "Comrade". Lookup accepts them.
//! - **Ambiguity**: a name shared by several entities (declared `ambiguous`)
//!   is resolved by context: the entity among the candidates with the nearest
//!   unambiguous mention in the same document (by paragraph, then by
//!   position) wins ("Yamada" in the 1961 reception is the ambassador
//!   "H. Yamada" of its heading; "Yamada" next to "Major General Otozo
//!   Yamada" is the general). With no such mention the mention stays
//!   ambiguous and carries all candidates.
//! - **Variants**: a mention through a `variants` name ("Masumoto",
//!   "Ичшков"), or overlapping a `[sic]` span of the importer, is flagged
//!   `variant` ("variant spelling").
//!
//! ```
//! use docent::entities::{Mentions, Register};
//! use docent::model::{Document, Paragraph, ParaKind};
//! let reg = Register::from_toml("entities.toml", r#"
//! [[entity]]
//! id = "habomai"
//! kind = "place"
//! name = "Habomai"
//! aliases = ["Habomai Islands"]
//! description = "Island group off Hokkaido."
//! [[entity]]
//! id = "matsumoto"
//! kind = "person"
//! name = "Shunichi Matsumoto"
//! aliases = ["Matsumoto"]
//! variants = ["Mr. Masumoto"]
//! description = "Japanese plenipotentiary."
//! "#).unwrap();
//! let para = |t: &str| Paragraph { kind: ParaKind::Body, speaker: None,
//!     text: t.into(), spans: vec![], line: 1 };
//! let doc = Document { id: "d".into(), paragraphs: vec![
//!     para("Transfer H[abomai] and the Habomais; Mr. Masumoto agreed.")],
//!     ..Default::default() };
//! let m = Mentions::build(&reg, &[doc.clone()]);
//! let found: Vec<(&str, &str, bool)> = m.of_doc(0).iter()
//!     .map(|x| (&doc.paragraphs[0].text[x.start as usize..x.end as usize],
//!               reg.entities[x.entities[0] as usize].id.as_str(), x.variant))
//!     .collect();
//! assert_eq!(found, [("H[abomai]", "habomai", false), ("Habomais", "habomai", false),
//!                    ("Masumoto", "matsumoto", true)]);
//! ```

#[cfg(not(target_arch = "wasm32"))]
pub mod detect;
#[cfg(not(target_arch = "wasm32"))]
mod found;
mod mentions;
mod register;
mod report;

#[cfg(not(target_arch = "wasm32"))]
pub use found::{detect, near, suggest_toml, Found};

pub use mentions::{tag_paragraphs, Matcher};
pub use register::{Lookup, MAX_QUERY};
pub use report::{
    CoMention, DocCount, EntityReport, EntitySummary, LookupMiss, MentionReport, ParaMention,
    YearCount,
};

use serde::Serialize;

/// Whether a folded word is a title a person's name may carry ("mr",
/// "ambassador", "comrade"): never part of a mention.
pub fn is_title(word: &str) -> bool {
    mentions::TITLES.contains(&word)
}

/// The folded key of a name with a person's leading titles removed
/// ("Mr. Tani" → "tani", "N. S. Khrushchev's" → "n s khrushchev").
pub fn person_key(name: &str) -> String {
    mentions::strip_titles(&mentions::name_key(name)).to_string()
}

/// What an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Person,
    Place,
    Organization,
    /// Treaties, agreements, declarations, letters, notes, publications.
    Document,
    Event,
    Concept,
    /// Ships and other things.
    Object,
}

impl Entity {
    /// The key the index sorts by: `sort`, else a person's last word
    /// ("Nikita Khrushchev" → "Khrushchev"), else the name; folded.
    pub fn sort_key(&self) -> String {
        let key = match (&self.sort, self.kind) {
            (Some(s), _) => s.as_str(),
            (None, Kind::Person) => self.name.rsplit([' ', '.']).next().unwrap_or(&self.name),
            (None, _) => self.name.as_str(),
        };
        crate::text::fold_text(key)
    }
}

impl Kind {
    /// Every kind, in display order.
    pub const ALL: [Kind; 7] = [
        Kind::Person,
        Kind::Place,
        Kind::Organization,
        Kind::Document,
        Kind::Event,
        Kind::Concept,
        Kind::Object,
    ];

    /// The kind's name as written in the register.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Place => "place",
            Kind::Organization => "organization",
            Kind::Document => "document",
            Kind::Event => "event",
            Kind::Concept => "concept",
            Kind::Object => "object",
        }
    }

    /// Parses a kind name.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How a name belongs to its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum NameKind {
    Canonical,
    Alias,
    /// A source misspelling: mentions through it are flagged.
    Variant,
    /// Deliberately shared with another entity.
    Ambiguous,
}

/// One name of an entity, with the register line it is written on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Name {
    pub text: String,
    pub kind: NameKind,
    pub line: u32,
}

/// One entry of the register.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entity {
    pub id: String,
    pub kind: Kind,
    /// The canonical name (also `names[0]`).
    pub name: String,
    /// Every name: canonical first, then aliases, variants, ambiguous names.
    pub names: Vec<Name>,
    pub description: String,
    /// ISO date or interval (`1894/1971`, `1956-10-19`).
    pub dates: Option<String>,
    pub wikidata: Option<String>,
    pub note: Option<String>,
    /// Index order key (`sort`); by default a person's last name, else the name.
    pub sort: Option<String>,
    /// Line of the `[[entity]]` header in the register.
    pub line: u32,
    /// The ids a TEI edition gives this entity (`#p_SM1`): its markup's
    /// `@corresp`, `@ref` and `@key` resolve here.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub refs: Vec<String>,
    /// For a person or body: the side of the talks they speak for
    /// (`soviet`, `japanese`, `us`, `other`), for the positions grid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub side: Option<String>,
    /// False for a name found in the text that the register does not have
    /// (see [`detect`]); only those serialize the field.
    #[serde(skip_serializing_if = "is_true")]
    pub registered: bool,
}

/// For `skip_serializing_if`: registered entities keep today's JSON.
pub fn is_true(b: &bool) -> bool {
    *b
}

/// The entity register (`corpus/entities.toml`).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Register {
    pub entities: Vec<Entity>,
    /// Folded words the completeness check does not report (`[check] ignore`).
    pub ignore: Vec<String>,
    /// The register's file name, for diagnostics.
    pub file: String,
    /// The compiled matcher, built on first use (not stored in bundles).
    #[serde(skip)]
    compiled: std::sync::OnceLock<Matcher>,
    /// Entities by folded name, and by folded name without titles, built
    /// on first lookup (not stored in bundles).
    #[serde(skip)]
    names: std::sync::OnceLock<NameIndex>,
}

/// Folded name → entities, for lookups in time independent of the register's size.
#[derive(Clone, Debug, Default)]
pub(crate) struct NameIndex {
    pub exact: std::collections::HashMap<String, Vec<usize>>,
    pub untitled: std::collections::HashMap<String, Vec<usize>>,
}

/// Registers are equal when their entries are (the compiled cache aside).
impl PartialEq for Register {
    fn eq(&self, other: &Register) -> bool {
        (&self.entities, &self.ignore, &self.file) == (&other.entities, &other.ignore, &other.file)
    }
}

impl Eq for Register {}

impl Register {
    /// A register of these entities (see the TOML reader for the checked way).
    pub fn new(entities: Vec<Entity>, ignore: Vec<String>, file: &str) -> Register {
        Register {
            entities,
            ignore,
            file: file.to_string(),
            compiled: Default::default(),
            names: Default::default(),
        }
    }

    /// The name index (once; later calls reuse it).
    pub(crate) fn name_index(&self) -> &NameIndex {
        self.names.get_or_init(|| {
            let mut ix = NameIndex::default();
            for (i, e) in self.entities.iter().enumerate() {
                for n in &e.names {
                    let key = mentions::name_key(&n.text);
                    let untitled = mentions::strip_titles(&key).to_string();
                    for (map, k) in [(&mut ix.exact, key), (&mut ix.untitled, untitled)] {
                        let list = map.entry(k).or_default();
                        if list.last() != Some(&i) {
                            list.push(i);
                        }
                    }
                }
            }
            ix
        })
    }

    /// Index of the first found (unregistered) entity: they follow the
    /// register's own.
    pub fn first_found(&self) -> usize {
        self.entities
            .iter()
            .position(|e| !e.registered)
            .unwrap_or(self.entities.len())
    }

    /// The register compiled for detection (once; later calls reuse it).
    pub fn matcher(&self) -> &Matcher {
        self.compiled.get_or_init(|| Matcher::new(self))
    }
}

/// One mention: a byte range of a paragraph naming an entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// Index of the paragraph in its document.
    pub paragraph: u32,
    /// UTF-8 byte range in the paragraph's text.
    pub start: u32,
    pub end: u32,
    /// Indexes into [`Register::entities`]: one when resolved, several when
    /// the mention stays ambiguous (sorted).
    pub entities: Vec<u32>,
    /// Matched through a variant (misspelled) name or a `[sic]` span.
    pub variant: bool,
    /// An ambiguous name resolved by a nearby unambiguous mention.
    pub by_context: bool,
}

impl Mention {
    pub fn is_ambiguous(&self) -> bool {
        self.entities.len() > 1
    }
}

/// Where each entity is mentioned: per document (in collection order), the
/// mentions in paragraph and text order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Mentions {
    pub docs: Vec<(String, Vec<Mention>)>,
}

impl Mentions {
    /// Detects every mention of `register`'s names in `docs` (see the module docs).
    pub fn build(register: &Register, docs: &[crate::model::Document]) -> Mentions {
        let matcher = register.matcher();
        Mentions {
            docs: docs
                .iter()
                .map(|d| (d.id.clone(), matcher.document(d)))
                .collect(),
        }
    }

    /// The mentions of the `i`-th document (empty if out of range).
    pub fn of_doc(&self, i: usize) -> &[Mention] {
        self.docs.get(i).map_or(&[], |(_, m)| m.as_slice())
    }

    /// Total number of mentions.
    pub fn len(&self) -> usize {
        self.docs.iter().map(|(_, m)| m.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
