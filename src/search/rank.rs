//! Matching and ranking: clauses expand into weighted alternatives, each
//! alternative is scored with BM25F (paragraph text and the document title
//! as fields), clauses add up, and a proximity boost rewards query words
//! close together.
//!
//! The alternatives themselves are [`super::expand`]'s.

use super::expand::{Alt, Ids, Tier};
use super::filter::UnitFilter;
use super::index::{Postings, SearchIndex, Unit, BODY, CLOSING, FOOTNOTE, HEADING, NONE, TITLE};
use super::postings::*;
use super::query::{Clause, Query};
use crate::model::Document;
use crate::sort::StableSort;

const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Field weight of the document title, added to every paragraph's own.
const W_TITLE: f32 = 2.0;

fn kind_weight(kind: u8) -> f32 {
    match kind {
        HEADING => 2.0,
        BODY => 1.0,
        CLOSING => 0.8,
        FOOTNOTE => 0.7,
        _ => 1.0,
    }
}

/// A clause's matches in paragraph units (sorted by unit) and its
/// title-only matches per document. Marks (which words matched) are made
/// only for the units that need them ([`ClauseHits::marks_in`]).
#[derive(Default, Debug)]
pub(crate) struct ClauseHits {
    /// (unit, tier, score, entries[a..b]).
    pub body: Vec<(u32, u32, f32, u32, u32)>,
    /// (alternative, index into its postings), grouped by unit.
    entries: Vec<(u32, u32)>,
    occs: Vec<Occ>,
    /// (doc, tier, score) of title matches.
    pub title: Vec<(u32, u32, f32)>,
}

impl ClauseHits {
    /// Appends the clause's marks (word position, words) in `unit` to
    /// `out`, sorted by position, one per position (the longest).
    pub fn marks_in(&self, unit: u32, out: &mut Vec<(u32, u32)>) {
        if let Ok(k) = self.body.binary_search_by_key(&unit, |b| b.0) {
            self.marks_at(k, out);
        }
    }

    /// [`ClauseHits::marks_in`] the unit of `self.body[k]`.
    pub(super) fn marks_at(&self, k: usize, out: &mut Vec<(u32, u32)>) {
        let (a, b) = (self.body[k].3 as usize, self.body[k].4 as usize);
        let from = out.len();
        for &(o, i) in &self.entries[a..b] {
            let occ = &self.occs[o as usize];
            out.extend(occ.post.positions(i as usize).iter().map(|&p| (p, occ.len)));
        }
        if b - a > 1 {
            merge_marks(out, from);
        }
    }
}

/// Occurrences of one alternative: units with the start positions.
#[derive(Debug)]
struct Occ {
    post: Postings,
    len: u32,
    /// The tier's weight times the member's idf.
    weight: f32,
    tier: u32,
    /// Which member of an OR group it stands for (0 for other clauses).
    member: u32,
}

/// The best (tier, score) of each member of a clause in one unit; (0, 0.0)
/// for none (a match always scores above 0).
struct Best(Vec<(u32, f32)>);

impl Best {
    /// An occurrence of `occ` with saturated frequency `sat`.
    fn offer(&mut self, occ: &Occ, sat: f32) {
        let s = (occ.tier, occ.weight * sat);
        let b = &mut self.0[occ.member as usize];
        if s > *b {
            *b = s;
        }
    }

    /// The best tier of the members matched and the sum of their scores;
    /// empties it for the next unit.
    fn take(&mut self) -> (u32, f32) {
        let mut total = (0, 0.0);
        for b in &mut self.0 {
            total = (total.0.max(b.0), total.1 + b.1);
            *b = (0, 0.0);
        }
        total
    }
}

/// A scored candidate paragraph unit.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Scored {
    pub unit: u32,
    /// Sum over clauses of the tier each matched with.
    pub tier: u32,
    pub score: f32,
    /// Clauses satisfied (own text or title).
    pub matched: u32,
}

/// Everything one query evaluation produced.
#[derive(Default)]
pub(crate) struct Evaluation {
    pub clauses: Vec<ClauseHits>,
    /// Matching paragraph units, in no particular order ([`Evaluation::cmp`]
    /// ranks them).
    pub matches: Vec<Scored>,
    /// Not every clause could be satisfied together: these match some.
    pub partial: bool,
    /// Clauses (by index) that matched nothing at all.
    pub unmatched: Vec<usize>,
}

impl Evaluation {
    /// The ranking key of a match: greater ranks first. Better tiers first,
    /// then higher scores (scores are never negative, so their bits order
    /// them; in a partial answer, more clauses matched before anything
    /// else); ties by unit, so the order is total.
    pub fn key(&self, m: &Scored) -> u128 {
        let clauses = if self.partial {
            m.matched.count_ones()
        } else {
            0
        };
        (u128::from(clauses) << 96)
            | (u128::from(m.tier) << 64)
            | (u128::from(m.score.max(0.0).to_bits()) << 32)
            | u128::from(u32::MAX - m.unit)
    }

