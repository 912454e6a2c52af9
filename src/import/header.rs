//! The record header, in the layouts the archives export (see the module
//! docs of [`crate::import`]).

use crate::diag::Diagnostic;
use crate::model::Date;

/// One source line: its 1-based number and its text (no line ending).
pub type Line<'a> = (u32, &'a str);

/// What the header says about the document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Header {
    pub title: String,
    pub date: Option<Date>,
    pub date_label: String,
    pub fields: Vec<(String, String)>,
    pub partial: Option<String>,
    /// Index (into the lines given) of the first line of the text.
    pub text_start: usize,
}

/// Which layout a record is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Wilson Center Digital Archive: date line, title, `Citation:` …
    /// `Contents:`, then the text.
    Archive,
    /// `Title:` / `Date:` / `Source:` … lines, a blank line, the text.
    Fields,
    /// No header: the first paragraph is the title, an optional second one
    /// of two to five capitalised words is the author.
    Bare,
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Parses a written date: "October 17, 1956", "17 October 1956",
/// "October 1956", "1956", or ISO.
pub fn parse_written_date(s: &str) -> Option<Date> {
    let s = s.trim().trim_end_matches('.');
    if let Some(d) = Date::parse_iso(s) {
        if s.len() >= 4 && s.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
            return Some(d);
        }
    }
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let month = |w: &str| {
        MONTHS
            .iter()
            .position(|m| m.eq_ignore_ascii_case(w))
            .map(|i| i as u8 + 1)
    };
    let num = |w: &str| -> Option<u32> {
        let w = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        w.parse().ok()
    };
    let (year, month, day) = match words.as_slice() {
        [m, d, y] if month(m).is_some() => (num(y)?, month(m)?, num(d)?),
        [d, m, y] if month(m).is_some() => (num(y)?, month(m)?, num(d)?),
        [m, y] if month(m).is_some() => (num(y)?, month(m)?, 0),
        _ => return None,
    };
    if !(1..=9999).contains(&year) || day > 31 {
        return None;
    }
    Some(Date {
        year: year as u16,
        month,
        day: day as u8,
    })
}

/// A line without Markdown heading marks and surrounding `**`.
pub fn unmark(line: &str) -> &str {
    let t = line.trim().trim_start_matches('#').trim();
    let t = t
        .strip_prefix("**")
        .and_then(|t| t.strip_suffix("**"))
        .unwrap_or(t);
    t.trim()
}

/// `Citation:`, `#### **Summary:**` → the label, if `line` is a header label
/// alone on its line.
fn label(line: &str) -> Option<&str> {
    let t = unmark(line);
    let t = t.strip_suffix(':').or_else(|| {
        // `**Citation:**` unmarks to `Citation:`; `**Citation**:` too.
        t.strip_suffix("**:").map(|s| s.trim_start_matches("**"))
    })?;
    let ok = !t.is_empty()
        && t.len() <= 40
        && t.starts_with(|c: char| c.is_uppercase())
        && t.chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '&');
    ok.then_some(t)
}

fn is_blank(l: &Line) -> bool {
    l.1.trim().is_empty()
}

/// Decides the layout of a record from its first lines.
pub fn layout(lines: &[Line]) -> Layout {
    let first = lines.iter().find(|l| !is_blank(l));
    let field_line = |l: &str| {
        l.split_once(':')
            .is_some_and(|(k, _)| FIELD_KEYS.contains(&k.trim()))
    };
    if first.is_some_and(|l| field_line(l.1)) {
        return Layout::Fields;
    }
    let has_citation = lines
        .iter()
        .filter(|l| !is_blank(l))
        .take(40)
        .any(|l| label(l.1) == Some("Citation"));
    if has_citation {
        Layout::Archive
    } else {
        Layout::Bare
    }
}

/// Parses the header of `lines` in `layout`.
pub fn parse(path: &str, lines: &[Line], layout: Layout) -> (Header, Vec<Diagnostic>) {
    match layout {
        Layout::Archive => archive(path, lines),
        Layout::Fields => fields(path, lines),
        Layout::Bare => bare(path, lines),
    }
}

