//! The wasm boundary: the only file that knows wasm.
//!
//! One handle, [`Docent`], made once from the bundle bytes; every method
//! returns one small plain JS value: the result written as JSON text in
//! Rust ([`json`]) and read by one `JSON.parse` (maps become objects). Text offsets leave Rust as UTF-8 byte offsets and
//! are converted to UTF-16 code-unit offsets here, because JS strings index
//! by UTF-16. Errors become JS exceptions with a readable message. A panic
//! (a bug) traps; where the build keeps the panic hook (see [`Docent::new`]),
//! its message is printed first.
//!
//! Each feature adds its methods in its own `#[wasm_bindgen] impl Docent`
//! block below.

use crate::sort::StableSort;
use crate::{format, model::Paragraph, Collection};
use serde::Serialize;
use wasm_bindgen::prelude::*;

mod json;
// The tagging benchmark's methods, only in an engine built for it.
#[cfg(feature = "tagging-bench")]
mod bench;

// Talc instead of the default dlmalloc: a smaller allocator, not slower.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The engine, holding one decoded collection.
#[wasm_bindgen]
pub struct Docent {
    core: Collection,
}

/// What every method returns: a plain JS value, or a JS `Error`.
type Answer = Result<JsValue, JsValue>;

/// A result for JS as plain objects: JSON text, parsed once on the JS side.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Answer {
    let text = json::to_json(value)
        .map_err(|e| err(&format!("cannot pass the result to JavaScript: {e}")))?;
    js_sys::JSON::parse(&text)
}

/// A JS `Error` with this message.
fn err(msg: &str) -> JsValue {
    js_sys::Error::new(msg).into()
}

/// The core's error as a JS `Error`; when texts must be loaded first, its
/// `parts` property lists the text parts to add (see [`Docent::add_part`]).
fn core_err(e: crate::Error) -> JsValue {
    let js = js_sys::Error::new(e.message());
    if !e.parts().is_empty() {
        let parts: js_sys::Array = e.parts().iter().map(|&k| JsValue::from(k)).collect();
        // Setting a property on a fresh Error object cannot fail.
        let _ = js_sys::Reflect::set(&js, &JsValue::from_str("parts"), &parts);
    }
    js.into()
}

