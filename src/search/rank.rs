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

use super::index::{Index, Postings, Unit, BODY, CLOSING, FOOTNOTE, HEADING, NONE, TITLE};
use super::query::{Clause, Filter, FilterKey, Query};
use super::typo::{self, Typo};
use crate::model::Document;
use crate::sort::StableSort;
use fst::automaton::{Automaton, Str};
use fst::{IntoStreamer, Map, Streamer};

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
const MAX_YEAR_SPAN: u16 = 200;
/// Typo alternatives only for words matching fewer paragraphs than this.
const TYPO_THRESHOLD: u32 = 2;

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
/// title-only matches per document.
#[derive(Default, Debug)]
pub(crate) struct ClauseHits {
    /// (unit, tier, score, marks[a..b]).
    pub body: Vec<(u32, u32, f32, u32, u32)>,
    /// (word position, words) of every match, by unit.
    pub marks: Vec<(u32, u32)>,
    /// (doc, tier, score) of title matches.
    pub title: Vec<(u32, u32, f32)>,
}

impl ClauseHits {
    pub fn marks_in(&self, unit: u32) -> &[(u32, u32)] {
        match self.body.binary_search_by_key(&unit, |b| b.0) {
            Ok(i) => &self.marks[self.body[i].3 as usize..self.body[i].4 as usize],
            Err(_) => &[],
        }
    }
}

/// Occurrences of one alternative: units with the start positions.
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
    /// Candidates, best first.
    pub ranked: Vec<Scored>,
    /// Not every clause could be satisfied together: these match some.
    pub partial: bool,
    /// Clauses (by index) that matched nothing at all.
    pub unmatched: Vec<usize>,
}

impl Index {
    fn map(bytes: &[u8]) -> Option<Map<&[u8]>> {
        Map::new(bytes).ok()
    }

    pub(crate) fn term_id(&self, term: &str) -> Option<u32> {
        Self::map(&self.terms)?.get(term).map(|v| v as u32)
    }

