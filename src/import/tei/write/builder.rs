//! The paragraph being written: whitespace collapsed as XML editions mean
//! it, spans opened and closed around their text, blocks closed with the
//! spans still open carried into the next.

use super::{Open, Writer};
use crate::model::{ParaKind, Paragraph, Span, SpanKind, Speaker, SpeechMode};
use crate::sort::StableSort;
use roxmltree::Node;

impl Writer<'_, '_> {
    pub(super) fn len(&self) -> usize {
        self.cur.as_ref().map_or(0, |(p, _)| p.text.len())
    }

    pub(super) fn start(&mut self, kind: ParaKind, line: u32) {
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
    pub(super) fn close(&mut self) {
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

    pub(super) fn open_span(&mut self, kind: SpanKind) {
        let start = self.len();
        self.open.push(Open { start, kind });
    }

    pub(super) fn close_span(&mut self) {
        let Some(o) = self.open.pop() else { return };
        if let Some((p, _)) = &mut self.cur {
            let end = p.text.len();
            push_span(p, o.start, end, o.kind);
        }
    }

    pub(super) fn space(&mut self) {
        if let Some((_, space)) = &mut self.cur {
            *space = true;
        }
    }

    pub(super) fn push_text(&mut self, at: Node, s: &str) {
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
    pub(super) fn push_str(&mut self, s: &str) {
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

    pub(super) fn push_raw(&mut self, c: char) {
        if let Some((p, space)) = &mut self.cur {
            *space = false;
            p.text.push(c);
        }
    }

    pub(super) fn finish(&mut self) {
        self.close();
        let _ = (self.path, &self.diags);
    }
}

/// Adds a span, trimmed to the text it covers (no edge spaces).
pub(super) fn push_span(p: &mut Paragraph, start: usize, end: usize, kind: SpanKind) {
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
pub(super) fn finish(mut p: Paragraph) -> Paragraph {
    while p.text.ends_with(' ') {
        p.text.pop();
    }
    p.spans.stable_sort_by(|a, b| {
        (a.start, std::cmp::Reverse(a.end)).cmp(&(b.start, std::cmp::Reverse(b.end)))
    });
    p
}
