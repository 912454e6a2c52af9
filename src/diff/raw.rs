//! The histogram diff over unit keys (`similar`), then the clean-up a reader
//! expects: tiny equalities absorbed, moved phrases paired.

use super::*;

/// A raw diff step over unit indices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Seg {
    Equal { a: Range<usize>, b: Range<usize> },
    Change { a: Range<usize>, b: Range<usize> },
}

#[derive(Default)]
pub(super) struct Collect {
    segs: Vec<Seg>,
}

impl Collect {
    fn change(&mut self, a: Range<usize>, b: Range<usize>) {
        if let Some(Seg::Change { a: pa, b: pb }) = self.segs.last_mut() {
            if pa.end == a.start && pb.end == b.start {
                pa.end = a.end;
                pb.end = b.end;
                return;
            }
        }
        self.segs.push(Seg::Change { a, b });
    }
}

impl DiffHook for Collect {
    type Error = std::convert::Infallible;
    fn equal(&mut self, a: usize, b: usize, len: usize) -> Result<(), Self::Error> {
        if let Some(Seg::Equal { a: pa, b: pb }) = self.segs.last_mut() {
            if pa.end == a && pb.end == b {
                pa.end += len;
                pb.end += len;
                return Ok(());
            }
        }
        self.segs.push(Seg::Equal {
            a: a..a + len,
            b: b..b + len,
        });
        Ok(())
    }
    fn delete(&mut self, a: usize, len: usize, b: usize) -> Result<(), Self::Error> {
        self.change(a..a + len, b..b);
        Ok(())
    }
    fn insert(&mut self, a: usize, b: usize, len: usize) -> Result<(), Self::Error> {
        self.change(a..a, b..b + len);
        Ok(())
    }
}

/// The unit-level result, shared by [`diff`] and the alignment table.
pub(crate) struct Raw {
    pub ua: Units,
    pub ub: Units,
    pub segs: Vec<Seg>,
    pub granularity: Granularity,
    /// Weight of units matched by the algorithm (before clean-up).
    pub matched: u64,
}

/// Units of both texts at a granularity both can afford, and the diff.
pub(crate) fn raw(a: &str, b: &str, opts: &Options, v: &Variants) -> Raw {
    let mut keys = Keys::default();
    let mut ua = units(a, opts, v, &mut keys);
    let mut ub = units(b, opts, v, &mut keys);
    let mut granularity = Granularity::Word;
    let cap = opts.max_units.max(1);
    if ua.units.len() > cap || ub.units.len() > cap {
        granularity = Granularity::Sentence;
        ua = sentences(a, &ua, &mut keys);
        ub = sentences(b, &ub, &mut keys);
        if ua.units.len() > cap || ub.units.len() > cap {
            granularity = Granularity::Text;
            ua = whole(a, &ua, &mut keys);
            ub = whole(b, &ub, &mut keys);
        }
    }
    let ka: Vec<u32> = ua.units.iter().map(|u| u.key).collect();
    let kb: Vec<u32> = ub.units.iter().map(|u| u.key).collect();
    let mut c = Collect::default();
    // The raw variant: without similar's preflight shortcuts, and so with
    // one Myers fallback in the wasm instead of two. Its
    // answers to every engine call on the collection equal the default's;
    // the inputs are already bounded by `max_units`.
    // Infallible hook: the result is always Ok.
    let _ = histogram::diff_deadline_raw(&mut c, &ka[..], 0..ka.len(), &kb[..], 0..kb.len(), None);
    let matched = c
        .segs
        .iter()
        .map(|s| match s {
            Seg::Equal { a, .. } => weight(&ua.units[a.clone()]),
            Seg::Change { .. } => 0,
        })
        .sum();
    Raw {
        ua,
        ub,
        segs: c.segs,
        granularity,
        matched,
    }
}

pub(super) fn weight(units: &[Unit]) -> u64 {
    units.iter().map(|u| u64::from(u.words.max(1))).sum()
}

pub(super) fn chars_of(text: &str, units: &[Unit]) -> usize {
    match (units.first(), units.last()) {
        (Some(f), Some(l)) => text[f.start..l.end].chars().count(),
        _ => 0,
    }
}