/// Converts sorted-or-not UTF-8 byte offsets into `text` to UTF-16 offsets.
/// An offset inside a character or past the end maps to the next boundary.
pub(crate) fn utf16_offsets(text: &str, offsets: &mut [&mut u32]) {
    if offsets.is_empty() {
        return;
    }
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.stable_sort_by_key(|&i| *offsets[i]);
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

/// A document with its paragraphs' span offsets in UTF-16.
fn document_utf16(doc: &crate::model::Document) -> crate::model::Document {
    let mut out = doc.clone();
    out.paragraphs = doc.paragraphs.iter().map(paragraph_utf16).collect();
    out
}

/// Converts mention offsets into `doc`'s paragraphs to UTF-16.
fn mentions_utf16(doc: &crate::model::Document, rows: &mut [crate::entities::ParaMention]) {
    for m in rows {
        let text = doc
            .paragraphs
            .get(m.paragraph as usize)
            .map_or("", |p| p.text.as_str());
        utf16_offsets(text, &mut [&mut m.start, &mut m.end]);
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

#[wasm_bindgen]
impl Docent {
    /// Decodes a bundle made by `docent build` (a `Uint8Array`), copying one
    /// section at a time into wasm memory rather than the whole bundle.
    #[wasm_bindgen(constructor)]
    pub fn new(bundle: &js_sys::Uint8Array) -> Result<Docent, JsValue> {
        // A panic (a bug) prints its message to the console. Not in the
        // engine built with panic=immediate-abort (scripts/build-engine.sh),
        // which traps at once and would never call the hook.
        #[cfg(not(panic = "immediate-abort"))]
        console_error_panic_hook::set_once();
        let core = format::decode_from(bundle.length() as usize, |at, buf| {
            bundle
                .subarray(at as u32, (at + buf.len()) as u32)
                .copy_to(buf)
        })
        .map_err(core_err)?;
        Ok(Docent { core })
    }

    /// Adds a text part of a bundle made without its parts (the folder
    /// form, `docent build --shards`): methods whose error has a `parts`
    /// property want those parts added first. Adding a part twice is
    /// harmless.
    pub fn add_part(&mut self, part: &[u8]) -> Result<(), JsValue> {
        format::add_part(&mut self.core, part).map_err(core_err)
    }

    /// The documents in date order: id, title, date, kind, summary.
    pub fn library(&self) -> Answer {
        to_js(&self.core.library())
    }

    /// One whole document (metadata and paragraphs), offsets in UTF-16.
    pub fn document(&self, id: &str) -> Answer {
        let d = self.core.find_doc(id).map_err(core_err)?;
        self.core.need([d]).map_err(core_err)?;
        to_js(&document_utf16(&self.core.docs[d]))
    }

    /// The reader's one question: document `id` with its layers — the
    /// marks of `query` (if given) with the query as understood and the
    /// number of matching paragraphs `search` gives for it, and the name
    /// mentions (if `names`): `{doc, search: {parsed, paragraphs, marks:
    /// {doc, total, paragraphs: [{paragraph, ranges}]}} | null, mentions}`,
    /// every offset in UTF-16.
    pub fn reading(&self, id: &str, query: Option<String>, names: bool) -> Answer {
        let mut r = self
            .core
            .reading(id, query.as_deref(), names)
            .map_err(core_err)?;
        mentions_utf16(&r.doc, &mut r.mentions);
        if let Some(s) = &mut r.search {
            highlights_utf16(&self.core, &mut s.marks);
        }
        r.doc = std::borrow::Cow::Owned(document_utf16(&r.doc));
        to_js(&r)
    }
}

// ---- search ----

#[wasm_bindgen]
impl Docent {
    /// Searches: `{query, total, hits: [{doc, title, date, paragraph,
    /// speaker, score, snippet: [{text, mark}]}], docs, did_you_mean?,
    /// notices?}`, the same JSON as `docent search --json`. Any string is a
    /// valid query (lone surrogates arrive as U+FFFD).
    pub fn search(&self, query: &str, limit: usize) -> Answer {
        to_js(&self.core.search(query, limit).map_err(core_err)?)
    }

    /// Every match of `query` in document `doc`, for highlighting it:
    /// `{doc, total, paragraphs: [{paragraph, ranges: [[start, end], …]}]}`
    /// with UTF-16 offsets into each paragraph's text.
    pub fn highlights(&self, query: &str, doc: &str) -> Answer {
        let mut h = self.core.highlights(query, doc).map_err(core_err)?;
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

// ---- positions ----

/// `by` and `value` of the page's `#grid=by:value` as an ask.
fn ask_of<'q>(by: &str, value: &'q str) -> Result<crate::positions::Ask<'q>, JsValue> {
    use crate::positions::Ask;
    match by {
        "query" => Ok(Ask::Query(value)),
        "entity" => Ok(Ask::Entity(value)),
        "clause" => Ok(Ask::Clause(value)),
        other => Err(err(&format!(
            "positions by `{other}`: ask by \"query\", \"entity\" or \"clause\""
        ))),
    }
}

/// The grid's shape as it crosses: the matching paragraphs once each, in
/// collection order, and the rows naming them by number; each document's
/// id once (the page has titles and dates in its library rows).
#[derive(Serialize)]
struct GridShape<'a> {
    by: &'static str,
    asked: &'a str,
    total: usize,
    /// The grid's documents, in collection order.
    docs: Vec<&'a str>,
    hits: Vec<HitShape<'a>>,
    rows: &'a [crate::positions::ShapeRow<'a>],
}

/// `[doc, paragraph, reported]`, `doc` an index into `docs`, `reported` 0
/// or 1; a paragraph holding a registered wording adds `family, version`.
struct HitShape<'a> {
    doc: u32,
    paragraph: u32,
    reported: bool,
    clause: Option<(&'a str, &'a str)>,
}

impl Serialize for HitShape<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeTuple;
        let mut t = s.serialize_tuple(if self.clause.is_some() { 5 } else { 3 })?;
        t.serialize_element(&self.doc)?;
        t.serialize_element(&self.paragraph)?;
        t.serialize_element(&u8::from(self.reported))?;
        if let Some((family, version)) = self.clause {
            t.serialize_element(family)?;
            t.serialize_element(version)?;
        }
        t.end()
    }
}

#[wasm_bindgen]
impl Docent {
    /// Who said what, and when, without the quotations (see
    /// [`Docent::positions_quotes`]): `{by, asked, total, docs: [id], hits:
    /// [[doc, paragraph, reported, family?, version?]], rows: [{speaker,
    /// side, entity?, narration, cells: [hit]}]}` for `by` = "query",
    /// "entity" (any name or id) or "clause" (a family id); rows and cells
    /// in the order of `docent positions --json`.
    pub fn positions(&self, by: &str, value: &str) -> Answer {
        let core = &self.core;
        let shape = core.positions_shape(ask_of(by, value)?).map_err(core_err)?;
        let m = &shape.matches;
        let mut docs: Vec<&str> = Vec::new();
        let mut hits = Vec::with_capacity(m.hits.len());
        for &(d, p) in &m.hits {
            let id = core.docs[d as usize].id.as_str();
            if docs.last() != Some(&id) {
                docs.push(id);
            }
            hits.push(HitShape {
                doc: docs.len() as u32 - 1,
                paragraph: p,
                reported: core.reported(d, p),
                clause: core.clause_at(d, p),
            });
        }
        to_js(&GridShape {
            by: m.by,
            asked: &m.asked,
            total: m.hits.len(),
            docs,
            hits,
            rows: &shape.rows,
        })
    }

