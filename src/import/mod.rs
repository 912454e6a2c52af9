//! Importer: archive records, exactly as exported, to [`Document`]s.
//!
//! A corpus author drops a record into `corpus/documents/` and rebuilds; no
//! code changes. [`parse_document`] reads three layouts, decided from the
//! first lines:
//!
//! * **Archive records** (Wilson Center Digital Archive): a date line
//!   ("October 17, 1956" or `## **September 21, 1955**`), the title (one or
//!   more lines, plain or `**…**`/`### **…**`), then labels alone on a line
//!   (`Citation:` or `#### **Citation:**`) each followed by its value:
//!   `Citation`, a `<https://…>` line (field `Source`), `Summary`, `Credits`,
//!   `Original Language`, `Contents` (one paragraph, e.g. "Translation -
//!   English"). The text starts after the value of `Contents:`.
//! * **Field headers** (official texts): `Title:`, `Date:` (ISO), `Source:`,
//!   `Publisher:`, `Rights:`, `Found-via:`, `Note:` lines, a blank line, the
//!   text. A `Note:` saying `PARTIAL` makes the document an excerpt
//!   ([`Document::partial`] = its `Missing: …` sentence, else the sentence
//!   after `PARTIAL`). `[[GAP: …]]` lines become [`ParaKind::Gap`]
//!   paragraphs holding the description: they are not text.
//! * **Bare text** (a book chapter): the first paragraph is the title; a
//!   second paragraph of two to five capitalised words is the `Author`.
//!
//! An optional **front matter** at the very top (`---`, `key: value` lines,
//! `---`) adds or overrides `id`, `title`, `date` (ISO), `kind`, `partial`,
//! the citation's `author`, `container` (the book a chapter is in), `editor`,
//! `publisher`, `place`, `year` and `pages`, and repeatable `sic: TEXT => note`, which marks every whole-word
//! occurrence of TEXT with [`SpanKind::Sic`] while the text stays as the
//! source writes it. Unknown keys, malformed lines, bad dates and `sic` text
//! found nowhere are errors naming the line.
//!
//! ## Text rules
//!
//! 1. Paragraphs are separated by blank lines. Inside a block, a line joins
//!    the previous one (with a space) when it continues it by the rule of
//!    rule 2; otherwise it starts a new paragraph (letters and treaty
//!    articles in the official texts put one paragraph per line).
//! 2. **Page-break repair**: a body paragraph continues the previous body
//!    paragraph when the previous one does not end a sentence (no final `.`
//!    `!` `?` `:` `;` closing quote or bracket) and the next one is not a
//!    speaker turn, list item or gap, and either starts in lower case, or the
//!    previous ends with a comma, an unclosed bracket or a phrase-opening
//!    word ("the", "of" …), or the next starts with a capitalised word that
//!    is not a usual sentence opener ("Federal Republic", "USSR", "Булганин)").
//!    "…a peace agreement" / "If my answers…" stays two paragraphs.
//! 3. **Headings are never joined**: Markdown `#` lines (level = number of
//!    `#`); "Section N …", "Chapter N …", "Article N" lines; "Notes"; and the
//!    **title block** that opens the text: up to six leading paragraphs of at most 200
//!    bytes that do not start with `(`, `[`, a quote or a list marker, do
//!    not end with sentence punctuation and are not a speaker turn
//!    ("Reception" / "by N.S. Khrushchev of Japanese Ambassador H. Yamada" /
//!    "September 14, 1961").
//! 4. **Closing matter** ([`ParaKind::Closing`]): the run of paragraphs at the
//!    end of the text that mention who recorded, attended or translated the
//!    conversation, or are short (≤ 120 characters) without final
//!    punctuation: "True", "Prokhorov \[signature\]", "/V. Prokhorov/",
//!    "September 23". At least one body paragraph stays body.
//! 5. **Notes**: after a "Notes" heading, items `- (N) …` become
//!    [`ParaKind::Footnote`]`(N)`. Markers `⁽¹²⁾` in the text, and plain
//!    `(3)` directly followed by punctuation when note 3 exists and has no
//!    superscript marker, become [`SpanKind::FootnoteRef`]. A superscript
//!    marker with no note is an error; a note nothing points to, a warning.
//! 6. **Marks**: `[…]` is an editorial insertion ([`SpanKind::Editorial`],
//!    brackets kept: `H[abomai]` marks `[abomai]`); `**…**` and `*…*` become
//!    [`SpanKind::Strong`]/[`SpanKind::Emphasis`] with the asterisks removed.
//! 7. **Speakers**: a paragraph opening with a label — one to three
//!    capitalised words, optionally after "Comrade" and before a
//!    parenthesised role, then `. ` ("Kono.", "Kitamura (leader of the
//!    delegation).") or a short phrase then `: ` ("From the floor:") — is a
//!    direct turn ([`SpanKind::SpeakerLabel`] over the label, which stays in
//!    the text). Reported speech is a name with a speech verb in the first
//!    sentence ("Yamada says", "N.S. Khrushchev further says", "…, says
//!    Yamada, …"). Either kind counts only in a document with at least two
//!    such paragraphs, so a chapter's prose never grows speakers. Body
//!    paragraphs after a turn continue it until a heading, gap, note or
//!    closing matter.
//!
//! 8. **Structure of printed records**: inside a block, a line starts a new
//!    paragraph when it opens a list item (`1.`, `(2)`, `(a).`, `b)`, `-`:
//!    [`ParaKind::Item`], depth by marker style and indent, the marker a
//!    [`SpanKind::Label`]), a label line (`SUBJECT`, `SUBJECT: …`,
//!    `PARTICIPANTS:`; persons under it one [`ParaKind::Item`] a line), a
//!    dateline ("Tokyo, August 30, 1956—11 a.m."), a file number
//!    (`USDel/MC/48`) or a salutation ([`ParaKind::Line`]), a complimentary
//!    close ("Sincerely,": closing), or a "Name, Title" line after another;
//!    or when the line before is short (< 60 characters), ends no phrase and
//!    the next word would have fitted on it. A hard wrap (the block's lines
//!    at most 100 characters and the next word would not have fitted) always
//!    joins. A numbered first line ("90. Telegram From …") is the title; a
//!    short line in capitals or in italics before text is a subheading.
//! 9. **Kind**: without `kind:` in front matter, the earliest kind word of
//!    the title ("Memorandum of Conversation", "Telegram", "Editorial Note",
//!    "Notes" …); "document" when the title names none.
//!
//! Nothing else changes: every word of the source is kept, typos included.
//!
//! ```
//! use docent::import::parse_document;
//! use docent::{ParaKind, SpanKind, SpeechMode};
//! let raw = "---\nkind: memorandum\nsic: 1965 => the conversation was in 1956\n---\n\
//!            October 17, 1956\nMemorandum\n\nCitation:\n\n\"Memo\", Archive.\n<https://example.org/1>\n\n\
//!            Contents:\n\nTranslation - English\n\nKono. We want H[abomai] and the territorial\n\n\
//!            question settled.\n\nKhrushchev. No.\n\nRozhetskin recorded the conversation in 1965\n";
//! let doc = parse_document("documents/memo.txt", raw.as_bytes()).unwrap();
//! assert_eq!((doc.id.as_str(), doc.kind.as_str()), ("memo", "memorandum"));
//! assert_eq!(doc.field("Source"), Some("https://example.org/1"));
//! let p = &doc.paragraphs[0];
//! assert_eq!(p.text, "Kono. We want H[abomai] and the territorial question settled.");
//! assert_eq!(p.speaker.as_ref().map(|s| (s.name.as_str(), s.mode)), Some(("Kono", SpeechMode::Direct)));
//! assert!(p.spans.iter().any(|s| s.kind == SpanKind::Editorial && &p.text[s.start as usize..s.end as usize] == "[abomai]"));
//! let last = doc.paragraphs.last().unwrap();
//! assert_eq!(last.kind, ParaKind::Closing);
//! assert!(matches!(&last.spans[0].kind, SpanKind::Sic(n) if n.contains("1956")));
//! ```