/// The paragraph (run of non-blank lines) starting at or after `i`:
/// (first index, one-past-last index).
fn next_block(lines: &[Line], mut i: usize) -> Option<(usize, usize)> {
    while i < lines.len() && is_blank(&lines[i]) {
        i += 1;
    }
    if i >= lines.len() {
        return None;
    }
    let mut j = i;
    while j < lines.len() && !is_blank(&lines[j]) {
        j += 1;
    }
    Some((i, j))
}

/// Lines joined with spaces, Markdown heading marks and emphasis removed.
fn join(lines: &[Line]) -> String {
    let parts: Vec<&str> = lines
        .iter()
        .map(|l| l.1.trim().trim_start_matches('#').trim())
        .collect();
    super::inline::strip_emphasis(&parts.join(" ")).0
}

fn archive(path: &str, lines: &[Line]) -> (Header, Vec<Diagnostic>) {
    let mut h = Header::default();
    let mut diags = Vec::new();
    let Some(cit) = lines.iter().position(|l| label(l.1) == Some("Citation")) else {
        return (h, diags);
    };
    // Date line, then the title, then `Citation:`.
    let mut head: Vec<Line> = lines[..cit]
        .iter()
        .copied()
        .filter(|l| !is_blank(l))
        .collect();
    if let Some(first) = head.first() {
        if let Some(d) = parse_written_date(unmark(first.1)) {
            h.date = Some(d);
            h.date_label = unmark(first.1).to_string();
            head.remove(0);
        }
    }
    if h.date.is_none() {
        diags.push(
            Diagnostic::warning(path, Some(head.first().map_or(lines[cit].0, |l| l.0)), "the record has no date line")
                .help("put the date (\"October 17, 1956\") on the first line, or give `date:` in front matter"),
        );
    }
    h.title = join(&head);
    if h.title.is_empty() {
        diags.push(
            Diagnostic::new(path, Some(lines[cit].0), "the record has no title")
                .help("put the title on the line(s) between the date line and `Citation:`, or give `title:` in front matter"),
        );
    }

    // Labels and their values, up to and including `Contents:`.
    let mut i = cit;
    let mut saw_contents = false;
    while i < lines.len() {
        let Some(name) = label(lines[i].1) else { break };
        let label_line = lines[i].0;
        i += 1;
        let mut value: Vec<Line> = Vec::new();
        if name == "Contents" {
            saw_contents = true;
            if let Some((a, b)) = next_block(lines, i) {
                if label(lines[a].1).is_none() {
                    value.extend_from_slice(&lines[a..b]);
                    i = b;
                }
            }
        } else {
            while let Some((a, b)) = next_block(lines, i) {
                if label(lines[a].1).is_some() {
                    break;
                }
                value.extend_from_slice(&lines[a..b]);
                i = b;
            }
        }
        // `<https://…>` lines are the record's address.
        let (urls, rest): (Vec<Line>, Vec<Line>) = value.into_iter().partition(|l| {
            let t = l.1.trim();
            t.starts_with("<http") && t.ends_with('>')
        });
        let text = join(&rest);
        if text.is_empty() {
            diags.push(
                Diagnostic::new(
                    path,
                    Some(label_line),
                    format!("the header field `{name}:` has no value"),
                )
                .help(format!(
                    "put the {name} on the line(s) after `{name}:`, or remove the label"
                )),
            );
        } else {
            h.fields.push((name.to_string(), text));
        }
        for u in urls {
            let t = u.1.trim();
            h.fields
                .push(("Source".to_string(), t[1..t.len() - 1].to_string()));
        }
        if name == "Contents" {
            break;
        }
        // Skip to the next label line.
        while i < lines.len() && is_blank(&lines[i]) {
            i += 1;
        }
    }
    if !saw_contents {
        diags.push(
            Diagnostic::new(path, Some(lines[cit].0), "the header has no `Contents:` label, so the text cannot be found")
                .help("the text starts after the value of `Contents:` (e.g. `Translation - English`); add that label"),
        );
        i = lines.len();
    }
    h.text_start = i;
    (h, diags)
}

/// Known `Key:` names of the field layout (others are kept as fields too).
const FIELD_KEYS: &[&str] = &[
    "Title",
    "Date",
    "Source",
    "Publisher",
    "Rights",
    "Found-via",
    "Note",
];

