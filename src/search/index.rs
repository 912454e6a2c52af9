//! The index: what is stored in the bundle and how it is built.
//!
//! Units are a document's title and each of its paragraphs (headings,
//! speaker turns, footnotes, closing matter; gaps are skipped). Terms are
//! [`crate::text::term`]s of the words of `unit_words`; for each term the
//! postings list the units it occurs in with its word positions, delta- and
//! varint-coded in three streams (`SearchIndex::post`: unit gaps, counts,
//! position gaps), which gzip better apart than interleaved. Around them: a
//! sorted dictionary of terms ([`Dict`]: prefix and typo search walk it), a
//! second one of exact forms where they differ from the folded term
//! (Хрущёв beside хрущев, with postings of their own), and a bit per term
//! saying whether it is a name. English stems are not stored: the terms
//! sharing a query word's stem are found at query time (see
//! [`super::rank`]), and the alias groups come from the entity register.
//!
//! A bundle stores less than this (`index/stored.rs`): the dictionaries as
//! their front-coded bytes, the streams as they are, the units as columns;
//! where each id's postings start, the variant pairs and the mean lengths
//! are found again at decode.

use super::dict::Dict;
use super::query::exact_form;
use crate::model::{Document, ParaKind, Span, SpanKind, Speaker};
use crate::sort::StableSort;
use crate::text::{term, words, Token};
use std::collections::HashMap;

pub(crate) mod stored;

pub(crate) const TITLE: u8 = 0;
pub(crate) const HEADING: u8 = 1;
pub(crate) const BODY: u8 = 2;
pub(crate) const FOOTNOTE: u8 = 3;
pub(crate) const CLOSING: u8 = 4;
/// `Unit::para` of a title unit, `Unit::speaker` when nobody speaks.
pub(crate) const NONE: u32 = u32::MAX;

/// A searchable unit: a title or a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Unit {
    pub doc: u32,
    pub para: u32,
    pub kind: u8,
    /// Indexed words.
    pub len: u32,
    pub speaker: u32,
}

/// The search index of a collection (see the [module docs](self)). In a
/// bundle it is stored smaller than it is held (`index/stored.rs`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchIndex {
    /// The terms; a term's id is its rank.
    pub(crate) terms: Dict,
    /// The exact forms; ids count on after the terms.
    pub(crate) exact: Dict,
    /// Number of terms; exact forms are numbered from here.
    pub(crate) n_terms: u32,
    /// (term id, id of an exact form of it that differs from it), sorted.
    pub(crate) variants: Vec<(u32, u32)>,
    /// Units containing each id.
    pub(crate) df: Vec<u32>,
    /// The postings of every id, in id order, as three streams of varints:
    /// per unit its distance from the id's unit before (from 0), per unit
    /// its number of positions, per position its distance from the one
    /// before in the unit (from 0).
    pub(crate) post: [Vec<u8>; 3],
    /// Where each id's postings start in the three streams (one more entry
    /// at the end).
    pub(crate) starts: Vec<[u32; 3]>,
    /// Bit per term id: never seen in lower case, so a name (never stemmed).
    pub(crate) names: Vec<u8>,
    pub(crate) units: Vec<Unit>,
    /// Folded speaker names, by `Unit::speaker`.
    pub(crate) speakers: Vec<String>,
    /// Alias groups: each name as its terms joined by one space. Not
    /// stored: the entity register holds them ([`SearchIndex::set_aliases`]).
    pub(crate) aliases: Vec<Vec<String>>,
    /// Mean length of paragraph units and of title units.
    pub(crate) avg_len: [f32; 2],
}

/// The indexed words of a unit: every word except a speaker label's
/// ("Kono." opening a turn is who speaks, not what is said). Positions in
/// the index count these words; highlighting cuts text with this too.
pub(crate) fn unit_words(text: &str, spans: &[Span]) -> Vec<Token> {
    unit_words_iter(text, spans).collect()
}

