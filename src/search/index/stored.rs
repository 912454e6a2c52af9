//! The index as a bundle stores it: what can be derived at decode is left
//! out, the rest is laid out to gzip well.
//!
//! - The dictionaries are their front-coded keys ([`Dict::as_bytes`]); the
//!   term count, the variant pairs and the mean unit lengths follow.
//! - The postings are the three streams [`SearchIndex::post`] holds, stored as
//!   they are; where each id's part starts is found again at decode from
//!   `df` and the counts, by one walk over the streams.
//! - Units are columns: units per document (each opens with its title),
//!   then per other unit its kind, its paragraph as the number skipped
//!   since the unit before, its speaker; and every unit's length.
//!
//! `bench/search.mjs` prints the section field by field. Left out after
//! measuring: exact forms as picks among their term's occurrences (a second
//! decoder for little gain); unit gaps as Rice codes and counts as gamma
//! codes (walking a million bit codes at decode slows loading SOTU); fst
//! maps built at decode instead of [`Dict`] (a much larger engine).

use super::{
    avg_lens, get_varint, variants, Dict, SearchIndex, Unit, CLOSING, HEADING, NONE, TITLE,
};

/// The index's stored fields in the order a bundle writes them
/// (`format/schema.rs`).
pub(crate) struct Stored {
    // The postings come first: gzip packs the whole section smaller so.
    pub(crate) pos: Vec<u8>,
    pub(crate) gaps: Vec<u8>,
    pub(crate) counts: Vec<u8>,
    pub(crate) df: Vec<u32>,
    /// Terms, sorted and front-coded.
    pub(crate) terms: Vec<u8>,
    /// Exact forms, sorted and front-coded.
    pub(crate) exact: Vec<u8>,
    pub(crate) names: Vec<u8>,
    /// Units of each document.
    pub(crate) doc_units: Vec<u32>,
    /// Kind of each unit but the titles.
    pub(crate) kinds: Vec<u8>,
    /// Paragraph of each unit but the titles: paragraphs skipped since the
    /// unit before in its document.
    pub(crate) paras: Vec<u32>,
    /// Speaker of each unit but the titles, plus one (0: nobody).
    pub(crate) speaker_of: Vec<u32>,
    /// Indexed words of each unit.
    pub(crate) lens: Vec<u32>,
    pub(crate) speakers: Vec<String>,
}

/// Why a stored index does not decode (the bundle is damaged).
const BAD_POSTINGS: &str = "the postings of the search index do not add up";
const BAD_UNITS: &str = "the units of the search index do not add up";

/// The position after `n` more varints from `at`.
fn skip(b: &[u8], mut at: usize, mut n: u64) -> Result<usize, &'static str> {
    // Eight bytes at a time while every varint ending in them is wanted
    // (most are one byte long).
    while n >= 8 {
        let Some(Ok(eight)) = b.get(at..at + 8).map(<[u8; 8]>::try_from) else {
            break;
        };
        n -= u64::from((!u64::from_le_bytes(eight) & 0x8080_8080_8080_8080).count_ones());
        at += 8;
    }
    while n > 0 {
        let x = *b.get(at).ok_or(BAD_POSTINGS)?;
        at += 1;
        n -= u64::from(x < 0x80);
    }
    Ok(at)
}

/// The position after `n` more varints from `at`, and their sum.
fn sum_varints(b: &[u8], mut at: usize, mut n: u32) -> Result<(usize, u64), &'static str> {
    let mut sum = 0u64;
    while n > 0 {
        if n >= 8 {
            if let Some(Ok(eight)) = b.get(at..at + 8).map(<[u8; 8]>::try_from) {
                let w = u64::from_le_bytes(eight);
                if w & 0x8080_8080_8080_8080 == 0 {
                    // Eight one-byte varints: add them up in four 16-bit
                    // lanes (each at most 254), then the lanes.
                    const LANES: u64 = 0x00ff_00ff_00ff_00ff;
                    let pairs = (w & LANES) + ((w >> 8) & LANES);
                    sum += pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48;
                    at += 8;
                    n -= 8;
                    continue;
                }
            }
        }
        if at >= b.len() {
            return Err(BAD_POSTINGS);
        }
        sum += u64::from(get_varint(b, &mut at));
        n -= 1;
    }
    Ok((at, sum))
}

/// Where each id's postings start in the three streams, and their ends,
/// found by walking them: `df[id]` units each, as many positions as their
/// counts add up to. Work is bounded by the streams' length (each unit and
/// each position takes a byte at least).
fn starts(df: &[u32], post: &[Vec<u8>; 3]) -> Result<Vec<[u32; 3]>, &'static str> {
    let [gaps, counts, pos] = post;
    let mut at = [0usize; 3];
    let mut out = Vec::with_capacity(df.len() + 1);
    for &n in df {
        out.push(at.map(|x| x as u32));
        at[0] = skip(gaps, at[0], u64::from(n))?;
        let (next, k) = sum_varints(counts, at[1], n)?;
        at[1] = next;
        at[2] = skip(pos, at[2], k)?;
    }
    if at != [gaps.len(), counts.len(), pos.len()] {
        return Err(BAD_POSTINGS);
    }
    out.push(at.map(|x| x as u32));
    Ok(out)
}

