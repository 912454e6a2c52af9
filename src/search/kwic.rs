//! Concordance (key word in context): one line per occurrence of a query's
//! matches, the match between its left and right context.
//!
//! The occurrences are the marked ranges search reports: every range
//! [`snippet::mark_ranges`] marks in every matching paragraph, so a phrase is
//! one occurrence and the typo, stem and alias matches of search are here
//! too; ranges within one written word (`S[hikotan]`) are one occurrence. Context is cut from the paragraph at most [`CONTEXT_CHARS`]
//! characters either side, at a word boundary of the one tokenizer.
//!
//! Lines come in collection order (document, paragraph, offset) and can be
//! sorted ([`Sort`]) stably, so equal keys keep that order: by the words
//! to the left read outwards from the match (the concordancer's "1L"), by
//! the words to the right, by date, by document id or by speaker. All
//! occurrences are sorted before `limit` cuts the list.
//!
//! ```
//! use docent::{Collection, Document, Paragraph, ParaKind};
//! use docent::search::kwic::Sort;
//! let para = |t: &str| Paragraph { kind: ParaKind::Body, speaker: None, text: t.into(), spans: vec![], line: 1 };
//! let doc = Document { id: "d".into(), title: "T".into(),
//!     paragraphs: vec![para("Habomai and Shikotan; later Shikotan again.")], ..Default::default() };
//! let c = Collection::build(vec![doc], Default::default(), Default::default());
//! let k = c.kwic("shikotan", 10, Sort::Left).unwrap();
//! assert_eq!(k.total, 2);
//! assert_eq!((k.lines[0].left, k.lines[0].matched, k.lines[0].right), ("Habomai and ", "Shikotan", "; later Shikotan again."));
//! assert_eq!(k.lines[1].left, "Habomai and Shikotan; later ");
//! ```

use super::{snippet, unit_marks, Query};
use crate::sort::StableSort;
use crate::text::{fold, is_word_char, tokenize, TokenKind};
use crate::{Collection, Error};
use serde::Serialize;

/// Characters of context either side of a match, at most.
pub const CONTEXT_CHARS: usize = 60;
/// Most lines one answer lists (`total` counts them all).
pub const MAX_LINES: usize = 10_000;
/// Words of context a left or right sort compares; beyond them ties keep
/// collection order (a concordance is read by its nearest words).
const KEY_WORDS: usize = 4;

/// How the lines are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Collection order: document, paragraph, offset.
    #[default]
    Text,
    /// By the words to the left, nearest first.
    Left,
    /// By the words to the right.
    Right,
    /// By the document's date (undated last).
    Date,
    /// By document id.
    Doc,
    /// By speaker (lines without one last).
    Speaker,
}

impl Sort {
    /// By name: `text`, `left`, `right`, `date`, `doc`, `speaker`.
    pub fn parse(name: &str) -> Option<Sort> {
        let all = [
            ("text", Sort::Text),
            ("left", Sort::Left),
            ("right", Sort::Right),
            ("date", Sort::Date),
            ("doc", Sort::Doc),
            ("speaker", Sort::Speaker),
        ];
        all.into_iter().find(|(n, _)| *n == name).map(|(_, s)| s)
    }
}

/// The concordance of a query (the JSON of `docent kwic --json` and of
/// `Docent.kwic`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Concordance<'a> {
    pub query: String,
    /// Occurrences in all.
    pub total: usize,
    /// The first `limit` occurrences in the order asked for.
    pub lines: Vec<Line<'a>>,
    /// What was ignored or relaxed, in plain words (as search says it).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<String>,
}

/// One occurrence; `left + match + right` is a piece of the paragraph.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Line<'a> {
    pub doc: &'a str,
    pub date: Option<String>,
    pub paragraph: u32,
    pub speaker: Option<&'a str>,
    pub left: &'a str,
    #[serde(rename = "match")]
    pub matched: &'a str,
    pub right: &'a str,
    /// The match's byte range in the paragraph's text (UTF-16 in the wasm).
    pub start: u32,
    pub end: u32,
}

