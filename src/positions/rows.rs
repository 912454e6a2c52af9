//! The grid's shape: the matching paragraphs in rows of speakers (by side,
//! then first date), each row's cells in date order; no quotation yet.

use super::{Ask, Matches};
use crate::entities::Lookup;
use crate::model::Document;
use crate::sort::StableSort;
use crate::{Collection, Error};
use serde::Serialize;

/// The grid without its quotations.
pub(crate) struct Shape<'a> {
    pub matches: Matches<'a>,
    pub rows: Vec<ShapeRow<'a>>,
}

/// One speaker (or a document's narrator): see [`super::Row`].
#[derive(Serialize)]
pub(crate) struct ShapeRow<'a> {
    pub speaker: &'a str,
    pub side: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<&'a str>,
    pub narration: bool,
    /// Indices into `matches.hits`, by date (undated last).
    pub cells: Vec<u32>,
}

/// Sides in the order rows come.
const SIDES: &[&str] = &["soviet", "japanese", "us", "other", "unknown"];

impl Collection {
    /// The rows and cells of the grid for `ask` (see [`Collection::positions`]).
    pub(crate) fn positions_shape(&self, ask: Ask) -> Result<Shape<'_>, Error> {
        let matches = self.matches(ask)?;
        let mut rows: Vec<ShapeRow> = Vec::new();
        // Hits come by document: who speaks in the current one and in which
        // row, so a name is looked up once per document, not per paragraph,
        // and in the register once in all.
        let mut lookups: Vec<(&str, Lookup)> = Vec::new();
        let mut current = u32::MAX;
        let mut narrator = "";
        let mut in_doc: Vec<(&str, bool, usize)> = Vec::new();
        for (k, &(d, p)) in matches.hits.iter().enumerate() {
            let doc = &self.docs[d as usize];
            if d != current {
                current = d;
                narrator = narrator_of(doc);
                in_doc.clear();
            }
            let (speaker, narration) = match &doc.paragraphs[p as usize].speaker {
                Some(s) => (s.name.as_str(), false),
                None => (narrator, true),
            };
            let row = match in_doc.iter().find(|x| (x.0, x.1) == (speaker, narration)) {
                Some(x) => x.2,
                None => {
                    let at = match lookups.iter().position(|l| l.0 == speaker) {
                        Some(at) => at,
                        None => {
                            lookups.push((speaker, self.entities.lookup_known(speaker)));
                            lookups.len() - 1
                        }
                    };
                    let entity = self
                        .speaker_entity(d as usize, &lookups[at].1)
                        .map(|i| &self.entities.entities[i]);
                    let id = entity.map(|e| e.id.as_str());
                    let same = |r: &ShapeRow| {
                        r.speaker == speaker && r.narration == narration && r.entity == id
                    };
                    let row = rows.iter().position(same).unwrap_or_else(|| {
                        rows.push(ShapeRow {
                            speaker,
                            side: entity.and_then(|e| e.side.as_deref()).unwrap_or("unknown"),
                            entity: id,
                            narration,
                            cells: Vec::new(),
                        });
                        rows.len() - 1
                    });
                    in_doc.push((speaker, narration, row));
                    row
                }
            };
            rows[row].cells.push(k as u32);
        }
        // Cells by date (undated last), rows by side then first date.
        let when = |k: u32| {
            let (d, p) = matches.hits[k as usize];
            let doc = &self.docs[d as usize];
            (doc.date.is_none(), doc.date, doc.id.as_str(), p)
        };
        for r in &mut rows {
            r.cells.stable_sort_by_key(|&k| when(k));
        }
        let side = |r: &ShapeRow| SIDES.iter().position(|s| *s == r.side);
        rows.stable_sort_by_key(|r| {
            (
                side(r).unwrap_or(SIDES.len()),
                r.cells.first().map(|&k| when(k)),
            )
        });
        Ok(Shape { matches, rows })
    }

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
fn narrator_of(doc: &Document) -> &str {
    match doc.field("Author").or_else(|| doc.field("From")) {
        Some(a) if !a.trim().is_empty() => a.trim(),
        _ => "Narration",
    }
}
