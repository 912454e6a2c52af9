//! A TEI text → paragraphs with spans.
//!
//! One pass over the tree. Block elements (`p`, `head`, `item`, `row`,
//! `dateline`, …) open paragraphs; inline ones (`hi`, `persName`, `del`, …)
//! open spans in the paragraph being written. Whitespace collapses as XML
//! editions mean it (indentation is not text). A note leaves a marker
//! `⁽n⁾` in the text and becomes a footnote paragraph; `pb`/`lb` never split
//! a paragraph. Spans still open when a block ends are closed there and
//! continue in the next paragraph.

use super::{date_of, is, plain_text, FRUS, TEI};
use crate::diag::Diagnostic;
use crate::model::{Date, ParaKind, Paragraph, Span, SpanKind, Speaker, SpeechMode};
use crate::sort::StableSort;
use roxmltree::Node;
use std::collections::BTreeMap;

/// A document's paragraphs (body, then notes) and its dateline's date.
pub struct Written {
    pub paragraphs: Vec<Paragraph>,
    pub dateline: Option<(Date, String)>,
}

/// Elements met that Docent does not map (their text is kept), by name,
/// with where each was first seen.
#[derive(Default)]
pub struct Unknown(BTreeMap<String, usize>);

impl Unknown {
    /// One warning per unknown element name, at its first occurrence.
    pub fn report(&self, path: &str, xml: &roxmltree::Document, diags: &mut Vec<Diagnostic>) {
        for (name, &at) in &self.0 {
            let pos = xml.text_pos_at(at);
            diags.push(
                Diagnostic::warning(
                    path,
                    Some(pos.row),
                    format!(
                        "<{name}> is not a TEI element Docent maps; its text is kept as plain text"
                    ),
                )
                .column(pos.col)
                .help(
                    "nothing is lost; if the element matters to readers, ask for it to be mapped",
                ),
            );
        }
    }
}

/// Writes the text of `root` (a document div or `<text>`), leaving out its
/// title `head` (whose notes are kept).
pub fn text(
    path: &str,
    xml: &roxmltree::Document,
    root: Node,
    title: Option<Node>,
    unknown: &mut Unknown,
    diags: &mut Vec<Diagnostic>,
) -> Written {
    let mut w = Writer {
        path,
        xml,
        body: Vec::new(),
        notes: Vec::new(),
        cur: None,
        open: Vec::new(),
        kind: ParaKind::Body,
        speaker: None,
        label: None,
        next_note: 1,
        used_notes: Vec::new(),
        dateline: None,
        unknown,
        diags,
    };
    if let Some(head) = title {
        // The title's own notes (FRUS's source note) are the document's.
        for n in head.descendants().filter(|n| is(n, "note")) {
            w.note(n, false);
        }
    }
    w.children(root, 0, title);
    w.finish();
    let mut paragraphs = w.body;
    paragraphs.append(&mut w.notes);
    Written {
        paragraphs,
        dateline: w.dateline,
    }
}

struct Open {
    start: usize,
    kind: SpanKind,
}

struct Writer<'a, 'x> {
    path: &'a str,
    xml: &'a roxmltree::Document<'x>,
    body: Vec<Paragraph>,
    notes: Vec<Paragraph>,
    /// The paragraph being written, and whether a space is pending.
    cur: Option<(Paragraph, bool)>,
    /// Inline spans open now (outermost first).
    open: Vec<Open>,
    /// The kind a paragraph opened here gets.
    kind: ParaKind,
    /// The speaker of the turn being written, and whether its first
    /// paragraph has been written.
    speaker: Option<(String, bool)>,
    /// A list `<label>` waiting for its item.
    label: Option<String>,
    next_note: u32,
    used_notes: Vec<u32>,
    dateline: Option<(Date, String)>,
    unknown: &'a mut Unknown,
    diags: &'a mut Vec<Diagnostic>,
}

