//! Who said what, and when: the positions grid.
//!
//! For a search query, an entity or a clause family, every paragraph that
//! matches goes to exactly one row: its speaker's when it is a speaker's turn
//! (direct, reported — marked as such — or continued), else its document's
//! narrator (the `Author` field, or "Narration"), so nothing that matches is
//! dropped. Each row has a side (`side` in the entity register: soviet,
//! japanese, us, other; else unknown). Rows come by side, then by their first
//! date; cells by date, undated documents last. A cell is one paragraph with
//! a short quotation whose matched words are marked, and the clause version
//! it holds, if any (so the page can open the diff of two cells).

use crate::entities::Lookup;
use crate::model::{Document, SpeechMode};
use crate::search::query::Query;
use crate::search::snippet::{self, Fragment};
use crate::sort::StableSort;
use crate::{Collection, Error};
use serde::Serialize;

/// What the grid is asked for.
#[derive(Clone, Copy, Debug)]
pub enum Ask<'q> {
    Query(&'q str),
    Entity(&'q str),
    Clause(&'q str),
}

/// The grid: rows of speakers, each with its cells in date order.
#[derive(Clone, Debug, Serialize)]
pub struct Grid<'a> {
    /// "query", "entity" or "clause".
    pub by: &'static str,
    /// The query, the entity's id or the family's id.
    pub asked: String,
    /// Matching paragraphs in all (= cells in all).
    pub total: usize,
    pub rows: Vec<Row<'a>>,
}

/// One speaker (or a document's narrator) and what they said that matches.
#[derive(Clone, Debug, Serialize)]
pub struct Row<'a> {
    pub speaker: String,
    pub side: &'a str,
    /// The register's entity for the speaker, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<&'a str>,
    /// Paragraphs that are nobody's turn: the narrator's row.
    pub narration: bool,
    pub cells: Vec<Cell<'a>>,
}

/// One matching paragraph.
#[derive(Clone, Debug, Serialize)]
pub struct Cell<'a> {
    pub doc: &'a str,
    /// (The page has every title from the library: not sent again per cell.)
    #[cfg_attr(target_arch = "wasm32", serde(skip))]
    pub title: &'a str,
    pub date: Option<String>,
    pub paragraph: u32,
    /// Reported speech ("Yamada says that…").
    pub reported: bool,
    /// The quotation as plain text ("…" where it is cut). The page reads
    /// it from `snippet`: not sent twice.
    #[cfg_attr(target_arch = "wasm32", serde(skip))]
    pub text: String,
    /// The same, with the matched words marked.
    pub snippet: Vec<Fragment<'a>>,
    /// `[family, version]` when the paragraph holds a registered wording.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub clause: Vec<&'a str>,
}

/// A matching paragraph: (document, paragraph, what to mark).
type Hit = (usize, u32, Marks);

/// What to mark in a paragraph: word positions as search has them, or byte
/// ranges (a mention, a quoted wording).
enum Marks {
    Words(Vec<(u32, u32)>),
    Bytes(Vec<(usize, usize)>),
}

/// Words in a cell's quotation.
const QUOTE_WORDS: usize = 16;

/// Sides in the order rows come.
const SIDES: &[&str] = &["soviet", "japanese", "us", "other", "unknown"];

