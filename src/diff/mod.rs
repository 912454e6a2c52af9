//! Word-level diff of two wordings, built to be read by a person.
//!
//! The pipeline: cut both texts with the one tokenizer ([`crate::text::tokenize`]),
//! turn every *significant* token into a unit with a comparison key (a small
//! integer), run `similar`'s histogram diff (fast, and it anchors on rare words, which reads well) over the key sequences (the algorithm
//! sees indices, never strings), then clean the result up so it reads
//! naturally:
//!
//! - a unit is one word or one punctuation mark plus the white space (and the
//!   ignored tokens) after it, so a change never splits a word;
//! - tiny equalities between two changes (a lone "the", a comma) are absorbed
//!   into one change, the way a reader would mark it;
//! - a phrase of at least [`Options::min_moved_words`] words deleted in one
//!   place and inserted in another is a *move*: both ops carry one `moved` id.
//!
//! Toggles ([`Ignore`]) make case, punctuation and spelling variants invisible
//! to the comparison; [`Hidden`] counts what each one hid. Whatever is
//! ignored, the ops rebuild both inputs exactly: concatenating `a` over
//! `equal` and `delete` ops gives text A, `b` over `equal` and `insert` gives
//! text B (under a toggle an `equal` op may have different `a` and `b`).
//! White space is always normalized (a line break equals a space).
//!
//! Work is bounded without a clock (`std::time::Instant` panics on wasm):
//! over [`MAX_UNITS`] units per side the diff is done by sentences, and over
//! that by whole text, and the result says so in [`Diff::granularity`].
//!
//! ```
//! use docent::diff::{diff, Ignore, Options, Variants};
//! let v = Variants::default();
//! let d = diff("the island of Shikotan", "the island of Shikoton", &Options::default(), &v);
//! assert_eq!(d.ops.len(), 3); // equal, delete "Shikotan", insert "Shikoton"
//! let a: String = d.ops.iter().filter(|o| o.op != docent::diff::OpKind::Insert).map(|o| o.a.as_str()).collect();
//! assert_eq!(a, "the island of Shikotan");
//!
//! let v = Variants::new(&[("shikotan".into(), vec!["Shikotan".into(), "Shikoton".into()])]);
//! let opts = Options { ignore: Ignore { spelling: true, ..Ignore::default() }, ..Options::default() };
//! let d = diff("the island of Shikotan", "the island of Shikoton", &opts, &v);
//! assert!(d.ops.iter().all(|o| o.op == docent::diff::OpKind::Equal));
//! assert_eq!(d.hidden.spelling, 1);
//! assert_eq!(d.similarity, 1.0);
//! ```

pub mod align;
pub mod passages;

use crate::sort::StableSort;
use crate::text::{fold, lowercase, push_lowercase, term, tokenize, TokenKind};
use serde::{Deserialize, Serialize};
use similar::algorithms::{histogram, DiffHook};
use std::collections::HashMap;
use std::ops::Range;

/// Function words: a moved phrase needs more than these to count.
pub(crate) const STOP: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "by", "at", "with", "from",
    "its", "their", "his", "her", "this", "that", "these", "those", "be", "is", "are", "was",
    "were", "will", "shall", "as", "between", "after", "before", "two", "both", "le", "la", "les",
    "de", "des", "du", "et", "l", "d", "un", "une", "au", "aux",
];