    /// The quotations of hits of that grid, by their number: one `[{text,
    /// mark}]` each, `[]` for a number out of range.
    pub fn positions_quotes(&self, by: &str, value: &str, hits: &[u32]) -> Answer {
        let m = self.core.matches(ask_of(by, value)?).map_err(core_err)?;
        let quotes: Vec<_> = hits
            .iter()
            .map(|&k| match (k as usize) < m.hits.len() {
                true => m.quotation(&self.core, k as usize),
                false => Vec::new(),
            })
            .collect();
        to_js(&quotes)
    }
}

// ---- entities ----

/// Converts a report's mention offsets to UTF-16.
fn report_utf16(core: &Collection, r: &mut crate::entities::EntityReport) {
    for m in &mut r.mentions {
        let text = core
            .doc(&m.doc)
            .and_then(|d| d.paragraphs.get(m.paragraph as usize))
            .map_or("", |p| p.text.as_str());
        utf16_offsets(text, &mut [&mut m.start, &mut m.end]);
    }
}

#[wasm_bindgen]
impl Docent {
    /// Everything about one entity, looked up by any of its names or its id
    /// (case-, diacritic- and title-insensitive): card, every mention in
    /// context (grouped by document in date order, offsets in UTF-16),
    /// co-mentioned entities, timeline. When no single entity matches, an
    /// object `{error: "ambiguous" | "not found", query, candidates}`.
    pub fn entity(&self, name: &str) -> Answer {
        match self.core.lookup_entity(name).map_err(core_err)? {
            Ok(mut r) => {
                report_utf16(&self.core, &mut r);
                to_js(&r)
            }
            Err(miss) => to_js(&miss),
        }
    }

    /// Every entity with its mention count, A–Z within each kind.
    pub fn entities(&self) -> Answer {
        to_js(&self.core.entity_summaries())
    }

    /// The mentions of one document for highlighting: paragraph, UTF-16
    /// range, entity ids, kind, name, variant and ambiguity flags.
    pub fn mentions(&self, doc_id: &str) -> Answer {
        let di = self.core.find_doc(doc_id).map_err(core_err)?;
        self.core.need([di]).map_err(core_err)?;
        let mut rows = self.core.doc_mentions(di);
        mentions_utf16(&self.core.docs[di], &mut rows);
        to_js(&rows)
    }
}

// ---- clauses ----

/// Diff options from the `ignore` list (case, punct, spelling), with the
/// entity register's spelling variants when spelling is ignored.
fn diff_setup(
    core: &Collection,
    ignore: Option<String>,
) -> Result<(crate::diff::Options, crate::diff::Variants), JsValue> {
    let ignore = crate::diff::Ignore::parse(ignore.as_deref().unwrap_or("")).map_err(core_err)?;
    let variants = if ignore.spelling {
        crate::diff::Variants::new(&core.entities.alias_groups())
    } else {
        crate::diff::Variants::default()
    };
    let opts = crate::diff::Options {
        ignore,
        ..Default::default()
    };
    Ok((opts, variants))
}

fn no_family(core: &Collection, id: &str) -> JsValue {
    core.clauses.find(id).err().map_or(JsValue::NULL, core_err)
}

#[wasm_bindgen]
impl Docent {
    /// Clause families and their versions (date, label, speaker, document, paragraph).
    pub fn clauses(&self) -> Answer {
        to_js(&self.core.clauses.summaries())
    }

    /// One family: every version and the diff between consecutive ones.
    /// `ignore` is a comma-separated list of case, punct, spelling.
    pub fn clause(&self, id: &str, ignore: Option<String>) -> Answer {
        let (opts, v) = diff_setup(&self.core, ignore)?;
        let view = self
            .core
            .clauses
            .view(id, &opts, &v)
            .ok_or_else(|| no_family(&self.core, id))?;
        to_js(&view)
    }

    /// The diff between versions `a` and `b` of family `id` (any two).
    pub fn clause_step(&self, id: &str, a: usize, b: usize, ignore: Option<String>) -> Answer {
        let (opts, v) = diff_setup(&self.core, ignore)?;
        let f = self
            .core
            .clauses
            .family(id)
            .ok_or_else(|| no_family(&self.core, id))?;
        let n = f.versions.len();
        let step = self.core.clauses.step(id, a, b, &opts, &v).ok_or_else(|| {
            err(&format!(
                "family `{id}` has versions 0 to {}",
                n.saturating_sub(1)
            ))
        })?;
        to_js(&step)
    }

