//! Marks inside a paragraph: Markdown emphasis, editorial brackets,
//! footnote markers and `sic` notes. Everything here maps source text to
//! `(text, spans)`; offsets are UTF-8 bytes into the output text.

use crate::model::{Span, SpanKind};

/// Removes Markdown emphasis markers (`**strong**`, `*emphasis*`) and marks
/// what they enclosed. An asterisk without a partner stays as written.
pub fn strip_emphasis(src: &str) -> (String, Vec<Span>) {
    emphasis(src, 0)
}

/// Emphasis may nest this deep; deeper asterisks stay as written.
const MAX_NESTING: usize = 4;
/// An emphasis closes within this many bytes or its asterisk is text.
const MAX_EMPHASIS: usize = 4096;

fn emphasis(src: &str, depth: usize) -> (String, Vec<Span>) {
    let mut out = String::with_capacity(src.len());
    let mut spans = Vec::new();
    let b = src.as_bytes();
    let mut i = 0;
    while i < src.len() {
        if b[i] == b'*' {
            let strong = b.get(i + 1) == Some(&b'*');
            let marker = if strong { "**" } else { "*" };
            let inner_start = i + marker.len();
            let opens = src[inner_start..]
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace() && c != '*');
            if opens && depth < MAX_NESTING {
                if let Some(close) = find_closing(src, inner_start, marker) {
                    let (inner, mut inner_spans) = emphasis(&src[inner_start..close], depth + 1);
                    let start = out.len() as u32;
                    for s in &mut inner_spans {
                        s.start += start;
                        s.end += start;
                    }
                    out.push_str(&inner);
                    let kind = if strong {
                        SpanKind::Strong
                    } else {
                        SpanKind::Emphasis
                    };
                    spans.push(Span {
                        start,
                        end: out.len() as u32,
                        kind,
                    });
                    spans.append(&mut inner_spans);
                    i = close + marker.len();
                    continue;
                }
            }
            // A lone asterisk (or a pair with nothing to close it) is text.
            out.push_str(marker);
            i += marker.len();
            continue;
        }
        let c = src[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    (out, spans)
}

/// Position of the marker closing an emphasis opened before `from`: a
/// `marker` preceded by a non-space and (for `*`) not part of `**`.
fn find_closing(src: &str, from: usize, marker: &str) -> Option<usize> {
    let b = src.as_bytes();
    let mut limit = (from + MAX_EMPHASIS).min(src.len());
    while !src.is_char_boundary(limit) {
        limit -= 1;
    }
    let mut i = from;
    while let Some(off) = src.get(i..limit).and_then(|s| s.find(marker)) {
        let at = i + off;
        let prev_ok = src[..at].chars().last().is_some_and(|c| !c.is_whitespace());
        let single_ok = marker == "**" || (b.get(at + 1) != Some(&b'*') && b[at - 1] != b'*');
        if at > from && prev_ok && single_ok {
            return Some(at);
        }
        i = at + marker.len();
        if marker == "*" && b.get(at + 1) == Some(&b'*') {
            i += 1; // skip a `**` when looking for a single `*`
        }
    }
    None
}

/// Editorial insertions: each `[…]` (on one paragraph, no nesting) is marked,
/// brackets included. `H[abomai]` marks `[abomai]`.
pub fn brackets(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut i = 0;
    while let Some(off) = text[i..].find('[') {
        let open = i + off;
        match text[open + 1..].find([']', '[']) {
            Some(rel) if text.as_bytes()[open + 1 + rel] == b']' && rel > 0 => {
                let end = open + 1 + rel + 1;
                spans.push(Span {
                    start: open as u32,
                    end: end as u32,
                    kind: SpanKind::Editorial,
                });
                i = end;
            }
            _ => i = open + 1,
        }
    }
    spans
}

const SUPER_DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

fn super_digit(c: char) -> Option<u32> {
    SUPER_DIGITS.iter().position(|&d| d == c).map(|n| n as u32)
}

/// A footnote marker found in text: its byte range and note number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Marker {
    pub start: usize,
    pub end: usize,
    pub n: u32,
}

