//! Snippets and highlights: marked word positions back to text.
//!
//! The ranker hands over word positions (the n-th indexed word of a unit);
//! the text is cut again with `index::unit_words`, the same cut the
//! index used, so position n is the same word here.

use super::index::{unit_words, unit_words_iter};
use crate::model::Span;
use crate::text::Token;
use serde::Serialize;
use std::borrow::Cow;

/// Words of context in a snippet.
pub const SNIPPET_WORDS: usize = 32;

/// A piece of a snippet; `mark` is true on matched words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fragment<'a> {
    /// Borrowed from the paragraph, but where "…" is added.
    pub text: Cow<'a, str>,
    pub mark: bool,
}

/// Byte ranges of the marked words (runs of adjacent marked words merged,
/// with what lies between them).
pub(crate) fn mark_ranges(text: &str, spans: &[Span], marks: &[(u32, u32)]) -> Vec<(usize, usize)> {
    ranges_of(text, &unit_words(text, spans), marks)
}

fn ranges_of(text: &str, ws: &[Token], marks: &[(u32, u32)]) -> Vec<(usize, usize)> {
    let mut marked = vec![false; ws.len()];
    for &(p, len) in marks {
        for k in p..p.saturating_add(len) {
            if let Some(m) = marked.get_mut(k as usize) {
                *m = true;
            }
        }
    }
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (k, t) in ws.iter().enumerate() {
        if !marked[k] {
            continue;
        }
        match out.last_mut() {
            // Adjacent marked words join when only space lies between.
            Some(last) if k > 0 && marked[k - 1] && text[last.1..t.start].trim().is_empty() => {
                last.1 = t.end
            }
            _ => out.push((t.start, t.end)),
        }
    }
    out
}

/// A window of about [`SNIPPET_WORDS`] words around the densest run of
/// marks, cut into fragments; "…" where the paragraph goes on.
///
/// Words are cut only as far as the window reaches: the densest run is
/// found from the marks alone (their positions are below the unit's word
/// count), then at most one word past the window tells whether the
/// paragraph goes on.
pub(crate) fn snippet<'a>(
    text: &'a str,
    spans: &[Span],
    marks: &[(u32, u32)],
) -> Vec<Fragment<'a>> {
    snippet_of(text, spans, marks, SNIPPET_WORDS)
}

/// [`snippet`] with a window of `window` words (a short quotation).
pub(crate) fn snippet_of<'a>(
    text: &'a str,
    spans: &[Span],
    marks: &[(u32, u32)],
    window: usize,
) -> Vec<Fragment<'a>> {
    let window = window.max(1);
    // Densest window of `window` words by count of mark starts.
    let starts: Vec<usize> = marks.iter().map(|m| m.0 as usize).collect();
    let mut best = (0usize, 0usize); // (count, first mark)
    let mut j = 0;
    for (i, &p) in starts.iter().enumerate() {
        while j < starts.len() && starts[j] < p + window {
            j += 1;
        }
        if j - i > best.0 {
            best = (j - i, p);
        }
    }
    let mut first = best.1.saturating_sub(window / 4);
    let want = first + window + 1;
    let mut ws: Vec<Token> = Vec::with_capacity(want.min(text.len() / 2 + 1));
    ws.extend(unit_words_iter(text, spans).take(want));
    let n = ws.len();
    let (mut from, mut to) = (0usize, text.len());
    if n > window {
        // Fewer words than wanted: the unit ends inside the window.
        first = first.min(n - window);
        let last = first + window;
        if first > 0 {
            from = ws[first].start;
        }
        if last < n {
            to = ws[last - 1].end;
        }
    }
    let mut out = Vec::new();
    // "…" goes before the first plain text when the window starts late.
    let mut lead = from > 0;
    let mut at = from;
    for (a, b) in ranges_of(text, &ws, marks) {
        if b <= from || a >= to {
            continue;
        }
        let (a, b) = (a.max(from), b.min(to));
        out.extend(plain(&text[at..a], lead, false));
        lead = false;
        out.push(Fragment {
            text: Cow::Borrowed(&text[a..b]),
            mark: true,
        });
        at = b;
    }
    out.extend(plain(&text[at..to], lead, to < text.len()));
    out
}

/// Unmarked text, with "…" before or after it; none if that is nothing.
fn plain(piece: &str, before: bool, after: bool) -> Option<Fragment<'_>> {
    let text = match (before, after) {
        (false, false) if piece.is_empty() => return None,
        (false, false) => Cow::Borrowed(piece),
        _ => {
            let mut s = String::with_capacity(piece.len() + 6);
            if before {
                s.push('…');
            }
            s.push_str(piece);
            if after {
                s.push('…');
            }
            Cow::Owned(s)
        }
    };
    Some(Fragment { text, mark: false })
}

/// A snippet as plain text with the marked fragments in `[brackets]`.
pub fn bracketed(snippet: &[Fragment]) -> String {
    snippet
        .iter()
        .map(|f| {
            if f.mark {
                format!("[{}]", f.text)
            } else {
                f.text.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, marks: &[(u32, u32)], expect: &str) {
        assert_eq!(bracketed(&snippet(text, &[], marks)), expect);
    }

    #[test]
    fn snippet_table() {
        check(
            "Habomai and Shikotan.",
            &[(0, 3)],
            "[Habomai and Shikotan].",
        );
        check(
            "Habomai and Shikotan.",
            &[(0, 1), (2, 1)],
            "[Habomai] and [Shikotan].",
        );
        check("", &[], "");
        check("a b", &[(9, 1)], "a b");
        let long: Vec<String> = (0..100).map(|i| format!("w{i}")).collect();
        let long = long.join(" ");
        let s = snippet(&long, &[], &[(60, 1)]);
        let text: String = s.iter().map(|f| &*f.text).collect();
        assert!(text.starts_with("…w52 "), "{text}");
        assert!(text.ends_with(" w83…"), "{text}");
        assert_eq!(s.iter().filter(|f| f.mark).count(), 1);
    }
}