/// Elements that only carry their children (no mark of their own).
const TRANSPARENT: &[&str] = &[
    "body",
    "front",
    "back",
    "group",
    "text",
    "seg",
    "s",
    "w",
    "c",
    "pc",
    "phr",
    "cl",
    "span",
    "name",
    "roleName",
    "forename",
    "surname",
    "addName",
    "genName",
    "nameLink",
    "geogName",
    "date",
    "time",
    "num",
    "measure",
    "term",
    "gloss",
    "foreign",
    "mentioned",
    "soCalled",
    "title",
    "bibl",
    "biblScope",
    "idno",
    "address",
    "addrLine",
    "street",
    "settlement",
    "country",
    "region",
    "district",
    "bloc",
    "affiliation",
    "email",
    "q",
    "said",
    "quote",
    "cit",
    "supplied",
    "damage",
    "handShift",
    "emph",
    "distinct",
    "orig",
    "reg",
    "abbr",
    "expan",
    "ex",
    "am",
    "subst",
    "restore",
    "secl",
    "surplus",
    "docTitle",
    "titlePart",
    "docAuthor",
    "docDate",
    "docImprint",
    "byline",
    "epigraph",
    "argument",
    "l",
    "lg",
    "stage",
    "figure",
    "figDesc",
    "caption",
    "floatingText",
    "postscript",
    "trailer",
    "attachment",
    "ab",
    "author",
    "editor",
    "respStmt",
    "resp",
    "orgName",
    "persName",
    "placeName",
    "rs",
    "listBibl",
    "object",
    "objectName",
    "occupation",
    "ptr",
];

/// Elements whose content is not text of the document.
const SKIPPED: &[&str] = &[
    "index",
    "fw",
    "interp",
    "interpGrp",
    "link",
    "linkGrp",
    "join",
    "certainty",
    "precision",
    "respons",
    "alt",
    "altGrp",
    "teiHeader",
    "facsimile",
    "sourceDoc",
    "standOff",
];

impl Writer<'_, '_> {
    fn line_of(&self, n: Node) -> u32 {
        self.xml.text_pos_at(n.range().start).row
    }

    /// Walks the children of a block container.
    fn children(&mut self, parent: Node, depth: u8, skip: Option<Node>) {
        for c in parent.children() {
            if Some(c) == skip {
                continue;
            }
            self.node(c, depth);
        }
    }

    fn node(&mut self, n: Node, depth: u8) {
        if n.is_text() {
            self.push_text(n, n.text().unwrap_or(""));
            return;
        }
        if !n.is_element() {
            return;
        }
        let tag = n.tag_name();
        let ns = tag.namespace();
        let name = tag.name();
        if ns == Some(FRUS) && name == "attachment" {
            self.block(n, ParaKind::Body, |w| w.children(n, depth + 1, None));
            return;
        }
        if ns != Some(TEI) {
            self.unknown(n);
            self.children(n, depth, None);
            return;
        }
        match name {
            "p" | "ab" => self.block(n, ParaKind::Body, |w| w.paragraph(n, ParaKind::Body, depth)),
            "head" => {
                let kind = if n
                    .parent()
                    .is_some_and(|p| is(&p, "list") || is(&p, "table"))
                {
                    ParaKind::Line
                } else {
                    ParaKind::Heading(depth.clamp(1, 6))
                };
                self.block(n, kind, |w| {
                    let label = kind == ParaKind::Line;
                    w.paragraph_with(n, kind, depth, label.then_some(SpanKind::Label));
                });
            }
            "div" | "div1" | "div2" | "div3" | "div4" | "div5" | "lg" => {
                self.block(n, ParaKind::Body, |w| w.children(n, depth + 1, None))
            }
            "list" | "listBibl" => self.list(n, depth),
            "item" => self.item(n, 1, depth),
            "label" => self.block(n, ParaKind::Line, |w| {
                w.paragraph_with(n, ParaKind::Line, depth, Some(SpanKind::Label))
            }),
            "table" => self.block(n, ParaKind::Body, |w| w.table(n, depth)),
            "sp" => self.turn(n, depth),
            "speaker" => {
                let line = self.line_of(n);
                self.close();
                self.start(ParaKind::Line, line);
                self.paragraph_inline(n, Some(SpanKind::SpeakerLabel));
                self.close();
            }
            "opener" | "dateline" | "salute" | "byline" | "docAuthor" | "docDate" | "argument"
            | "epigraph" | "stage" => {
                if name == "dateline" {
                    if let Some(d) = n.descendants().find(|d| is(d, "date")).and_then(date_of) {
                        self.dateline.get_or_insert(d);
                    }
                }
                let has_blocks = n.children().any(|c| is_block(&c));
                if has_blocks {
                    self.block(n, ParaKind::Line, |w| w.children(n, depth, None));
                } else {
                    self.block(n, ParaKind::Line, |w| w.paragraph(n, ParaKind::Line, depth));
                }
            }
            "closer" | "signed" | "postscript" | "trailer" => {
                let has_blocks = n.children().any(|c| is_block(&c));
                if has_blocks {
                    self.block(n, ParaKind::Closing, |w| w.children(n, depth, None));
                } else {
                    self.block(n, ParaKind::Closing, |w| {
                        w.paragraph(n, ParaKind::Closing, depth)
                    });
                }
            }
            "l" => self.block(n, ParaKind::Line, |w| w.paragraph(n, ParaKind::Line, depth)),
            "quote" | "q" | "said" | "floatingText" | "figure"
                if n.children().any(|c| is_block(&c)) =>
            {
                self.block(n, self.kind, |w| w.children(n, depth, None))
            }
            _ => self.inline(n, depth),
        }
    }