    fn exact_id(&self, exact: &str) -> Option<u32> {
        Self::map(&self.exact)?
            .get(exact)
            .map(|v| self.n_terms + v as u32)
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
                // Typos are tried only for words the collection (nearly)
                // lacks, as Typesense's typo_tokens_threshold: a word found
                // as typed means what it says, and the walk is skipped.
                let found: u32 = alts
                    .iter()
                    .filter_map(|a| match a.ids {
                        Ids::Term(t) | Ids::Plain(t) => Some(self.df_of(t)),
                        Ids::Phrase(_) => None,
                    })
                    .sum();
                if found < TYPO_THRESHOLD {
                    self.typo_alts(&w.term, &mut alts);
                }
            }
        }
        self.alias_alts(c, &mut alts);
        alts
    }

    fn stem_alts(&self, term: &str, alts: &mut Vec<Alt>) {
        if !(term.len() > 2 && term.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'')) {
            return;
        }
        let stem = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English).stem(term);
        let Some(g) = Self::map(&self.stems).and_then(|m| m.get(stem.as_ref())) else {
            return;
        };
        let g = g as usize;
        let (Some(&a), Some(&b)) = (self.stem_offsets.get(g), self.stem_offsets.get(g + 1)) else {
            return;
        };
        for &t in self.stem_terms.get(a as usize..b as usize).unwrap_or(&[]) {
            push(alts, Ids::Term(t), Tier::Stem);
        }
    }

    fn prefix_alts(&self, term: &str, alts: &mut Vec<Alt>) {
        let Some(map) = Self::map(&self.terms) else {
            return;
        };
        let mut found: Vec<(u32, u32)> = Vec::new();
        let mut s = map.search(Str::new(term).starts_with()).into_stream();
        while let Some((_, v)) = s.next() {
            found.push((self.df_of(v as u32), v as u32));
            if found.len() == MAX_PREFIX_SCAN {
                break;
            }
        }
        found.stable_sort_by(|a, b| b.cmp(a));
        for &(_, id) in found.iter().take(MAX_PREFIX_TERMS) {
            push(alts, Ids::Term(id), Tier::Prefix);
        }
    }

    fn typo_alts(&self, term: &str, alts: &mut Vec<Alt>) {
        let n = term.chars().count();
        let max = typo::allowed(n);
        if max == 0 || term.bytes().all(|b| b.is_ascii_digit()) {
            return;
        }
        for (id, d, _) in self.near(term, max, MAX_TYPO_TERMS) {
            push(
                alts,
                Ids::Term(id),
                if d == 1 { Tier::Typo1 } else { Tier::Typo2 },
            );
        }
    }

    /// Terms within `max` edits of `term` (itself excluded), closest and
    /// most frequent first.
    pub(crate) fn near(&self, term: &str, max: u8, keep: usize) -> Vec<(u32, u8, String)> {
        let (Some(map), Some(aut)) = (Self::map(&self.terms), Typo::new(term, max)) else {
            return Vec::new();
        };
        let mut found: Vec<(u8, u32, u32, String)> = Vec::new();
        let mut s = map.search(aut).into_stream();
        while let Some((k, v)) = s.next() {
            let key = std::str::from_utf8(k).unwrap_or("");
            if key == term {
                continue;
            }
            if let Some(d) = typo::distance(term, key, max) {
                found.push((
                    d,
                    u32::MAX - self.df_of(v as u32),
                    v as u32,
                    key.to_string(),
                ));
            }
            if found.len() == MAX_PREFIX_SCAN {
                break;
            }
        }
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
        let mut entries: Vec<(u32, u32, u32)> = Vec::new(); // (unit, occ, i)
        let mut titles: Vec<(u32, u32, u32)> = Vec::new();
        for (o, occ) in occs.iter().enumerate() {
            for (i, &u) in occ.post.units.iter().enumerate() {
                match self.units.get(u as usize) {
                    Some(unit) if unit.kind == TITLE => titles.push((u, o as u32, i as u32)),
                    Some(_) => entries.push((u, o as u32, i as u32)),
                    None => {}
                }
            }
        }
        entries.stable_sort();
        titles.stable_sort();
        // One idf for the clause, from the units any alternative matches, so
        // that alternatives differ by their weights alone.
        let df = count_distinct(&entries) + count_distinct(&titles);
        let idf = self.idf(df as u32);
        let mut out = ClauseHits::default();
        for &(u, o, i) in &titles {
            let (unit, occ) = (&self.units[u as usize], &occs[o as usize]);
            let pt = self.field_tf(unit, occ.post.positions(i as usize).len());
            let s = occ.weight * idf * sat(pt);
            match out.title.last_mut() {
                Some((d, t, best)) if *d == unit.doc => {
                    if (occ.tier, s) > (*t, *best) {
                        (*t, *best) = (occ.tier, s);
                    }
                }
                _ => out.title.push((unit.doc, occ.tier, s)),
            }
        }
        let mut k = 0;
        while k < entries.len() {
            let u = entries[k].0;
            let unit = self.units[u as usize];
            let title_unit = self
                .doc_units
                .get(unit.doc as usize)
                .copied()
                .unwrap_or(NONE);
            let mark_start = out.marks.len() as u32;
            let mut best = (0u32, 0f32);
            while k < entries.len() && entries[k].0 == u {
                let occ = &occs[entries[k].1 as usize];
                let pos = occ.post.positions(entries[k].2 as usize);
                let mut t = self.field_tf(&unit, pos.len());
                if let Ok(ti) = occ.post.units.binary_search(&title_unit) {
                    let tu = &self.units[title_unit as usize];
                    t += self.field_tf(tu, occ.post.positions(ti).len());
                }
                let s = occ.weight * idf * sat(t);
                if (occ.tier, s) > best {
                    best = (occ.tier, s);
                }
                out.marks.extend(pos.iter().map(|&p| (p, occ.len)));
                k += 1;
            }
            let marks = &mut out.marks[mark_start as usize..];
            marks.stable_sort();
            let mut n = 0;
            for j in 0..marks.len() {
                if n == 0 || marks[j].0 != marks[n - 1].0 {
                    marks[n] = marks[j];
                    n += 1;
                } else {
                    marks[n - 1].1 = marks[n - 1].1.max(marks[j].1);
                }
            }
            out.marks.truncate(mark_start as usize + n);
            out.body
                .push((u, best.0, best.1, mark_start, out.marks.len() as u32));
        }
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
        let passes = |u: u32| excluded.binary_search(&u).is_err() && filter.pass(u);
        if q.clauses.is_empty() {
            if !q.is_empty() {
                ev.ranked = (0..self.units.len() as u32)
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
        let mut touched: Vec<u32> = Vec::new();
        for (i, c) in q.clauses.iter().enumerate() {
            let hits = self.clause_hits(&self.alternatives(c, true));
            if hits.body.is_empty() && hits.title.is_empty() {
                ev.unmatched.push(i);
            }
            for &(u, t, s, _, _) in &hits.body {
                if mask[u as usize] == 0 {
                    touched.push(u);
                }
                mask[u as usize] |= 1 << i;
                score[u as usize] += s;
                tiers[u as usize] += t + 1;
            }
            ev.clauses.push(hits);
        }
        let all = (1u32 << q.clauses.len()) - 1;
        let mut cands: Vec<Scored> = Vec::new();
        for &u in &touched {
            let unit = &self.units[u as usize];
            let mut s = score[u as usize];
            let mut tier = tiers[u as usize];
            let mut matched = mask[u as usize];
            for (i, c) in ev.clauses.iter().enumerate() {
                if matched & (1 << i) == 0 {
                    if let Ok(t) = c.title.binary_search_by_key(&unit.doc, |t| t.0) {
                        matched |= 1 << i;
                        tier += c.title[t].1 + 1;
                        s += c.title[t].2;
                    }
                }
            }
            if !passes(u) {
                continue;
            }
            s *= 1.0 + self.proximity(&ev.clauses, mask[u as usize], u);
            cands.push(Scored {
                unit: u,
                tier,
                score: s,
                matched,
            });
        }
        let full: Vec<Scored> = cands.iter().copied().filter(|c| c.matched == all).collect();
        if full.is_empty() && q.clauses.len() > 1 {
            ev.partial = !cands.is_empty();
            cands.stable_sort_by(|a, b| {
                b.matched
                    .count_ones()
                    .cmp(&a.matched.count_ones())
                    .then(b.tier.cmp(&a.tier))
                    .then(b.score.total_cmp(&a.score))
                    .then(a.unit.cmp(&b.unit))
            });
            ev.ranked = cands;
        } else {
            ev.ranked = full;
            ev.ranked.stable_sort_by(|a, b| {
                b.tier
                    .cmp(&a.tier)
                    .then(b.score.total_cmp(&a.score))
                    .then(a.unit.cmp(&b.unit))
            });
        }
        ev
    }

    /// Boost in [0, 0.5] for consecutive query clauses close together.
    fn proximity(&self, clauses: &[ClauseHits], mask: u32, u: u32) -> f32 {
        if mask.count_ones() < 2 {
            return 0.0;
        }
        let present: Vec<&[(u32, u32)]> = clauses
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, c)| c.marks_in(u))
            .collect();
        let mut total = 0.0;
        for w in present.windows(2) {
            let d = min_distance(w[0], w[1]);
            total += 1.0 / d.max(1) as f32;
        }
        0.5 * total / (present.len() - 1) as f32
    }
}