impl Concordance<'_> {
    /// The lines as RFC 4180 CSV (`docent kwic --csv`): a header row, CRLF
    /// line ends, a field with a comma, quote or line break in quotes, its
    /// quotes doubled.
    pub fn csv(&self) -> String {
        let mut out = String::from("doc,date,paragraph,speaker,left,match,right,start,end\r\n");
        for l in &self.lines {
            let (para, start, end) = (
                l.paragraph.to_string(),
                l.start.to_string(),
                l.end.to_string(),
            );
            let date = l.date.as_deref().unwrap_or("");
            let row = [
                l.doc,
                date,
                &para,
                l.speaker.unwrap_or(""),
                l.left,
                l.matched,
                l.right,
                &start,
                &end,
            ];
            for (i, f) in row.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                if f.contains([',', '"', '\r', '\n']) {
                    out.push('"');
                    out.push_str(&f.replace('"', "\"\""));
                    out.push('"');
                } else {
                    out.push_str(f);
                }
            }
            out.push_str("\r\n");
        }
        out
    }
}

/// An occurrence before its line is written out.
struct Occ {
    doc: usize,
    para: u32,
    start: usize,
    end: usize,
}

impl Collection {
    /// Every occurrence of `query`'s matches, sorted by `sort`, the first
    /// `limit` (at most [`MAX_LINES`]) written out. Fails only when the text
    /// of a matching document is not loaded ([`Collection::need`]).
    pub fn kwic(&self, query: &str, limit: usize, sort: Sort) -> Result<Concordance<'_>, Error> {
        let q = Query::parse(query);
        let ev = self.index.evaluate(&self.docs, &q);
        let mut notices = q.notices.clone();
        if ev.partial {
            notices
                .push("no paragraph has every word; showing paragraphs with some of them".into());
        }
        let units = &self.index.units;
        let mut matches: Vec<u32> = ev.matches.iter().map(|s| s.unit).collect();
        matches.stable_sort_by_key(|&u| (units[u as usize].doc, units[u as usize].para));
        self.need(matches.iter().map(|&u| units[u as usize].doc as usize))?;
        let mut occs: Vec<Occ> = Vec::new();
        for &u in &matches {
            let unit = units[u as usize];
            let p = &self.docs[unit.doc as usize].paragraphs[unit.para as usize];
            let marks = unit_marks(&ev.clauses, u);
            let from = occs.len();
            for (start, end) in snippet::mark_ranges(&p.text, &p.spans, &marks) {
                // Pieces of one written word ("S[hikotan]" marks "S" and
                // "hikotan") are one occurrence.
                let mine = occs.len() > from;
                match occs.last_mut() {
                    Some(o) if mine && !p.text[o.end..start].contains(char::is_whitespace) => {
                        o.end = end
                    }
                    _ => occs.push(Occ {
                        doc: unit.doc as usize,
                        para: unit.para,
                        start,
                        end,
                    }),
                }
            }
        }
        self.sort_occurrences(&mut occs, sort);
        let lines = occs
            .iter()
            .take(limit.min(MAX_LINES))
            .map(|o| self.line(o))
            .collect();
        Ok(Concordance {
            query: q.text.clone(),
            total: occs.len(),
            lines,
            notices,
        })
    }

    fn text_of(&self, o: &Occ) -> &str {
        &self.docs[o.doc].paragraphs[o.para as usize].text
    }

    /// Sorts stably by `sort` (the occurrences come in collection order).
    fn sort_occurrences(&self, occs: &mut [Occ], sort: Sort) {
        let docs = &self.docs;
        let speaker = |o: &Occ| {
            let s = docs[o.doc].paragraphs[o.para as usize].speaker.as_ref();
            (s.is_none(), s.map(|s| fold(&s.name)))
        };
        match sort {
            Sort::Text => {}
            Sort::Date => occs.stable_sort_by_key(|o| {
                let d = docs[o.doc].date;
                (d.is_none(), d)
            }),
            Sort::Doc => occs.stable_sort_by(|a, b| docs[a.doc].id.cmp(&docs[b.doc].id)),
            Sort::Speaker => {
                let keys: Vec<_> = occs.iter().map(speaker).collect();
                sort_by_keys(occs, &keys);
            }
            Sort::Left | Sort::Right => {
                // The nearest words, folded, joined by a character below
                // any letter: one string compares as the word list would.
                let keys: Vec<String> = occs
                    .iter()
                    .map(|o| {
                        let (l, _, r) = context(self.text_of(o), o.start, o.end);
                        let side = if sort == Sort::Left { l } else { r };
                        let mut words: Vec<&str> = tokenize(side)
                            .iter()
                            .filter(|t| t.kind == TokenKind::Word)
                            .map(|t| &side[t.start..t.end])
                            .collect();
                        if sort == Sort::Left {
                            words.reverse();
                        }
                        let mut key = String::new();
                        for w in words.iter().take(KEY_WORDS) {
                            key.push_str(&fold(w));
                            key.push('\u{1}');
                        }
                        key
                    })
                    .collect();
                sort_by_keys(occs, &keys);
            }
        }
    }

    fn line(&self, o: &Occ) -> Line<'_> {
        let doc = &self.docs[o.doc];
        let p = &doc.paragraphs[o.para as usize];
        let (left, matched, right) = context(&p.text, o.start, o.end);
        Line {
            doc: &doc.id,
            date: doc.date.map(|d| d.iso()),
            paragraph: o.para,
            speaker: p.speaker.as_ref().map(|s| s.name.as_str()),
            left,
            matched,
            right,
            start: o.start as u32,
            end: o.end as u32,
        }
    }
}