    /// Runs `f` with paragraphs opened there of kind `kind` (the paragraph
    /// being written is closed first: a block never joins its neighbour).
    fn block(&mut self, _n: Node, kind: ParaKind, f: impl FnOnce(&mut Self)) {
        self.close();
        let outer = self.kind;
        // Inside a closer everything stays closing matter; inside an item, an item.
        self.kind = match (outer, kind) {
            (ParaKind::Closing, _) => ParaKind::Closing,
            (ParaKind::Item(d), ParaKind::Body) => ParaKind::Item(d),
            _ => kind,
        };
        f(self);
        self.close();
        self.kind = outer;
    }

    /// A paragraph-like element: its content in one paragraph, nested blocks
    /// (a list inside a `<p>`) as blocks of their own.
    fn paragraph(&mut self, n: Node, kind: ParaKind, depth: u8) {
        self.paragraph_with(n, kind, depth, None)
    }

    fn paragraph_with(&mut self, n: Node, kind: ParaKind, depth: u8, span: Option<SpanKind>) {
        let kind = match (self.kind, kind) {
            (ParaKind::Closing, _) => ParaKind::Closing,
            (ParaKind::Item(d), ParaKind::Body) => ParaKind::Item(d),
            _ => kind,
        };
        let line = self.line_of(n);
        self.start(kind, line);
        let outer = self.kind;
        self.kind = kind;
        if let Some(s) = span {
            self.open_span(s);
            self.children(n, depth, None);
            self.close_span();
        } else {
            self.children(n, depth, None);
        }
        self.kind = outer;
        self.close();
    }

    fn paragraph_inline(&mut self, n: Node, span: Option<SpanKind>) {
        let marked = span.is_some();
        if let Some(s) = span {
            self.open_span(s);
        }
        for c in n.children() {
            self.node(c, 0);
        }
        if marked {
            self.close_span();
        }
    }

    fn list(&mut self, n: Node, depth: u8) {
        let item_depth = match self.kind {
            ParaKind::Item(d) => d.saturating_add(1),
            _ => 1,
        };
        self.close();
        let outer = self.kind;
        for c in n.children() {
            if is(&c, "item") {
                self.item(c, item_depth, depth);
            } else if is(&c, "label") {
                self.close();
                self.label = Some(plain_text(c));
            } else if is(&c, "head") {
                self.kind = ParaKind::Line;
                let line = self.line_of(c);
                self.start(ParaKind::Line, line);
                self.paragraph_inline(c, Some(SpanKind::Label));
                self.close();
                self.kind = outer;
            } else {
                self.node(c, depth);
            }
        }
        if let Some(label) = self.label.take() {
            // A label with no item after it is a line of its own.
            self.start(ParaKind::Line, self.line_of(n));
            self.open_span(SpanKind::Label);
            self.push_str(&label);
            self.close_span();
            self.close();
        }
        self.kind = outer;
    }

