//! The text of a record: lines to paragraphs, page-break repair, headings,
//! notes, gaps and closing matter (rules in the docs of [`crate::import`]).

use super::header::{unmark, Line};
use super::lines::{self, block_widths, Style, Unit, OPENERS, OPEN_ENDINGS};
use super::speakers;
use crate::model::ParaKind;

/// A paragraph before inline marks are read: its source text (lines joined
/// with one space, Markdown still in) and where each joined line starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Raw {
    pub kind: ParaKind,
    pub src: String,
    /// (byte offset in `src`, source line) for every line joined into `src`.
    pub lines: Vec<(usize, u32)>,
}

impl Raw {
    fn new(kind: ParaKind, src: &str, line: u32) -> Raw {
        Raw {
            kind,
            src: src.to_string(),
            lines: vec![(0, line)],
        }
    }

    pub fn line(&self) -> u32 {
        self.lines[0].1
    }

    /// The source line holding byte `offset` of `src`.
    pub fn line_at(&self, offset: usize) -> u32 {
        let i = self.lines.partition_point(|(o, _)| *o <= offset);
        self.lines[i.saturating_sub(1)].1
    }

    fn append(&mut self, other: &Raw) {
        self.src.push(' ');
        let base = self.src.len();
        self.src.push_str(&other.src);
        self.lines
            .extend(other.lines.iter().map(|(o, l)| (o + base, *l)));
    }
}

/// `[[GAP: what is missing]]` → `what is missing`.
fn gap(t: &str) -> Option<&str> {
    let inner = t.strip_prefix("[[")?.strip_suffix("]]")?;
    let inner = inner.trim();
    Some(
        inner
            .strip_prefix("GAP:")
            .or_else(|| inner.strip_prefix("GAP"))?
            .trim(),
    )
}

