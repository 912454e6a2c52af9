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
//!
//! The grid comes in two steps: its [`Shape`] (which paragraphs, in which
//! rows: `rows.rs`) and the cells' quotations ([`Matches::quotation`]).
//! Quoting is most of the work (each paragraph cut into words up to its
//! match), so the page asks for the shape and then quotes the rows it
//! draws; [`Collection::positions`] does both at once (the CLI).

use crate::entities::Lookup;
use crate::search::rank::Evaluation;
use crate::search::snippet::{self, Fragment};
use crate::sort::StableSort;
use crate::{Collection, Error};
use serde::Serialize;

mod rows;
pub(crate) use rows::ShapeRow;

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
    pub title: &'a str,
    pub date: Option<String>,
    pub paragraph: u32,
    /// Reported speech ("Yamada says that…").
    pub reported: bool,
    /// The quotation as plain text ("…" where it is cut).
    pub text: String,
    /// The same, with the matched words marked.
    pub snippet: Vec<Fragment<'a>>,
    /// `[family, version]` when the paragraph holds a registered wording.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub clause: Vec<&'a str>,
}

/// Every paragraph an ask matches, in collection order, each once, and
/// how to find what to mark in one (only in those quoted).
pub(crate) struct Matches<'c> {
    /// "query", "entity" or "clause".
    pub by: &'static str,
    /// The query, the entity's id or the family's id.
    pub asked: String,
    /// (document, paragraph), sorted.
    pub hits: Vec<(u32, u32)>,
    marks: Marks<'c>,
}

/// What to mark in a hit.
enum Marks<'c> {
    /// The query's matched words, by each hit's paragraph unit.
    Query(Evaluation, Vec<u32>),
    /// The entity's mentions.
    Entity(u32),
    /// The family's wording, where it starts.
    Clause(&'c crate::clauses::Family),
}

/// Words in a cell's quotation.
const QUOTE_WORDS: usize = 16;