    fn item(&mut self, n: Node, item_depth: u8, depth: u8) {
        self.close();
        let outer = self.kind;
        self.kind = ParaKind::Item(item_depth);
        let line = self.line_of(n);
        self.start(self.kind, line);
        let label = self
            .label
            .take()
            .or_else(|| n.attribute("n").map(str::to_string));
        if let Some(label) = label {
            self.open_span(SpanKind::Label);
            self.push_str(&label);
            self.close_span();
            self.space();
        }
        self.children(n, depth, None);
        self.close();
        self.kind = outer;
    }

    fn table(&mut self, n: Node, depth: u8) {
        for row in n.children() {
            if is(&row, "row") {
                let role = u8::from(row.attribute("role") == Some("label"));
                let line = self.line_of(row);
                self.start(ParaKind::Row(role), line);
                let mut first = true;
                for cell in row.children().filter(|c| is(c, "cell")) {
                    if !first {
                        self.push_raw('\t');
                    }
                    first = false;
                    let at = self.len();
                    self.open.push(Open {
                        start: at,
                        kind: SpanKind::Cell,
                    });
                    for c in cell.children() {
                        self.node(c, depth);
                    }
                    self.close_span();
                }
                self.close();
            } else {
                self.node(row, depth);
            }
        }
    }

    /// A speaker turn: `<speaker>` labels the first paragraph.
    fn turn(&mut self, n: Node, depth: u8) {
        self.close();
        let label = n.children().find(|c| is(c, "speaker"));
        let name = label
            .map(plain_text)
            .map(|s| s.trim_end_matches(['.', ':', ' ']).to_string())
            .filter(|s| !s.is_empty())
            .or_else(|| {
                n.attribute("who")
                    .map(|w| w.trim_start_matches('#').to_string())
            });
        let outer = self.speaker.take();
        self.speaker = name.map(|s| (s, false));
        let mut pending_label = label;
        for c in n.children() {
            if Some(c) == label {
                continue;
            }
            if c.is_text() && c.text().unwrap_or("").trim().is_empty() {
                continue;
            }
            if let Some(l) = pending_label.take() {
                // The label opens the turn's first paragraph.
                let line = self.line_of(l);
                self.start(ParaKind::Body, line);
                self.paragraph_inline(l, Some(SpanKind::SpeakerLabel));
                self.space();
                if is_block(&c) {
                    self.node_into_current(c, depth);
                    continue;
                }
            }
            self.node(c, depth);
        }
        if let Some(l) = pending_label {
            let line = self.line_of(l);
            self.start(ParaKind::Body, line);
            self.paragraph_inline(l, Some(SpanKind::SpeakerLabel));
        }
        self.close();
        self.speaker = outer;
    }

    /// A `<p>` (or `<l>`) whose content continues the open paragraph.
    fn node_into_current(&mut self, c: Node, depth: u8) {
        if is(&c, "p") || is(&c, "ab") || is(&c, "l") {
            self.children(c, depth, None);
            self.close();
        } else {
            self.close();
            self.node(c, depth);
        }
    }

    fn inline(&mut self, n: Node, depth: u8) {
        let name = n.tag_name().name();
        let kind = match name {
            "hi" | "emph" | "foreign" | "title" | "term" | "mentioned" | "soCalled" => rend(
                n.attribute("rend").or_else(|| n.attribute("rendition")),
                name,
            ),
            "persName" | "placeName" | "orgName" | "rs" | "name" => Some(SpanKind::Name(key(n))),
            "del" => Some(SpanKind::Deleted(hand_note(n))),
            "add" => Some(SpanKind::Added(hand_note(n))),
            "unclear" => Some(SpanKind::Unclear),
            "sic" => Some(SpanKind::Sic("sic: so in the source".into())),
            "corr" | "supplied" => Some(SpanKind::Editorial),
            "ref" | "ptr" => n.attribute("target").map(|t| {
                let t = t.split_whitespace().next().unwrap_or("");
                if t.starts_with('#') {
                    SpanKind::DocLink(t.to_string())
                } else {
                    SpanKind::Link(t.to_string())
                }
            }),
            "label" => Some(SpanKind::Label),
            _ => None,
        };
        match name {
            "note" if matches!(n.attribute("place").or(n.attribute("rend")), Some("inline")) => {
                // An inline note is read where it stands: a line of its own
                // between blocks, else part of the sentence.
                if self.cur.is_none() {
                    self.block(n, ParaKind::Line, |w| w.paragraph(n, ParaKind::Line, depth));
                } else {
                    self.children(n, depth, None);
                }
                return;
            }
            "note" => {
                self.note(n, true);
                return;
            }
            "lb" | "cb" => {
                self.space();
                return;
            }
            "pb" | "milestone" | "anchor" | "space" => return,
            "gap" => {
                let what = n
                    .attribute("reason")
                    .map(str::to_string)
                    .or_else(|| n.children().find(|c| is(c, "desc")).map(plain_text))
                    .unwrap_or_else(|| "…".into());
                self.open_span(SpanKind::Editorial);
                self.push_str(&format!("[{what}]"));
                self.close_span();
                return;
            }
            "choice" => {
                self.choice(n, depth);
                return;
            }
            "speaker" => {}
            _ if SKIPPED.contains(&name) => return,
            _ if kind.is_none()
                && !TRANSPARENT.contains(&name)
                && !KNOWN_INLINE.contains(&name) =>
            {
                self.unknown(n)
            }
            _ => {}
        }
        if let Some(k) = kind {
            self.open_span(k);
            self.children(n, depth, None);
            self.close_span();
        } else {
            self.children(n, depth, None);
        }
    }

