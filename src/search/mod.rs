//! Full-text search over paragraphs: ranked, typo-tolerant, cross-script.
//!
//! # A guide
//!
//! The unit of search is a paragraph (a speaker's turn, a heading, a
//! footnote, closing matter); a document's title is a heavier field every
//! paragraph of the document shares. [`SearchIndex::build`] cuts every unit with the
//! one tokenizer ([`crate::text`]); [`Collection::search`] parses the query
//! ([`query`]), expands each word into weighted alternatives and ranks with
//! BM25F and a proximity boost ([`rank`]), then groups the hits by document
//! and cuts snippets ([`snippet`]).
//!
//! ```
//! use docent::{Collection, Document, Paragraph, ParaKind};
//! let para = |t: &str| Paragraph { kind: ParaKind::Body, speaker: None, text: t.into(), spans: vec![], line: 1 };
//! let doc = Document {
//!     id: "memo".into(), title: "Memorandum".into(),
//!     paragraphs: vec![para("Хрущёв spoke of the treaties."), para("Kōno replied.")],
//!     ..Default::default()
//! };
//! let c = Collection::build(vec![doc], Default::default(), Default::default());
//! // Folding (ё → е), stemming (treaty → treaties), typos (Kruschev) all find paragraph 0.
//! for q in ["хрущев", "treaty", "kono", "\"spoke of the\""] {
//!     assert_eq!(c.search(q, 10).unwrap().total, 1, "{q}");
//! }
//! let r = c.search("treaty", 10).unwrap();
//! assert_eq!(r.hits[0].paragraph, 0);
//! assert!(r.hits[0].snippet.iter().any(|f| f.mark && f.text == "treaties"));
//! assert_eq!(c.search("shikotan", 10).unwrap().total, 0);
//! ```
//!
//! Work per query is bounded whatever the input: the query is cut to 1 KB and
//! 16 clauses, each word expands to at most a few dozen terms, and typo
//! matching walks the term dictionary with a pruned automaton ([`typo`]).

pub mod dict;
pub(crate) mod expand;
mod filter;
pub mod index;
pub mod kwic;
mod postings;
pub mod query;
pub mod rank;
pub mod snippet;
pub mod typo;

pub use index::SearchIndex;
pub use query::Query;
pub use snippet::Fragment;

use crate::sort::StableSort;
use crate::{entities, model::Document, no_document, Collection, Error};
use serde::Serialize;

impl SearchIndex {
    /// Builds the index of `docs` (in collection order); aliases come from
    /// the entity register's [`entities::Register::alias_groups`].
    pub fn build(docs: &[Document], entities: &entities::Register) -> SearchIndex {
        SearchIndex::build_with_aliases(docs, &entities.alias_groups())
    }
}

/// Most hits a search returns.
pub const MAX_LIMIT: usize = 1000;

/// The answer to a query (the JSON of `docent search --json` and of
/// `Docent.search`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Results<'a> {
    pub query: String,
    /// Matching paragraphs in all.
    pub total: usize,
    /// The best `limit` paragraphs, grouped by document (documents in order
    /// of their best paragraph), best paragraph first within a document.
    pub hits: Vec<Hit<'a>>,
    /// Every matching document with its number of matching paragraphs.
    pub docs: Vec<DocHits<'a>>,
    /// A corrected query that finds something, when this one finds nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub did_you_mean: Option<String>,
    /// What was ignored or relaxed, in plain words.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<String>,
    /// The query respelled as it was searched, when an unknown word was
    /// matched by a close spelling ("showing results for …").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub showing_for: Option<String>,
    /// The query as understood, piece by piece: the page draws its filter
    /// chips from it instead of parsing the query a second time.
    pub parsed: Vec<query::Part>,
}

/// One matching paragraph (its strings borrowed from the collection).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit<'a> {
    pub doc: &'a str,
    pub title: &'a str,
    pub date: Option<String>,
    /// 0-based index into `Document::paragraphs` (`#doc=ID&p=N`).
    pub paragraph: u32,
    pub speaker: Option<&'a str>,
    pub score: f32,
    pub snippet: Vec<Fragment<'a>>,
}