impl Collection {
    /// The positions grid for a query, an entity (by any name or id) or a
    /// clause family (by id).
    pub fn positions(&self, ask: Ask) -> Result<Grid<'_>, Error> {
        let mut hits: Vec<Hit> = Vec::new();
        let (by, asked) = match ask {
            Ask::Query(q) => {
                let q = Query::parse(q);
                let ev = self.index.evaluate(&self.docs, &q);
                let units: Vec<u32> = ev.matches.iter().map(|m| m.unit).collect();
                self.need(
                    units
                        .iter()
                        .map(|&u| self.index.units[u as usize].doc as usize),
                )?;
                for u in units {
                    let unit = self.index.units[u as usize];
                    let doc = &self.docs[unit.doc as usize];
                    if doc.paragraphs.get(unit.para as usize).is_none() {
                        continue; // the title
                    }
                    let mut marks = Vec::new();
                    for c in &ev.clauses {
                        c.marks_in(u, &mut marks);
                    }
                    marks.stable_sort();
                    hits.push((unit.doc as usize, unit.para, Marks::Words(marks)));
                }
                ("query", q.text)
            }
            Ask::Entity(name) => {
                let e = match self.entities.lookup(name) {
                    Lookup::Found(i) => i,
                    Lookup::Ambiguous(_) => {
                        return Err(Error::new(format!(
                            "`{name}` names several entities: ask by id (`docent entity {name}` lists them)"
                        )))
                    }
                    Lookup::NotFound(_) => {
                        return Err(Error::new(format!(
                            "no entity is called `{name}` (`docent entities` lists them)"
                        )))
                    }
                };
                let docs: Vec<usize> = (0..self.docs.len())
                    .filter(|&d| {
                        self.mentions
                            .of_doc(d)
                            .iter()
                            .any(|m| m.entities.contains(&(e as u32)))
                    })
                    .collect();
                self.need(docs.iter().copied())?;
                for d in docs {
                    let mut by_para: Vec<(u32, Vec<(usize, usize)>)> = Vec::new();
                    for m in self.mentions.of_doc(d) {
                        if !m.entities.contains(&(e as u32)) {
                            continue;
                        }
                        let r = (m.start as usize, m.end as usize);
                        match by_para.last_mut() {
                            Some((p, rs)) if *p == m.paragraph => rs.push(r),
                            _ => by_para.push((m.paragraph, vec![r])),
                        }
                    }
                    hits.extend(by_para.into_iter().map(|(p, rs)| (d, p, Marks::Bytes(rs))));
                }
                ("entity", self.entities.entities[e].id.clone())
            }
            Ask::Clause(id) => {
                let f = self.clauses.find(id)?;
                let located: Vec<(usize, u32, &str)> = f
                    .versions
                    .iter()
                    .filter_map(|v| Some((self.doc_index(&v.doc)?, v.paragraph?, v.quote.as_str())))
                    .collect();
                self.need(located.iter().map(|x| x.0))?;
                for (d, p, quote) in located {
                    let text = &self.docs[d].paragraphs[p as usize].text;
                    // The wording is marked where it starts in the paragraph.
                    let head: String = quote
                        .split_whitespace()
                        .take(6)
                        .collect::<Vec<_>>()
                        .join(" ");
                    let ranges = match text.find(&head) {
                        Some(at) => vec![(at, (at + quote.len()).min(text.len()))],
                        None => Vec::new(),
                    };
                    hits.push((d, p, Marks::Bytes(ranges)));
                }
                ("clause", f.id.clone())
            }
        };
        hits.stable_sort_by_key(|h| (h.0, h.1));
        hits.dedup_by(|a, b| (a.0, a.1) == (b.0, b.1));
        Ok(self.grid(by, asked, hits))
    }

    fn grid(&self, by: &'static str, asked: String, hits: Vec<Hit>) -> Grid<'_> {
        let total = hits.len();
        let mut rows: Vec<Row> = Vec::new();
        // A speaker's entity, once per name (per document where ambiguous).
        let mut lookups: std::collections::HashMap<String, Lookup> = Default::default();
        for (d, pi, marks) in hits {
            let doc = &self.docs[d];
            let p = &doc.paragraphs[pi as usize];
            let (speaker, narration) = match &p.speaker {
                Some(s) => (s.name.clone(), false),
                None => (narrator(doc), true),
            };
            let reported = p
                .speaker
                .as_ref()
                .is_some_and(|s| s.mode == SpeechMode::Reported);
            let marks = match marks {
                Marks::Words(m) => m,
                Marks::Bytes(ranges) => {
                    let words = crate::search::index::unit_words(&p.text, &p.spans);
                    word_marks(&words, &ranges)
                }
            };
            let snippet = snippet::snippet_of(&p.text, &p.spans, &marks, QUOTE_WORDS);
            let text = snippet.iter().map(|f| f.text.as_ref()).collect();
            let clause = self
                .clauses
                .families
                .iter()
                .find_map(|f| {
                    f.versions
                        .iter()
                        .find(|v| v.doc == doc.id && v.paragraph == Some(pi))
                        .map(|v| vec![f.id.as_str(), v.id.as_str()])
                })
                .unwrap_or_default();
            let cell = Cell {
                doc: &doc.id,
                title: &doc.title,
                date: doc.date.map(|x| x.iso()),
                paragraph: pi,
                reported,
                text,
                snippet,
                clause,
            };
            let lookup = lookups
                .entry(speaker.clone())
                .or_insert_with(|| self.entities.lookup_known(&speaker));
            let entity = self
                .speaker_entity(d, lookup)
                .map(|i| &self.entities.entities[i]);
            let id = entity.map(|e| e.id.as_str());
            let same =
                |r: &&mut Row| r.speaker == speaker && r.narration == narration && r.entity == id;
            match rows.iter_mut().find(same) {
                Some(r) => r.cells.push(cell),
                None => {
                    rows.push(Row {
                        side: entity.and_then(|e| e.side.as_deref()).unwrap_or("unknown"),
                        entity: entity.map(|e| e.id.as_str()),
                        speaker,
                        narration,
                        cells: vec![cell],
                    });
                }
            }
        }
        // Cells by date (undated last), rows by side then first date.
        fn when<'c>(c: &Cell<'c>) -> (bool, Option<String>, &'c str, u32) {
            (c.date.is_none(), c.date.clone(), c.doc, c.paragraph)
        }
        for r in &mut rows {
            r.cells.stable_sort_by(|a, b| when(a).cmp(&when(b)));
        }
        rows.stable_sort_by(|a, b| {
            let side = |r: &Row| {
                SIDES
                    .iter()
                    .position(|s| *s == r.side)
                    .unwrap_or(SIDES.len())
            };
            (side(a), a.cells.first().map(when)).cmp(&(side(b), b.cells.first().map(when)))
        });
        Grid {
            by,
            asked,
            total,
            rows,
        }
    }
}

