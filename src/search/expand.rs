//! A query word (or phrase) expanded into weighted alternatives.
//!
//! Alternatives of a word, best first: its exact form (diacritics as typed),
//! its folded term, its alias names from the entity register, words of the
//! same English stem (never for names), completions of the last word while
//! typing, and words within the allowed edit distance. Each has a weight, so
//! an exact match always outranks a folded one, a folded one a stemmed one,
//! and a stemmed one a typo.

use super::index::SearchIndex;
use super::query::Clause;
use super::typo::{self, Typo};
use crate::sort::StableSort;

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
    pub(super) fn weight(self) -> f32 {
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
    /// The member of an OR group it stands for (0 but in an OR group; the
    /// ranking sets it).
    pub member: u32,
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

    pub(super) fn exact_id(&self, exact: &str) -> Option<u32> {
        self.exact.get(exact.as_bytes()).map(|v| self.n_terms + v)
    }

    pub(super) fn variants_of(&self, id: u32) -> &[(u32, u32)] {
        let a = self.variants.partition_point(|v| v.0 < id);
        let b = self.variants.partition_point(|v| v.0 <= id);
        &self.variants[a..b]
    }

    pub(super) fn has_variants(&self, id: u32) -> bool {
        !self.variants_of(id).is_empty()
    }

    pub(super) fn df_of(&self, id: u32) -> u32 {
        self.df.get(id as usize).copied().unwrap_or(0)
    }

    /// The weighted alternatives of a clause.
    pub(crate) fn alternatives(&self, c: &Clause, with_fuzzy: bool) -> Vec<Alt> {
        let mut alts: Vec<Alt> = Vec::new();
        let ids: Vec<Option<u32>> = c.words.iter().map(|w| self.term_id(&w.term)).collect();
        if c.phrase {
            if let Some(ids) = ids.iter().copied().collect::<Option<Vec<u32>>>() {
                push(&mut alts, Ids::Phrase(ids), Tier::Exact);
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
}

fn push(alts: &mut Vec<Alt>, ids: Ids, tier: Tier) {
    if let Some(a) = alts.iter_mut().find(|a| a.ids == ids) {
        a.tier = a.tier.max(tier);
    } else {
        alts.push(Alt {
            ids,
            tier,
            member: 0,
        });
    }
}