mod body;
mod front;
mod header;
mod inline;
mod kind;
mod lines;
mod speakers;
#[cfg(not(target_arch = "wasm32"))]
pub mod tei;

pub use front::is_language_tag as front_is_language_tag;
pub use front::KEYS as FRONT_MATTER_KEYS;
pub use header::parse_written_date;
pub use kind::kind_from_title;

use crate::diag::Diagnostic;
use crate::model::{Document, ParaKind, Paragraph, Span, SpanKind, Speaker, SpeechMode};
use crate::sort::StableSort;
use std::collections::BTreeSet;

/// Parses one record. `path` is relative to the corpus dir and names the
/// document (its stem is the id unless the front matter gives `id:`).
/// Errors come back all at once; warnings are dropped (see [`parse_record`]).
pub fn parse_document(path: &str, bytes: &[u8]) -> Result<Document, Vec<Diagnostic>> {
    let (doc, diags) = parse_record(path, bytes);
    match doc {
        Some(d) if !diags.iter().any(Diagnostic::is_error) => Ok(d),
        _ => Err(diags.into_iter().filter(Diagnostic::is_error).collect()),
    }
}

/// The line of `key:` in the front matter of a record, if any (for messages
/// about a document that point at its `id:`).
pub fn front_matter_line(bytes: &[u8], key: &str) -> Option<u32> {
    std::str::from_utf8(bytes)
        .ok()
        .and_then(|t| front::key_line(t, key))
}