/// Superscript markers `⁽¹²⁾` (the parentheses may be missing: `¹²`).
pub fn superscript_markers(text: &str) -> Vec<Marker> {
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some((start, c)) = it.next() {
        let (mut n, mut digits) = match (c, super_digit(c)) {
            ('⁽', _) => (0u32, 0usize),
            (_, Some(d)) => (d, 1),
            _ => continue,
        };
        let mut end = start + c.len_utf8();
        while let Some(&(i, d)) = it.peek() {
            // `⁽12⁾` with ASCII digits is a marker too.
            let ascii = (c == '⁽').then(|| d.to_digit(10)).flatten();
            match super_digit(d).or(ascii) {
                Some(v) if digits < 4 => {
                    n = n * 10 + v;
                    digits += 1;
                    end = i + d.len_utf8();
                    it.next();
                }
                _ => break,
            }
        }
        if let Some(&(i, '⁾')) = it.peek() {
            end = i + '⁾'.len_utf8();
            it.next();
        } else if c == '⁽' {
            continue; // `⁽` with no closing `⁾`: not a marker we understand
        }
        if digits > 0 {
            out.push(Marker { start, end, n });
        }
    }
    out
}

/// Plain markers `(3)` standing where a superscript would: a parenthesised
/// number directly followed by punctuation or the end of the paragraph
/// (`…the free world (3).”`). A number followed by a word, as in the list
/// `(1) termination of …`, is an enumeration, not a marker.
pub fn plain_markers(text: &str) -> Vec<Marker> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(off) = text[i..].find('(') {
        let start = i + off;
        i = start + 1;
        let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 || digits > 3 || b.get(i + digits) != Some(&b')') {
            continue;
        }
        let end = i + digits + 1;
        let after = text[end..].chars().next();
        let is_marker = match after {
            None => true,
            Some(c) => !c.is_alphanumeric() && !c.is_whitespace() && c != '(',
        };
        if is_marker {
            let n = text[i..i + digits].parse().unwrap_or(0);
            out.push(Marker { start, end, n });
        }
        i = end;
    }
    out
}

/// Every whole-word occurrence of `needle` in `text` (byte ranges).
pub fn occurrences(text: &str, needle: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    let word = |c: Option<char>| c.is_some_and(crate::text::is_word_char);
    let first_is_word = word(needle.chars().next());
    let last_is_word = word(needle.chars().last());
    let mut i = 0;
    while let Some(off) = text[i..].find(needle) {
        let start = i + off;
        let end = start + needle.len();
        let before_ok = !first_is_word || !word(text[..start].chars().last());
        let after_ok = !last_is_word || !word(text[end..].chars().next());
        if before_ok && after_ok {
            out.push((start, end));
        }
        i = start + needle.chars().next().map_or(1, char::len_utf8);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(spans: &[Span], text: &str) -> Vec<(String, SpanKind)> {
        spans
            .iter()
            .map(|s| {
                (
                    text[s.start as usize..s.end as usize].to_string(),
                    s.kind.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn emphasis() {
        type Row<'a> = (&'a str, &'a str, &'a [(&'a str, SpanKind)]);
        let table: &[Row] = &[
            (
                "*PRAVDA* said",
                "PRAVDA said",
                &[("PRAVDA", SpanKind::Emphasis)],
            ),
            ("a **b** c", "a b c", &[("b", SpanKind::Strong)]),
            ("2 * 3 = 6", "2 * 3 = 6", &[]),
            (
                "*op. cit.*, p. 3",
                "op. cit., p. 3",
                &[("op. cit.", SpanKind::Emphasis)],
            ),
            ("lone *star", "lone *star", &[]),
            (
                "*a* and *b*",
                "a and b",
                &[("a", SpanKind::Emphasis), ("b", SpanKind::Emphasis)],
            ),
        ];
        for (src, want_text, want) in table {
            let (text, spans) = strip_emphasis(src);
            assert_eq!(&text, want_text, "{src}");
            let want: Vec<(String, SpanKind)> = want
                .iter()
                .map(|(s, k)| (s.to_string(), k.clone()))
                .collect();
            assert_eq!(kinds(&spans, &text), want, "{src}");
        }
    }

    #[test]
    fn markers() {
        let t = "peace⁽⁵⁾. Yet ⁽¹²⁾ and (3).” but (1) termination and (4)";
        let sup: Vec<u32> = superscript_markers(t).iter().map(|m| m.n).collect();
        assert_eq!(sup, [5, 12]);
        let plain: Vec<u32> = plain_markers(t).iter().map(|m| m.n).collect();
        assert_eq!(plain, [3, 4]);
    }

    #[test]
    fn bracket_spans() {
        let t = "H[abomai] and [illegible] but [unclosed";
        let got: Vec<&str> = brackets(t)
            .iter()
            .map(|s| &t[s.start as usize..s.end as usize])
            .collect();
        assert_eq!(got, ["[abomai]", "[illegible]"]);
    }

    #[test]
    fn whole_words_only() {
        assert_eq!(occurrences("Masumoto, Masumotos", "Masumoto"), [(0, 8)]);
        assert_eq!(
            occurrences("on October 17, 1965", "October 17, 1965").len(),
            1
        );
    }
}