/// A matching document and how many of its paragraphs match.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocHits<'a> {
    pub doc: &'a str,
    pub title: &'a str,
    pub hits: usize,
}

/// Every match of a query in one document: byte ranges per paragraph.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Highlights {
    pub doc: String,
    /// Ranges in all.
    pub total: usize,
    pub paragraphs: Vec<ParaHighlights>,
}

/// Marked byte ranges `[start, end)` of one paragraph's text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParaHighlights {
    pub paragraph: u32,
    pub ranges: Vec<[u32; 2]>,
}

impl Collection {
    /// Searches the collection; `limit` is capped at [`MAX_LIMIT`]. Fails
    /// only when the text of a hit's document is not loaded yet
    /// ([`Collection::need`]).
    pub fn search(&self, query: &str, limit: usize) -> Result<Results<'_>, Error> {
        let q = Query::parse(query);
        let (mut r, unmatched) = self.run(&q, limit.min(MAX_LIMIT))?;
        if r.total == 0 || unmatched {
            r.did_you_mean = self.did_you_mean(&q);
        } else {
            // Found, but maybe only through a close spelling: say so, since
            // a silent correction reads as if the word were in the sources.
            r.showing_for = self.respelled(&q, true);
        }
        r.parsed = q.parts;
        Ok(r)
    }

    /// The results, and whether some word matched nothing at all.
    fn run(&self, q: &Query, limit: usize) -> Result<(Results<'_>, bool), Error> {
        let ix = &self.index;
        let ev = ix.evaluate(&self.docs, q);
        let mut notices = q.notices.clone();
        if ev.partial {
            notices
                .push("no paragraph has every word; showing paragraphs with some of them".into());
        }
        // Documents in order of their best paragraph.
        let mut best: Vec<u128> = vec![0; self.docs.len()];
        let mut counts: Vec<usize> = vec![0; self.docs.len()];
        for s in &ev.matches {
            let d = ix.units[s.unit as usize].doc as usize;
            counts[d] += 1;
            best[d] = best[d].max(ev.key(s));
        }
        // (A match's key is never 0: its unit is below u32::MAX.)
        let mut order: Vec<(usize, u128)> = best
            .iter()
            .enumerate()
            .filter(|b| *b.1 > 0)
            .map(|(d, &b)| (d, b))
            .collect();
        order.stable_sort_by(|a, b| b.1.cmp(&a.1));
        let mut doc_rank: Vec<usize> = vec![usize::MAX; self.docs.len()];
        let docs: Vec<DocHits> = order
            .iter()
            .enumerate()
            .map(|(r, &(d, _))| {
                doc_rank[d] = r;
                DocHits {
                    doc: &self.docs[d].id,
                    title: &self.docs[d].title,
                    hits: counts[d],
                }
            })
            .collect();
        let mut top = ev.top(limit);
        top.stable_sort_by_key(|s| doc_rank[ix.units[s.unit as usize].doc as usize]);
        self.need(top.iter().map(|s| ix.units[s.unit as usize].doc as usize))?;
        let hits = top
            .iter()
            .map(|s| {
                let unit = ix.units[s.unit as usize];
                let doc = &self.docs[unit.doc as usize];
                let p = &doc.paragraphs[unit.para as usize];
                let marks = unit_marks(&ev.clauses, s.unit);
                Hit {
                    doc: &doc.id,
                    title: &doc.title,
                    date: doc.date.map(|d| d.iso()),
                    paragraph: unit.para,
                    speaker: p.speaker.as_ref().map(|s| s.name.as_str()),
                    score: (s.score * 1000.0).round() / 1000.0,
                    snippet: snippet::snippet(&p.text, &p.spans, &marks),
                }
            })
            .collect();
        let r = Results {
            query: q.text.clone(),
            total: ev.matches.len(),
            hits,
            docs,
            did_you_mean: None,
            notices,
            showing_for: None,
            parsed: Vec::new(),
        };
        Ok((r, !ev.unmatched.is_empty()))
    }

    /// A spelling of the query whose unknown words are replaced by the
    /// closest frequent term, if that finds every word.
    fn did_you_mean(&self, q: &Query) -> Option<String> {
        let text = self.respelled(q, false)?;
        // No hits asked for: the counts need no text.
        let (r, unmatched) = self.run(&Query::parse(&text), 0).ok()?;
        (r.total > 0 && !unmatched && r.notices.is_empty()).then_some(text)
    }

    /// The query with each unknown single word replaced by the closest
    /// frequent term, or None if no word changed. With `known_prefix`, a
    /// word some term starts with (typing) or that is an alias is known.
    fn respelled(&self, q: &Query, known_prefix: bool) -> Option<String> {
        let ix = &self.index;
        let mut text = q.text.clone();
        let mut changed = false;
        for c in q.clauses.iter().rev() {
            if c.phrase || c.words.len() != 1 || ix.term_id(&c.words[0].term).is_some() {
                continue;
            }
            let w = &c.words[0].term;
            if known_prefix && (ix.has_prefix(w) || ix.is_alias(w)) {
                continue;
            }
            let max = if w.chars().count() >= 6 { 2 } else { 1 };
            if let Some((_, _, term)) = ix.near(w, max, 1, true).first() {
                text.replace_range(c.at.0..c.at.1, term);
                changed = true;
            }
        }
        changed.then_some(text)
    }

    /// Every match of `query` in the document `doc_id` (in paragraphs that
    /// match the whole query), for highlighting an open document.
    pub fn highlights(&self, query: &str, doc_id: &str) -> Result<Highlights, Error> {
        let d = self.doc_index(doc_id).ok_or_else(|| no_document(doc_id))?;
        self.need([d])?;
        let mut h = self.doc_highlights(&Query::parse(query), d).0;
        h.doc = doc_id.to_string();
        Ok(h)
    }

    /// The highlights of parsed query `q` in loaded document `d`, and how
    /// many of its paragraphs match: the count [`Results::docs`] gives for
    /// it. The two differ on purpose: a paragraph may match through the
    /// document's title or through filters alone and have nothing to mark.
    pub(crate) fn doc_highlights(&self, q: &Query, d: usize) -> (Highlights, usize) {
        let ev = self.index.evaluate(&self.docs, q);
        let mine: Vec<_> = ev
            .matches
            .iter()
            .filter(|s| self.index.units[s.unit as usize].doc as usize == d)
            .collect();
        let mut paragraphs: Vec<ParaHighlights> = mine
            .iter()
            .filter_map(|s| {
                let para = self.index.units[s.unit as usize].para;
                let p = &self.docs[d].paragraphs[para as usize];
                let marks = unit_marks(&ev.clauses, s.unit);
                let ranges: Vec<[u32; 2]> = snippet::mark_ranges(&p.text, &p.spans, &marks)
                    .into_iter()
                    .map(|(a, b)| [a as u32, b as u32])
                    .collect();
                (!ranges.is_empty()).then_some(ParaHighlights {
                    paragraph: para,
                    ranges,
                })
            })
            .collect();
        paragraphs.stable_sort_by_key(|p| p.paragraph);
        let h = Highlights {
            doc: self.docs[d].id.clone(),
            total: paragraphs.iter().map(|p| p.ranges.len()).sum(),
            paragraphs,
        };
        (h, mine.len())
    }
}

/// All marks of a unit across clauses, sorted.
fn unit_marks(clauses: &[rank::ClauseHits], unit: u32) -> Vec<(u32, u32)> {
    let mut m: Vec<(u32, u32)> = Vec::new();
    for c in clauses {
        c.marks_in(unit, &mut m);
    }
    m.stable_sort();
    m
}