/// Is `w` a function word? (No allocation: this runs for every word.)
fn is_stop(w: &str) -> bool {
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
    fn class_of(&self, folded: &str) -> Option<u32> {
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

fn root(id: &[usize], mut i: usize) -> usize {
    while id[i] != i {
        i = id[i];
    }
    i
}

/// Edit distance ≤ 2, or one word is the other plus ≤ 2 letters.
fn spelled_alike(a: &str, b: &str) -> bool {
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

/// What an op does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OpKind {
    Equal,
    Insert,
    Delete,
}

/// One piece of the diff. `a` is text of A (empty for inserts), `b` text of B
/// (empty for deletes).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Op {
    pub op: OpKind,
    pub a: String,
    pub b: String,
    /// Shared by the delete and the insert of one moved phrase.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub moved: Option<u32>,
}

/// What the toggles hid: differences that were there but did not count.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hidden {
    pub case: u32,
    pub punct: u32,
    pub spelling: u32,
    /// White space differences (always ignored: line wrapping is not wording).
    pub space: u32,
    /// "2 spelling, 9 punctuation differences hidden", or "" when nothing was.
    pub summary: String,
}

/// How fine the comparison was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Word,
    Sentence,
    Text,
}

/// A diff of two texts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Diff {
    pub ops: Vec<Op>,
    /// 1.0 = same wording (under the toggles), 0.0 = nothing in common.
    pub similarity: f64,
    pub hidden: Hidden,
    pub granularity: Granularity,
    /// Number of moved phrases.
    pub moves: u32,
    /// Set when the diff had to be coarser than word by word.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub note: Option<String>,
}

impl Diff {
    /// Text A rebuilt from the ops.
    pub fn text_a(&self) -> String {
        self.ops
            .iter()
            .filter(|o| o.op != OpKind::Insert)
            .map(|o| o.a.as_str())
            .collect()
    }

    /// Text B rebuilt from the ops.
    pub fn text_b(&self) -> String {
        self.ops
            .iter()
            .filter(|o| o.op != OpKind::Delete)
            .map(|o| o.b.as_str())
            .collect()
    }

    /// Runs of consecutive changed ops (a delete next to an insert is one run).
    pub fn change_runs(&self) -> usize {
        let mut runs = 0;
        let mut in_run = false;
        for o in &self.ops {
            let changed = o.op != OpKind::Equal;
            if changed && !in_run {
                runs += 1;
            }
            in_run = changed;
        }
        runs
    }
}

/// A comparison unit: one significant token and the insignificant tokens
/// after it, as a byte range of its text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Unit {
    /// The whole unit (significant token and trailing gap).
    pub start: usize,
    pub end: usize,
    /// The significant token.
    pub sig_end: usize,
    pub key: u32,
    /// Words in the unit (1 for a word, 0 for punctuation, n for a sentence).
    pub words: u32,
    /// Of which not function words ([`STOP`]).
    pub content: u32,
}

/// A text cut into units: `lead` is the insignificant text before the first.
pub(crate) struct Units {
    pub lead: Range<usize>,
    pub units: Vec<Unit>,
}

/// Interns comparison keys to small integers.
#[derive(Default)]
pub(crate) struct Keys {
    map: HashMap<String, u32>,
}

impl Keys {
    fn id(&mut self, key: &str) -> u32 {
        if let Some(&k) = self.map.get(key) {
            return k;
        }
        let k = self.map.len() as u32;
        self.map.insert(key.to_string(), k);
        k
    }
}

/// The comparison key of a word under the toggles.
fn word_key(w: &str, ig: Ignore, v: &Variants, buf: &mut String) {
    buf.clear();
    if ig.spelling {
        let t = term(w);
        let possessive = fold(w).len() != t.len();
        match v.class_of(&t) {
            Some(c) => {
                buf.push('\u{1}');
                buf.push_str(&c.to_string());
                if possessive {
                    buf.push_str("'s");
                }
            }
            None => buf.push_str(&fold(w)),
        }
        if !ig.case {
            // fold() lower-cases: keep the case pattern visible.
            let mut chars = w.chars().filter(|c| c.is_alphabetic());
            let first_up = chars.next().is_some_and(|c| c.is_uppercase());
            let all_up = first_up && chars.clone().count() > 0 && chars.all(|c| c.is_uppercase());
            buf.push(if all_up {
                '\u{3}'
            } else if first_up {
                '\u{2}'
            } else {
                '\u{4}'
            });
        }
    } else if ig.case {
        w.chars().for_each(|c| push_lowercase(c, buf));
    } else {
        buf.push_str(w);
    }
}