/// [`unit_words`], cut as they are read.
pub(crate) fn unit_words_iter<'a>(
    text: &'a str,
    spans: &'a [Span],
) -> impl Iterator<Item = Token> + 'a {
    let mut labels = spans.iter().filter(|s| s.kind == SpanKind::SpeakerLabel);
    // Nearly every unit has no label or one: keep the first apart.
    let first = labels.next();
    let more = labels.next().is_some();
    words(text).filter(move |t| {
        let inside = |s: &Span| t.start >= s.start as usize && t.end <= s.end as usize;
        !(first.is_some_and(inside)
            || more
                && spans
                    .iter()
                    .any(|s| s.kind == SpanKind::SpeakerLabel && inside(s)))
    })
}

/// Folded words of a name or phrase, joined by one space.
pub(crate) fn term_key(text: &str) -> String {
    words(text)
        .map(|t| term(&text[t.start..t.end]))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a varint at `*at`; a truncated one reads as what is there.
pub(crate) fn get_varint(b: &[u8], at: &mut usize) -> u32 {
    let mut v = 0u32;
    let mut shift = 0;
    while let Some(&x) = b.get(*at) {
        *at += 1;
        if shift < 32 {
            v |= u32::from(x & 0x7f) << shift;
        }
        shift += 7;
        if x < 0x80 {
            break;
        }
    }
    v
}

/// Postings being collected for one term: its three streams.
#[derive(Default)]
struct Acc {
    post: [Vec<u8>; 3],
    last_unit: u32,
    df: u32,
    lower_seen: bool,
}

impl Acc {
    fn add(&mut self, unit: u32, positions: &[u32]) {
        put_varint(&mut self.post[0], unit - self.last_unit);
        self.last_unit = unit;
        self.df += 1;
        put_varint(&mut self.post[1], positions.len() as u32);
        let mut last = 0;
        for &p in positions {
            put_varint(&mut self.post[2], p - last);
            last = p;
        }
    }
}

/// Interned terms with their postings.
#[derive(Default)]
struct Vocab {
    ids: HashMap<String, u32>,
    accs: Vec<Acc>,
}

impl Vocab {
    fn id(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.accs.len() as u32;
        self.ids.insert(key.to_string(), id);
        self.accs.push(Acc::default());
        id
    }

    /// Keys in order with their accumulators, and their dictionary.
    fn finish(self) -> (Vec<(String, Acc)>, Dict) {
        let mut accs: Vec<Option<Acc>> = self.accs.into_iter().map(Some).collect();
        let mut keys: Vec<(String, u32)> = self.ids.into_iter().collect();
        keys.stable_sort();
        let sorted: Vec<(String, Acc)> = keys
            .into_iter()
            .map(|(k, id)| {
                let acc = accs[id as usize].take().unwrap_or_default();
                (k, acc)
            })
            .collect();
        let dict = Dict::from_sorted(sorted.iter().map(|(k, _)| k.as_str()));
        (sorted, dict)
    }
}

/// (term id, exact form id) for each exact form whose term is in `terms`,
/// sorted; exact form ids count on after the terms.
fn variants(terms: &Dict, exact: &Dict) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    exact.prefixed(b"", |k, i| {
        let t = std::str::from_utf8(k)
            .ok()
            .and_then(|k| terms.get(term(k).as_bytes()));
        if let Some(t) = t {
            out.push((t, terms.len() + i));
        }
        true
    });
    out.stable_sort();
    out
}

fn kind_of(k: ParaKind) -> Option<u8> {
    match k {
        ParaKind::Heading(_) => Some(HEADING),
        ParaKind::Body | ParaKind::Item(_) | ParaKind::Row(_) | ParaKind::Line => Some(BODY),
        ParaKind::Footnote(_) => Some(FOOTNOTE),
        ParaKind::Closing => Some(CLOSING),
        ParaKind::Gap => None,
    }
}

/// The units of a document in order: its title, then its paragraphs but
/// gaps, as (paragraph, kind, text, spans, speaker).
fn doc_units(doc: &Document) -> impl Iterator<Item = (u32, u8, &str, &[Span], Option<&Speaker>)> {
    let title = std::iter::once((NONE, TITLE, doc.title.as_str(), &[][..], None));
    let paras = doc.paragraphs.iter().enumerate().filter_map(|(i, p)| {
        kind_of(p.kind).map(|k| {
            (
                i as u32,
                k,
                p.text.as_str(),
                &p.spans[..],
                p.speaker.as_ref(),
            )
        })
    });
    title.chain(paras)
}