fn fields(path: &str, lines: &[Line]) -> (Header, Vec<Diagnostic>) {
    let mut h = Header::default();
    let mut diags = Vec::new();
    let start = lines.iter().position(|l| !is_blank(l)).unwrap_or(0);
    let mut i = start;
    while i < lines.len() && !is_blank(&lines[i]) {
        let (no, line) = lines[i];
        i += 1;
        let Some((key, value)) = line.split_once(':').filter(|(k, _)| {
            !k.is_empty()
                && k.len() <= 40
                && k.chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == ' ')
        }) else {
            diags.push(
                Diagnostic::new(path, Some(no), format!("malformed header line `{}`", short(line)))
                    .help("header lines are `Key: value` (Title, Date, Source, …); end the header with a blank line before the text"),
            );
            continue;
        };
        let (key, value) = (key.trim(), value.trim());
        if value.is_empty() {
            diags.push(
                Diagnostic::new(
                    path,
                    Some(no),
                    format!("the header field `{key}:` has no value"),
                )
                .help(format!(
                    "write the {key} after `{key}:`, or remove the line"
                )),
            );
            continue;
        }
        match key {
            "Title" => h.title = value.to_string(),
            "Date" => match Date::parse_iso(value) {
                Some(d) => {
                    h.date = Some(d);
                    h.date_label = value.to_string();
                }
                None => diags.push(
                    Diagnostic::new(
                        path,
                        Some(no),
                        format!("`Date: {value}` is not an ISO date"),
                    )
                    .help("write it as YYYY-MM-DD (or YYYY-MM, YYYY)"),
                ),
            },
            _ => {
                if key == "Note" && value.contains("PARTIAL") {
                    h.partial = Some(missing_part(value));
                }
                if !FIELD_KEYS.contains(&key) {
                    diags.push(
                        Diagnostic::warning(
                            path,
                            Some(no),
                            format!("unknown header field `{key}` (kept as a field)"),
                        )
                        .help(format!("the known fields are {}", FIELD_KEYS.join(", "))),
                    );
                }
                h.fields.push((key.to_string(), value.to_string()));
            }
        }
    }
    if h.title.is_empty() {
        diags.push(
            Diagnostic::new(
                path,
                Some(lines.get(start).map_or(1, |l| l.0)),
                "the record has no title",
            )
            .help("add a `Title: …` line to the header"),
        );
    }
    h.text_start = i;
    (h, diags)
}

/// What a `Note: PARTIAL. …` says is missing: its `Missing: …` sentence, or
/// else the first sentence after `PARTIAL`.
fn missing_part(note: &str) -> String {
    let sentences = sentences(note);
    if let Some(s) = sentences.iter().find(|s| s.starts_with("Missing")) {
        return s.to_string();
    }
    let after = sentences
        .iter()
        .skip_while(|s| !s.contains("PARTIAL"))
        .find(|s| !s.trim_end_matches('.').trim().eq("PARTIAL"));
    after.map_or_else(|| note.to_string(), |s| s.to_string())
}

/// Sentences: cut after `.`, `!` or `?` followed by a space and a capital.
fn sentences(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let cs: Vec<(usize, char)> = s.char_indices().collect();
    for w in cs.windows(3) {
        let ((_, a), (_, b), (k, c)) = (w[0], w[1], w[2]);
        if matches!(a, '.' | '!' | '?') && b == ' ' && c.is_uppercase() {
            out.push(s[start..k].trim());
            start = k;
        }
    }
    out.push(s[start..].trim());
    out
}

fn bare(path: &str, lines: &[Line]) -> (Header, Vec<Diagnostic>) {
    let mut h = Header::default();
    let mut diags = Vec::new();
    let Some((a, b)) = next_block(lines, 0) else {
        diags.push(
            Diagnostic::new(path, Some(1), "the file is empty")
                .help("put the record's text in the file, or delete it"),
        );
        h.text_start = lines.len();
        return (h, diags);
    };
    h.title = join(&lines[a..b]);
    h.text_start = b;
    if let Some((c, d)) = next_block(lines, b) {
        let t = join(&lines[c..d]);
        if d == c + 1 && is_name(&t) {
            h.fields.push(("Author".to_string(), t));
            h.text_start = d;
        }
    }
    (h, diags)
}

