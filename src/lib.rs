//! # Docent
//!
//! The core of an offline reader for archival document collections. It
//! imports archive records faithfully ([`import`]), cuts text into words one
//! way for every feature ([`text`]), and answers three questions about a
//! collection: where is this said ([`search`]), who or what is this and where
//! is it mentioned ([`entities`]), and how did this wording change
//! ([`clauses`], [`diff`]).
//!
//! The core does no I/O and knows nothing of wasm or JSON: the `docent` binary
//! reads files and prints, `wasm.rs` talks to the page. Both hand the core
//! bytes and get plain Rust values back.
//!
//! ```
//! use docent::{import, Collection};
//! let raw = "\n\nOctober 17, 1956\nMemorandum of Conversation\n\nCitation:\n\n\"Memo\", Archive.\n\nContents:\n\nTranslation - English\n\nKono. I will not debate too much today.\n";
//! let doc = import::parse_document("documents/1956-10-17-memo.txt", raw.as_bytes()).unwrap();
//! let c = Collection::build(vec![doc], Default::default(), Default::default());
//! assert_eq!(c.docs[0].id, "1956-10-17-memo");
//! let bytes = docent::format::encode(&c);
//! assert_eq!(docent::format::decode(&bytes).unwrap().docs, c.docs);
//! ```

pub mod cite;
pub mod clauses;
pub mod diag;
pub mod diff;
pub mod entities;
pub mod format;
pub mod import;
pub mod model;
pub mod positions;
pub mod reading;
pub mod search;
pub mod sort;
pub mod text;

mod wasm;

pub use diag::{Diagnostic, Error};
pub use model::{Date, Document, ParaKind, Paragraph, Span, SpanKind, Speaker, SpeechMode};
use sort::StableSort;

/// A whole collection, ready to answer questions: the documents (sorted by
/// date, undated last), the registers, and the indexes built from them.
#[derive(Clone, Debug, Default)]
pub struct Collection {
    pub docs: Vec<Document>,
    pub entities: entities::Register,
    pub clauses: clauses::ClauseRegister,
    pub mentions: entities::Mentions,
    pub index: search::SearchIndex,
    /// Word-shingle signatures of every paragraph ("Compare with…").
    pub passages: diff::passages::PassageIndex,
    /// Which documents have their paragraphs loaded.
    pub parts: Parts,
    /// Where the reader is published (`docent build --base-url`), so that
    /// permalinks and citations carry a canonical address; `None` makes
    /// them relative to the page file ([`cite::permalink`]).
    pub base_url: Option<String>,
}

/// The collection in parts. A bundle can leave its parts out (the folder
/// form's page gets them one script at a time, on demand): the documents'
/// metadata and the search index are there, the documents' paragraphs are
/// empty until [`format::add_part`] fills them from their text part, and the
/// passage index from the part after the texts. Anything that reads a
/// paragraph first asks [`Collection::need`], which says which parts to add
/// ([`Parts::need_passages`] for the passage index).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parts {
    /// First document of each text part, then the number of documents;
    /// empty when everything is loaded (a collection built or decoded whole).
    pub bounds: Vec<u32>,
    /// Whether each part is loaded: the text parts, then the passage index
    /// when it is a part.
    pub loaded: Vec<bool>,
    /// Identifies the build: a part of another build is refused.
    pub stamp: u32,
}

impl Parts {
    /// The number of the part holding the passage index, if it is one.
    pub fn passages_part(&self) -> Option<u32> {
        let n = self.bounds.len().checked_sub(1)?;
        (self.loaded.len() > n).then_some(n as u32)
    }

    /// Ok when the passage index is loaded; otherwise an error naming its part.
    pub fn need_passages(&self) -> Result<(), Error> {
        match self.passages_part() {
            Some(k) if !self.loaded[k as usize] => Err(Error::not_loaded(vec![k])),
            _ => Ok(()),
        }
    }

    /// Forgets the parts once every one is loaded.
    pub(crate) fn settle(&mut self) {
        if self.loaded.iter().all(|&l| l) {
            *self = Parts::default();
        }
    }

    /// Ok when the paragraphs of all `docs` are loaded; otherwise an error
    /// naming the parts to add ([`Error::parts`]).
    pub fn need(&self, docs: impl IntoIterator<Item = usize>) -> Result<(), Error> {
        let mut parts: Vec<u32> = docs.into_iter().filter_map(|d| self.missing(d)).collect();
        if parts.is_empty() {
            return Ok(());
        }
        parts.stable_sort();
        parts.dedup();
        Err(Error::not_loaded(parts))
    }

    /// The part holding document `doc`'s paragraphs, if it is not loaded.
    pub fn missing(&self, doc: usize) -> Option<u32> {
        if self.bounds.is_empty() {
            return None;
        }
        let k = self
            .bounds
            .partition_point(|&b| b as usize <= doc)
            .checked_sub(1)?;
        // A document past the last bound has no part (and no text).
        (k + 1 < self.bounds.len() && !self.loaded.get(k).copied().unwrap_or(true))
            .then_some(k as u32)
    }
}

impl Collection {
    /// Builds the derived indexes (entity mentions, then the search index,
    /// which takes its aliases from the entity register).
    pub fn build(
        mut docs: Vec<Document>,
        entities: entities::Register,
        mut clauses: clauses::ClauseRegister,
    ) -> Collection {
        docs.stable_sort_by(|a, b| {
            (a.date.is_none(), a.date, &a.id).cmp(&(b.date.is_none(), b.date, &b.id))
        });
        let mentions = entities::Mentions::build(&entities, &docs);
        let index = search::SearchIndex::build(&docs, &entities);
        clauses.locate(&docs);
        let passages = diff::passages::PassageIndex::build(&docs);
        Collection {
            docs,
            entities,
            clauses,
            mentions,
            index,
            passages,
            parts: Parts::default(),
            base_url: None,
        }
    }

    /// Ok when the paragraphs of all `docs` are loaded; otherwise an error
    /// naming the parts to add ([`Error::parts`]).
    pub fn need(&self, docs: impl IntoIterator<Item = usize>) -> Result<(), Error> {
        self.parts.need(docs)
    }

    /// Position of a document by id, or an error naming it.
    pub fn find_doc(&self, id: &str) -> Result<usize, Error> {
        self.doc_index(id).ok_or_else(|| no_document(id))
    }

    /// Position of a document by id.
    pub fn doc_index(&self, id: &str) -> Option<usize> {
        self.docs.iter().position(|d| d.id == id)
    }

    /// A document by id.
    pub fn doc(&self, id: &str) -> Option<&Document> {
        self.docs.iter().find(|d| d.id == id)
    }

    /// The rows of the library view, in collection order (the page gets the
    /// same rows from the engine, or inline when the texts load later).
    pub fn library(&self) -> Vec<LibraryEntry<'_>> {
        self.docs
            .iter()
            .map(|d| LibraryEntry {
                id: &d.id,
                title: &d.title,
                date: d.date.map(|x| x.iso()),
                date_label: &d.date_label,
                kind: &d.kind,
                summary: d.field("Summary"),
                partial: d.partial.as_deref(),
            })
            .collect()
    }
}

/// The error for an unknown document id.
pub(crate) fn no_document(id: &str) -> Error {
    Error::new(format!("no document with id `{id}` in this collection"))
}

/// One row of the library view: a document's metadata without its text.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct LibraryEntry<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub date: Option<String>,
    pub date_label: &'a str,
    pub kind: &'a str,
    pub summary: Option<&'a str>,
    pub partial: Option<&'a str>,
}