/// Mean length of paragraph units and of title units (1 for none).
fn avg_lens(units: &[Unit]) -> [f32; 2] {
    let mut lens = [(0u64, 0u64); 2];
    for u in units {
        let slot = usize::from(u.kind != TITLE);
        lens[slot].0 += u64::from(u.len);
        lens[slot].1 += 1;
    }
    let avg = |(n, c): (u64, u64)| {
        if c == 0 {
            1.0
        } else {
            (n as f32 / c as f32).max(1.0)
        }
    };
    [avg(lens[1]), avg(lens[0])]
}

impl SearchIndex {
    /// Builds the index of `docs` (in collection order) with the alias
    /// groups `(id, names)` of the entity register.
    pub fn build_with_aliases(docs: &[Document], groups: &[(String, Vec<String>)]) -> SearchIndex {
        let mut terms = Vocab::default();
        let mut exact = Vocab::default();
        let mut units = Vec::new();
        let mut speakers: Vec<String> = Vec::new();
        let mut speaker_ids: HashMap<String, u32> = HashMap::new();
        let mut hits: Vec<(u32, bool, u32)> = Vec::new(); // (id, exact?, position)
        let mut positions: Vec<u32> = Vec::new();
        for (d, doc) in docs.iter().enumerate() {
            for (para, kind, text, spans, speaker) in doc_units(doc) {
                let unit = units.len() as u32;
                hits.clear();
                let ws = unit_words(text, spans);
                for (pos, t) in ws.iter().enumerate() {
                    let w = &text[t.start..t.end];
                    let key = term(w);
                    if key.is_empty() {
                        continue;
                    }
                    let id = terms.id(&key);
                    if w.chars().next().is_some_and(char::is_lowercase) {
                        terms.accs[id as usize].lower_seen = true;
                    }
                    hits.push((id, false, pos as u32));
                    let ex = exact_form(w);
                    if ex != key {
                        hits.push((exact.id(&ex), true, pos as u32));
                    }
                }
                hits.stable_sort();
                let mut i = 0;
                while i < hits.len() {
                    let (id, is_exact, _) = hits[i];
                    positions.clear();
                    while i < hits.len() && hits[i].0 == id && hits[i].1 == is_exact {
                        positions.push(hits[i].2);
                        i += 1;
                    }
                    let v = if is_exact { &mut exact } else { &mut terms };
                    v.accs[id as usize].add(unit, &positions);
                }
                let speaker = speaker.map_or(NONE, |s| {
                    let key = term_key(&s.name);
                    *speaker_ids.entry(key.clone()).or_insert_with(|| {
                        speakers.push(key);
                        speakers.len() as u32 - 1
                    })
                });
                units.push(Unit {
                    doc: d as u32,
                    para,
                    kind,
                    len: ws.len() as u32,
                    speaker,
                });
            }
        }

        let (terms, terms_dict) = terms.finish();
        let (exact, exact_dict) = exact.finish();
        let variants = variants(&terms_dict, &exact_dict);
        let n = terms.len() + exact.len();
        let mut starts = Vec::with_capacity(n + 1);
        let mut df = Vec::with_capacity(n);
        let mut post: [Vec<u8>; 3] = Default::default();
        let mut names = vec![0u8; terms.len().div_ceil(8)];
        for (i, (_, acc)) in terms.iter().chain(exact.iter()).enumerate() {
            starts.push(post.each_ref().map(|s| s.len() as u32));
            df.push(acc.df);
            for (s, a) in post.iter_mut().zip(&acc.post) {
                s.extend_from_slice(a);
            }
            if i < terms.len() && !acc.lower_seen {
                names[i / 8] |= 1 << (i % 8);
            }
        }
        starts.push(post.each_ref().map(|s| s.len() as u32));
        let mut index = SearchIndex {
            avg_len: avg_lens(&units),
            n_terms: terms_dict.len(),
            variants,
            terms: terms_dict,
            exact: exact_dict,
            df,
            post,
            starts,
            names,
            units,
            speakers,
            aliases: Vec::new(),
        };
        index.set_aliases(groups);
        index
    }

    /// Sets the alias groups `(id, names)` of the entity register (after
    /// decoding a bundle, which does not store them twice).
    pub fn set_aliases(&mut self, groups: &[(String, Vec<String>)]) {
        self.aliases = groups
            .iter()
            .map(|(_, names)| {
                let mut keys: Vec<String> = names.iter().map(|n| term_key(n)).collect();
                keys.retain(|k| !k.is_empty());
                keys.stable_sort();
                keys.dedup();
                keys
            })
            .filter(|g| g.len() > 1)
            .collect();
    }