/// Sorts `items` stably by precomputed `keys` (one per item, same order).
fn sort_by_keys<T, K: Ord>(items: &mut [T], keys: &[K]) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.stable_sort_by(|&a, &b| keys[a].cmp(&keys[b]));
    // Apply the permutation: item order[i] goes to position i.
    let mut rank = vec![0usize; items.len()];
    for (i, &o) in order.iter().enumerate() {
        rank[o] = i;
    }
    for i in 0..items.len() {
        while rank[i] != i {
            let j = rank[i];
            items.swap(i, j);
            rank.swap(i, j);
        }
    }
}

/// The left context, the match and the right context of `text[start..end]`:
/// at most [`CONTEXT_CHARS`] characters either side, a word cut in two left
/// out, space at the outer edges trimmed.
pub fn context(text: &str, start: usize, end: usize) -> (&str, &str, &str) {
    let before = &text[..start];
    let mut lo = before
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    if lo > 0 && ends_in_word(&text[..lo]) && starts_with_word(&text[lo..]) {
        // The window starts inside a word: begin after it.
        lo += tokenize(&text[lo..start]).first().map_or(0, |t| t.end);
    }
    let after = &text[end..];
    let mut hi = end
        + after
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(after.len(), |(i, _)| i);
    if hi < text.len() && ends_in_word(&text[..hi]) && starts_with_word(&text[hi..]) {
        hi = end + tokenize(&text[end..hi]).last().map_or(0, |t| t.start);
    }
    (
        text[lo..start].trim_start(),
        &text[start..end],
        text[end..hi].trim_end(),
    )
}

fn ends_in_word(s: &str) -> bool {
    s.chars().next_back().is_some_and(is_word_char)
}

fn starts_with_word(s: &str) -> bool {
    s.chars().next().is_some_and(is_word_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `context` of the match `m` in `text` (its first occurrence) is `expect`.
    fn check(text: &str, m: &str, expect: (&str, &str, &str)) {
        let start = text.find(m).unwrap();
        assert_eq!(context(text, start, start + m.len()), expect, "{text:?}");
    }

    #[test]
    fn context_table() {
        check("a b c", "b", ("a ", "b", " c"));
        check("war", "war", ("", "war", ""));
        let long = "alpha ".repeat(20);
        let text = format!("{long}WAR {long}");
        let (l, _, r) = context(&text, 120, 123);
        assert!(
            l.len() <= 60 && l.starts_with("alpha") && l.ends_with(' '),
            "{l:?}"
        );
        assert!(
            r.len() <= 60 && r.ends_with("alpha") && r.starts_with(' '),
            "{r:?}"
        );
        // Cut inside a word: that word is left out (Cyrillic counts by characters).
        let text = format!("{} Хрущёв said", "ж".repeat(70));
        check(&text, "said", ("Хрущёв ", "said", ""));
        let mut v = vec!['b', 'a', 'c', 'a'];
        sort_by_keys(&mut v, &['b', 'a', 'c', 'a']);
        assert_eq!(v, ['a', 'a', 'b', 'c']);
    }
}
