//! TEI P5 editions (`.xml`) → [`Document`]s and register entries.
//!
//! Native only (the `docent` binary): the page never parses XML.
//!
//! * **Documents.** Every `<div type="document">` of a file is a document,
//!   in document order, id `STEM-XMLID` (`frus1955-57v23p1-d90`); a file
//!   with one such div, or with none (its `<text>` is then the document),
//!   takes the file's stem as id. The title is the div's `<head>` (notes
//!   left out, a leading "90." kept as the field `Document`), else the
//!   header's title; the date is `@frus:doc-dateTime-min`, else the first
//!   `<date when>` of a `<dateline>`, else the header's creation date.
//! * **Text.** `write.rs` maps the elements editions use onto the model:
//!   paragraphs, headings, list items, table rows, lines, speaker turns,
//!   footnotes (with their `@n`), editorial marks and marked names
//!   ([`SpanKind::Name`](crate::model::SpanKind::Name), resolved to
//!   entities when the collection is built). Unknown elements keep their
//!   text and are reported once per file with their line and column.
//! * **Register.** `listPerson`/`listPlace`/`listOrg` and FRUS's persons
//!   list become entities (`register.rs`); a file may hold only that.
//! * **Safety.** A DTD is never read: a DOCTYPE with an internal subset is
//!   refused, one without is ignored (it is never fetched). Only XML's five
//!   entities and character references exist. Files over
//!   [`MAX_DEPTH`] levels or [`MAX_NODES`] nodes are refused.

mod link;
mod register;
mod write;

pub use link::link;
pub use write::normalize_ref;

use crate::diag::Diagnostic;
use crate::entities::Entity;
use crate::model::{Date, Document};
use roxmltree::{Node, ParsingOptions};

/// The TEI namespace.
pub const TEI: &str = "http://www.tei-c.org/ns/1.0";
/// FRUS's own namespace (`frus:attachment`, `@frus:doc-dateTime-min`).
pub const FRUS: &str = "http://history.state.gov/frus/ns/1.0";
/// Deepest element nesting read (editions nest a few dozen levels).
pub const MAX_DEPTH: usize = 256;
/// Most XML nodes read from one file (a FRUS volume has ~200,000).
pub const MAX_NODES: u32 = 5_000_000;

/// What one TEI file holds.
#[derive(Debug, Default)]
pub struct TeiFile {
    pub documents: Vec<Document>,
    /// Register entries (ids from `@xml:id`, which they keep in `refs`).
    pub entities: Vec<Entity>,
    /// `(xml:id, document id)` of each document, so that `#d89` in another
    /// file of the collection finds its document.
    pub anchors: Vec<(String, String)>,
}

/// Reads one TEI file. `path` is relative to the corpus directory. Errors
/// leave the file out (nothing half-read); warnings ride along.
pub fn parse_file(path: &str, bytes: &[u8]) -> (TeiFile, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let file = read(path, bytes, &mut diags).unwrap_or_default();
    (file, diags)
}