impl Collection {
    /// The register's entity a speaker's name stands for in document `d`:
    /// a name shared by several ("Yamada") is the one the document mentions.
    fn speaker_entity(&self, d: usize, lookup: &Lookup) -> Option<usize> {
        match lookup {
            Lookup::Found(i) => Some(*i),
            Lookup::Ambiguous(ids) => self.mentions.of_doc(d).iter().find_map(|m| {
                let only = (m.entities.len() == 1).then(|| m.entities[0] as usize)?;
                ids.contains(&only).then_some(only)
            }),
            Lookup::NotFound(_) => None,
        }
    }
}

/// Who narrates a document's paragraphs that are nobody's turn: its author,
/// or who sent it (a telegram's or memorandum's `From`).
fn narrator(doc: &Document) -> String {
    match doc.field("Author").or_else(|| doc.field("From")) {
        Some(a) if !a.trim().is_empty() => a.trim().to_string(),
        _ => "Narration".to_string(),
    }
}

/// The indexed words (by position) that byte ranges cover, as (position,
/// length) marks for a snippet.
fn word_marks(words: &[crate::text::Token], ranges: &[(usize, usize)]) -> Vec<(u32, u32)> {
    words
        .iter()
        .enumerate()
        .filter(|(_, w)| ranges.iter().any(|&(a, b)| w.start < b && a < w.end))
        .map(|(k, _)| (k as u32, 1))
        .collect()
}