    /// `<choice>`: the source's reading shown (sic, orig, abbr), the other
    /// alongside as a note.
    fn choice(&mut self, n: Node, depth: u8) {
        let find = |names: &[&str]| n.children().find(|c| names.iter().any(|x| is(c, x)));
        let shown = find(&["sic", "orig", "abbr"]).or_else(|| find(&["corr", "reg", "expan"]));
        let other = find(&["corr", "reg", "expan"]).filter(|o| Some(*o) != shown);
        let Some(shown) = shown else {
            self.children(n, depth, None);
            return;
        };
        let note = other.map(|o| {
            let what = match o.tag_name().name() {
                "corr" => "corrected",
                "reg" => "regularized",
                _ => "expanded",
            };
            format!("{what}: {}", plain_text(o))
        });
        match note {
            Some(note) => {
                self.open_span(SpanKind::Sic(note));
                self.children(shown, depth, None);
                self.close_span();
            }
            None => self.children(shown, depth, None),
        }
    }

    /// A note: a marker here (when `marked`) and a footnote paragraph.
    fn note(&mut self, n: Node, marked: bool) {
        let num = n
            .attribute("n")
            .and_then(|x| x.trim().parse::<u32>().ok())
            .filter(|x| !self.used_notes.contains(x))
            .unwrap_or_else(|| {
                let mut k = self.next_note.max(1);
                while self.used_notes.contains(&k) {
                    k += 1;
                }
                k
            });
        self.used_notes.push(num);
        self.next_note = num + 1;
        // The note's own text, written as a paragraph of its own.
        let saved_cur = self.cur.take();
        let saved_open = std::mem::take(&mut self.open);
        let saved_kind = std::mem::replace(&mut self.kind, ParaKind::Footnote(num));
        let saved_speaker = self.speaker.take();
        let line = self.line_of(n);
        self.start(ParaKind::Footnote(num), line);
        for c in n.children() {
            if is_block(&c) {
                // Paragraphs of a note stay in the note, a space apart.
                self.space();
                for cc in c.children() {
                    self.node(cc, 0);
                }
                self.space();
            } else {
                self.node(c, 0);
            }
        }
        let written = match self.cur.take() {
            Some((p, _)) => {
                let p = finish(p);
                let some = !p.text.is_empty();
                if some {
                    self.notes.push(p);
                }
                some
            }
            None => false,
        };
        self.cur = saved_cur;
        self.open = saved_open;
        self.kind = saved_kind;
        self.speaker = saved_speaker;
        // An empty note leaves no marker: a marker always has its note.
        let marked = marked && written;
        if marked {
            let marker: String = std::iter::once('⁽')
                .chain(num.to_string().chars().map(superscript))
                .chain(std::iter::once('⁾'))
                .collect();
            if self.cur.is_none() {
                self.start(self.kind, self.line_of(n));
            }
            let at = self.len();
            if let Some((p, space)) = &mut self.cur {
                // A marker sits on the word before it.
                *space = false;
                p.text.push_str(&marker);
                p.spans.push(Span {
                    start: at as u32,
                    end: p.text.len() as u32,
                    kind: SpanKind::FootnoteRef(num),
                });
            }
        }
    }