/// Absorbs short equalities between two changes (punctuation or at most two
/// function words, no longer than the changes around them), until nothing
/// changes. A surviving content word is never absorbed: it was not changed.
pub(super) fn absorb(a: &str, b: &str, raw: &mut Raw) {
    for _ in 0..8 {
        let segs = std::mem::take(&mut raw.segs);
        let mut out: Vec<Seg> = Vec::with_capacity(segs.len());
        let mut changed = false;
        let mut i = 0;
        while i < segs.len() {
            if let (
                Some(Seg::Change { a: pa, b: pb }),
                Seg::Equal { a: ea, .. },
                Some(Seg::Change { a: na, b: nb }),
            ) = (out.last(), &segs[i], segs.get(i + 1))
            {
                let eq_units = &raw.ua.units[ea.clone()];
                let eq_words: u32 = eq_units.iter().map(|u| u.words).sum();
                let eq_content: u32 = eq_units.iter().map(|u| u.content).sum();
                let eq_len = chars_of(a, eq_units);
                let before = chars_of(a, &raw.ua.units[pa.clone()])
                    .max(chars_of(b, &raw.ub.units[pb.clone()]));
                let after = chars_of(a, &raw.ua.units[na.clone()])
                    .max(chars_of(b, &raw.ub.units[nb.clone()]));
                if eq_words <= 2 && eq_content == 0 && eq_len <= before && eq_len <= after {
                    let merged = Seg::Change {
                        a: pa.start..na.end,
                        b: pb.start..nb.end,
                    };
                    out.pop();
                    out.push(merged);
                    changed = true;
                    i += 2;
                    continue;
                }
            }
            out.push(segs[i].clone());
            i += 1;
        }
        raw.segs = out;
        if !changed {
            break;
        }
    }
}

/// Finds moved phrases: a run of ≥ `min_words` words deleted in one change
/// and inserted in another (or the same) change. Returns per-unit move ids.
pub(super) fn find_moves(raw: &Raw, min_words: u32) -> (Vec<u32>, Vec<u32>, u32) {
    let mut ma = vec![0u32; raw.ua.units.len()];
    let mut mb = vec![0u32; raw.ub.units.len()];
    let ka: Vec<u32> = raw.ua.units.iter().map(|u| u.key).collect();
    let kb: Vec<u32> = raw.ub.units.iter().map(|u| u.key).collect();
    let (mut dels, mut ins) = (Vec::new(), Vec::new());
    for s in &raw.segs {
        if let Seg::Change { a, b } = s {
            if !a.is_empty() {
                dels.push(a.clone());
            }
            if !b.is_empty() {
                ins.push(b.clone());
            }
        }
    }
    if dels.is_empty() || ins.is_empty() || min_words == 0 {
        return (ma, mb, 0);
    }
    // Seed on pairs of unit keys inside inserted ranges.
    // (pair, j, range), sorted by pair (stably: in insertion order within
    // a pair), at most 32 per pair.
    let mut seeds: Vec<((u32, u32), usize, usize)> = Vec::new();
    for (ri, r) in ins.iter().enumerate() {
        for j in r.start..r.end.saturating_sub(1) {
            seeds.push(((kb[j], kb[j + 1]), j, ri));
        }
    }
    seeds.stable_sort_by_key(|s| s.0);
    let (mut prev, mut run) = (None, 0);
    seeds.retain(|s| {
        run = if prev == Some(s.0) { run + 1 } else { 0 };
        prev = Some(s.0);
        run < 32
    });
    let mut next_id = 0u32;
    for r in &dels {
        let mut i = r.start;
        while i + 1 < r.end {
            // (b start, len, words, content words)
            let mut best: Option<(usize, usize, u32, u32)> = None;
            let pair = (ka[i], ka[i + 1]);
            let from = seeds.partition_point(|s| s.0 < pair);
            let cands = seeds[from..].iter().take_while(|s| s.0 == pair);
            for &(_, j, ri) in cands {
                let br = &ins[ri];
                let mut len = 0;
                while i + len < r.end
                    && j + len < br.end
                    && ka[i + len] == kb[j + len]
                    && ma[i + len] == 0
                    && mb[j + len] == 0
                {
                    len += 1;
                }
                let us = &raw.ua.units[i..i + len];
                let words: u32 = us.iter().map(|u| u.words).sum();
                let content: u32 = us.iter().map(|u| u.content).sum();
                if best.map_or(true, |(_, _, w, _)| words > w) {
                    best = Some((j, len, words, content));
                }
            }
            match best {
                Some((j, len, words, content)) if words >= min_words && content >= 2 => {
                    next_id += 1;
                    ma[i..i + len].fill(next_id);
                    mb[j..j + len].fill(next_id);
                    i += len;
                }
                _ => i += 1,
            }
        }
    }
    (ma, mb, next_id)
}
