//! "Compare with…": the passages of the collection most like a given one.
//!
//! Every paragraph is cut into word shingles (three consecutive folded
//! words) and summarized at build time by a MinHash signature of
//! [`HASHES`] 16-bit minima. A query (a paragraph range or any text) is
//! signed the same way; the signatures pick the best candidates, whose
//! shingle overlap is then counted exactly. The score is the overlap
//! coefficient, |A∩B| / min(|A|,|B|): a short quote found inside a long
//! paragraph scores high, as a reader would expect. This finds versions of a
//! clause nobody registered.
//!
//! ```
//! use docent::diff::passages::PassageIndex;
//! use docent::model::{Document, Paragraph, ParaKind};
//! let para = |t: &str| Paragraph { kind: ParaKind::Body, speaker: None, text: t.into(), spans: vec![], line: 1 };
//! let doc = |id: &str, ts: &[&str]| Document { id: id.into(), paragraphs: ts.iter().map(|t| para(t)).collect(), ..Default::default() };
//! let docs = [
//!     doc("a", &["the Soviet Union transfers the islands of Habomai and Shikotan to Japan"]),
//!     doc("b", &["Fishing talks went on.", "agrees to transfer to Japan the islands of Habomai and Shikotan after the treaty"]),
//! ];
//! let ix = PassageIndex::build(&docs);
//! let all_loaded = Default::default();
//! let hits = ix.similar_to_paragraphs(&docs, &all_loaded, 0, 0, 0, 5).unwrap();
//! assert_eq!((hits[0].doc.as_str(), hits[0].paragraph), ("b", 1));
//! assert!(hits[0].score > 0.3);
//! ```

use crate::model::{Document, ParaKind};
use crate::sort::StableSort;
use crate::text::{term, words};
use crate::{Error, Parts};
use serde::{Deserialize, Serialize};

/// Minima per signature.
pub const HASHES: usize = 64;
/// Words per shingle.
const SHINGLE: usize = 3;
/// Candidates re-scored exactly.
const CANDIDATES: usize = 40;
/// Longest query text looked at (bytes).
const MAX_QUERY: usize = 200_000;

/// Signatures of every paragraph, built once with the collection.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PassageIndex {
    /// (document number, paragraph number, shingle count, signature).
    pub(crate) entries: Vec<Entry>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct Entry {
    pub(crate) doc: u32,
    pub(crate) paragraph: u32,
    pub(crate) shingles: u32,
    pub(crate) sig: Vec<u16>,
}

/// One similar passage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub doc: String,
    pub paragraph: u32,
    /// Overlap coefficient of word shingles, 0..1.
    pub score: f64,
    /// Shingles in common.
    pub shared: u32,
    /// The paragraph's opening words.
    pub preview: String,
}

fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58476d1ce4e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d049bb133111eb);
    x ^ (x >> 31)
}