/// Parses one record and returns it (unless it cannot be read at all) with
/// every problem found, warnings included.
pub fn parse_record(path: &str, bytes: &[u8]) -> (Option<Document>, Vec<Diagnostic>) {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
            let col = good.len() - good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
            let d = Diagnostic::new(
                path,
                Some(line),
                format!(
                    "the file is not valid UTF-8 (first bad byte 0x{:02X} at column {col})",
                    bytes[e.valid_up_to()]
                ),
            )
            .help("save the file as UTF-8 (e.g. `iconv -f WINDOWS-1252 -t UTF-8`)");
            return (None, vec![d]);
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        let d = Diagnostic::new(path, Some(1), "the file is empty")
            .help("put the record's header and text in it, or delete the file");
        return (None, vec![d]);
    }
    let all: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let (fm, skip, mut diags) = front::parse(path, &all);
    let lines: Vec<header::Line> = all
        .iter()
        .enumerate()
        .skip(skip)
        .map(|(i, l)| (i as u32 + 1, *l))
        .collect();
    let layout = header::layout(&lines);
    let (h, mut more) = header::parse(path, &lines, layout);
    diags.append(&mut more);
    let text_lines = &lines[h.text_start.min(lines.len())..];
    let raws = body::paragraphs(text_lines);

    let mut paragraphs: Vec<Paragraph> = raws
        .iter()
        .map(|r| {
            let (text, mut spans) = if r.kind == ParaKind::Gap {
                (r.src.clone(), Vec::new())
            } else {
                inline::strip_emphasis(&r.src)
            };
            if r.kind != ParaKind::Gap {
                spans.extend(inline::brackets(&text));
            }
            // "1." / "(a)." opening an item, "SUBJECT:" opening a line.
            let label = match r.kind {
                ParaKind::Item(_) => lines::item_marker(&text).map(|(len, _)| len),
                ParaKind::Line => lines::label(&text).map(|(len, ..)| len),
                _ => None,
            };
            if let Some(len) = label {
                spans.push(Span {
                    start: 0,
                    end: len as u32,
                    kind: SpanKind::Label,
                });
            }
            Paragraph {
                kind: r.kind,
                speaker: None,
                text,
                spans,
                line: r.line(),
            }
        })
        .collect();

    link_footnotes(path, &raws, &mut paragraphs, &mut diags);
    assign_speakers(&mut paragraphs);
    for sic in &fm.sics {
        let mut found = 0;
        for p in paragraphs.iter_mut().filter(|p| p.kind != ParaKind::Gap) {
            for (s, e) in inline::occurrences(&p.text, &sic.text) {
                p.spans.push(Span {
                    start: s as u32,
                    end: e as u32,
                    kind: SpanKind::Sic(sic.note.clone()),
                });
                found += 1;
            }
        }
        if found == 0 {
            diags.push(
                Diagnostic::new(
                    path,
                    Some(sic.line),
                    format!("`sic: {}` does not occur in the text", sic.text),
                )
                .help("copy the words exactly as the source writes them, or remove the line"),
            );
        }
    }
    for p in &mut paragraphs {
        p.spans
            .stable_sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    }
    let text = |p: &Paragraph| {
        matches!(
            p.kind,
            ParaKind::Body | ParaKind::Item(_) | ParaKind::Row(_)
        )
    };
    if !paragraphs.iter().any(text) {
        let line = text_lines
            .iter()
            .find(|l| !l.1.trim().is_empty())
            .or(lines.last())
            .map_or(1, |l| l.0);
        let help = match layout {
            header::Layout::Archive => "put the text after the value of `Contents:`",
            header::Layout::Fields => "put the text after the blank line that ends the header",
            header::Layout::Bare => "put the text after the title line",
        };
        diags.push(Diagnostic::new(path, Some(line), "the document has no text").help(help));
    }

    let stem = path.rsplit('/').next().unwrap_or(path);
    let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
    let slug = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    if fm.id.is_none() && !slug(stem) {
        diags.push(
            Diagnostic::warning(path, Some(1), format!("the id `{stem}` (from the file name) is not a slug"))
                .help("rename the file with lower-case letters, digits and `-`, or give `id:` in front matter; ids appear in links"),
        );
    }
    let mut fields = h.fields;
    for (name, value) in fm.cite {
        fields.retain(|(k, _)| k != name);
        fields.push((name.to_string(), value));
    }
    let (date, date_label) = match fm.date {
        Some(d) if h.date != Some(d) || h.date_label.is_empty() => (Some(d), d.iso()),
        _ => (h.date, h.date_label),
    };
    let id = fm.id.map_or_else(|| stem.to_string(), |(id, _)| id);
    let title = fm.title.unwrap_or(h.title);
    let doc = Document {
        partial: fm.partial.or(h.partial),
        ..document(
            path,
            id,
            title,
            fm.kind,
            (date, date_label),
            fields,
            paragraphs,
        )
    };
    (Some(doc), diags)
}

