//! Matching and ranking: clauses expand into weighted alternatives, each
//! alternative is scored with BM25F (paragraph text and the document title
//! as fields), clauses add up, and a proximity boost rewards query words
//! close together.
//!
//! Alternatives of a word, best first: its exact form (diacritics as typed),
//! its folded term, its alias names from the entity register, words of the
//! same English stem (never for names), completions of the last word while
//! typing, and words within the allowed edit distance. Each has a weight, so
//! an exact match always outranks a folded one, a folded one a stemmed one,
//! and a stemmed one a typo.

use super::filter::UnitFilter;
use super::index::{Postings, SearchIndex, Unit, BODY, CLOSING, FOOTNOTE, HEADING, NONE, TITLE};
use super::postings::*;
use super::query::{Clause, Query};
use super::typo::{self, Typo};
use crate::model::Document;
use crate::sort::StableSort;

const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Field weight of the document title, added to every paragraph's own.
const W_TITLE: f32 = 2.0;

/// How an alternative matches a query word. Better tiers always rank first
/// (a paragraph's tiers are summed over the clauses); BM25F orders within.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Tier {
    Typo2,
    Typo1,
    Prefix,
    Stem,
    Alias,
    Folded,
    Exact,
}

impl Tier {
    fn weight(self) -> f32 {
        match self {
            Tier::Exact => 1.0,
            Tier::Folded => 0.9,
            Tier::Alias => 0.85,
            Tier::Stem => 0.7,
            Tier::Prefix => 0.6,
            Tier::Typo1 => 0.45,
            Tier::Typo2 => 0.3,
        }
    }
}
/// Bounds on the work one word may cause.
const MAX_PREFIX_SCAN: usize = 4096;
const MAX_PREFIX_TERMS: usize = 24;
const MAX_TYPO_TERMS: usize = 16;
/// Postings bytes the typo alternatives of a word found as typed may add.
const MAX_TYPO_EXTRA_BYTES: usize = 16 << 10;

fn kind_weight(kind: u8) -> f32 {
    match kind {
        HEADING => 2.0,
        BODY => 1.0,
        CLOSING => 0.8,
        FOOTNOTE => 0.7,
        _ => 1.0,
    }
}

/// What an alternative matches.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Ids {
    Term(u32),
    /// A term's occurrences spelled exactly as the term (without the
    /// diacritics some of its other spellings carry).
    Plain(u32),
    Phrase(Vec<u32>),
}

/// One way a clause can match, with its weight.
#[derive(Clone, Debug)]
pub(crate) struct Alt {
    pub ids: Ids,
    pub tier: Tier,
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
    weight: f32,
    tier: u32,
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
    pub(crate) fn term_id(&self, term: &str) -> Option<u32> {
        self.terms.get(term.as_bytes())
    }

    /// Does some term start with `prefix` (a word being typed)?
    pub(crate) fn has_prefix(&self, prefix: &str) -> bool {
        let mut any = false;
        self.terms.prefixed(prefix.as_bytes(), |_, _| {
            any = true;
            false
        });
        any
    }

    /// Is `term` a name of the entity register's alias groups?
    pub(crate) fn is_alias(&self, term: &str) -> bool {
        self.aliases.iter().flatten().any(|n| n == term)
    }

    fn exact_id(&self, exact: &str) -> Option<u32> {
        self.exact.get(exact.as_bytes()).map(|v| self.n_terms + v)
    }

    fn variants_of(&self, id: u32) -> &[(u32, u32)] {
        let a = self.variants.partition_point(|v| v.0 < id);
        let b = self.variants.partition_point(|v| v.0 <= id);
        &self.variants[a..b]
    }

    fn has_variants(&self, id: u32) -> bool {
        !self.variants_of(id).is_empty()
    }

    fn df_of(&self, id: u32) -> u32 {
        self.df.get(id as usize).copied().unwrap_or(0)
    }