/// Hashes of the word shingles of `text` (fewer than three words: the
/// words), sorted and distinct (a set without a hash table of its own).
fn shingles(text: &str) -> Vec<u64> {
    let text = &text[..floor_boundary(text, MAX_QUERY)];
    let ws: Vec<u64> = words(text)
        .map(|t| super::units::crate_hash(term(&text[t.start..t.end]).as_bytes()))
        .collect();
    let mut set: Vec<u64> = if ws.len() < SHINGLE {
        ws
    } else {
        ws.windows(SHINGLE)
            .map(|w| mix(w[0] ^ mix(w[1] ^ mix(w[2]))))
            .collect()
    };
    set.stable_sort();
    set.dedup();
    set
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn signature(sh: &[u64]) -> Vec<u16> {
    let mut sig = vec![u16::MAX; HASHES];
    for &h in sh {
        for (k, slot) in sig.iter_mut().enumerate() {
            let v = (mix(h ^ (k as u64).wrapping_mul(0x9e3779b97f4a7c15)) >> 48) as u16;
            if v < *slot {
                *slot = v;
            }
        }
    }
    sig
}

fn searchable(kind: ParaKind) -> bool {
    matches!(
        kind,
        ParaKind::Body | ParaKind::Footnote(_) | ParaKind::Closing | ParaKind::Item(_)
    )
}

impl PassageIndex {
    /// Signs every body paragraph, footnote and closing of `docs`.
    pub fn build(docs: &[Document]) -> PassageIndex {
        let mut entries = Vec::new();
        for (d, doc) in docs.iter().enumerate() {
            for (p, para) in doc.paragraphs.iter().enumerate() {
                if !searchable(para.kind) {
                    continue;
                }
                let sh = shingles(&para.text);
                if sh.is_empty() {
                    continue;
                }
                entries.push(Entry {
                    doc: d as u32,
                    paragraph: p as u32,
                    shingles: sh.len() as u32,
                    sig: signature(&sh),
                });
            }
        }
        PassageIndex { entries }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Passages like paragraphs `from..=to` of document number `doc`
    /// (that range itself excluded), best first.
    ///
    /// Fails only when the text of a document it reads is not loaded yet
    /// ([`Parts::need`]).
    pub fn similar_to_paragraphs(
        &self,
        docs: &[Document],
        parts: &Parts,
        doc: usize,
        from: usize,
        to: usize,
        limit: usize,
    ) -> Result<Vec<Hit>, Error> {
        parts.need_passages()?;
        let Some(d) = docs.get(doc) else {
            return Ok(Vec::new());
        };
        parts.need([doc])?;
        let to = to.min(d.paragraphs.len().saturating_sub(1));
        let text: Vec<&str> = d
            .paragraphs
            .iter()
            .skip(from)
            .take((to + 1).saturating_sub(from))
            .map(|p| p.text.as_str())
            .collect();
        self.search(docs, parts, &text.join(" "), Some((doc, from, to)), limit)
    }

    /// Passages like `text`, best first (fails as [`PassageIndex::similar_to_paragraphs`]).
    pub fn similar_to_text(
        &self,
        docs: &[Document],
        parts: &Parts,
        text: &str,
        limit: usize,
    ) -> Result<Vec<Hit>, Error> {
        self.search(docs, parts, text, None, limit)
    }

    fn search(
        &self,
        docs: &[Document],
        parts: &Parts,
        text: &str,
        exclude: Option<(usize, usize, usize)>,
        limit: usize,
    ) -> Result<Vec<Hit>, Error> {
        parts.need_passages()?;
        let q = shingles(text);
        if q.is_empty() {
            return Ok(Vec::new());
        }
        let qsig = signature(&q);
        let mut cands: Vec<(f64, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                !exclude.is_some_and(|(d, f, t)| {
                    e.doc as usize == d && (f..=t).contains(&(e.paragraph as usize))
                })
            })
            .map(|(i, e)| {
                let same = e.sig.iter().zip(&qsig).filter(|(x, y)| x == y).count();
                let j = same as f64 / HASHES as f64;
                // Jaccard → estimated overlap coefficient.
                let (na, nb) = (q.len() as f64, e.shingles as f64);
                let inter = j * (na + nb) / (1.0 + j);
                (inter / na.min(nb).max(4.0), i)
            })
            .filter(|(s, _)| *s > 0.0)
            .collect();
        cands.stable_sort_by(|x, y| y.0.total_cmp(&x.0));
        cands.truncate(CANDIDATES);
        parts.need(cands.iter().map(|&(_, i)| self.entries[i].doc as usize))?;
        let mut hits: Vec<Hit> = cands
            .into_iter()
            .filter_map(|(_, i)| {
                let e = &self.entries[i];
                let para = docs
                    .get(e.doc as usize)?
                    .paragraphs
                    .get(e.paragraph as usize)?;
                let sh = shingles(&para.text);
                let shared = super::common_sorted(&q, &sh);
                if shared == 0 {
                    return None;
                }
                // Very short passages share a shingle by chance: floor the denominator.
                let score = shared as f64 / q.len().min(sh.len()).max(4) as f64;
                let end = floor_boundary(&para.text, 160);
                Some(Hit {
                    doc: docs[e.doc as usize].id.clone(),
                    paragraph: e.paragraph,
                    score,
                    shared: shared as u32,
                    preview: para.text[..end].to_string(),
                })
            })
            .collect();
        hits.stable_sort_by(|x, y| {
            y.score
                .total_cmp(&x.score)
                .then(y.shared.cmp(&x.shared))
                .then((&x.doc, x.paragraph).cmp(&(&y.doc, y.paragraph)))
        });
        hits.truncate(limit);
        Ok(hits)
    }
}
