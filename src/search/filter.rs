//! The filters of a query (`speaker:`, `doc:`, `kind:`, years), resolved
//! against the collection once and then asked per unit.

use super::index::{SearchIndex, BODY, CLOSING, FOOTNOTE, HEADING, NONE};
use super::query::{Filter, FilterKey, Query};
use crate::model::Document;

/// The filters of a query, resolved against the collection once.
pub(super) struct UnitFilter<'a> {
    index: &'a SearchIndex,
    speakers: Vec<(bool, Vec<u32>)>,
    doc_ids: Vec<(bool, String)>,
    kinds: Vec<(bool, KindFilter)>,
    /// Documents passing the document-level filters (id, kind, dated
    /// years); empty when there are none.
    doc_ok: Vec<bool>,
    /// No filter at all: every unit passes.
    pub(super) none: bool,
}

pub(super) enum KindFilter {
    Para(u8),
    Doc(String),
}

impl<'a> UnitFilter<'a> {
    pub(super) fn new(
        index: &'a SearchIndex,
        docs: &'a [Document],
        q: &'a Query,
    ) -> UnitFilter<'a> {
        let mut f = UnitFilter {
            index,
            speakers: Vec::new(),
            doc_ids: Vec::new(),
            kinds: Vec::new(),
            doc_ok: Vec::new(),
            none: q.filters.is_empty() && q.years.is_empty(),
        };
        for Filter {
            key,
            value,
            negated,
        } in &q.filters
        {
            match key {
                FilterKey::Speaker => f.speakers.push((*negated, index.speakers_matching(value))),
                FilterKey::Doc => f.doc_ids.push((*negated, value.clone())),
                FilterKey::Kind => f.kinds.push((*negated, kind_filter(value))),
            }
        }
        let doc_level = !f.doc_ids.is_empty()
            || !q.years.is_empty()
            || f.kinds.iter().any(|(_, k)| matches!(k, KindFilter::Doc(_)));
        if !doc_level {
            return f;
        }
        f.doc_ok = docs
            .iter()
            .map(|doc| {
                let id = super::index::term_key(&doc.id);
                let kind = super::index::term_key(&doc.kind);
                let ids = f
                    .doc_ids
                    .iter()
                    .map(|(n, v)| (*n, id.starts_with(v.as_str())));
                let kinds = f.kinds.iter().filter_map(|(n, k)| match k {
                    KindFilter::Doc(v) => Some((*n, kind.starts_with(v.as_str()))),
                    KindFilter::Para(_) => None,
                });
                // An undated document never passes a year filter: a year
                // named in its text is not its date.
                let years = match doc.date {
                    _ if q.years.is_empty() => true,
                    Some(d) => q.years.iter().any(|&(a, b)| (a..=b).contains(&d.year)),
                    None => false,
                };
                group(ids) && group(kinds) && years
            })
            .collect();
        f
    }

    pub(super) fn pass(&self, u: u32) -> bool {
        let Some(unit) = self.index.units.get(u as usize) else {
            return false;
        };
        if !self.doc_ok.is_empty() && !self.doc_ok.get(unit.doc as usize).copied().unwrap_or(false)
        {
            return false;
        }
        let speakers = self
            .speakers
            .iter()
            .map(|(n, ids)| (*n, unit.speaker != NONE && ids.contains(&unit.speaker)));
        let kinds = self.kinds.iter().filter_map(|(n, k)| match k {
            KindFilter::Para(p) => Some((*n, unit.kind == *p)),
            KindFilter::Doc(_) => None,
        });
        group(speakers) && group(kinds)
    }
}

/// A group of filters on one key: one of the kept ones must hold (if any)
/// and none of the negated ones.
pub(super) fn group(items: impl Iterator<Item = (bool, bool)>) -> bool {
    let (mut any_pos, mut pos_hit) = (false, false);
    for (negated, hit) in items {
        if negated {
            if hit {
                return false;
            }
        } else {
            any_pos = true;
            pos_hit |= hit;
        }
    }
    !any_pos || pos_hit
}

pub(super) fn kind_filter(v: &str) -> KindFilter {
    match v {
        "heading" | "headings" => KindFilter::Para(HEADING),
        "footnote" | "footnotes" => KindFilter::Para(FOOTNOTE),
        "closing" => KindFilter::Para(CLOSING),
        "body" | "paragraph" | "text" => KindFilter::Para(BODY),
        _ => KindFilter::Doc(v.to_string()),
    }
}

impl SearchIndex {
    /// Speaker ids whose name (or one of its words) starts with `value`, or
    /// that share an alias group with it.
    fn speakers_matching(&self, value: &str) -> Vec<u32> {
        let mut names = vec![value.to_string()];
        for g in &self.aliases {
            if g.iter().any(|n| n == value) {
                names.extend(g.iter().cloned());
            }
        }
        let hit = |s: &str| {
            names.iter().any(|v| {
                s.starts_with(v.as_str()) || s.split(' ').any(|w| w.starts_with(v.as_str()))
            })
        };
        (0..self.speakers.len() as u32)
            .filter(|&i| hit(&self.speakers[i as usize]))
            .collect()
    }
}