impl From<SearchIndex> for Stored {
    fn from(ix: SearchIndex) -> Stored {
        let mut s = Stored {
            terms: ix.terms.as_bytes().to_vec(),
            exact: ix.exact.as_bytes().to_vec(),
            df: ix.df,
            gaps: Vec::new(),
            counts: Vec::new(),
            pos: Vec::new(),
            names: ix.names,
            doc_units: Vec::new(),
            kinds: Vec::new(),
            paras: Vec::new(),
            speaker_of: Vec::new(),
            lens: Vec::new(),
            speakers: ix.speakers,
        };
        [s.gaps, s.counts, s.pos] = ix.post;
        let mut next = 0;
        for u in &ix.units {
            s.lens.push(u.len);
            if u.kind == TITLE {
                s.doc_units.push(0);
                next = 0;
            } else {
                s.kinds.push(u.kind);
                s.paras.push(u.para.wrapping_sub(next));
                s.speaker_of.push(u.speaker.wrapping_add(1));
                next = u.para.wrapping_add(1);
            }
            if let Some(n) = s.doc_units.last_mut() {
                *n += 1;
            }
        }
        s
    }
}

impl TryFrom<Stored> for SearchIndex {
    type Error = &'static str;

    fn try_from(s: Stored) -> Result<SearchIndex, &'static str> {
        let terms = Dict::from_bytes(&s.terms)?;
        let exact = Dict::from_bytes(&s.exact)?;
        let n_terms = terms.len();
        let n_ids = n_terms as usize + exact.len() as usize;
        if s.df.len() != n_ids || s.names.len() != (n_terms as usize).div_ceil(8) {
            return Err(BAD_POSTINGS);
        }
        let post = [s.gaps, s.counts, s.pos];
        let starts = starts(&s.df, &post)?;
        let units = units(
            &s.doc_units,
            &s.kinds,
            &s.paras,
            &s.speaker_of,
            &s.lens,
            s.speakers.len(),
        )?;
        Ok(SearchIndex {
            variants: variants(&terms, &exact),
            terms,
            exact,
            n_terms,
            df: s.df,
            post,
            starts,
            names: s.names,
            avg_len: avg_lens(&units),
            units,
            speakers: s.speakers,
            aliases: Vec::new(),
        })
    }
}

/// The units from their columns (see [`Stored`]).
fn units(
    doc_units: &[u32],
    kinds: &[u8],
    paras: &[u32],
    speaker_of: &[u32],
    lens: &[u32],
    n_speakers: usize,
) -> Result<Vec<Unit>, &'static str> {
    let rest = kinds.len();
    if paras.len() != rest || speaker_of.len() != rest {
        return Err(BAD_UNITS);
    }
    let mut units = Vec::with_capacity(lens.len());
    let mut other = 0;
    for (d, &n) in doc_units.iter().enumerate() {
        let mut next = 0u32;
        for k in 0..n {
            let len = *lens.get(units.len()).ok_or(BAD_UNITS)?;
            if k == 0 {
                units.push(Unit {
                    doc: d as u32,
                    para: NONE,
                    kind: TITLE,
                    len,
                    speaker: NONE,
                });
                continue;
            }
            let (Some(&kind), Some(&skip), Some(&speaker)) =
                (kinds.get(other), paras.get(other), speaker_of.get(other))
            else {
                return Err(BAD_UNITS);
            };
            other += 1;
            let para = next.checked_add(skip).ok_or(BAD_UNITS)?;
            next = para.checked_add(1).ok_or(BAD_UNITS)?;
            let speaker = speaker.wrapping_sub(1);
            if !(HEADING..=CLOSING).contains(&kind)
                || (speaker != NONE && speaker as usize >= n_speakers)
            {
                return Err(BAD_UNITS);
            }
            units.push(Unit {
                doc: d as u32,
                para,
                kind,
                len,
                speaker,
            });
        }
    }
    if units.len() != lens.len() || other != rest {
        return Err(BAD_UNITS);
    }
    Ok(units)
}

impl SearchIndex {
    /// The stored fields of the index in order, each by name: the index
    /// section of a bundle is their concatenation (for size breakdowns:
    /// `bench/corpus.rs`).
    pub fn parts(&self) -> Vec<(&'static str, Vec<u8>)> {
        use crate::format::wire::to_bytes as bytes;
        let s = Stored::from(self.clone());
        vec![
            ("pos", bytes(&s.pos)),
            ("gaps", bytes(&s.gaps)),
            ("counts", bytes(&s.counts)),
            ("df", bytes(&s.df)),
            ("terms", bytes(&s.terms)),
            ("exact", bytes(&s.exact)),
            ("names", bytes(&s.names)),
            ("doc_units", bytes(&s.doc_units)),
            ("kinds", bytes(&s.kinds)),
            ("paras", bytes(&s.paras)),
            ("speaker_of", bytes(&s.speaker_of)),
            ("lens", bytes(&s.lens)),
            ("speakers", bytes(&s.speakers)),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::wire::{to_bytes, Cursor, Wire};
    use crate::import::parse_document;

    #[test]
    fn the_section_is_its_parts_and_decodes_to_the_index() {
        let raw = "Title: Хрущёв and Kōno\nDate: 1956-10-19\n\nKONO. Хрущёв and Хрущев spoke.\n\n\
                   Kōno replied: the treaty, the treaties.\n";
        let doc = parse_document("documents/a.txt", raw.as_bytes()).unwrap();
        let ix = SearchIndex::build_with_aliases(&[doc], &[]);
        let section = to_bytes(&ix);
        let parts: Vec<u8> = ix.parts().into_iter().flat_map(|p| p.1).collect();
        assert_eq!(parts, section);
        let back = SearchIndex::get(&mut Cursor(&section)).unwrap();
        assert_eq!(back, ix);
        assert!(!ix.exact.is_empty() && !ix.variants.is_empty());
    }
}