    fn unknown(&mut self, n: Node) {
        let name = match n.tag_name().namespace() {
            Some(TEI) | None => n.tag_name().name().to_string(),
            Some(ns) => format!("{} ({ns})", n.tag_name().name()),
        };
        self.unknown.0.entry(name).or_insert(n.range().start);
    }

    // ---- the paragraph being written ----

    fn len(&self) -> usize {
        self.cur.as_ref().map_or(0, |(p, _)| p.text.len())
    }

    fn start(&mut self, kind: ParaKind, line: u32) {
        if self.cur.is_some() {
            return;
        }
        let speaker = match (&mut self.speaker, kind) {
            (Some((name, started)), ParaKind::Body | ParaKind::Line | ParaKind::Item(_)) => {
                let mode = if *started {
                    SpeechMode::Continued
                } else {
                    SpeechMode::Direct
                };
                *started = true;
                Some(Speaker {
                    name: name.clone(),
                    mode,
                })
            }
            _ => None,
        };
        self.cur = Some((
            Paragraph {
                kind,
                speaker,
                text: String::new(),
                spans: Vec::new(),
                line,
            },
            false,
        ));
        for o in &mut self.open {
            o.start = 0;
        }
    }

    /// Ends the paragraph being written (open spans end with it and go on
    /// in the next one).
    fn close(&mut self) {
        let Some((mut p, _)) = self.cur.take() else {
            return;
        };
        let end = p.text.len();
        for o in &self.open {
            push_span(&mut p, o.start, end, o.kind.clone());
        }
        let p = finish(p);
        if p.text.is_empty() {
            return;
        }
        if matches!(p.kind, ParaKind::Footnote(_)) {
            self.notes.push(p);
        } else {
            self.body.push(p);
        }
    }

    fn open_span(&mut self, kind: SpanKind) {
        let start = self.len();
        self.open.push(Open { start, kind });
    }

    fn close_span(&mut self) {
        let Some(o) = self.open.pop() else { return };
        if let Some((p, _)) = &mut self.cur {
            let end = p.text.len();
            push_span(p, o.start, end, o.kind);
        }
    }

    fn space(&mut self) {
        if let Some((_, space)) = &mut self.cur {
            *space = true;
        }
    }

    fn push_text(&mut self, at: Node, s: &str) {
        if s.trim().is_empty() {
            self.space();
            return;
        }
        if self.cur.is_none() {
            let line = self.line_of(at);
            self.start(self.kind, line);
        }
        self.push_str(s);
    }

    /// Appends text, whitespace runs as one space (none at the start).
    fn push_str(&mut self, s: &str) {
        if self.cur.is_none() {
            self.start(self.kind, 0);
        }
        let Some((p, space)) = &mut self.cur else {
            return;
        };
        for c in s.chars() {
            if c.is_whitespace() {
                *space = true;
            } else {
                if *space && !p.text.is_empty() && !p.text.ends_with('\t') {
                    p.text.push(' ');
                }
                *space = false;
                p.text.push(c);
            }
        }
    }

    fn push_raw(&mut self, c: char) {
        if let Some((p, space)) = &mut self.cur {
            *space = false;
            p.text.push(c);
        }
    }

    fn finish(&mut self) {
        self.close();
        let _ = (self.path, &self.diags);
    }
}

/// Inline elements that are mapped (or deliberately plain) besides
/// [`TRANSPARENT`] ones.
const KNOWN_INLINE: &[&str] = &[
    "hi",
    "note",
    "lb",
    "cb",
    "pb",
    "milestone",
    "anchor",
    "gap",
    "choice",
    "del",
    "add",
    "unclear",
    "sic",
    "corr",
    "ref",
    "ptr",
    "label",
    "desc",
    "space",
];