/// Cuts `text` into units. Spaces are never significant; punctuation is
/// unless ignored; `[sic]` is not when spelling is ignored.
pub(crate) fn units(text: &str, opts: &Options, v: &Variants, keys: &mut Keys) -> Units {
    let toks = tokenize(text);
    let ig = opts.ignore;
    let mut sig = vec![false; toks.len()];
    for (i, t) in toks.iter().enumerate() {
        sig[i] = match t.kind {
            TokenKind::Space => false,
            TokenKind::Punct => !ig.punct,
            TokenKind::Word => true,
        };
    }
    if ig.spelling {
        for i in 0..toks.len().saturating_sub(2) {
            if &text[toks[i].start..toks[i].end] == "["
                && text[toks[i + 1].start..toks[i + 1].end].eq_ignore_ascii_case("sic")
                && &text[toks[i + 2].start..toks[i + 2].end] == "]"
            {
                sig[i] = false;
                sig[i + 1] = false;
                sig[i + 2] = false;
            }
        }
    }
    let mut out = Units {
        lead: 0..0,
        units: Vec::with_capacity(toks.len() / 2 + 1),
    };
    let mut buf = String::new();
    let mut seen_sig = false;
    for (i, t) in toks.iter().enumerate() {
        let s = &text[t.start..t.end];
        if !sig[i] {
            match out.units.last_mut() {
                Some(u) => u.end = t.end,
                None => out.lead.end = t.end,
            }
            continue;
        }
        seen_sig = true;
        let key = match t.kind {
            TokenKind::Word => {
                word_key(s, ig, v, &mut buf);
                keys.id(&buf)
            }
            _ => keys.id(s),
        };
        out.units.push(Unit {
            start: t.start,
            end: t.end,
            sig_end: t.end,
            key,
            words: u32::from(t.kind == TokenKind::Word),
            content: u32::from(t.kind == TokenKind::Word && !is_stop(s)),
        });
    }
    if !seen_sig {
        out.lead = 0..text.len();
    }
    out
}

/// Regroups units into sentences (ending at `.`, `!`, `?`, `;` or a line
/// break), each keyed by its sequence of unit keys.
fn sentences(text: &str, u: &Units, keys: &mut Keys) -> Units {
    let mut out = Units {
        lead: u.lead.clone(),
        units: Vec::new(),
    };
    let mut cur: Option<Unit> = None;
    let mut sig = String::new();
    for unit in &u.units {
        let c = cur.get_or_insert(Unit {
            start: unit.start,
            end: unit.end,
            sig_end: unit.sig_end,
            key: 0,
            words: 0,
            content: 0,
        });
        c.end = unit.end;
        c.sig_end = unit.sig_end;
        c.words += unit.words;
        c.content += unit.content;
        sig.push_str(&unit.key.to_string());
        sig.push(' ');
        let tok = &text[unit.start..unit.sig_end];
        let gap = &text[unit.sig_end..unit.end];
        if matches!(tok, "." | "!" | "?" | ";") || gap.contains('\n') {
            let mut done = cur.take().unwrap_or(*unit);
            done.key = keys.id(&sig);
            sig.clear();
            out.units.push(done);
        }
    }
    if let Some(mut done) = cur {
        done.key = keys.id(&sig);
        out.units.push(done);
    }
    out
}

/// One whole text as one unit.
fn whole(text: &str, u: &Units, keys: &mut Keys) -> Units {
    let Some(first) = u.units.first() else {
        return Units {
            lead: u.lead.clone(),
            units: Vec::new(),
        };
    };
    let words = u.units.iter().map(|x| x.words).sum();
    let content = u.units.iter().map(|x| x.content).sum();
    let key = keys.id(&format!(
        "\u{5}{}",
        crate_hash(&text.as_bytes()[first.start..])
    ));
    Units {
        lead: u.lead.clone(),
        units: vec![Unit {
            start: first.start,
            end: text.len(),
            sig_end: text.len(),
            key,
            words,
            content,
        }],
    }
}