    fn idf(&self, df: u32) -> f32 {
        let n = self.units.len() as f32;
        let df = df as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// The weighted alternatives of a clause.
    pub(crate) fn alternatives(&self, c: &Clause, with_fuzzy: bool) -> Vec<Alt> {
        let mut alts: Vec<Alt> = Vec::new();
        let ids: Vec<Option<u32>> = c.words.iter().map(|w| self.term_id(&w.term)).collect();
        if c.phrase {
            if let Some(ids) = ids.iter().copied().collect::<Option<Vec<u32>>>() {
                alts.push(Alt {
                    ids: Ids::Phrase(ids),
                    tier: Tier::Exact,
                });
            }
        } else if let Some(w) = c.words.first() {
            let id = ids[0];
            if w.exact != w.term {
                if let Some(e) = self.exact_id(&w.exact) {
                    push(&mut alts, Ids::Term(e), Tier::Exact);
                }
            }
            if let Some(id) = id {
                let plain = w.exact == w.term;
                if plain && self.has_variants(id) {
                    push(&mut alts, Ids::Plain(id), Tier::Exact);
                    push(&mut alts, Ids::Term(id), Tier::Folded);
                } else {
                    push(
                        &mut alts,
                        Ids::Term(id),
                        if plain { Tier::Exact } else { Tier::Folded },
                    );
                }
            }
            if with_fuzzy {
                if !id.is_some_and(|id| self.is_name(id)) {
                    self.stem_alts(&w.term, &mut alts);
                }
                if c.prefix {
                    self.prefix_alts(&w.term, &mut alts);
                }
                // Typos for every word long enough (ranked below everything
                // else). A word the collection has keeps them to a budget
                // of postings: they are extras there, not its meaning.
                let found = alts.iter().any(|a| match a.ids {
                    Ids::Term(t) | Ids::Plain(t) => self.df_of(t) > 0,
                    Ids::Phrase(_) => false,
                });
                self.typo_alts(&w.term, found.then_some(MAX_TYPO_EXTRA_BYTES), &mut alts);
            }
        }
        self.alias_alts(c, &mut alts);
        alts
    }

    /// Terms of the same English stem (not names). The index stores no stem
    /// groups: a word's forms share its stem but for a last `e` or `i`
    /// (stating → state, treaty → treati) or the `l` of `bl` (possibility →
    /// possibl), so the terms starting with the stem without them are
    /// stemmed and compared, a bounded walk. Porter's few irregular forms
    /// (dying → die) are looked up by name.
    fn stem_alts(&self, term: &str, alts: &mut Vec<Alt>) {
        if !super::index::stemmable(term) {
            return;
        }
        let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
        let stem = stemmer.stem(term);
        let from = stem.strip_suffix(['e', 'i']).unwrap_or(&stem);
        // possible, possibility → possibl: the forms share "possib".
        let from = from
            .strip_suffix("bl")
            .map_or(from, |f| &stem[..f.len() + 1]);
        let mut scanned = 0;
        self.terms.prefixed(from.as_bytes(), |k, id| {
            scanned += 1;
            if scanned > MAX_PREFIX_SCAN {
                return false;
            }
            let Ok(key) = std::str::from_utf8(k) else {
                return true;
            };
            if super::index::stemmable(key) && !self.is_name(id) && stemmer.stem(key) == stem {
                push(alts, Ids::Term(id), Tier::Stem);
            }
            true
        });
        // Porter's irregular forms, which do not start like their stem.
        for (st, form) in [
            ("die", "dying"),
            ("lie", "lying"),
            ("tie", "tying"),
            ("sky", "skies"),
        ] {
            match self.term_id(form) {
                Some(id) if st == stem && !self.is_name(id) => {
                    push(alts, Ids::Term(id), Tier::Stem)
                }
                _ => {}
            }
        }
    }

    fn prefix_alts(&self, term: &str, alts: &mut Vec<Alt>) {
        let mut found: Vec<(u32, u32)> = Vec::new();
        self.terms.prefixed(term.as_bytes(), |_, id| {
            found.push((self.df_of(id), id));
            found.len() < MAX_PREFIX_SCAN
        });
        found.stable_sort_by(|a, b| b.cmp(a));
        for &(_, id) in found.iter().take(MAX_PREFIX_TERMS) {
            push(alts, Ids::Term(id), Tier::Prefix);
        }
    }

    /// Typo alternatives, closest and most frequent first; with a `budget`,
    /// only while their postings fit in it.
    fn typo_alts(&self, term: &str, budget: Option<usize>, alts: &mut Vec<Alt>) {
        let n = term.chars().count();
        let max = typo::allowed(n);
        if max == 0 || term.bytes().all(|b| b.is_ascii_digit()) {
            return;
        }
        let mut left = budget.unwrap_or(usize::MAX);
        for (id, d, _) in self.near(term, max, MAX_TYPO_TERMS, budget.is_none()) {
            if alts.iter().any(|a| a.ids == Ids::Term(id)) {
                continue;
            }
            let bytes = self.postings_bytes(id);
            if bytes > left {
                continue;
            }
            left -= bytes;
            push(
                alts,
                Ids::Term(id),
                if d == 1 { Tier::Typo1 } else { Tier::Typo2 },
            );
        }
    }

    /// Terms within `max` edits of `term` (itself excluded), closest and
    /// most frequent first. Their first letter is the word's
    /// ([`typo::FIXED_FIRST`]) unless that finds none and `any_first`.
    pub(crate) fn near(
        &self,
        term: &str,
        max: u8,
        keep: usize,
        any_first: bool,
    ) -> Vec<(u32, u8, String)> {
        let found = self.near_with(term, max, keep, typo::FIXED_FIRST);
        if found.is_empty() && any_first && typo::FIXED_FIRST {
            return self.near_with(term, max, keep, false);
        }
        found
    }

    fn near_with(
        &self,
        term: &str,
        max: u8,
        keep: usize,
        fixed_first: bool,
    ) -> Vec<(u32, u8, String)> {
        let Some(aut) = Typo::with_first(term, max, fixed_first) else {
            return Vec::new();
        };
        let mut found: Vec<(u8, u32, u32, String)> = Vec::new();
        self.terms.search(&aut, |k, id| {
            if k == term.as_bytes() {
                return true;
            }
            if let Some(d) = aut.distance(k) {
                let key = String::from_utf8_lossy(k).into_owned();
                found.push((d, u32::MAX - self.df_of(id), id, key));
            }
            found.len() < MAX_PREFIX_SCAN
        });
        found.stable_sort();
        found
            .into_iter()
            .take(keep)
            .map(|(d, _, id, key)| (id, d, key))
            .collect()
    }

    fn alias_alts(&self, c: &Clause, alts: &mut Vec<Alt>) {
        let key: Vec<&str> = c.words.iter().map(|w| w.term.as_str()).collect();
        let key = key.join(" ");
        for group in &self.aliases {
            if !group.contains(&key) {
                continue;
            }
            for name in group.iter().filter(|n| **n != key) {
                let ids: Option<Vec<u32>> = name.split(' ').map(|w| self.term_id(w)).collect();
                match ids {
                    Some(ids) if ids.len() == 1 => push(alts, Ids::Term(ids[0]), Tier::Alias),
                    Some(ids) => push(alts, Ids::Phrase(ids), Tier::Alias),
                    None => {}
                }
            }
        }
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

    /// Matches and scores of one clause.
    pub(crate) fn clause_hits(&self, alts: &[Alt]) -> ClauseHits {
        let mut buf = Vec::new();
        let occs: Vec<Occ> = alts
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
                }
            })
            .collect();
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
        // One idf for the clause, from the units any alternative matches, so
        // that alternatives differ by their weights alone.
        // Typo alternatives count only when nothing else matches.
        let exact = occs
            .iter()
            .any(|o| o.tier > Tier::Typo1 as u32 && !o.post.units.is_empty());
        let df = if exact {
            count_distinct(
                entries
                    .iter()
                    .filter(|e| occs[e.1 as usize].tier > Tier::Typo1 as u32),
            )
        } else {
            count_distinct(entries.iter())
        };
        let idf = self.idf(df as u32);
        // The title occurrences of each alternative in the current document.
        let mut title_tf: Vec<(u32, f32)> = vec![(NONE, 0.0); occs.len()];
        let mut out = ClauseHits {
            entries: Vec::with_capacity(entries.len()),
            body: Vec::with_capacity(entries.len()),
            ..ClauseHits::default()
        };
        let mut k = 0;
        while k < entries.len() {
            let u = entries[k].0;
            let unit = self.units[u as usize];
            let n = entries[k..].iter().take_while(|e| e.0 == u).count();
            let group = &entries[k..k + n];
            k += group.len();
            if unit.kind == TITLE {
                let mut best = (0u32, 0f32);
                for &(_, o, i) in group {
                    let occ = &occs[o as usize];
                    let pt = self.field_tf(&unit, occ.post.positions(i as usize).len());
                    title_tf[o as usize] = (unit.doc, pt);
                    let s = occ.weight * idf * sat(pt);
                    if (occ.tier, s) > best {
                        best = (occ.tier, s);
                    }
                }
                out.title.push((unit.doc, best.0, best.1));
                continue;
            }
            let start = out.entries.len() as u32;
            let mut best = (0u32, 0f32);
            for &(_, o, i) in group {
                let occ = &occs[o as usize];
                let mut t = self.field_tf(&unit, occ.post.positions(i as usize).len());
                if title_tf[o as usize].0 == unit.doc {
                    t += title_tf[o as usize].1;
                }
                let s = occ.weight * idf * sat(t);
                if (occ.tier, s) > best {
                    best = (occ.tier, s);
                }
                out.entries.push((o, i));
            }
            out.body
                .push((u, best.0, best.1, start, out.entries.len() as u32));
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
        for (i, c) in q.clauses.iter().enumerate() {
            let hits = self.clause_hits(&self.alternatives(c, true));
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
        let all = (1u32 << q.clauses.len()) - 1;
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
        if cands.iter().any(|c| c.matched == all) || q.clauses.len() == 1 {
            cands.retain(|c| c.matched == all);
        } else {
            ev.partial = !cands.is_empty();
        }
        ev.matches = cands;
        ev
    }
}

fn push(alts: &mut Vec<Alt>, ids: Ids, tier: Tier) {
    if let Some(a) = alts.iter_mut().find(|a| a.ids == ids) {
        a.tier = a.tier.max(tier);
    } else {
        alts.push(Alt { ids, tier });
    }
}
