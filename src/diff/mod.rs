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
mod options;
pub mod passages;
mod raw;
mod units;

use options::*;
pub(crate) use options::{common_sorted, STOP};
pub use options::{Ignore, Options, Variants, MAX_UNITS};
use raw::*;
use units::*;

use crate::sort::StableSort;
use crate::text::{fold, lowercase, push_lowercase, term, tokenize, TokenKind};
use serde::{Deserialize, Serialize};
use similar::algorithms::{histogram, DiffHook};
use std::collections::HashMap;
use std::ops::Range;

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
