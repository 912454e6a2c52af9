//! Operations on postings lists the ranking combines: phrases, exclusions,
//! proximity of query words, entries sorted by unit.

use super::index::Postings;
use super::rank::ClauseHits;
use crate::sort::StableSort;

/// Boost in [0, 0.5] for consecutive query clauses close together in a
/// unit: `mask` says which clauses match it, `body_at[i]` where in clause
/// `i`'s body. `bufs` are scratch space.
pub(super) fn proximity(
    clauses: &[ClauseHits],
    mask: u32,
    body_at: &[usize],
    bufs: &mut [Vec<(u32, u32)>; 2],
) -> f32 {
    if mask.count_ones() < 2 {
        return 0.0;
    }
    let [last, next] = bufs;
    let (mut total, mut pairs) = (0.0, 0);
    for (i, c) in clauses.iter().enumerate() {
        if mask & (1 << i) == 0 {
            continue;
        }
        next.clear();
        c.marks_at(body_at[i], next);
        if i > mask.trailing_zeros() as usize {
            let d = min_distance(last, next);
            total += 1.0 / d.max(1) as f32;
            pairs += 1;
        }
        std::mem::swap(last, next);
    }
    0.5 * total / pairs as f32
}

/// Sorts `(unit, ..)` entries by unit (all below `n`), keeping the order of
/// entries of one unit: a counting sort when the list is long, so a word of
/// many forms costs time linear in its occurrences.
pub(super) fn sort_by_unit(entries: &mut Vec<(u32, u32, u32)>, n: usize) {
    if entries.windows(2).all(|w| w[0].0 <= w[1].0) {
        return;
    }
    if entries.len() < 64 {
        entries.stable_sort_by_key(|e| e.0);
        return;
    }
    let mut at = vec![0u32; n + 1];
    for e in entries.iter() {
        at[e.0 as usize + 1] += 1;
    }
    for i in 1..=n {
        at[i] += at[i - 1];
    }
    let mut out = vec![(0, 0, 0); entries.len()];
    for &e in entries.iter() {
        let slot = &mut at[e.0 as usize];
        out[*slot as usize] = e;
        *slot += 1;
    }
    *entries = out;
}

/// Sorts the marks from `from` on by position and merges marks at the same
/// position (keeping the longest).
pub(super) fn merge_marks(marks: &mut Vec<(u32, u32)>, from: usize) {
    let m = &mut marks[from..];
    if !m.windows(2).all(|w| w[0].0 < w[1].0) {
        m.stable_sort();
    }
    let mut n = 0;
    for j in 0..m.len() {
        if n == 0 || m[j].0 != m[n - 1].0 {
            m[n] = m[j];
            n += 1;
        } else {
            m[n - 1].1 = m[n - 1].1.max(m[j].1);
        }
    }
    marks.truncate(from + n);
}

/// `p` without the (unit, position) pairs of `other` (sorted).
pub(super) fn without(p: &Postings, other: &[(u32, u32)]) -> Postings {
    let mut out = Postings::default();
    for (i, &u) in p.units.iter().enumerate() {
        let starts = out.pos.len() as u32;
        for &x in p.positions(i) {
            if other.binary_search(&(u, x)).is_err() {
                out.pos.push(x);
            }
        }
        out.close_unit(u, starts);
    }
    out.starts.push(out.pos.len() as u32);
    out
}

/// Smallest gap between a mark of `a` and a mark of `b` (both sorted).
pub(super) fn min_distance(a: &[(u32, u32)], b: &[(u32, u32)]) -> u32 {
    let (mut i, mut j, mut best) = (0, 0, u32::MAX);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i].0, b[j].0);
        best = best.min(x.abs_diff(y));
        if x < y {
            i += 1;
        } else {
            j += 1;
        }
    }
    best
}

/// Units where the phrase's terms stand at consecutive positions, with the
/// phrase's start positions.
pub(super) fn phrase_matches(lists: &[Postings]) -> Postings {
    let mut out = Postings::default();
    let Some(first) = lists.first() else {
        return out;
    };
    let mut cursors = vec![0usize; lists.len()];
    'units: for (i, &u) in first.units.iter().enumerate() {
        let mut found = Vec::with_capacity(lists.len());
        for (k, l) in lists.iter().enumerate().skip(1) {
            let c = &mut cursors[k];
            while *c < l.units.len() && l.units[*c] < u {
                *c += 1;
            }
            if *c == l.units.len() || l.units[*c] != u {
                continue 'units;
            }
            found.push(l.positions(*c));
        }
        let starts = out.pos.len() as u32;
        for &p in first.positions(i) {
            if found
                .iter()
                .enumerate()
                .all(|(k, ps)| ps.binary_search(&(p + 1 + k as u32)).is_ok())
            {
                out.pos.push(p);
            }
        }
        out.close_unit(u, starts);
    }
    out.starts.push(out.pos.len() as u32);
    out
}
