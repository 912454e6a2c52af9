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
use crate::model::{Date, ParaKind, Paragraph, SpanKind};
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

mod builder;
mod elements;
mod inline;

pub use elements::normalize_ref;
use elements::*;

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

    /// The children of `n`, inside a span of `kind` when there is one.
    fn marked_children(&mut self, n: Node, depth: u8, kind: Option<SpanKind>) {
        match kind {
            Some(k) => {
                self.open_span(k);
                self.children(n, depth, None);
                self.close_span();
            }
            None => self.children(n, depth, None),
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
        self.marked_children(n, depth, span);
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
}