/// `### Article  2` → (3, "Article  2"). Up to six `#`, space optional
/// (`####Territory` is how one source writes it).
fn md_heading(t: &str) -> Option<(u8, &str)> {
    let level = t.bytes().take_while(|&b| b == b'#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let rest = t[level..].trim();
    (!rest.is_empty()).then_some((level as u8, rest))
}

/// Words that title a list of notes.
fn is_notes_title(t: &str) -> bool {
    let t = unmark(t).trim_end_matches(':');
    matches!(
        t,
        "Notes" | "NOTES" | "Endnotes" | "Footnotes" | "References"
    )
}

/// `- (12) text`, `(12) text`, `[12] text` → (12, "text").
fn note_item(t: &str) -> Option<(u32, &str)> {
    let t = t.strip_prefix("- ").unwrap_or(t).trim_start();
    let (open, close) = match t.chars().next()? {
        '(' => ('(', ')'),
        '[' => ('[', ']'),
        _ => return None,
    };
    let rest = &t[open.len_utf8()..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 || !rest[digits..].starts_with(close) {
        return None;
    }
    let n = rest[..digits].parse().ok()?;
    Some((n, rest[digits + 1..].trim_start()))
}

/// A line that starts an item of a list: `(a).`, `a)`, `1.`, `- `.
fn list_item(t: &str) -> bool {
    let t = t.trim_start();
    if t.starts_with("- ") || t.starts_with("• ") || note_item(t).is_some() {
        return true;
    }
    let (open, rest) = match t.strip_prefix('(') {
        Some(r) => (true, r),
        None => (false, t),
    };
    let label: Vec<char> = rest
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .take(4)
        .collect();
    if !(1..=3).contains(&label.len()) {
        return false;
    }
    let after = &rest[label.iter().map(|c| c.len_utf8()).sum::<usize>()..];
    let digits = label.iter().all(|c| c.is_ascii_digit());
    if open {
        after.starts_with(')')
    } else {
        after.starts_with(") ") || (digits && after.starts_with(". "))
    }
}

/// Does a paragraph (or line) ending with `prev` go on with `next`? True when
/// `prev` does not end a sentence and `next` reads as its continuation: it
/// starts in lower case, or `prev` ends with a comma, an open bracket or a
/// phrase-opening word ("the", "of" …), or `next` starts with a capitalised
/// word that is not a usual sentence opener ("Federal Republic", "USSR").
pub fn continues(prev: &str, next: &str) -> bool {
    let p = prev.trim_end();
    let n = next.trim_start();
    let Some(last) = p.chars().last() else {
        return false;
    };
    // "DRAFT AIDE-MÉMOIRE" / "Pursuant to…": a line in capitals is a heading.
    if caps_heading(p) {
        return false;
    }
    if n.is_empty()
        || matches!(
            last,
            '.' | '!' | '?' | ':' | ';' | '…' | '”' | '"' | '’' | ')' | ']' | '⁾' | '*' | '»' | '>'
        )
        || list_item(n)
        || gap(n).is_some()
    {
        return false;
    }
    let last_word = p
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    // "…the German" / "Federal Republic. …" reads like a speaker label but
    // continues a proper name; after any other unfinished line, a label
    // starts a new turn.
    let in_name = last_word.starts_with(|c: char| c.is_uppercase());
    // "…including ouster of" / "Shigemitsu. I think…": after "of", "the" …
    // no turn starts.
    if !in_name && !OPEN_ENDINGS.contains(&last_word) && speakers::direct_label(n).is_some() {
        return false;
    }
    // An opening quote does not start a sentence by itself: "meant" /
    // "“killing two birds…”" continues.
    let first = n
        .chars()
        .find(|c| !matches!(c, '“' | '"' | '‘' | '«'))
        .unwrap_or(' ');
    if first.is_lowercase() || last == ',' || last == '-' {
        return true;
    }
    // Bounded work: only the paragraph's tail is looked at.
    let mut tail_start = p.len().saturating_sub(300);
    while !p.is_char_boundary(tail_start) {
        tail_start += 1;
    }
    let tail = &p[tail_start..];
    let opens = |o: char, c: char| tail.matches(o).count() > tail.matches(c).count();
    if opens('(', ')') || opens('[', ']') || opens('“', '”') {
        return true;
    }
    if OPEN_ENDINGS.contains(&last_word) {
        return true;
    }
    let first_word: &str = n
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .next()
        .unwrap_or("");
    first.is_uppercase() && !OPENERS.contains(&first_word)
}

/// "DRAFT AIDE-MÉMOIRE", "WEEKLY NOTES TO TOKYO …": short, two letters or
/// more, none in lower case, no final punctuation.
fn caps_heading(t: &str) -> bool {
    t.len() <= 100
        && t.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !t.chars().any(char::is_lowercase)
        && !t.ends_with(['.', ',', ';', ':'])
}

/// "*Japanese and Soviet Bargaining Positions*": one short line in italics
/// or bold, no sentence ending inside — a subheading.
fn marked_heading(t: &str) -> bool {
    let inner = t
        .strip_prefix("**")
        .and_then(|r| r.strip_suffix("**"))
        .or_else(|| t.strip_prefix('*').and_then(|r| r.strip_suffix('*')));
    inner.is_some_and(|i| {
        !i.is_empty() && i.len() <= 100 && !i.contains('*') && !i.ends_with(['.', ',', ';', ':'])
    })
}

/// "Section 3 Silent Political Coup", "Article 2", "Chapter 3 …".
fn plain_heading(t: &str) -> Option<u8> {
    let mut words = t.split_whitespace();
    let level = match words.next()? {
        "Chapter" | "CHAPTER" | "Part" | "PART" => 1,
        "Section" | "SECTION" | "Annex" | "Appendix" => 2,
        "Article" | "ARTICLE" => 3,
        _ => return None,
    };
    let num = words.next()?;
    let numeric = num.chars().all(|c| c.is_ascii_digit())
        || num
            .chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'));
    (numeric && t.len() <= 120 && !t.ends_with('.')).then_some(level)
}

/// A line of the title block that opens the text ("Memorandum", "of
/// conversation of N.S. Khrushchev with I. Kono on October 17, 1956").
fn title_like(t: &str) -> bool {
    let t = t.trim();
    // "90. Telegram From …⁽¹⁾": the note marker is not the title's end.
    let end = t.trim_end_matches(|c: char| "⁽⁾⁰¹²³⁴⁵⁶⁷⁸⁹*".contains(c));
    !t.is_empty()
        && t.len() <= 200
        && !t.starts_with(['(', '[', '"', '“', '-', '*'])
        && !end.ends_with(['.', '!', '?', ':', ';', ','])
        && speakers::direct_label(t).is_none()
}

/// Closing matter: who recorded or attended, "True", signatures, dates.
fn closing(t: &str) -> bool {
    let t = t.trim();
    let lower = crate::text::lowercase(t);
    if [
        "recorded the conversation",
        "attended the conversation",
        "translated the conversation",
    ]
    .iter()
    .any(|p| lower.contains(p))
    {
        return true;
    }
    // "[Here follows discussion of unrelated matters.]" ends a sentence.
    t.chars().count() <= 120
        && !t
            .trim_end_matches(['*', ']', ')'])
            .ends_with(['.', '!', '?', ':', ';', ','])
        && speakers::direct_label(t).is_none()
}

/// Does a line ending with `prev` leave a phrase open (a comma, a hyphen,
/// "of", "the" …), so that whatever comes next continues it?
fn open_end(prev: &str) -> bool {
    let p = prev.trim_end().trim_end_matches('*');
    let last = p.rsplit(' ').next().unwrap_or("");
    p.ends_with([',', '-', '–', '—', '(']) || OPEN_ENDINGS.contains(&last)
}

/// The kind a line starting a unit gets, and whether the lines after it in
/// its block list persons.
fn unit_kind(unit: Unit, t: &str, items: &mut Items) -> ParaKind {
    match unit {
        Unit::Item(style) => ParaKind::Item(items.depth(style, t)),
        Unit::Close => ParaKind::Closing,
        _ => ParaKind::Line,
    }
}

/// The levels of the list being read: (style, indent) per level.
#[derive(Default)]
struct Items {
    levels: Vec<(Style, usize)>,
    /// The last item ended with a colon: a new style under it goes a level down.
    opened: bool,
}

impl Items {
    /// Depth of an item of `style` on a line indented like `raw`: a style
    /// already open goes back to its level ("3." after "(a)" … "(f)"); a new
    /// one goes a level down when indented or after "…orally:".
    fn depth(&mut self, style: Style, raw: &str) -> u8 {
        let indent = raw.len() - raw.trim_start().len();
        if let Some(i) = self.levels.iter().rposition(|l| l.0 == style) {
            self.levels.truncate(i + 1);
        } else if self
            .levels
            .last()
            .map_or(true, |l| indent > l.1 || self.opened)
        {
            self.levels.push((style, indent));
        } else if let Some(top) = self.levels.last_mut() {
            *top = (style, indent);
        }
        self.levels.len().min(u8::MAX as usize) as u8
    }
}

/// Lines of the text (after the header) to paragraphs.
pub fn paragraphs(lines: &[Line]) -> Vec<Raw> {
    let widths = block_widths(lines);
    let mut out: Vec<Raw> = Vec::new();
    let mut cur: Option<Raw> = None;
    let mut in_notes = false;
    let mut items = Items::default();
    // The previous line of the block (None after a blank line), and what
    // the block's lines are since a label alone: its value or persons.
    let mut prev: Option<&str> = None;
    let mut after_label: Option<bool> = None;
    for (i, &(no, text)) in lines.iter().enumerate() {
        let t = text.trim();
        let before = prev.replace(t);
        if t.is_empty() {
            // "PARTICIPANTS:" / blank / the persons: the label still counts.
            let label_alone = cur.as_ref().is_some_and(|c| {
                c.kind == ParaKind::Line && lines::label(&c.src).is_some_and(|l| l.1)
            });
            if !label_alone {
                after_label = None;
            }
            out.extend(cur.take());
            prev = None;
            continue;
        }
        if let Some(what) = gap(t) {
            out.extend(cur.take());
            out.push(Raw::new(ParaKind::Gap, what, no));
            continue;
        }
        if let Some((level, rest)) = md_heading(t) {
            out.extend(cur.take());
            in_notes = is_notes_title(rest);
            out.push(Raw::new(ParaKind::Heading(level), rest, no));
            continue;
        }
        if is_notes_title(t) && cur.is_none() {
            in_notes = true;
            out.push(Raw::new(ParaKind::Heading(2), t, no));
            continue;
        }
        if in_notes {
            if let Some((n, rest)) = note_item(t) {
                out.extend(cur.take());
                cur = Some(Raw::new(ParaKind::Footnote(n), rest, no));
                continue;
            }
        }
        if let Some(c) = cur
            .as_mut()
            .filter(|c| matches!(c.kind, ParaKind::Footnote(_)))
        {
            c.append(&Raw::new(ParaKind::Body, t, no));
            continue;
        }
        let lower = t.starts_with(|ch: char| ch.is_lowercase());
        let unit = lines::unit(t).filter(|u| {
            // "…recorded the conversation on" / "October 17, 1965" is one line.
            !matches!(u, Unit::Dateline) || !before.is_some_and(open_end)
        });
        let kind = if let Some(u) = unit {
            after_label = match u {
                Unit::Label {
                    alone: true,
                    people,
                } => Some(people),
                _ => None,
            };
            Some(unit_kind(u, text, &mut items))
        } else if let Some(people) = after_label.filter(|_| !lower && !before.is_some_and(open_end))
        {
            // Under "PARTICIPANTS" one person a line; under "SUBJECT" its value.
            if !people {
                after_label = None;
            }
            Some(if people {
                ParaKind::Item(1)
            } else {
                ParaKind::Line
            })
        } else if let (Some(b), Some(c)) = (before, &cur) {
            let first = &c.src[..c.lines.get(1).map_or(c.src.len(), |l| l.0 - 1)];
            let fits = b.chars().count() + 1 + t.split(' ').next().map_or(0, |w| w.chars().count())
                <= widths[i];
            if !lower && lines::name_and_title(first) && lines::name_and_title(t) {
                // Persons one a line: "M. N. A. Boulganine, Président …,".
                if let Some(c) = cur.as_mut().filter(|c| c.kind == ParaKind::Body) {
                    c.kind = ParaKind::Item(1);
                }
                Some(ParaKind::Item(1))
            } else if matches!(lines::unit(b), Some(Unit::Close | Unit::Salutation)) {
                // "Sincerely," / "Raddy": the signature is a line of its own.
                Some(ParaKind::Body)
            } else if lower || lines::wrapped(b, t, widths[i]) {
                None
            } else if fits
                && !open_end(b)
                && b.chars().count() < SHORT_LINE
                && t.starts_with(|ch: char| ch.is_uppercase() || ch.is_ascii_digit())
            {
                // A short line the author ended: "S. Matsumoto" / "Plenipotentiary …".
                Some(ParaKind::Body)
            } else if continues(&c.src, t) {
                None
            } else {
                Some(ParaKind::Body)
            }
        } else {
            Some(ParaKind::Body)
        };
        match (kind, cur.as_mut()) {
            (None, Some(c)) => c.append(&Raw::new(ParaKind::Body, t, no)),
            (kind, _) => {
                out.extend(cur.take());
                let kind = kind.unwrap_or(ParaKind::Body);
                if !matches!(kind, ParaKind::Item(_)) {
                    items = Items::default();
                }
                cur = Some(Raw::new(kind, t, no));
            }
        }
        if let Some(c) = cur.as_ref().filter(|c| matches!(c.kind, ParaKind::Item(_))) {
            items.opened = c.src.trim_end_matches('*').ends_with(':');
        }
    }
    out.extend(cur);
    classify(&mut out);
    mark_closing(&mut out);
    repair_page_breaks(out)
}

/// A line shorter than this (in characters) that does not leave a phrase
/// open, followed in its block by a capitalised line, ends its unit.
const SHORT_LINE: usize = 60;

/// The title block that opens a text has at most this many paragraphs.
const MAX_TITLE_BLOCK: usize = 6;

/// Title block at the start of the text and plain headings. A numbered
/// first line ("1. Letter from …", "90. Telegram From …") titles the
/// document rather than opening a list; a dateline inside the block stays a
/// line and does not end it.
fn classify(paras: &mut [Raw]) {
    let mut in_title_block = true;
    let mut title_lines = 0;
    let mut subheads = Vec::new();
    for (i, p) in paras.iter_mut().enumerate() {
        let numbered_title = i == 0 && p.kind == ParaKind::Item(1);
        if p.kind == ParaKind::Line && lines::dateline(&p.src) {
            continue;
        }
        if p.kind != ParaKind::Body && !numbered_title {
            in_title_block = false;
            continue;
        }
        if let Some(level) = plain_heading(&p.src).filter(|_| !numbered_title) {
            p.kind = ParaKind::Heading(level);
            in_title_block = false;
        } else if in_title_block && title_lines < MAX_TITLE_BLOCK && title_like(&p.src) {
            title_lines += 1;
            p.kind = ParaKind::Heading(1);
        } else {
            in_title_block = false;
            if p.lines.len() == 1 && (caps_heading(&p.src) || marked_heading(&p.src)) {
                subheads.push(i);
            }
        }
    }
    // A subheading heads text: "**Dulles**" at the end is a signature.
    for i in subheads {
        if paras
            .get(i + 1)
            .is_some_and(|n| matches!(n.kind, ParaKind::Body | ParaKind::Item(_)))
        {
            paras[i].kind = ParaKind::Heading(3);
        }
    }
}

/// Rejoins body paragraphs (and list items) split by a page break.
fn repair_page_breaks(paras: Vec<Raw>) -> Vec<Raw> {
    let mut out: Vec<Raw> = Vec::with_capacity(paras.len());
    for p in paras {
        if let Some(prev) = out.last_mut() {
            if matches!(prev.kind, ParaKind::Body | ParaKind::Item(_))
                && p.kind == ParaKind::Body
                && continues(&prev.src, &p.src)
            {
                prev.append(&p);
                continue;
            }
        }
        out.push(p);
    }
    out
}

/// Marks the run of closing matter at the end of the text (gaps and notes
/// after it are skipped over); at least one body paragraph stays body.
fn mark_closing(paras: &mut [Raw]) {
    let body = paras.iter().filter(|p| p.kind == ParaKind::Body).count();
    let mut marked = 0;
    for p in paras.iter_mut().rev() {
        match p.kind {
            ParaKind::Gap | ParaKind::Footnote(_) => continue,
            ParaKind::Heading(_) if is_notes_title(&p.src) => continue,
            // "Sincerely," is closing already; a dateline may stand among it.
            ParaKind::Closing | ParaKind::Line => continue,
            ParaKind::Body
                if marked + 1 < body
                    && closing(&p.src)
                    && !p.src.starts_with(|c: char| c.is_lowercase()) =>
            {
                p.kind = ParaKind::Closing;
                marked += 1;
            }
            _ => break,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_break_continuations() {
        let table = [
            (
                "for resolving the territorial",
                "question would be quite acceptable.",
                true,
            ),
            (
                "the government of the German",
                "Federal Republic. Negotiations",
                true,
            ),
            ("a carry-over from 11", "years in the past.", true),
            (
                "Treaty of Friendship,",
                "Alliance and Mutual Assistance",
                true,
            ),
            ("Nikolai Bulganin (Николай", "Булганин) accepted", true),
            ("was hastily dispatched to the", "USSR in order to", true),
            ("N.S. Khrushchev repeats", "that the Ambassador", true),
            (
                "two islands to Japan meant",
                "“killing two birds with one stone.”",
                true,
            ),
            (
                "concluding a peace agreement",
                "If my answers are satisfactory",
                false,
            ),
            ("ready to see you.", "Rozhetskin recorded", false),
            ("what they want", "Kono. I will not debate.", false),
            ("they are such:", "First, the territorial issue.", false),
            ("prendra fin le", "[[GAP: the rest is missing]]", false),
        ];
        for (a, b, want) in table {
            assert_eq!(continues(a, b), want, "{a} / {b}");
        }
    }

    #[test]
    fn headings_and_items() {
        assert_eq!(plain_heading("Section 3 Silent Political Coup"), Some(2));
        assert_eq!(plain_heading("Article 2"), Some(3));
        assert_eq!(plain_heading("Section of the text."), None);
        assert_eq!(
            note_item("- (12) Kazuto Ishimaru"),
            Some((12, "Kazuto Ishimaru"))
        );
        assert!(list_item("(a).  Japan renounces"));
        assert!(list_item("b) S'abstenir"));
        assert!(!list_item("(The conversation began at 10:00)"));
        assert_eq!(gap("[[GAP: page 2 ends here]]"), Some("page 2 ends here"));
    }
}