/// A document as both importers (text records, TEI) build it, from the file
/// at `path`: without a `kind` given, the title says what it is (rule 9).
pub(crate) fn document(
    path: &str,
    id: String,
    title: String,
    kind: Option<String>,
    (date, date_label): (Option<crate::model::Date>, String),
    fields: Vec<(String, String)>,
    paragraphs: Vec<Paragraph>,
) -> Document {
    Document {
        id,
        source_file: path.to_string(),
        kind: kind.unwrap_or_else(|| kind_from_title(&title).to_string()),
        title,
        date,
        date_label,
        fields,
        partial: None,
        paragraphs,
    }
}

/// At most this many "marker has no note" errors per file.
const MAX_ORPHAN_REPORTS: usize = 20;

/// Footnote markers to [`SpanKind::FootnoteRef`] spans; notes appended after
/// the body in source order; markers without a note are errors.
fn link_footnotes(
    path: &str,
    raws: &[body::Raw],
    paras: &mut Vec<Paragraph>,
    diags: &mut Vec<Diagnostic>,
) {
    let notes: BTreeSet<u32> = paras
        .iter()
        .filter_map(|p| match p.kind {
            ParaKind::Footnote(n) => Some(n),
            _ => None,
        })
        .collect();
    let mut superscript = BTreeSet::new();
    let mut orphans = 0;
    let mut referenced = BTreeSet::new();
    for (p, r) in paras.iter_mut().zip(raws) {
        if p.kind == ParaKind::Gap {
            continue;
        }
        let in_text = inline::superscript_markers(&p.text);
        let in_src = inline::superscript_markers(&r.src);
        for (k, m) in in_text.iter().enumerate() {
            superscript.insert(m.n);
            if notes.contains(&m.n) {
                referenced.insert(m.n);
                p.spans.push(Span {
                    start: m.start as u32,
                    end: m.end as u32,
                    kind: SpanKind::FootnoteRef(m.n),
                });
            } else if orphans < MAX_ORPHAN_REPORTS {
                orphans += 1;
                let line = in_src.get(k).map_or(r.line(), |s| r.line_at(s.start));
                diags.push(
                    Diagnostic::new(
                        path,
                        Some(line),
                        format!("footnote marker {} has no note", m.n),
                    )
                    .help(format!(
                        "add note {} under Notes (`- ({}) …`) or remove the marker",
                        m.n, m.n
                    )),
                );
            }
        }
    }
    if !notes.is_empty() {
        for p in paras.iter_mut() {
            if matches!(p.kind, ParaKind::Footnote(_) | ParaKind::Gap) {
                continue;
            }
            for m in inline::plain_markers(&p.text) {
                if notes.contains(&m.n) && !superscript.contains(&m.n) {
                    referenced.insert(m.n);
                    p.spans.push(Span {
                        start: m.start as u32,
                        end: m.end as u32,
                        kind: SpanKind::FootnoteRef(m.n),
                    });
                }
            }
        }
    }
    for p in paras.iter() {
        if let ParaKind::Footnote(n) = p.kind {
            if !referenced.contains(&n) {
                diags.push(
                    Diagnostic::warning(
                        path,
                        Some(p.line),
                        format!("note {n} is never referred to"),
                    )
                    .help(format!(
                        "add the marker ⁽{n}⁾ where the note belongs, or remove the note"
                    )),
                );
            }
        }
    }
    // Notes after the body, in source order.
    let (body, notes): (Vec<Paragraph>, Vec<Paragraph>) = std::mem::take(paras)
        .into_iter()
        .partition(|p| !matches!(p.kind, ParaKind::Footnote(_)));
    *paras = body;
    paras.extend(notes);
}