    /// All versions of a family in one table against version `base`.
    pub fn clause_table(&self, id: &str, base: usize, ignore: Option<String>) -> Answer {
        let (opts, v) = diff_setup(&self.core, ignore)?;
        let t = self
            .core
            .clauses
            .table(id, base, &opts, &v)
            .ok_or_else(|| no_family(&self.core, id))?;
        to_js(&t)
    }

    /// Word diff of any two texts: `{ops, similarity, hidden, …}`.
    pub fn diff(&self, a: &str, b: &str, ignore: Option<String>) -> Answer {
        let (opts, v) = diff_setup(&self.core, ignore)?;
        to_js(&crate::diff::diff(a, b, &opts, &v))
    }

    /// Passages most like paragraphs `from..=to` of document `doc`
    /// (`to` defaults to `from`), best first: `[{doc, paragraph, score, shared, preview}]`.
    pub fn similar_passages(
        &self,
        doc: &str,
        from: usize,
        to: Option<usize>,
        limit: Option<usize>,
    ) -> Answer {
        let d = self.core.find_doc(doc).map_err(core_err)?;
        let hits = self.core.passages.similar_to_paragraphs(
            &self.core.docs,
            &self.core.parts,
            d,
            from,
            to.unwrap_or(from).max(from),
            limit.unwrap_or(10).min(100),
        );
        to_js(&hits.map_err(core_err)?)
    }

    /// Passages most like any text (a selection in the reader).
    pub fn similar_to_text(&self, text: &str, limit: Option<usize>) -> Answer {
        let hits = self.core.passages.similar_to_text(
            &self.core.docs,
            &self.core.parts,
            text,
            limit.unwrap_or(10).min(100),
        );
        to_js(&hits.map_err(core_err)?)
    }
}

// ---- the scholar's desk: citations, concordance ----

#[wasm_bindgen]
impl Docent {
    /// The citation of document `doc` (of its paragraph `paragraph`, when
    /// given) as `{format, text, mime}`; `format` is chicago, chicago-bib,
    /// bibtex, ris or csl-json. Without `format`, all five in that order.
    pub fn cite(&self, doc: &str, paragraph: Option<usize>, format: Option<String>) -> Answer {
        let formats = match format.as_deref() {
            None => crate::cite::FORMATS.to_vec(),
            Some(f) => vec![crate::cite::Format::parse(f).ok_or_else(|| {
                err(&format!(
                    "unknown citation format `{f}`: chicago, chicago-bib, bibtex, ris or csl-json"
                ))
            })?],
        };
        let csl = |items: &[crate::cite::CslItem]| json::to_json(items).unwrap_or_default();
        let mut out = Vec::with_capacity(formats.len());
        for f in formats {
            out.push(self.core.cite(doc, paragraph, f, csl).map_err(core_err)?);
        }
        match format {
            Some(_) => to_js(&out[0]),
            None => to_js(&out),
        }
    }

    /// The Highwire `citation_*` meta tags of document `doc` for the page's
    /// head (Zotero's Embedded Metadata translator reads them): `[[name, content], …]`.
    pub fn meta_tags(&self, doc: &str) -> Answer {
        to_js(&self.core.meta_tags(doc).map_err(core_err)?)
    }

    /// Where the reader is published (`docent build --base-url`), if given:
    /// permalinks then use it rather than the page's own address.
    pub fn base_url(&self) -> Option<String> {
        self.core.base_url.clone()
    }

    /// The concordance of `query`: `{query, total, lines: [{doc, date,
    /// paragraph, speaker, left, match, right, start, end}], notices?}`,
    /// `start`/`end` the match's UTF-16 offsets in the paragraph. `sort`:
    /// text (default), left, right, date, doc or speaker; at most `limit` lines.
    pub fn kwic(&self, query: &str, limit: usize, sort: Option<String>) -> Answer {
        let sort = match sort.as_deref() {
            None | Some("") => crate::search::kwic::Sort::Text,
            Some(s) => crate::search::kwic::Sort::parse(s).ok_or_else(|| {
                err(&format!(
                    "unknown sort `{s}`: text, left, right, date, doc or speaker"
                ))
            })?,
        };
        let mut k = self.core.kwic(query, limit, sort).map_err(core_err)?;
        for l in &mut k.lines {
            let text = self
                .core
                .doc(l.doc)
                .and_then(|d| d.paragraphs.get(l.paragraph as usize))
                .map_or("", |p| p.text.as_str());
            utf16_offsets(text, &mut [&mut l.start, &mut l.end]);
        }
        to_js(&k)
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