/// "Motohide Saito", "S. L. Tikhvinsky": two to five capitalised words.
fn is_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && s.len() <= 60
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '.' || c == '-' || c == '\'')
        })
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// What a title says a document is, by the earliest kind word in it (the
/// longer phrase first where two start at one word): "Memorandum of
/// Conversation of N.S. Khrushchev …" is a memorandum of conversation,
/// "Comrade N.S. Khrushchev's Note on a Memorandum …" a note, "Notes
/// Prepared in the Office …" notes. `None` when the title names no kind.
pub fn kind_from_title(title: &str) -> Option<&'static str> {
    const KINDS: &[(&str, &str)] = &[
        ("memorandum of a conversation", "memorandum of conversation"),
        ("memorandum of conversation", "memorandum of conversation"),
        ("record of a conversation", "record of conversation"),
        ("record of conversation", "record of conversation"),
        ("minutes of a conversation", "record of conversation"),
        ("minutes of conversation", "record of conversation"),
        ("editorial note", "editorial note"),
        ("joint declaration", "declaration"),
        ("joint statement", "statement"),
        ("aide-mémoire", "aide-mémoire"),
        ("aide-memoire", "aide-mémoire"),
        ("memorandum", "memorandum"),
        ("memo", "memorandum"),
        ("telegram", "telegram"),
        ("cable", "telegram"),
        ("despatch", "despatch"),
        ("dispatch", "despatch"),
        ("letter", "letter"),
        ("notes", "notes"),
        ("note", "note"),
        ("minutes", "minutes"),
        ("treaty", "treaty"),
        ("declaration", "declaration"),
        ("agreement", "agreement"),
        ("statement", "statement"),
        ("report", "report"),
        ("speech", "speech"),
        ("chapter", "chapter"),
    ];
    let lower = crate::text::lowercase(title);
    // Word starts of the lower-cased title, in order.
    let starts = lower
        .char_indices()
        .filter(|&(i, c)| {
            c.is_alphanumeric() && !lower[..i].ends_with(|p: char| p.is_alphanumeric())
        })
        .map(|(i, _)| i);
    for i in starts {
        let rest = &lower[i..];
        let hit = KINDS.iter().find(|(phrase, _)| {
            rest.starts_with(phrase)
                && !rest[phrase.len()..].starts_with(|c: char| c.is_alphanumeric())
        });
        if let Some((_, kind)) = hit {
            return Some(kind);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_dates() {
        let table = [
            ("October 17, 1956", Some((1956, 10, 17))),
            ("**September 21, 1955**", None), // unmark first
            ("17 October 1956", Some((1956, 10, 17))),
            ("October 1956", Some((1956, 10, 0))),
            ("1956-10-19", Some((1956, 10, 19))),
            ("Memorandum of Conversation", None),
            ("Chapter 3", None),
        ];
        for (s, want) in table {
            let got = parse_written_date(s).map(|d| (d.year, d.month, d.day));
            assert_eq!(got, want, "{s}");
        }
        assert!(parse_written_date(unmark("## **September 21, 1955**")).is_some());
    }

    #[test]
    fn labels() {
        for (l, want) in [
            ("Citation:", Some("Citation")),
            ("#### **Citation:**", Some("Citation")),
            ("#### **Original Language:**", Some("Original Language")),
            ("Kono. I will not", None),
            ("they are such:", None),
        ] {
            assert_eq!(label(l), want, "{l}");
        }
    }

    #[test]
    fn partial_notes() {
        let n = "PARTIAL. Only the opening part was available, so each breaks off. Missing: the end of Article 1, Articles 6 and 7. Article 9 is complete.";
        assert_eq!(
            missing_part(n),
            "Missing: the end of Article 1, Articles 6 and 7."
        );
        let n = "PARTIAL. The full official English text was not available. What is below is one sentence.";
        assert_eq!(
            missing_part(n),
            "The full official English text was not available."
        );
    }
}