fn read(path: &str, bytes: &[u8], diags: &mut Vec<Diagnostic>) -> Option<TeiFile> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
            diags.push(
                Diagnostic::new(path, Some(line), "the file is not valid UTF-8")
                    .help("save the edition as UTF-8 (TEI files normally are)"),
            );
            return None;
        }
    };
    let text = strip_doctype(path, text, diags)?;
    let opts = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..ParsingOptions::default()
    };
    let xml = match roxmltree::Document::parse_with_options(&text, opts) {
        Ok(x) => x,
        Err(e) => {
            let pos = e.pos();
            diags.push(
                Diagnostic::new(path, Some(pos.row), format!("not well-formed XML: {e}"))
                    .column(pos.col)
                    .help(xml_help(&e)),
            );
            return None;
        }
    };
    if let Some((node, depth)) = too_deep(&xml) {
        let pos = xml.text_pos_at(node.range().start);
        diags.push(
            Diagnostic::new(
                path,
                Some(pos.row),
                format!("elements nest {depth} levels deep here, more than the {MAX_DEPTH} Docent reads"),
            )
            .column(pos.col)
            .help("an edition nests a few dozen levels at most: check the file for unclosed or runaway markup"),
        );
        return None;
    }
    let root = xml.root_element();
    if root.tag_name().namespace() != Some(TEI) {
        let pos = xml.text_pos_at(root.range().start);
        diags.push(
            Diagnostic::new(
                path,
                Some(pos.row),
                format!(
                    "the root element `{}` is not in the TEI namespace",
                    root.tag_name().name()
                ),
            )
            .column(pos.col)
            .help(format!(
                "a TEI P5 file's root is <TEI xmlns=\"{TEI}\">; other XML is not read"
            )),
        );
        return None;
    }
    let stem = path
        .rsplit('/')
        .next()
        .unwrap_or(path)
        .trim_end_matches(".xml")
        .to_string();
    let header = Header::read(root);
    let mut out = TeiFile {
        entities: register::entities(path, &xml, diags),
        ..TeiFile::default()
    };
    let divs: Vec<Node> = root
        .descendants()
        .filter(|n| is(n, "div") && n.attribute("type") == Some("document"))
        .collect();
    let mut w = write::Unknown::default();
    if divs.is_empty() {
        // The whole text is one document, unless the file is a register only.
        if let Some(text_el) = root.children().find(|n| is(n, "text")) {
            let has_words = text_el.descendants().filter(|n| is(n, "body")).any(|b| {
                b.descendants()
                    .any(|n| n.is_text() && !n.text().unwrap_or("").trim().is_empty())
            });
            if has_words {
                let doc = document(
                    path,
                    &xml,
                    text_el,
                    stem.clone(),
                    &header,
                    false,
                    &mut w,
                    diags,
                );
                if let Some(d) = doc {
                    if let Some(id) = root.attribute((roxmltree::NS_XML_URI, "id")) {
                        out.anchors.push((id.to_string(), d.id.clone()));
                    }
                    out.documents.push(d);
                }
            }
        }
    } else {
        let single = divs.len() == 1;
        for div in divs {
            let xml_id = div.attribute((roxmltree::NS_XML_URI, "id")).unwrap_or("");
            let id = if single || xml_id.is_empty() {
                if single {
                    stem.clone()
                } else {
                    format!("{stem}-{}", out.documents.len() + 1)
                }
            } else {
                format!("{stem}-{}", slug(xml_id))
            };
            if let Some(d) = document(path, &xml, div, id, &header, true, &mut w, diags) {
                if !xml_id.is_empty() {
                    out.anchors.push((xml_id.to_string(), d.id.clone()));
                }
                out.documents.push(d);
            }
        }
    }
    w.report(path, &xml, diags);
    if out.documents.is_empty() && out.entities.is_empty() {
        diags.push(
            Diagnostic::warning(path, Some(1), "the TEI file has no text and no register")
                .help("documents are <div type=\"document\"> or the <body> of <text>; registers are listPerson, listPlace, listOrg"),
        );
    }
    Some(out)
}

/// Whether `n` is the TEI element `name`.
pub(crate) fn is(n: &Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(TEI)
}

/// A document id from an `xml:id`: lower-case letters, digits and `-`.
pub(crate) fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// The deepest point past [`MAX_DEPTH`], if any (walked without recursion).
fn too_deep<'a>(xml: &'a roxmltree::Document) -> Option<(Node<'a, 'a>, usize)> {
    // Depth of each node by id, from its parent's (nodes come in document order).
    let mut depth = vec![0u32; xml.descendants().count() + 1];
    for n in xml.descendants().filter(|n| n.is_element()) {
        let d = n.parent().map_or(0, |p| depth[p.id().get_usize()]) + 1;
        depth[n.id().get_usize()] = d;
        if d as usize > MAX_DEPTH {
            return Some((n, d as usize));
        }
    }
    None
}