/// FNV-1a, enough to tell two texts apart as a key.
pub(crate) fn crate_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// A raw diff step over unit indices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Seg {
    Equal { a: Range<usize>, b: Range<usize> },
    Change { a: Range<usize>, b: Range<usize> },
}

#[derive(Default)]
struct Collect {
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
    // one Myers fallback in the wasm instead of two (6 KB of gzip). Its
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

fn weight(units: &[Unit]) -> u64 {
    units.iter().map(|u| u64::from(u.words.max(1))).sum()
}

fn chars_of(text: &str, units: &[Unit]) -> usize {
    match (units.first(), units.last()) {
        (Some(f), Some(l)) => text[f.start..l.end].chars().count(),
        _ => 0,
    }
}

/// Absorbs short equalities between two changes (punctuation or at most two
/// function words, no longer than the changes around them), until nothing
/// changes. A surviving content word is never absorbed: it was not changed.
fn absorb(a: &str, b: &str, raw: &mut Raw) {
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
fn find_moves(raw: &Raw, min_words: u32) -> (Vec<u32>, Vec<u32>, u32) {
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

/// Counts what the toggles hid in one equal unit pair.
fn count_hidden(ta: &str, tb: &str, ua: &Unit, ub: &Unit, h: &mut Hidden) {
    let (sa, sb) = (&ta[ua.start..ua.sig_end], &tb[ub.start..ub.sig_end]);
    if sa != sb {
        if lowercase(sa) == lowercase(sb) {
            h.case += 1;
        } else {
            h.spelling += 1;
        }
    }
    let (ga, gb) = (&ta[ua.sig_end..ua.end], &tb[ub.sig_end..ub.end]);
    if ga != gb {
        let strip = |g: &str| -> (String, bool) {
            let mut s: String = g.chars().filter(|c| !c.is_whitespace()).collect();
            // ASCII lower case finds what full lower case would: the only
            // other letters that lower-case to ASCII are K (Kelvin, to k)
            // and İ (to i and a combining dot, so never "ic").
            let sic = s.to_ascii_lowercase().contains("[sic]");
            if sic {
                s = s
                    .replace("[sic]", "")
                    .replace("[SIC]", "")
                    .replace("[Sic]", "");
            }
            (s, sic)
        };
        let ((pa, sica), (pb, sicb)) = (strip(ga), strip(gb));
        if sica != sicb {
            h.spelling += 1;
        }
        if pa != pb {
            h.punct += 1;
        } else if sica == sicb {
            h.space += 1;
        }
    }
}

fn summary(h: &Hidden) -> String {
    let mut parts = Vec::new();
    if h.case > 0 {
        parts.push(format!("{} case", h.case));
    }
    if h.spelling > 0 {
        parts.push(format!("{} spelling", h.spelling));
    }
    if h.punct > 0 {
        parts.push(format!("{} punctuation", h.punct));
    }
    if parts.is_empty() {
        return String::new();
    }
    let n = h.case + h.spelling + h.punct;
    format!(
        "{} difference{} hidden",
        parts.join(", "),
        if n == 1 { "" } else { "s" }
    )
}

/// An op as byte ranges of A and B (ops are contiguous in both texts).
#[derive(Clone, Debug)]
struct Piece {
    op: OpKind,
    a: Range<usize>,
    b: Range<usize>,
    moved: Option<u32>,
    /// For equal ops: a and b are the same text (no hidden difference).
    same: bool,
}

/// Appends a piece, extending the last one when it is the same kind (equal
/// ops keep hidden differences apart from identical text).
fn push_piece(out: &mut Vec<Piece>, p: Piece) {
    if p.a.is_empty() && p.b.is_empty() {
        return;
    }
    if let Some(last) = out.last_mut() {
        if last.op == p.op
            && last.moved == p.moved
            && (p.op != OpKind::Equal || last.same == p.same)
            && last.a.end == p.a.start
            && last.b.end == p.b.start
        {
            last.a.end = p.a.end;
            last.b.end = p.b.end;
            return;
        }
    }
    out.push(p);
}

/// Where one side of an equal op ends with white space the other side lacks
/// (the end of a text), that space belongs to the change after it: "Shikotan"
/// then "[- to Japan.-]", not "Shikotan " then "[-to Japan.-]".
fn move_edge_space(ta: &str, tb: &str, ops: &mut [Piece]) {
    let trail = |t: &str, r: &Range<usize>| {
        let s = &t[r.clone()];
        s.len() - s.trim_end().len()
    };
    for i in 0..ops.len().saturating_sub(1) {
        if ops[i].op != OpKind::Equal {
            continue;
        }
        let (sa, sb) = (trail(ta, &ops[i].a), trail(tb, &ops[i].b));
        let side = match (sa > 0, sb > 0) {
            (true, false) => OpKind::Delete,
            (false, true) => OpKind::Insert,
            _ => continue,
        };
        let target = ops[i + 1..]
            .iter()
            .take_while(|o| o.op != OpKind::Equal)
            .position(|o| o.op == side);
        let Some(k) = target.map(|k| i + 1 + k) else {
            continue;
        };
        // Ops between i and k are of the other side: empty on this one.
        if side == OpKind::Delete {
            let cut = ops[i].a.end - sa;
            ops[i].a.end = cut;
            for o in &mut ops[i + 1..k] {
                o.a = cut..cut;
            }
            ops[k].a.start = cut;
        } else {
            let cut = ops[i].b.end - sb;
            ops[i].b.end = cut;
            for o in &mut ops[i + 1..k] {
                o.b = cut..cut;
            }
            ops[k].b.start = cut;
        }
    }
}

/// Compares two texts word by word. Never panics; bounded work.
pub fn diff(a: &str, b: &str, opts: &Options, variants: &Variants) -> Diff {
    let mut raw = raw(a, b, opts, variants);
    absorb(a, b, &mut raw);
    let (ma, mb, moves) = find_moves(&raw, opts.min_moved_words);

    let mut pieces: Vec<Piece> = Vec::new();
    let mut hidden = Hidden::default();
    // The text before the first unit of each side.
    let (la, lb) = (&a[raw.ua.lead.clone()], &b[raw.ub.lead.clone()]);
    if la != lb {
        let pa: String = la.chars().filter(|c| !c.is_whitespace()).collect();
        let pb: String = lb.chars().filter(|c| !c.is_whitespace()).collect();
        if pa != pb {
            hidden.punct += 1;
        } else {
            hidden.space += 1;
        }
    }
    push_piece(
        &mut pieces,
        Piece {
            op: OpKind::Equal,
            a: raw.ua.lead.clone(),
            b: raw.ub.lead.clone(),
            moved: None,
            same: la == lb,
        },
    );
    let span = |t: &str, us: &[Unit]| -> Range<usize> {
        match (us.first(), us.last()) {
            (Some(f), Some(l)) => f.start..l.end,
            _ => t.len()..t.len(),
        }
    };
    // Where each side stands, for the empty side of a change.
    let (mut pos_a, mut pos_b) = (raw.ua.lead.end, raw.ub.lead.end);
    for seg in &raw.segs {
        match seg {
            Seg::Equal { a: ra, b: rb } => {
                for (i, j) in ra.clone().zip(rb.clone()) {
                    let (ua, ub) = (&raw.ua.units[i], &raw.ub.units[j]);
                    count_hidden(a, b, ua, ub, &mut hidden);
                    push_piece(
                        &mut pieces,
                        Piece {
                            op: OpKind::Equal,
                            a: ua.start..ua.end,
                            b: ub.start..ub.end,
                            moved: None,
                            same: a[ua.start..ua.end] == b[ub.start..ub.end],
                        },
                    );
                    (pos_a, pos_b) = (ua.end, ub.end);
                }
            }
            Seg::Change { a: ra, b: rb } => {
                for (kind, range, marks, t, us) in [
                    (OpKind::Delete, ra, &ma, a, &raw.ua.units),
                    (OpKind::Insert, rb, &mb, b, &raw.ub.units),
                ] {
                    let mut k = range.start;
                    while k < range.end {
                        let id = marks[k];
                        let mut e = k + 1;
                        while e < range.end && marks[e] == id {
                            e += 1;
                        }
                        let r = span(t, &us[k..e]);
                        let (pa, pb) = if kind == OpKind::Delete {
                            pos_a = r.end;
                            (r, pos_b..pos_b)
                        } else {
                            pos_b = r.end;
                            (pos_a..pos_a, r)
                        };
                        push_piece(
                            &mut pieces,
                            Piece {
                                op: kind,
                                a: pa,
                                b: pb,
                                moved: (id > 0).then_some(id),
                                same: false,
                            },
                        );
                        k = e;
                    }
                }
            }
        }
    }
    hidden.summary = summary(&hidden);
    move_edge_space(a, b, &mut pieces);
    let mut merged: Vec<Piece> = Vec::with_capacity(pieces.len());
    for mut p in pieces {
        if p.op == OpKind::Equal {
            p.same = a[p.a.clone()] == b[p.b.clone()];
        }
        push_piece(&mut merged, p);
    }
    let ops: Vec<Op> = merged
        .into_iter()
        .map(|p| Op {
            op: p.op,
            a: a[p.a].to_string(),
            b: b[p.b].to_string(),
            moved: p.moved,
        })
        .collect();

    let total = weight(&raw.ua.units) + weight(&raw.ub.units);
    let moved_w: u64 = raw
        .ua
        .units
        .iter()
        .zip(&ma)
        .chain(raw.ub.units.iter().zip(&mb))
        .filter(|(_, &m)| m > 0)
        .map(|(u, _)| u64::from(u.words.max(1)))
        .sum();
    let similarity = if total == 0 {
        1.0
    } else {
        ((2 * raw.matched) as f64 + moved_w as f64 * 0.5) / total as f64
    }
    .clamp(0.0, 1.0);
    let note = match raw.granularity {
        Granularity::Word => None,
        Granularity::Sentence => Some(format!(
            "the texts are long (over {} words or marks on a side): compared sentence by sentence",
            opts.max_units
        )),
        Granularity::Text => Some(
            "the texts are too long to compare in detail: shown as one replacement".to_string(),
        ),
    };
    Diff {
        ops,
        similarity,
        hidden,
        granularity: raw.granularity,
        moves,
        note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(a: &str, b: &str, ig: &str, expect: &[(&str, &str, &str)]) {
        let v = Variants::new(&[
            (
                "habomai".into(),
                vec!["Habomai".into(), "Habomais".into(), "Habomaï".into()],
            ),
            (
                "shikotan".into(),
                vec!["Shikotan".into(), "Shikoton".into()],
            ),
            ("iturup".into(), vec!["Iturup".into(), "Etorofu".into()]),
        ]);
        let opts = Options {
            ignore: Ignore::parse(ig).unwrap(),
            ..Options::default()
        };
        let d = diff(a, b, &opts, &v);
        assert_eq!(d.text_a(), a);
        assert_eq!(d.text_b(), b);
        let got: Vec<(&str, &str, &str)> = d
            .ops
            .iter()
            .map(|o| {
                let k = match o.op {
                    OpKind::Equal => "=",
                    OpKind::Insert => "+",
                    OpKind::Delete => "-",
                };
                (k, o.a.as_str(), o.b.as_str())
            })
            .collect();
        assert_eq!(got, expect, "diff of {a:?} / {b:?} ignoring {ig:?}");
    }

    #[test]
    fn diff_table() {
        check("", "", "", &[]);
        check("a b", "a b", "", &[("=", "a b", "a b")]);
        check("", "new", "", &[("+", "", "new")]);
        check(
            "the island of Shikotan",
            "the island of Shikoton",
            "spelling",
            &[
                ("=", "the island of ", "the island of "),
                ("=", "Shikotan", "Shikoton"),
            ],
        );
        // A tiny equality between two changes is absorbed.
        check(
            "agrees to continue the talks",
            "decided to resume the negotiations",
            "",
            &[
                ("-", "agrees to continue the talks", ""),
                ("+", "", "decided to resume the negotiations"),
            ],
        );
        // Different names of one island are wording, not spelling.
        check(
            "Etorofu",
            "Iturup",
            "spelling",
            &[("-", "Etorofu", ""), ("+", "", "Iturup")],
        );
        check(
            "Peace Treaty, signed",
            "peace treaty signed",
            "case,punct",
            &[
                ("=", "Peace Treaty, ", "peace treaty "),
                ("=", "signed", "signed"),
            ],
        );
    }

    #[test]
    fn hidden_counts_each_toggle() {
        let v = Variants::new(&[(
            "shikotan".into(),
            vec!["Shikotan".into(), "Shikoton".into()],
        )]);
        let opts = Options {
            ignore: Ignore::parse("case,punct,spelling").unwrap(),
            ..Options::default()
        };
        let d = diff(
            "the island of Shikoton [sic], the Peace Treaty",
            "the island of Shikotan; the peace treaty",
            &opts,
            &v,
        );
        assert_eq!(
            (d.hidden.case, d.hidden.spelling, d.hidden.punct),
            (2, 2, 1)
        );
        assert_eq!(
            d.hidden.summary,
            "2 case, 2 spelling, 1 punctuation differences hidden"
        );
        assert_eq!(d.similarity, 1.0);
    }

    #[test]
    fn swapped_sentences_are_moved() {
        let a = "The Soviet Union transfers the islands to Japan. Both countries will continue negotiations on a peace treaty.";
        let b = "Both countries will continue negotiations on a peace treaty. The Soviet Union transfers the islands to Japan.";
        let d = diff(a, b, &Options::default(), &Variants::default());
        assert_eq!(d.text_a(), a);
        assert_eq!(d.text_b(), b);
        assert_eq!(d.moves, 1);
        let moved: Vec<&Op> = d.ops.iter().filter(|o| o.moved.is_some()).collect();
        assert_eq!(moved.len(), 2);
        assert_eq!(moved[0].moved, moved[1].moved);
        assert!(d.similarity > 0.5 && d.similarity < 1.0);
    }

    #[test]
    fn long_texts_fall_back_to_sentences_then_whole() {
        let a = "One two three. Four five six. ".repeat(10);
        let b = "One two three. Four five seven. ".repeat(10);
        let opts = Options {
            max_units: 20,
            ..Options::default()
        };
        let d = diff(&a, &b, &opts, &Variants::default());
        assert_eq!(d.granularity, Granularity::Sentence);
        assert_eq!((d.text_a(), d.text_b()), (a.clone(), b.clone()));
        let opts = Options {
            max_units: 2,
            ..Options::default()
        };
        let d = diff(&a, &b, &opts, &Variants::default());
        assert_eq!(d.granularity, Granularity::Text);
        assert_eq!((d.text_a(), d.text_b()), (a, b));
        assert!(d.note.is_some());
    }

    #[test]
    fn ignore_parse_names_bad_toggle() {
        assert!(Ignore::parse("case,colour")
            .unwrap_err()
            .to_string()
            .contains("colour"));
        assert_eq!(
            Ignore::parse("punct,case").unwrap().names(),
            ["case", "punct"]
        );
    }
}