/// Direct turns, reported speech and continued turns (rule 7).
fn assign_speakers(paras: &mut [Paragraph]) {
    let is_body = |p: &Paragraph| p.kind == ParaKind::Body;
    let direct_count = paras
        .iter()
        .filter(|p| is_body(p) && speakers::direct_label(&p.text).is_some())
        .count();
    let reported_count = paras
        .iter()
        .filter(|p| is_body(p) && speakers::reported(&p.text).is_some())
        .count();
    let mut current: Option<String> = None;
    for p in paras.iter_mut() {
        if !is_body(p) {
            current = None;
            continue;
        }
        let label = (direct_count >= 2)
            .then(|| speakers::direct_label(&p.text))
            .flatten();
        if let Some((len, name)) = label {
            p.spans.push(Span {
                start: 0,
                end: len as u32,
                kind: SpanKind::SpeakerLabel,
            });
            p.speaker = Some(Speaker {
                name: name.clone(),
                mode: SpeechMode::Direct,
            });
            current = Some(name);
        } else if let Some(name) = (reported_count >= 2)
            .then(|| speakers::reported(&p.text))
            .flatten()
        {
            p.speaker = Some(Speaker {
                name: name.clone(),
                mode: SpeechMode::Reported,
            });
            current = Some(name);
        } else if let Some(name) = &current {
            p.speaker = Some(Speaker {
                name: name.clone(),
                mode: SpeechMode::Continued,
            });
        }
    }
}
