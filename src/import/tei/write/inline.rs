//! Inline elements: marks (`hi`, names, `del`/`add`, `sic`…), `choice`,
//! gaps and notes (a marker here, a footnote paragraph there).

use super::super::{is, plain_text, TEI};
use super::builder::finish;
use super::elements::*;
use super::Writer;
use crate::model::{ParaKind, Span, SpanKind};
use roxmltree::Node;

impl Writer<'_, '_> {
    pub(super) fn inline(&mut self, n: Node, depth: u8) {
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
        self.marked_children(n, depth, kind);
    }

    /// `<choice>`: the source's reading shown (sic, orig, abbr), the other
    /// alongside as a note.
    pub(super) fn choice(&mut self, n: Node, depth: u8) {
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
    pub(super) fn note(&mut self, n: Node, marked: bool) {
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

    pub(super) fn unknown(&mut self, n: Node) {
        let name = match n.tag_name().namespace() {
            Some(TEI) | None => n.tag_name().name().to_string(),
            Some(ns) => format!("{} ({ns})", n.tag_name().name()),
        };
        self.unknown.0.entry(name).or_insert(n.range().start);
    }

    // ---- the paragraph being written ----
}