impl Collection {
    /// The positions grid for a query, an entity (by any name or id) or a
    /// clause family (by id), every cell quoted.
    pub fn positions(&self, ask: Ask) -> Result<Grid<'_>, Error> {
        let shape = self.positions_shape(ask)?;
        let m = &shape.matches;
        let rows = shape
            .rows
            .iter()
            .map(|r| Row {
                speaker: r.speaker.to_string(),
                side: r.side,
                entity: r.entity,
                narration: r.narration,
                cells: r.cells.iter().map(|&k| self.cell(m, k as usize)).collect(),
            })
            .collect();
        Ok(Grid {
            by: m.by,
            asked: m.asked.clone(),
            total: m.hits.len(),
            rows,
        })
    }

    /// Hit `k` as a quoted cell.
    fn cell(&self, m: &Matches, k: usize) -> Cell<'_> {
        let (d, p) = m.hits[k];
        let doc = &self.docs[d as usize];
        let snippet = m.quotation(self, k);
        Cell {
            doc: &doc.id,
            title: &doc.title,
            date: doc.date.map(|x| x.iso()),
            paragraph: p,
            reported: self.reported(d, p),
            text: snippet.iter().map(|f| f.text.as_ref()).collect(),
            snippet,
            clause: self.clause_at(d, p).map_or(Vec::new(), |(f, v)| vec![f, v]),
        }
    }

    /// Is paragraph `p` of document `d` reported speech?
    pub(crate) fn reported(&self, d: u32, p: u32) -> bool {
        self.docs[d as usize].paragraphs[p as usize]
            .speaker
            .as_ref()
            .is_some_and(|s| s.mode == crate::model::SpeechMode::Reported)
    }

    /// The registered wording (family, version) paragraph `p` of document
    /// `d` holds, if any.
    pub(crate) fn clause_at(&self, d: u32, p: u32) -> Option<(&str, &str)> {
        let id = &self.docs[d as usize].id;
        self.clauses.families.iter().find_map(|f| {
            f.versions
                .iter()
                .find(|v| v.doc == *id && v.paragraph == Some(p))
                .map(|v| (f.id.as_str(), v.id.as_str()))
        })
    }

    /// Every paragraph `ask` matches; texts are needed for all of them
    /// ([`Collection::need`]).
    pub(crate) fn matches(&self, ask: Ask) -> Result<Matches<'_>, Error> {
        let doc_of = |h: &(u32, u32)| h.0 as usize;
        let (by, asked, mut hits, marks) = match ask {
            Ask::Query(q) => {
                let q = crate::search::query::Query::parse(q);
                let ev = self.index.evaluate(&self.docs, &q);
                let unit = |u: u32| self.index.units[u as usize];
                let mut units: Vec<u32> = ev.matches.iter().map(|m| m.unit).collect();
                self.need(units.iter().map(|&u| unit(u).doc as usize))?;
                // Units are numbered in collection order; titles are no paragraph.
                units.retain(|&u| {
                    self.docs[unit(u).doc as usize].paragraphs.len() > unit(u).para as usize
                });
                units.stable_sort();
                let hits = units.iter().map(|&u| (unit(u).doc, unit(u).para)).collect();
                ("query", q.text, hits, Marks::Query(ev, units))
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
                let mut hits: Vec<(u32, u32)> = Vec::new();
                for d in 0..self.docs.len() {
                    for m in self.mentions.of_doc(d) {
                        if m.entities.contains(&(e as u32)) {
                            hits.push((d as u32, m.paragraph));
                        }
                    }
                }
                self.need(hits.iter().map(doc_of))?;
                let id = self.entities.entities[e].id.clone();
                ("entity", id, hits, Marks::Entity(e as u32))
            }
            Ask::Clause(id) => {
                let f = self.clauses.find(id)?;
                let hits: Vec<(u32, u32)> = f
                    .versions
                    .iter()
                    .filter_map(|v| Some((self.doc_index(&v.doc)? as u32, v.paragraph?)))
                    .collect();
                self.need(hits.iter().map(doc_of))?;
                ("clause", f.id.clone(), hits, Marks::Clause(f))
            }
        };
        // (A no-op for a query's: units are distinct, sorted already.)
        hits.stable_sort();
        hits.dedup();
        Ok(Matches {
            by,
            asked,
            hits,
            marks,
        })
    }
}

impl Matches<'_> {
    /// Hit `k`'s quotation: about [`QUOTE_WORDS`] words around its marks,
    /// marked, "…" where the paragraph goes on.
    pub fn quotation<'c>(&self, c: &'c Collection, k: usize) -> Vec<Fragment<'c>> {
        let (d, p) = self.hits[k];
        let doc = &c.docs[d as usize];
        let para = &doc.paragraphs[p as usize];
        let text = para.text.as_str();
        let ranges: Vec<(usize, usize)> = match &self.marks {
            Marks::Query(ev, units) => {
                let mut marks = Vec::new();
                for clause in &ev.clauses {
                    clause.marks_in(units[k], &mut marks);
                }
                marks.stable_sort();
                return snippet::snippet_of(text, &para.spans, &marks, QUOTE_WORDS);
            }
            Marks::Entity(e) => c
                .mentions
                .of_doc(d as usize)
                .iter()
                .filter(|m| m.paragraph == p && m.entities.contains(e))
                .map(|m| (m.start as usize, m.end as usize))
                .collect(),
            Marks::Clause(f) => {
                // The first of the family's wordings in this paragraph,
                // marked where it starts.
                let v = f
                    .versions
                    .iter()
                    .find(|v| v.paragraph == Some(p) && v.doc == doc.id);
                let quote = v.map_or("", |v| v.quote.as_str());
                let head: String = quote
                    .split_whitespace()
                    .take(6)
                    .collect::<Vec<_>>()
                    .join(" ");
                text.find(&head)
                    .map(|at| (at, (at + quote.len()).min(text.len())))
                    .into_iter()
                    .collect()
            }
        };
        let words = crate::search::index::unit_words(text, &para.spans);
        snippet::snippet_of(text, &para.spans, &word_marks(&words, &ranges), QUOTE_WORDS)
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