/// Removes a DOCTYPE that only names an external DTD (never fetched; its
/// bytes become spaces so lines and columns stay true). A DOCTYPE with an
/// internal subset declares entities: the file is refused.
fn strip_doctype<'a>(
    path: &str,
    text: &'a str,
    diags: &mut Vec<Diagnostic>,
) -> Option<std::borrow::Cow<'a, str>> {
    let Some(at) = text.find("<!DOCTYPE") else {
        return Some(text.into());
    };
    let line = text[..at].matches('\n').count() as u32 + 1;
    let col = text[..at]
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.chars().count()) as u32
        + 1;
    let rest = &text[at..];
    let end = rest.find('>');
    let subset = rest.find('[');
    match (end, subset) {
        (Some(e), s) if s.map_or(true, |s| s > e) => {
            diags.push(
                Diagnostic::warning(
                    path,
                    Some(line),
                    "the DOCTYPE is ignored: Docent never reads or fetches a DTD",
                )
                .column(col)
                .help("nothing to do; remove the DOCTYPE line to silence this"),
            );
            let mut owned = text.to_string();
            owned.replace_range(at..at + e + 1, &" ".repeat(e + 1));
            Some(owned.into())
        }
        _ => {
            diags.push(
                Diagnostic::new(
                    path,
                    Some(line),
                    "the file declares a DTD with its own entities; Docent never expands DTD entities",
                )
                .column(col)
                .help("remove the DOCTYPE's [ … ] block and write the characters its entities stand for (or &#x…; references)"),
            );
            None
        }
    }
}

fn xml_help(e: &roxmltree::Error) -> String {
    use roxmltree::Error as E;
    match e {
        E::UnknownEntityReference(..) => {
            "only &amp; &lt; &gt; &quot; &apos; and &#…; references exist without a DTD: write the character itself".into()
        }
        E::UnexpectedCloseTag(..) => "close the elements in the order they were opened".into(),
        E::UnexpectedEntityCloseTag(..) | E::EntityReferenceLoop(..) => {
            "remove the entity declarations; write the text itself".into()
        }
        E::NodesLimitReached => format!(
            "the file has more than {MAX_NODES} XML nodes: split the volume into several files"
        ),
        _ => "fix the markup at this position (an XML editor or `xmllint --noout FILE` shows the problem)".into(),
    }
}

/// What the `teiHeader` says of the whole file.
#[derive(Debug, Default)]
struct Header {
    title: String,
    date: Option<(Date, String)>,
    editors: Vec<String>,
    publisher: String,
    /// `titleStmt/author`s (an edition by one or several authors).
    authors: Vec<String>,
    /// `publicationStmt/pubPlace`.
    place: String,
    /// The year of `publicationStmt/date` (FRUS: `type="publication-date"`).
    year: String,
    /// Every `<pb n>` of the file: its byte offset and page number.
    page_breaks: Vec<(usize, String)>,
    /// FRUS's volume id (`idno type="frus"`), for the document's address.
    frus_volume: Option<String>,
}

impl Header {
    fn read(root: Node) -> Header {
        let mut h = Header::default();
        let Some(head) = root.children().find(|n| is(n, "teiHeader")) else {
            return h;
        };
        let titles: Vec<Node> = head
            .descendants()
            .filter(|n| is(n, "title") && n.ancestors().any(|a| is(&a, "titleStmt")))
            .collect();
        let title = titles
            .iter()
            .find(|t| t.attribute("type") == Some("complete"))
            .or_else(|| {
                titles
                    .iter()
                    .find(|t| t.attribute("type").map_or(true, |t| t == "main"))
            })
            .or(titles.first());
        if let Some(t) = title {
            h.title = plain_text(*t);
        }
        for n in head.descendants() {
            if is(&n, "editor") && n.ancestors().any(|a| is(&a, "titleStmt")) {
                h.editors.push(plain_text(n));
            } else if is(&n, "author") && n.ancestors().any(|a| is(&a, "titleStmt")) {
                h.authors.push(plain_text(n));
            } else if is(&n, "publisher") && h.publisher.is_empty() {
                h.publisher = plain_text(n);
            } else if is(&n, "pubPlace") && h.place.is_empty() {
                h.place = plain_text(n);
            } else if is(&n, "date")
                && h.year.is_empty()
                && n.ancestors().any(|a| is(&a, "publicationStmt"))
                && n.attribute("type")
                    .map_or(true, |t| t == "publication-date")
            {
                let when = n
                    .attribute("when")
                    .map_or_else(|| plain_text(n), str::to_string);
                h.year = when.chars().take_while(char::is_ascii_digit).collect();
                if h.year.len() != 4 {
                    h.year.clear();
                }
            } else if is(&n, "idno") && n.attribute("type") == Some("frus") {
                h.frus_volume = Some(plain_text(n)).filter(|s| !s.is_empty());
            } else if is(&n, "date")
                && h.date.is_none()
                && n.ancestors().any(|a| is(&a, "creation"))
            {
                h.date = date_of(n);
            }
        }
        h.page_breaks = root
            .descendants()
            .filter(|n| is(n, "pb"))
            .filter_map(|n| Some((n.range().start, n.attribute("n")?.to_string())))
            .collect();
        h
    }

