//! The wasm boundary: the only file that knows wasm.
//!
//! One handle, [`Docent`], made once from the bundle bytes; every method
//! returns one small plain JS value (via serde-wasm-bindgen, JSON-compatible:
//! maps become objects). Text offsets leave Rust as UTF-8 byte offsets and
//! are converted to UTF-16 code-unit offsets here, because JS strings index
//! by UTF-16. Errors become JS exceptions with a readable message; the panic
//! hook is installed so that a bug prints a message rather than "unreachable".
//!
//! Each feature adds its methods in its own `#[wasm_bindgen] impl Docent`
//! block below.

use crate::{format, model::Paragraph, Collection};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The engine, holding one decoded collection.
#[wasm_bindgen]
pub struct Docent {
    core: Collection,
}

/// Serializes a result for JS (plain objects, not `Map`s).
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("cannot pass the result to JavaScript: {e}")))
}

/// Converts sorted-or-not UTF-8 byte offsets into `text` to UTF-16 offsets.
/// An offset inside a character or past the end maps to the next boundary.
pub(crate) fn utf16_offsets(text: &str, offsets: &mut [&mut u32]) {
    if offsets.is_empty() {
        return;
    }
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| *offsets[i]);
    let mut units = 0u32;
    let mut chars = text.char_indices().peekable();
    for i in order {
        let target = *offsets[i] as usize;
        while let Some(&(at, c)) = chars.peek() {
            if at >= target {
                break;
            }
            units += c.len_utf16() as u32;
            chars.next();
        }
        *offsets[i] = units;
    }
}

/// A paragraph with its span offsets in UTF-16.
fn paragraph_utf16(p: &Paragraph) -> Paragraph {
    let mut p = p.clone();
    let text = std::mem::take(&mut p.text);
    {
        let mut offs: Vec<&mut u32> = p
            .spans
            .iter_mut()
            .flat_map(|s| [&mut s.start, &mut s.end])
            .collect();
        utf16_offsets(&text, &mut offs);
    }
    p.text = text;
    p
}

/// One row of the library view.
#[derive(Serialize)]
struct LibraryEntry<'a> {
    id: &'a str,
    title: &'a str,
    date: Option<String>,
    date_label: &'a str,
    kind: &'a str,
    summary: Option<&'a str>,
    partial: Option<&'a str>,
    paragraphs: usize,
}

#[wasm_bindgen]
impl Docent {
    /// Decodes a bundle made by `docent build`.
    #[wasm_bindgen(constructor)]
    pub fn new(bundle: &[u8]) -> Result<Docent, JsError> {
        console_error_panic_hook::set_once();
        let core = format::decode(bundle).map_err(|e| JsError::new(e.message()))?;
        Ok(Docent { core })
    }

    /// The documents in date order: id, title, date, kind, summary.
    pub fn library(&self) -> Result<JsValue, JsError> {
        let rows: Vec<LibraryEntry> = self
            .core
            .docs
            .iter()
            .map(|d| LibraryEntry {
                id: &d.id,
                title: &d.title,
                date: d.date.map(|x| x.iso()),
                date_label: &d.date_label,
                kind: &d.kind,
                summary: d.field("Summary"),
                partial: d.partial.as_deref(),
                paragraphs: d.paragraphs.len(),
            })
            .collect();
        to_js(&rows)
    }

    /// One whole document (metadata and paragraphs), offsets in UTF-16.
    pub fn document(&self, id: &str) -> Result<JsValue, JsError> {
        let doc = self.core.doc(id).ok_or_else(|| {
            JsError::new(&format!("no document with id `{id}` in this collection"))
        })?;
        let mut out = doc.clone();
        out.paragraphs = doc.paragraphs.iter().map(paragraph_utf16).collect();
        to_js(&out)
    }
}

// ---- search ----

#[wasm_bindgen]
impl Docent {
    /// Searches: `{query, total, hits: [{doc, title, date, paragraph,
    /// speaker, score, snippet: [{text, mark}]}], docs, did_you_mean?,
    /// notices?}`, the same JSON as `docent search --json`. Any string is a
    /// valid query (lone surrogates arrive as U+FFFD).
    pub fn search(&self, query: &str, limit: usize) -> Result<JsValue, JsError> {
        to_js(&self.core.search(query, limit))
    }

    /// Every match of `query` in document `doc`, for highlighting it:
    /// `{doc, total, paragraphs: [{paragraph, ranges: [[start, end], …]}]}`
    /// with UTF-16 offsets into each paragraph's text.
    pub fn highlights(&self, query: &str, doc: &str) -> Result<JsValue, JsError> {
        let mut h = self.core.highlights(query, doc).ok_or_else(|| {
            JsError::new(&format!("no document with id `{doc}` in this collection"))
        })?;
        highlights_utf16(&self.core, &mut h);
        to_js(&h)
    }
}

/// Converts the byte ranges of `h` to UTF-16 offsets.
fn highlights_utf16(core: &Collection, h: &mut crate::search::Highlights) {
    let Some(doc) = core.doc(&h.doc) else { return };
    for p in &mut h.paragraphs {
        let Some(para) = doc.paragraphs.get(p.paragraph as usize) else {
            continue;
        };
        let mut offs: Vec<&mut u32> = p.ranges.iter_mut().flat_map(|[a, b]| [a, b]).collect();
        utf16_offsets(&para.text, &mut offs);
    }
}

#[cfg(test)]
mod tests {
    use super::utf16_offsets;

    #[test]
    fn utf16_conversion() {
        let text = "aё🙂b";
        let (mut a, mut b, mut c, mut d) = (0u32, 1u32, 3u32, 7u32);
        utf16_offsets(text, &mut [&mut d, &mut a, &mut c, &mut b]);
        assert_eq!((a, b, c, d), (0, 1, 2, 4));
    }
}
