//! The parsed collection: documents, paragraphs and the marked spans inside them.
//!
//! Everything here is plain data. Offsets are UTF-8 byte offsets into
//! [`Paragraph::text`]; `wasm.rs` converts them to UTF-16 for JavaScript.
//! A paragraph's `text` keeps every word of the source (typos included); the
//! only things removed from the source are layout: Markdown markers (`##`,
//! `**`, `*`), page-break blank lines inside a paragraph, and line wrapping.

use serde::Serialize;

/// A calendar date as precise as the source gives it (`month`/`day` may be 0).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, as precise as known.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (0, _) => format!("{:04}", self.year),
            (m, 0) => format!("{:04}-{:02}", self.year, m),
            (m, d) => format!("{:04}-{:02}-{:02}", self.year, m, d),
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut it = s.trim().split('-');
        let year: u16 = it.next()?.parse().ok()?;
        let month: u8 = it.next().map_or(Some(0), |m| m.parse().ok())?;
        let day: u8 = it.next().map_or(Some(0), |d| d.parse().ok())?;
        if it.next().is_some() || month > 12 || day > 31 || !(1..=9999).contains(&year) {
            return None;
        }
        Some(Date { year, month, day })
    }
}

/// One document of the collection.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Document {
    /// Stable slug from the file name (or the front matter's `id`).
    pub id: String,
    /// Path of the source file relative to the corpus directory.
    pub source_file: String,
    pub title: String,
    pub date: Option<Date>,
    /// The date as the source writes it ("October 17, 1956").
    pub date_label: String,
    /// "memorandum", "chapter", "note", "treaty", "letter", … (front matter `kind`).
    pub kind: String,
    /// Header fields in source order, e.g. ("Citation", "…"), ("Source", "https://…").
    /// Known ones: Citation, Source, Summary, Credits, Original Language,
    /// Contents, Publisher, Rights, Found-via, Note, Author.
    pub fields: Vec<(String, String)>,
    /// `Some(what is missing)` when the text is an excerpt of a longer document.
    pub partial: Option<String>,
    /// Body paragraphs, then footnotes (kind [`ParaKind::Footnote`]).
    /// The index into this vector is the paragraph number of `#doc=ID&p=N`.
    pub paragraphs: Vec<Paragraph>,
}

impl Document {
    /// The value of a header field, by case-insensitive name.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Index of the paragraph holding footnote `n`, if any.
    pub fn footnote(&self, n: u32) -> Option<usize> {
        self.paragraphs
            .iter()
            .position(|p| p.kind == ParaKind::Footnote(n))
    }
}

/// What a paragraph is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ParaKind {
    /// A heading inside the text (level 1 = top).
    Heading(u8),
    /// Ordinary running text (possibly a speaker's turn: see `speaker`).
    Body,
    /// A numbered note; footnote markers in the text point here.
    Footnote(u32),
    /// Closing matter: "Rozhetskin recorded the conversation…", signatures.
    Closing,
    /// A gap in a partial source ("[[GAP: …]]"): not part of the text.
    Gap,
    /// A list item at depth `n` (1 = top level); consecutive items of one
    /// depth are one list. A label that opens the item ("1.", "Mr. Tani —",
    /// TEI `<label>`) is a [`SpanKind::Label`].
    Item(u8),
    /// A table row: its cells are [`SpanKind::Cell`] spans, separated by a
    /// tab in the text. `1` is a heading row (TEI `role="label"`), else `0`.
    Row(u8),
    /// A short line set apart from the running text: a dateline, an opener
    /// or salutation, a label line ("SUBJECT: …"), a file number.
    Line,
}

/// How a speaker is introduced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum SpeechMode {
    /// "Kono. I will not debate…": a label opens the paragraph.
    Direct,
    /// "Yamada says that…": reported speech.
    Reported,
    /// A paragraph continuing the previous speaker's turn.
    Continued,
}

/// Who speaks in a paragraph.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Speaker {
    /// Normalized name for display and filtering: "Khrushchev", "Kitamura",
    /// "From the floor".
    pub name: String,
    pub mode: SpeechMode,
}

/// One paragraph (the unit of search, anchors and mentions).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Paragraph {
    pub kind: ParaKind,
    pub speaker: Option<Speaker>,
    /// The paragraph text, one line, words exactly as in the source.
    pub text: String,
    /// Marked ranges of `text`, sorted by start.
    pub spans: Vec<Span>,
    /// 1-based line in the source file where the paragraph starts.
    pub line: u32,
}

/// A marked byte range of a paragraph's text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
    pub kind: SpanKind,
}

/// What a span marks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum SpanKind {
    /// The label that opens a direct speech turn ("Kono.").
    SpeakerLabel,
    /// An editorial insertion in square brackets: `[illegible]`, `[abomai]` of `H[abomai]`.
    Editorial,
    /// A footnote marker (`⁽¹²⁾`, `(3)`) pointing at note `n`.
    FootnoteRef(u32),
    /// Emphasis in the source (`*Pravda*`).
    Emphasis,
    /// Strong emphasis in the source (`**…**`).
    Strong,
    /// A source error kept as written, with the editor's note ("Masumoto" → Matsumoto).
    Sic(String),
    /// Underlined in the source.
    Underline,
    /// Small capitals in the source.
    SmallCaps,
    /// Superscript in the source.
    Superscript,
    /// Struck out in the source; the note says by whom or where, if known.
    Deleted(String),
    /// Inserted in the source (between the lines, in the margin); the note
    /// says by whom or where, if known.
    Added(String),
    /// Hard to read in the source (TEI `<unclear>`).
    Unclear,
    /// A label that opens a line or item: "SUBJECT:", "1.", TEI `<label>`.
    Label,
    /// One cell of a [`ParaKind::Row`].
    Cell,
    /// A reference to another document of the collection, by id.
    DocLink(String),
    /// A reference outside the collection, as the source gives it; the page
    /// links it only when it is an `http(s)` address.
    Link(String),
    /// A name the source's markup identifies (TEI `persName`, `placeName`,
    /// `orgName`, `rs`): the key is the `@corresp`/`@ref`/`@key` as written
    /// (`#p_SM1`), or empty. The collection turns these into mentions.
    Name(String),
}
