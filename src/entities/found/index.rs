//! Indexes over the found groups' forms, so that grouping stays linear in
//! the number of names (the State of the Union finds thousands) instead of
//! comparing every pair.

use super::{near, words};
use crate::entities::detect::PARTICLES;
use crate::sort::StableSort;
use std::collections::HashMap;

/// Groups by their forms' surnames and first given names, and the words
/// a variant spelling may be near.
#[derive(Default)]
pub(super) struct KeyIndex {
    by_last: HashMap<String, Vec<usize>>,
    by_first: HashMap<String, Vec<usize>>,
    /// Each word of a full name, in the context of the others.
    near_words: NearIndex,
    /// The last word of every form.
    near_last: NearIndex,
    /// Forms of one word.
    near_single: NearIndex,
}

impl KeyIndex {
    /// Records form `key` of group `g`.
    pub fn add(&mut self, g: usize, key: &str) {
        let w = words(key);
        if w.len() > 1 {
            self.by_last
                .entry(w[w.len() - 1].to_string())
                .or_default()
                .push(g);
            self.by_first.entry(w[0].to_string()).or_default().push(g);
            // "Couve de Murville" is also "Couve": the word before a
            // particle may stand for the whole name.
            if let Some(p) = (1..w.len() - 1).find(|&i| PARTICLES.contains(&w[i])) {
                self.by_last
                    .entry(w[p - 1].to_string())
                    .or_default()
                    .push(g);
            }
            for i in 0..w.len() {
                self.near_words.add(&masked(&w, i), w[i], g);
            }
        } else {
            self.near_single.add("", w[0], g);
        }
        self.near_last.add("", w[w.len() - 1], g);
    }

    /// Groups with a full name ending in `surname`, lowest first, once each.
    pub fn by_last(&self, surname: &str) -> impl Iterator<Item = usize> {
        Self::listed(self.by_last.get(surname))
    }

    /// Groups with a full name starting with `given`, lowest first, once each.
    pub fn by_first(&self, given: &str) -> impl Iterator<Item = usize> {
        Self::listed(self.by_first.get(given))
    }

    fn listed(gs: Option<&Vec<usize>>) -> impl Iterator<Item = usize> {
        let mut gs = gs.cloned().unwrap_or_default();
        gs.stable_sort();
        gs.dedup();
        gs.into_iter()
    }

    /// The first group with a full name of as many words that differs
    /// from `w` in one word, by a variant spelling.
    pub fn variant_of_full(&self, w: &[&str], ok: impl Fn(usize) -> bool) -> Option<usize> {
        (0..w.len())
            .filter_map(|i| self.near_words.find(&masked(w, i), w[i], &ok))
            .min()
    }

    /// The first group with a form near the one word `k`: its last word
    /// for a person, a one-word form otherwise.
    pub fn variant_of_single(&self, k: &str, person: bool) -> Option<usize> {
        let within = if person {
            &self.near_last
        } else {
            &self.near_single
        };
        within.find("", k, |_| true)
    }
}

/// A key's words with word `i` left out: where a variant may differ.
fn masked(w: &[&str], i: usize) -> String {
    let mut s = format!("{}:", w.len());
    for (j, x) in w.iter().enumerate() {
        s.push_str(if j == i { "*" } else { x });
        s.push(' ');
    }
    s
}

/// Words by their one-letter deletions and their sorted letters: two
/// words one edit apart share a deletion, two with letters swapped share
/// their sorted letters, so [`near`] runs only on those, not on every pair.
#[derive(Default)]
struct NearIndex {
    map: HashMap<String, Vec<(usize, Box<str>)>>,
}

impl NearIndex {
    fn keys(context: &str, word: &str) -> Vec<String> {
        let cs: Vec<char> = word.chars().collect();
        let mut sorted = cs.clone();
        sorted.stable_sort();
        let sorted: String = sorted.into_iter().collect();
        let mut out = vec![format!("{context}|{word}"), format!("{context}#{sorted}")];
        for i in 0..cs.len() {
            let d: String = cs[..i].iter().chain(&cs[i + 1..]).collect();
            out.push(format!("{context}|{d}"));
        }
        out
    }

    fn add(&mut self, context: &str, word: &str, group: usize) {
        if word.chars().count() < 5 {
            return;
        }
        for k in Self::keys(context, word) {
            self.map.entry(k).or_default().push((group, word.into()));
        }
    }

    /// The first group (lowest index) with a word near `word` in `context`.
    fn find(&self, context: &str, word: &str, ok: impl Fn(usize) -> bool) -> Option<usize> {
        if word.chars().count() < 5 {
            return None;
        }
        Self::keys(context, word)
            .iter()
            .filter_map(|k| self.map.get(k))
            .flatten()
            .filter(|(g, w)| ok(*g) && near(w, word))
            .map(|(g, _)| *g)
            .min()
    }
}
