//! A document with its layers, as the reader draws it: the text and the
//! model's spans (speaker, editorial brackets, footnote markers …), the
//! marks of the current search, and the name mentions, in one answer, so
//! the page renders each paragraph once instead of redrawing it per layer.

use crate::entities::ParaMention;
use crate::model::Document;
use crate::search::query::{Part, Query};
use crate::search::Highlights;
use crate::{Collection, Error};
use serde::Serialize;
use std::borrow::Cow;

/// One document and the layers asked for (byte offsets; the wasm boundary
/// turns them into UTF-16).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reading<'a> {
    /// Borrowed from the collection; owned once the wasm boundary has
    /// converted its offsets.
    pub doc: Cow<'a, Document>,
    /// The search layer, when a query was given.
    pub search: Option<SearchLayer>,
    /// Name mentions, when names were asked for (else empty).
    pub mentions: Vec<ParaMention>,
}

/// The marks of a query in the document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SearchLayer {
    /// The query as understood (the same pieces `search` returns).
    pub parsed: Vec<Part>,
    /// Paragraphs of this document that match: the number the search
    /// results give for it (`docs[].hits`).
    pub paragraphs: usize,
    pub marks: Highlights,
}

impl Collection {
    /// Document `id` with the marks of `query` (if any, non-blank) and
    /// its name mentions (if `names`). Fails as [`Collection::need`] when
    /// its text is not loaded yet.
    pub fn reading(
        &self,
        id: &str,
        query: Option<&str>,
        names: bool,
    ) -> Result<Reading<'_>, Error> {
        let d = self.find_doc(id)?;
        self.need([d])?;
        let search = query.filter(|q| !q.trim().is_empty()).map(|text| {
            let q = Query::parse(text);
            let (marks, paragraphs) = self.doc_highlights(&q, d);
            SearchLayer {
                parsed: q.parts,
                paragraphs,
                marks,
            }
        });
        Ok(Reading {
            doc: Cow::Borrowed(&self.docs[d]),
            search,
            mentions: if names {
                self.doc_mentions(d)
            } else {
                Vec::new()
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Document, ParaKind, Paragraph};
    use crate::Collection;

    fn collection() -> Collection {
        let para = |t: &str| Paragraph {
            kind: ParaKind::Body,
            speaker: None,
            text: t.into(),
            spans: vec![],
            line: 1,
        };
        let doc = |id: &str, texts: &[&str]| Document {
            id: id.into(),
            title: format!("Memorandum {id}"),
            paragraphs: texts.iter().map(|t| para(t)).collect(),
            ..Default::default()
        };
        Collection::build(
            vec![
                doc(
                    "a",
                    &["The treaty was signed.", "No treaty, no peace; treaty."],
                ),
                doc("b", &["Nothing here.", "A treaty."]),
            ],
            Default::default(),
            Default::default(),
        )
    }

    /// Each document's matching paragraphs equal what `search` reports for
    /// it, and its marks are those `highlights` gives.
    #[test]
    fn reading_agrees_with_search_and_highlights() {
        let c = collection();
        for query in [
            "treaty",
            "treaty peace",
            "memorandum",
            "\"no peace\"",
            "zzz",
        ] {
            let found = c.search(query, 100).unwrap();
            for id in ["a", "b"] {
                let r = c.reading(id, Some(query), false).unwrap();
                let layer = r.search.unwrap();
                let reported = found
                    .docs
                    .iter()
                    .find(|d| d.doc == id)
                    .map_or(0, |d| d.hits);
                assert_eq!(layer.paragraphs, reported, "{query} in {id}");
                assert_eq!(
                    layer.marks,
                    c.highlights(query, id).unwrap(),
                    "{query} in {id}"
                );
                assert_eq!(layer.parsed, found.parsed, "{query}");
            }
        }
    }

    #[test]
    fn layers_only_when_asked() {
        let c = collection();
        for (query, has_search) in [
            (None, false),
            (Some(""), false),
            (Some("  "), false),
            (Some("treaty"), true),
        ] {
            let r = c.reading("a", query, false).unwrap();
            assert_eq!(r.search.is_some(), has_search, "{query:?}");
            assert!(r.mentions.is_empty());
        }
        assert!(c.reading("nope", None, true).is_err());
    }
}