    /// Whether every unit is a title or paragraph of `docs`, looking at the
    /// paragraphs of the documents `check` picks (a decoded index is checked
    /// against the documents decoded with it, and again as texts arrive).
    pub fn fits(&self, docs: &[Document], check: impl Fn(usize) -> bool) -> bool {
        self.units.iter().all(|u| {
            let d = u.doc as usize;
            docs.get(d).is_some_and(|doc| {
                u.kind == TITLE || !check(d) || (u.para as usize) < doc.paragraphs.len()
            })
        })
    }

    pub(crate) fn is_name(&self, id: u32) -> bool {
        self.names
            .get(id as usize / 8)
            .is_some_and(|b| b & (1 << (id % 8)) != 0)
    }

    /// Size in bytes of an id's postings (its part of the three streams).
    pub(crate) fn postings_bytes(&self, id: u32) -> usize {
        match self.span_of(id) {
            Some((a, b)) => (0..3).map(|k| b[k].saturating_sub(a[k]) as usize).sum(),
            None => 0,
        }
    }

    /// Where an id's postings start and end in the three streams.
    fn span_of(&self, id: u32) -> Option<([u32; 3], [u32; 3])> {
        let a = *self.starts.get(id as usize)?;
        let b = *self.starts.get(id as usize + 1)?;
        Some((a, b))
    }

    /// The decoded postings of an id: `(unit, positions)` in unit order.
    pub(crate) fn postings(&self, id: u32, out: &mut Postings) {
        out.clear();
        let Some((a, b)) = self.span_of(id) else {
            return;
        };
        let [gaps, counts, pos] = [0, 1, 2].map(|k| {
            self.post[k]
                .get(a[k] as usize..b[k] as usize)
                .unwrap_or(&[])
        });
        out.units.reserve(counts.len());
        out.starts.reserve(counts.len() + 1);
        out.pos.reserve(pos.len());
        let (mut at, mut at_count, mut at_pos) = (0, 0, 0);
        let mut unit = 0u32;
        while at < gaps.len() {
            unit = unit.wrapping_add(get_varint(gaps, &mut at));
            let n = get_varint(counts, &mut at_count).min(pos.len() as u32);
            let mut p = 0u32;
            out.starts.push(out.pos.len() as u32);
            for _ in 0..n {
                p = p.wrapping_add(get_varint(pos, &mut at_pos));
                out.pos.push(p);
            }
            out.units.push(unit);
        }
        out.starts.push(out.pos.len() as u32);
    }
}

/// Plain English words (ASCII letters and apostrophes) get stemmed.
pub(crate) fn stemmable(key: &str) -> bool {
    key.len() > 2 && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'')
}

/// Decoded postings of one term: `units[i]` holds `pos[starts[i]..starts[i+1]]`.
#[derive(Default, Debug)]
pub(crate) struct Postings {
    pub units: Vec<u32>,
    pub starts: Vec<u32>,
    pub pos: Vec<u32>,
}

impl Postings {
    fn clear(&mut self) {
        self.units.clear();
        self.starts.clear();
        self.pos.clear();
    }

    /// Ends unit `u`, whose positions start at `starts`; a unit that got
    /// no position is dropped.
    pub fn close_unit(&mut self, u: u32, starts: u32) {
        if self.pos.len() as u32 > starts {
            self.units.push(u);
            self.starts.push(starts);
        }
    }

    pub fn positions(&self, i: usize) -> &[u32] {
        let a = self.starts[i] as usize;
        let b = self.starts[i + 1] as usize;
        &self.pos[a..b]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        let mut b = Vec::new();
        for v in [0, 1, 127, 128, 300, u32::MAX] {
            put_varint(&mut b, v);
        }
        let mut at = 0;
        let got: Vec<u32> = (0..6).map(|_| get_varint(&b, &mut at)).collect();
        assert_eq!(got, [0, 1, 127, 128, 300, u32::MAX]);
        assert_eq!(get_varint(&[0x80, 0x80], &mut 0), 0);
    }
}
