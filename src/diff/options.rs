//! What a diff may ignore ([`Ignore`], [`Options`]) and which spellings count as one
//! word ([`Variants`]).

use super::*;

/// Function words: a moved phrase needs more than these to count.
pub(crate) const STOP: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "by", "at", "with", "from",
    "its", "their", "his", "her", "this", "that", "these", "those", "be", "is", "are", "was",
    "were", "will", "shall", "as", "between", "after", "before", "two", "both", "le", "la", "les",
    "de", "des", "du", "et", "l", "d", "un", "une", "au", "aux",
];

/// Is `w` a function word? (No allocation: this runs for every word.)
pub(super) fn is_stop(w: &str) -> bool {
    w.len() <= 7 && STOP.iter().any(|s| s.eq_ignore_ascii_case(w))
}

/// Above this many units on either side, the diff works by sentences.
pub const MAX_UNITS: usize = 40_000;

/// What the comparison does not see.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ignore {
    /// Upper/lower case ("Peace Treaty" = "peace treaty").
    pub case: bool,
    /// Punctuation marks (they travel with the word before them).
    pub punct: bool,
    /// Diacritics, spelling variants of one entity (Habomai = Habomais =
    /// Habomaï, Shikoton = Shikotan) and `[sic]` marks.
    pub spelling: bool,
}

impl Ignore {
    /// Parses `case,punct,spelling` (any order, any subset; `punctuation`
    /// and `none` accepted).
    pub fn parse(list: &str) -> Result<Ignore, crate::Error> {
        let mut ig = Ignore::default();
        for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match part.to_ascii_lowercase().as_str() {
                "case" => ig.case = true,
                "punct" | "punctuation" => ig.punct = true,
                "spelling" => ig.spelling = true,
                "none" => {}
                other => {
                    return Err(crate::Error::new(format!(
                    "unknown toggle `{other}`: use a comma-separated list of case, punct, spelling"
                )))
                }
            }
        }
        Ok(ig)
    }

    /// The toggles that are on, as `parse` reads them.
    pub fn names(&self) -> Vec<&'static str> {
        let mut v = Vec::new();
        if self.case {
            v.push("case");
        }
        if self.punct {
            v.push("punct");
        }
        if self.spelling {
            v.push("spelling");
        }
        v
    }
}

/// How a diff is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    pub ignore: Ignore,
    /// A deleted phrase re-inserted elsewhere counts as moved from this many words.
    pub min_moved_words: u32,
    /// Units per side above which the diff gets coarser.
    pub max_units: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            ignore: Ignore::default(),
            min_moved_words: 3,
            max_units: MAX_UNITS,
        }
    }
}

/// Spelling variants: words that name one thing and are spelled alike.
///
/// Built from the entity register's alias groups
/// ([`crate::entities::Register::alias_groups`]). Within a group, two
/// one-word names are variants when they are spelled alike (after folding,
/// at most two letters apart, or one is the other plus a short ending):
/// Habomai/Habomais, Shikotan/Shikoton, Matsumoto/Masumoto. Different names
/// of one thing (Etorofu/Iturup) stay visible as changes: that is wording.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Variants {
    class: HashMap<String, u32>,
}

impl Variants {
    /// Groups of names, e.g. `("habomai", ["Habomai", "Habomais", "Habomaï"])`.
    pub fn new(groups: &[(String, Vec<String>)]) -> Variants {
        let mut class: HashMap<String, u32> = HashMap::new();
        let mut next = 0u32;
        for (_, names) in groups {
            let mut words: Vec<String> = names
                .iter()
                .filter(|n| {
                    let toks = tokenize(n);
                    toks.len() == 1 && toks[0].kind == TokenKind::Word
                })
                .map(|n| term(n))
                .collect();
            words.stable_sort();
            words.dedup();
            // Union of close spellings (groups are small).
            let mut id: Vec<usize> = (0..words.len()).collect();
            for i in 0..words.len() {
                for j in 0..i {
                    if spelled_alike(&words[i], &words[j]) {
                        let (ri, rj) = (root(&id, i), root(&id, j));
                        id[ri] = rj;
                    }
                }
            }
            // Class of each root (0: none yet; classes start at 1).
            let mut ids = vec![0u32; words.len()];
            for (i, w) in words.iter().enumerate() {
                let r = root(&id, i);
                if ids[r] == 0 {
                    next += 1;
                    ids[r] = next;
                }
                class.entry(w.clone()).or_insert(ids[r]);
            }
        }
        Variants { class }
    }

    /// The variant class of a folded word, if it has variants.
    pub(super) fn class_of(&self, folded: &str) -> Option<u32> {
        self.class.get(folded).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.class.is_empty()
    }
}

/// How many items two sorted, distinct lists share (sets as sorted
/// vectors: no hash table instantiated per item type).
pub(crate) fn common_sorted<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

pub(super) fn root(id: &[usize], mut i: usize) -> usize {
    while id[i] != i {
        i = id[i];
    }
    i
}

/// Edit distance ≤ 2, or one word is the other plus ≤ 2 letters.
pub(super) fn spelled_alike(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 2 || a.len().min(b.len()) < 4 {
        return a == b;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()] <= 2
}