fn push(alts: &mut Vec<Alt>, ids: Ids, tier: Tier) {
    if let Some(a) = alts.iter_mut().find(|a| a.ids == ids) {
        a.tier = a.tier.max(tier);
    } else {
        alts.push(Alt { ids, tier });
    }
}

fn count_distinct(sorted: &[(u32, u32, u32)]) -> usize {
    sorted.windows(2).filter(|w| w[0].0 != w[1].0).count() + usize::from(!sorted.is_empty())
}

/// `p` without the (unit, position) pairs of `other` (sorted).
fn without(p: &Postings, other: &[(u32, u32)]) -> Postings {
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
fn min_distance(a: &[(u32, u32)], b: &[(u32, u32)]) -> u32 {
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
fn phrase_matches(lists: &[Postings]) -> Postings {
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

/// The filters of a query, resolved against the collection once.
struct UnitFilter<'a> {
    index: &'a Index,
    docs: &'a [Document],
    speakers: Vec<(bool, Vec<u32>)>,
    doc_ids: Vec<(bool, String)>,
    kinds: Vec<(bool, KindFilter)>,
    years: &'a [(u16, u16)],
    /// Units of undated documents that mention a year in range.
    year_units: Vec<u32>,
    /// Documents passing the document-level filters (id, kind, dated years).
    doc_ok: Vec<bool>,
}

enum KindFilter {
    Para(u8),
    Doc(String),
}

impl<'a> UnitFilter<'a> {
    fn new(index: &'a Index, docs: &'a [Document], q: &'a Query) -> UnitFilter<'a> {
        let mut f = UnitFilter {
            index,
            docs,
            speakers: Vec::new(),
            doc_ids: Vec::new(),
            kinds: Vec::new(),
            years: &q.years,
            year_units: Vec::new(),
            doc_ok: Vec::new(),
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
        if !q.years.is_empty() {
            let mut buf = Postings::default();
            for &(a, b) in &q.years {
                for y in a..=b.min(a.saturating_add(MAX_YEAR_SPAN)) {
                    if let Some(id) = index.term_id(&y.to_string()) {
                        index.postings(id, &mut buf);
                        f.year_units.extend_from_slice(&buf.units);
                    }
                }
            }
            f.year_units.stable_sort();
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
                let years = match doc.date {
                    Some(d) if !q.years.is_empty() => {
                        q.years.iter().any(|&(a, b)| (a..=b).contains(&d.year))
                    }
                    _ => true,
                };
                group(ids) && group(kinds) && years
            })
            .collect();
        f
    }

    fn pass(&self, u: u32) -> bool {
        let Some(unit) = self.index.units.get(u as usize) else {
            return false;
        };
        if !self.doc_ok.get(unit.doc as usize).copied().unwrap_or(false) {
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
        if !group(speakers) || !group(kinds) {
            return false;
        }
        let dated = self
            .docs
            .get(unit.doc as usize)
            .is_some_and(|d| d.date.is_some());
        self.years.is_empty() || dated || self.year_units.binary_search(&u).is_ok()
    }
}

/// A group of filters on one key: one of the kept ones must hold (if any)
/// and none of the negated ones.
fn group(items: impl Iterator<Item = (bool, bool)>) -> bool {
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

fn kind_filter(v: &str) -> KindFilter {
    match v {
        "heading" | "headings" => KindFilter::Para(HEADING),
        "footnote" | "footnotes" => KindFilter::Para(FOOTNOTE),
        "closing" => KindFilter::Para(CLOSING),
        "body" | "paragraph" | "text" => KindFilter::Para(BODY),
        _ => KindFilter::Doc(v.to_string()),
    }
}

impl Index {
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