    /// The pages `el` fills, "204–205": from the page it starts on (that of
    /// the last break before it; without one, the page before its first
    /// break when text comes before that break: an excerpt of a volume
    /// keeps the documents' own breaks only) to the page of its last break.
    /// `None` when no break tells.
    fn pages_of(&self, el: Node) -> Option<String> {
        let r = el.range();
        let before = self.page_breaks.partition_point(|b| b.0 < r.start);
        let inside = &self.page_breaks[before..];
        let inside = &inside[..inside.partition_point(|b| b.0 < r.end)];
        let first = match (before.checked_sub(1), inside.first()) {
            (Some(k), _) => self.page_breaks[k].1.clone(),
            (None, Some(b)) => {
                let text_before = el
                    .descendants()
                    .take_while(|n| n.range().start < b.0)
                    .any(|n| n.is_text() && !n.text().unwrap_or("").trim().is_empty());
                match b.1.parse::<u32>() {
                    Ok(n) if text_before && n > 1 => (n - 1).to_string(),
                    _ => b.1.clone(),
                }
            }
            (None, None) => return None,
        };
        let last = inside.last().map_or(&first, |b| &b.1);
        Some(if *last == first {
            first.clone()
        } else {
            format!("{first}–{last}")
        })
    }
}

/// A `<date>`'s ISO date (`@when`, else `@notBefore`) and its words.
pub(crate) fn date_of(n: Node) -> Option<(Date, String)> {
    let when = n.attribute("when").or_else(|| n.attribute("notBefore"))?;
    let date = iso_prefix(when)?;
    let words = plain_text(n);
    Some((date, if words.is_empty() { date.iso() } else { words }))
}

/// The date at the start of an ISO date-time (`1956-08-22T12:00:00+01:00`).
pub(crate) fn iso_prefix(s: &str) -> Option<Date> {
    let s = s.trim();
    let end = s.find('T').unwrap_or(s.len());
    Date::parse_iso(&s[..end])
}