    /// The best `k` matches, best first: one comparison for most matches,
    /// so a word found in every paragraph costs no sort of them all.
    pub fn top(&self, k: usize) -> Vec<Scored> {
        let mut top: Vec<(u128, Scored)> = Vec::with_capacity(k + 1);
        if k == 0 {
            return Vec::new();
        }
        for m in &self.matches {
            let key = self.key(m);
            if top.len() == k && key <= top[k - 1].0 {
                continue;
            }
            let at = top.partition_point(|t| t.0 > key);
            top.insert(at, (key, *m));
            top.truncate(k);
        }
        top.into_iter().map(|t| t.1).collect()
    }
}

impl SearchIndex {
    fn idf(&self, df: u32) -> f32 {
        let n = self.units.len() as f32;
        let df = df as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// Occurrences of an alternative.
    fn occurrences(&self, ids: &Ids, buf: &mut Vec<Postings>) -> Postings {
        match ids {
            Ids::Term(id) => {
                let mut p = Postings::default();
                self.postings(*id, &mut p);
                p
            }
            Ids::Plain(id) => {
                let mut p = Postings::default();
                self.postings(*id, &mut p);
                let mut other = Vec::new();
                for &(_, v) in self.variants_of(*id) {
                    let mut q = Postings::default();
                    self.postings(v, &mut q);
                    for (i, &u) in q.units.iter().enumerate() {
                        other.extend(q.positions(i).iter().map(|&x| (u, x)));
                    }
                }
                other.stable_sort();
                without(&p, &other)
            }
            Ids::Phrase(ids) => {
                buf.resize_with(ids.len(), Postings::default);
                for (k, id) in ids.iter().enumerate() {
                    self.postings(*id, &mut buf[k]);
                }
                phrase_matches(buf)
            }
        }
    }

    /// BM25F pseudo term frequency of `tf` occurrences in a unit.
    fn field_tf(&self, u: &Unit, tf: usize) -> f32 {
        let (w, avg) = if u.kind == TITLE {
            (W_TITLE, self.avg_len[1])
        } else {
            (kind_weight(u.kind), self.avg_len[0])
        };
        w * tf as f32 / (1.0 - B + B * u.len as f32 / avg)
    }

    /// Matches and scores of one clause of the query, given as the
    /// alternatives of each of its members: one member for a word or a
    /// phrase, several for words joined by OR. A member is scored alone (its
    /// own idf, its best alternative); a unit scores the sum over the
    /// members it matches, so a paragraph with both sides of
    /// `Habomai OR Shikotan` ranks before one with either, and the best
    /// tier among them.
    pub(crate) fn clause_hits(&self, alts: &[Alt]) -> ClauseHits {
        let mut buf = Vec::new();
        let mut occs: Vec<Occ> = alts
            .iter()
            .map(|a| {
                let post = self.occurrences(&a.ids, &mut buf);
                Occ {
                    len: match &a.ids {
                        Ids::Phrase(ids) => ids.len() as u32,
                        _ => 1,
                    },
                    post,
                    weight: a.tier.weight(),
                    tier: a.tier as u32,
                    member: a.member,
                }
            })
            .collect();
        let members = occs
            .iter()
            .map(|o| o.member as usize + 1)
            .max()
            .unwrap_or(1);
        let sat = |t: f32| t * (K1 + 1.0) / (K1 + t);
        // Every (unit, alternative, index) in unit order; a document's title
        // unit comes before its paragraphs.
        let mut entries: Vec<(u32, u32, u32)> =
            Vec::with_capacity(occs.iter().map(|o| o.post.units.len()).sum());
        for (o, occ) in occs.iter().enumerate() {
            for (i, &u) in occ.post.units.iter().enumerate() {
                if (u as usize) < self.units.len() {
                    entries.push((u, o as u32, i as u32));
                }
            }
        }
        sort_by_unit(&mut entries, self.units.len());
        // One idf per member, from the units any of its alternatives
        // matches, so that alternatives differ by their weights alone; it
        // goes into each alternative's weight. Typo alternatives count only
        // when nothing else of the member matches.
        let typo = |o: &Occ| o.tier <= Tier::Typo1 as u32;
        let mut exact = vec![false; members];
        for o in occs.iter().filter(|o| !typo(o) && !o.post.units.is_empty()) {
            exact[o.member as usize] = true;
        }
        // Per member: units counted, and the last one.
        let mut df = vec![0u32; members];
        let mut last = vec![NONE; members];
        for &(u, o, _) in &entries {
            let occ = &occs[o as usize];
            let m = occ.member as usize;
            if last[m] != u && !(exact[m] && typo(occ)) {
                last[m] = u;
                df[m] += 1;
            }
        }
        for o in &mut occs {
            o.weight *= self.idf(df[o.member as usize]);
        }
        // The title occurrences of each alternative in the current document.
        let mut title_tf: Vec<(u32, f32)> = vec![(NONE, 0.0); occs.len()];
        let mut out = ClauseHits {
            entries: Vec::with_capacity(entries.len()),
            body: Vec::with_capacity(entries.len()),
            ..ClauseHits::default()
        };
        let mut best = Best(vec![(0, 0.0); members]);
        let mut k = 0;
        while k < entries.len() {
            let u = entries[k].0;
            let unit = self.units[u as usize];
            let n = entries[k..].iter().take_while(|e| e.0 == u).count();
            let group = &entries[k..k + n];
            k += group.len();
            if unit.kind == TITLE {
                for &(_, o, i) in group {
                    let occ = &occs[o as usize];
                    let pt = self.field_tf(&unit, occ.post.positions(i as usize).len());
                    title_tf[o as usize] = (unit.doc, pt);
                    best.offer(occ, sat(pt));
                }
                let (tier, score) = best.take();
                out.title.push((unit.doc, tier, score));
                continue;
            }
            let start = out.entries.len() as u32;
            for &(_, o, i) in group {
                let occ = &occs[o as usize];
                let mut t = self.field_tf(&unit, occ.post.positions(i as usize).len());
                if title_tf[o as usize].0 == unit.doc {
                    t += title_tf[o as usize].1;
                }
                best.offer(occ, sat(t));
                out.entries.push((o, i));
            }
            let (tier, score) = best.take();
            out.body
                .push((u, tier, score, start, out.entries.len() as u32));
        }
        out.occs = occs;
        out
    }

    /// Units an excluded clause rules out (exact and folded matches only).
    fn excluded_units(&self, c: &Clause) -> Vec<u32> {
        let mut buf = Vec::new();
        let mut out = Vec::new();
        for a in self.alternatives(c, false) {
            out.extend(self.occurrences(&a.ids, &mut buf).units);
        }
        out.stable_sort();
        out.dedup();
        out
    }

    /// Runs a parsed query.
    pub(crate) fn evaluate(&self, docs: &[Document], q: &Query) -> Evaluation {
        let mut ev = Evaluation::default();
        let filter = UnitFilter::new(self, docs, q);
        let excluded: Vec<u32> = {
            let mut v: Vec<u32> = q
                .excluded
                .iter()
                .flat_map(|c| self.excluded_units(c))
                .collect();
            v.stable_sort();
            v
        };
        let passes = |u: u32| {
            filter.none && excluded.is_empty()
                || excluded.binary_search(&u).is_err() && filter.pass(u)
        };
        if q.clauses.is_empty() {
            if !q.is_empty() {
                ev.matches = (0..self.units.len() as u32)
                    .filter(|&u| self.units[u as usize].kind != TITLE && passes(u))
                    .map(|unit| Scored {
                        unit,
                        tier: 0,
                        score: 0.0,
                        matched: 0,
                    })
                    .collect();
            }
            return ev;
        }
        let n = self.units.len();
        let mut score = vec![0f32; n];
        let mut tiers = vec![0u32; n];
        let mut mask = vec![0u32; n];
        let mut bufs = [Vec::new(), Vec::new()];
        for (i, group) in q.groups().enumerate() {
            let mut alts = Vec::new();
            for (m, c) in group.iter().enumerate() {
                for mut a in self.alternatives(c, true) {
                    a.member = m as u32;
                    alts.push(a);
                }
            }
            let hits = self.clause_hits(&alts);
            if hits.body.is_empty() && hits.title.is_empty() {
                ev.unmatched.push(i);
            }
            for &(u, t, s, _, _) in &hits.body {
                mask[u as usize] |= 1 << i;
                score[u as usize] += s;
                tiers[u as usize] += t + 1;
            }
            ev.clauses.push(hits);
        }
        let all = (1u32 << ev.clauses.len()) - 1;
        let mut cands: Vec<Scored> =
            Vec::with_capacity(ev.clauses.iter().map(|c| c.body.len()).max().unwrap_or(0));
        // Units in order, each clause's body and title matches followed by
        // a cursor.
        let mut body_at = vec![0usize; ev.clauses.len()];
        let mut title_at = vec![0usize; ev.clauses.len()];
        for u in 0..n as u32 {
            let own = mask[u as usize];
            if own == 0 {
                continue;
            }
            let unit = &self.units[u as usize];
            let mut s = score[u as usize];
            let mut tier = tiers[u as usize];
            let mut matched = own;
            for (i, c) in ev.clauses.iter().enumerate() {
                if own & (1 << i) != 0 {
                    let at = &mut body_at[i];
                    while c.body[*at].0 < u {
                        *at += 1;
                    }
                    continue;
                }
                let at = &mut title_at[i];
                while *at < c.title.len() && c.title[*at].0 < unit.doc {
                    *at += 1;
                }
                if let Some(&(d, t, ts)) = c.title.get(*at) {
                    if d == unit.doc {
                        matched |= 1 << i;
                        tier += t + 1;
                        s += ts;
                    }
                }
            }
            if !passes(u) {
                continue;
            }
            s *= 1.0 + proximity(&ev.clauses, own, &body_at, &mut bufs);
            cands.push(Scored {
                unit: u,
                tier,
                score: s,
                matched,
            });
        }
        if cands.iter().any(|c| c.matched == all) || ev.clauses.len() == 1 {
            cands.retain(|c| c.matched == all);
        } else {
            ev.partial = !cands.is_empty();
        }
        ev.matches = cands;
        ev
    }
}