fn is_block(n: &Node) -> bool {
    if !n.is_element() {
        return false;
    }
    if n.tag_name().namespace() == Some(FRUS) {
        return n.tag_name().name() == "attachment";
    }
    n.tag_name().namespace() == Some(TEI)
        && matches!(
            n.tag_name().name(),
            "p" | "ab"
                | "head"
                | "list"
                | "table"
                | "div"
                | "sp"
                | "lg"
                | "l"
                | "opener"
                | "closer"
                | "dateline"
                | "salute"
                | "signed"
                | "item"
                | "postscript"
                | "trailer"
                | "byline"
                | "docAuthor"
                | "quote"
                | "floatingText"
                | "figure"
        )
}

/// The span of a `hi`'s `@rend` or `@rendition` (italic, bold, underline,
/// small caps, superscript), read as words: `italic`, `#bold`,
/// `font-style: italic`.
fn rend(r: Option<&str>, name: &str) -> Option<SpanKind> {
    let r = r.unwrap_or(match name {
        "title" | "foreign" | "emph" | "mentioned" | "soCalled" => "italic",
        _ => "",
    });
    let r = r.to_ascii_lowercase();
    let words: Vec<&str> = r
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    let has = |set: &[&str]| words.iter().any(|w| set.contains(w));
    if has(&["bold", "b", "strong", "bolder", "heavy"]) {
        Some(SpanKind::Strong)
    } else if has(&[
        "italic", "italics", "i", "it", "slant", "slanted", "em", "oblique",
    ]) {
        Some(SpanKind::Emphasis)
    } else if has(&["underline", "underlined", "ul", "u"]) {
        Some(SpanKind::Underline)
    } else if has(&["smallcaps", "small-caps", "smallcap", "sc", "caps"]) {
        Some(SpanKind::SmallCaps)
    } else if has(&["sup", "superscript", "super"]) {
        Some(SpanKind::Superscript)
    } else {
        None
    }
}

/// The entity key of a name element: `@corresp`, `@ref` or `@key`, its
/// first target, without the path before `#` (`persons.xml#p_SM1` → `p_SM1`).
pub(crate) fn key(n: Node) -> String {
    let raw = n
        .attribute("corresp")
        .or_else(|| n.attribute("ref"))
        .or_else(|| n.attribute("key"))
        .unwrap_or("");
    normalize_ref(raw.split_whitespace().next().unwrap_or(""))
}

/// `#p_SM1`, `persons.xml#p_SM1` and `p_SM1` are one key: `p_SM1`.
pub fn normalize_ref(raw: &str) -> String {
    raw.rsplit('#').next().unwrap_or("").trim().to_string()
}

/// "by hand #KH", "above the line": what `@hand` and `@place` say.
fn hand_note(n: Node) -> String {
    let mut parts = Vec::new();
    if let Some(h) = n.attribute("hand") {
        parts.push(format!("hand {}", h.trim_start_matches('#')));
    }
    if let Some(p) = n.attribute("place") {
        parts.push(format!("place: {p}"));
    }
    if let Some(r) = n.attribute("rend") {
        parts.push(format!("rendered: {r}"));
    }
    parts.join("; ")
}

fn superscript(c: char) -> char {
    match c {
        '0' => '⁰',
        '1' => '¹',
        '2' => '²',
        '3' => '³',
        '4' => '⁴',
        '5' => '⁵',
        '6' => '⁶',
        '7' => '⁷',
        '8' => '⁸',
        '9' => '⁹',
        c => c,
    }
}

/// Adds a span, trimmed to the text it covers (no edge spaces).
fn push_span(p: &mut Paragraph, start: usize, end: usize, kind: SpanKind) {
    let t = &p.text;
    let mut s = start.min(t.len());
    let e = end.min(t.len());
    while s < e && t.as_bytes()[s] == b' ' {
        s += 1;
    }
    let mut e2 = e;
    while e2 > s && t.as_bytes()[e2 - 1] == b' ' {
        e2 -= 1;
    }
    if e2 > s || kind == SpanKind::Cell {
        p.spans.push(Span {
            start: s as u32,
            end: e2 as u32,
            kind,
        });
    }
}

/// Sorts the spans by start (outer first) and drops a trailing space.
fn finish(mut p: Paragraph) -> Paragraph {
    while p.text.ends_with(' ') {
        p.text.pop();
    }
    p.spans.stable_sort_by(|a, b| {
        (a.start, std::cmp::Reverse(a.end)).cmp(&(b.start, std::cmp::Reverse(b.end)))
    });
    p
}