/// An element's text, whitespace collapsed, notes left out.
pub(crate) fn plain_text(n: Node) -> String {
    let mut out = String::new();
    let mut space = false;
    for d in n.descendants() {
        if d.is_text() && !d.ancestors().any(|a| is(&a, "note") && a != n) {
            for c in d.text().unwrap_or("").chars() {
                if c.is_whitespace() {
                    space = true;
                } else {
                    if space && !out.is_empty() {
                        out.push(' ');
                    }
                    space = false;
                    out.push(c);
                }
            }
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn document(
    path: &str,
    xml: &roxmltree::Document,
    el: Node,
    id: String,
    header: &Header,
    is_div: bool,
    unknown: &mut write::Unknown,
    diags: &mut Vec<Diagnostic>,
) -> Option<Document> {
    let head = el.children().find(|n| is(n, "head"));
    let written = write::text(path, xml, el, head, unknown, diags);
    let mut fields = Vec::new();
    let mut title = head.map(plain_text).unwrap_or_default();
    if let Some(n) = el.attribute("n") {
        // "90. Telegram From …": the number is FRUS's, the rest the title.
        if let Some(rest) = title.strip_prefix(n).and_then(|r| r.strip_prefix(". ")) {
            title = rest.to_string();
        }
        if is_div {
            fields.push(("Document".to_string(), n.to_string()));
        }
    }
    if title.is_empty() {
        title = header.title.clone();
    }
    if title.is_empty() {
        title = id.clone();
    }
    // FRUS dates a document by the span it may fall in; a span of weeks
    // (an editorial note covering the volume) dates nothing. The dateline
    // wins when there is one: it is the date as the document writes it
    // (Tokyo's August 30 is Washington's August 29).
    let frus = el
        .attribute((FRUS, "doc-dateTime-min"))
        .and_then(iso_prefix);
    let frus_max = el
        .attribute((FRUS, "doc-dateTime-max"))
        .and_then(iso_prefix);
    let day = |d: Date| d.year as u32 * 372 + d.month as u32 * 31 + d.day as u32;
    let frus = frus.filter(|min| frus_max.map_or(true, |max| day(max) <= day(*min) + 31));
    let (date, date_label) = match (written.dateline.clone(), frus, header.date.clone()) {
        (Some((d, label)), _, _) => (Some(d), label),
        (None, Some(f), _) => (Some(f), f.iso()),
        (None, None, Some((d, label))) => (Some(d), label),
        (None, None, None) => (None, String::new()),
    };
    // FRUS heads name who sent a paper and to whom (`gloss type="from"`).
    for (ty, name) in [("from", "From"), ("to", "To")] {
        let who: Vec<String> = head
            .into_iter()
            .flat_map(|h| h.descendants())
            .filter(|g| is(g, "gloss") && g.attribute("type") == Some(ty))
            .map(plain_text)
            .filter(|t| !t.is_empty())
            .collect();
        if !who.is_empty() {
            fields.push((name.to_string(), who.join("; ")));
        }
    }
    // The text's language as the edition declares it (`xml:lang` on the
    // document or an ancestor), for the page's `lang`.
    let lang = el
        .ancestors()
        .find_map(|a| a.attribute((roxmltree::NS_XML_URI, "lang")))
        .filter(|l| crate::import::front_is_language_tag(l));
    if let Some(l) = lang {
        fields.push(("Language".to_string(), l.to_string()));
    }
    if is_div && !header.title.is_empty() {
        fields.push(("Edition".to_string(), header.title.clone()));
    }
    if !header.editors.is_empty() {
        fields.push(("Editors".to_string(), header.editors.join("; ")));
    }
    if !header.authors.is_empty() {
        fields.push(("Author".to_string(), header.authors.join("; ")));
    }
    if !header.publisher.is_empty() {
        fields.push(("Publisher".to_string(), header.publisher.clone()));
    }
    // Where and when the edition appeared, and the pages a document of it
    // fills: what a citation of a chapter or volume document needs.
    for (name, value) in [("Place", &header.place), ("Year", &header.year)] {
        if !value.is_empty() {
            fields.push((name.to_string(), value.clone()));
        }
    }
    if let Some(pages) = header.pages_of(el).filter(|_| is_div) {
        fields.push(("Pages".to_string(), pages));
    }
    if let (Some(vol), Some(xml_id)) = (
        &header.frus_volume,
        el.attribute((roxmltree::NS_XML_URI, "id")),
    ) {
        fields.push((
            "Source".to_string(),
            format!("https://history.state.gov/historicaldocuments/{vol}/{xml_id}"),
        ));
    }
    if written.paragraphs.is_empty() {
        let pos = xml.text_pos_at(el.range().start);
        diags.push(
            Diagnostic::new(
                path,
                Some(pos.row),
                format!("the document `{id}` has no text"),
            )
            .column(pos.col)
            .help("give the document at least one paragraph, or remove it"),
        );
        return None;
    }
    Some(crate::import::document(
        path,
        id,
        title,
        None,
        (date, date_label),
        fields,
        written.paragraphs,
    ))
}
