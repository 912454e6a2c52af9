//! Citations a reference manager takes, for a document or one of its
//! paragraphs: Chicago (note and bibliography forms), BibTeX, RIS and
//! CSL-JSON; and the Highwire `citation_*` meta tags ([`meta_tags`]).
//!
//! Everything comes from a document's metadata: its title, date and kind,
//! and the fields the importers set ([`Document::fields`]): `Author`,
//! `Editors` (several separated by `;`), `Container` (front matter) or
//! `Edition` (a TEI edition's title), `Publisher`, `Place`, `Year` (of
//! publication), `Pages`, `Document` (a FRUS document's number), `Source`
//! (the archive's address) and `Citation` (the archive's own citation). What
//! a document is decides how it cites ([`Type`]): in a container, as a
//! chapter of it; a treaty as a treaty; anything else as an archival
//! manuscript. Each citation carries the reader's permalink ([`permalink`])
//! as its URL: that is the address which opens the very paragraph cited.
//!
//! The core knows no JSON: CSL-JSON is a [`CslItem`] the caller's own JSON
//! writer turns into text ([`Collection::cite`] takes it).
//!
//! ```
//! use docent::cite::{permalink, Format};
//! assert_eq!(permalink(None, "memo", Some(3)), "docent.html#doc=memo&p=3");
//! assert_eq!(permalink(Some("https://x.org/r.html#old"), "memo", None), "https://x.org/r.html#doc=memo");
//! assert_eq!(Format::parse("chicago-bib").unwrap().mime(), "text/plain");
//! ```

use crate::model::{Date, Document};
use crate::{Collection, Error};
use serde::Serialize;

/// A citation format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Chicago notes and bibliography style, the note form.
    Chicago,
    /// Chicago, the bibliography entry.
    ChicagoBib,
    Bibtex,
    Ris,
    CslJson,
}

/// Every format, in the order `cite` without a format lists them.
pub const FORMATS: [Format; 5] = [
    Format::Chicago,
    Format::ChicagoBib,
    Format::Bibtex,
    Format::Ris,
    Format::CslJson,
];

impl Format {
    /// By name: `chicago`, `chicago-bib`, `bibtex`, `ris`, `csl-json`.
    pub fn parse(name: &str) -> Option<Format> {
        FORMATS.into_iter().find(|f| f.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Chicago => "chicago",
            Format::ChicagoBib => "chicago-bib",
            Format::Bibtex => "bibtex",
            Format::Ris => "ris",
            Format::CslJson => "csl-json",
        }
    }

    /// The media type a file of this format is served with.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Chicago | Format::ChicagoBib => "text/plain",
            Format::Bibtex => "application/x-bibtex",
            Format::Ris => "application/x-research-info-systems",
            Format::CslJson => "application/vnd.citationstyles.csl+json",
        }
    }
}

/// One citation: `{format, text, mime}` in JSON.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Citation {
    pub format: &'static str,
    pub text: String,
    pub mime: &'static str,
}

/// The permalink of a document (or a paragraph of it): `BASE#doc=ID&p=N`
/// with the collection's base URL (its fragment dropped), else relative to
/// the page file, never a local path.
pub fn permalink(base: Option<&str>, doc: &str, paragraph: Option<usize>) -> String {
    let base = base.map_or("docent.html", |b| b.split('#').next().unwrap_or(b));
    let mut out = format!("{base}#doc=");
    // Ids are slugs, but a file name may not be: escape as URLSearchParams would.
    for b in doc.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if let Some(p) = paragraph {
        out.push_str(&format!("&p={p}"));
    }
    out
}

/// A base URL for `docent build --base-url`: an `http(s)` address, its
/// fragment dropped. Anything else (a local path, `file:`) is refused: a
/// permalink must work for whoever is given it.
pub fn check_base_url(url: &str) -> Result<String, Error> {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or(url);
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(r) if !r.is_empty() && !url.contains(char::is_whitespace) => Ok(url.to_string()),
        _ => Err(Error::new(format!(
            "the base URL `{url}` is not an http(s) address: give where the reader is published, e.g. https://example.org/docent.html"
        ))),
    }
}

/// What kind of work a citation describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    /// A part of a published book or edition (a `Container` or `Edition`).
    Chapter,
    Treaty,
    /// An archival document, unpublished.
    Manuscript,
}

/// A person's name cut as reference managers want it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Name<'a> {
    pub family: &'a str,
    pub given: &'a str,
}

/// "Motohide Saito" → Saito, Motohide; "Saito, Motohide" stays so.
fn name(full: &str) -> Name<'_> {
    let full = full.trim();
    if let Some((family, given)) = full.split_once(',') {
        return Name {
            family: family.trim(),
            given: given.trim(),
        };
    }
    match full.rsplit_once(' ') {
        Some((given, family)) => Name {
            family,
            given: given.trim(),
        },
        None => Name {
            family: full,
            given: "",
        },
    }
}

/// What every format says of one document, gathered once.
pub struct Record<'a> {
    pub doc: &'a Document,
    pub kind: Type,
    /// The title without a final period (each format adds its own).
    pub title: &'a str,
    pub authors: Vec<&'a str>,
    pub editors: Vec<&'a str>,
    pub container: Option<&'a str>,
    pub publisher: Option<&'a str>,
    pub place: Option<&'a str>,
    pub year: Option<&'a str>,
    pub pages: Option<&'a str>,
    pub number: Option<&'a str>,
    /// The archive's address of the original.
    pub source: Option<&'a str>,
    /// Where the archive keeps it: its own citation less title and date.
    pub archive: Option<&'a str>,
    pub paragraph: Option<usize>,
    pub link: String,
}

impl<'a> Record<'a> {
    pub fn new(doc: &'a Document, paragraph: Option<usize>, base: Option<&str>) -> Record<'a> {
        let field = |n: &str| doc.field(n).map(str::trim).filter(|v| !v.is_empty());
        let list = |n: &str| -> Vec<&'a str> {
            let v = doc.field(n).unwrap_or("");
            v.split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect()
        };
        let container = field("Container").or_else(|| field("Edition"));
        let kind = if container.is_some() {
            Type::Chapter
        } else if doc.kind.contains("treaty") {
            Type::Treaty
        } else {
            Type::Manuscript
        };
        Record {
            doc,
            kind,
            title: doc.title.trim().trim_end_matches('.'),
            authors: list("Author"),
            editors: list("Editors"),
            container,
            publisher: field("Publisher"),
            place: field("Place"),
            year: field("Year"),
            pages: field("Pages"),
            number: field("Document"),
            source: field("Source").filter(|s| s.starts_with("http")),
            archive: field("Citation").map(|c| archive_of(c, &doc.date_label)),
            paragraph,
            link: permalink(base, &doc.id, paragraph),
        }
    }

    /// The date as the source writes it, else the ISO date.
    fn date_words(&self) -> Option<String> {
        let label = self.doc.date_label.trim();
        match self.doc.date {
            _ if !label.is_empty() => Some(label.to_string()),
            Some(d) => Some(d.iso()),
            None => None,
        }
    }

    /// The date reference managers file it under: the document's own,
    /// else the year its container appeared.
    fn issued(&self) -> Option<Date> {
        self.doc.date.or_else(|| {
            let year = self.year?.parse().ok()?;
            Some(Date {
                year,
                month: 0,
                day: 0,
            })
        })
    }

    /// "Place: Publisher, Year", as much as is known.
    fn imprint(&self) -> String {
        let tail = [self.publisher, self.year].into_iter().flatten();
        let tail = tail.collect::<Vec<_>>().join(", ");
        match self.place {
            Some(p) if !tail.is_empty() => format!("{p}: {tail}"),
            Some(p) => p.to_string(),
            None => tail,
        }
    }

    /// A note for BibTeX, RIS and CSL: the paragraph and the original's address.
    fn note(&self) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(p) = self.paragraph {
            parts.push(format!("Paragraph {p}"));
        }
        if let Some(n) = self.number {
            parts.push(format!("Document {n}"));
        }
        if let (Some(_), Some(y)) = (self.doc.date, self.year) {
            parts.push(format!("Published {y}"));
        }
        if let Some(s) = self.source {
            parts.push(format!("Original: {s}"));
        }
        (!parts.is_empty()).then(|| parts.join(". "))
    }
}

/// `"Title", October 17, 1956, Wilson Center Digital Archive, RGANI, …` →
/// `Wilson Center Digital Archive, RGANI, …`: what an archive's own citation
/// adds to the title and date every format gives anyway.
fn archive_of<'a>(citation: &'a str, date_label: &str) -> &'a str {
    let mut rest = citation.trim();
    if let Some(r) = rest.strip_prefix('"').or_else(|| rest.strip_prefix('“')) {
        if let Some(end) = r.find(['"', '”']) {
            rest = r[end + 1..].trim_start_matches(['"', '”', ',', ' ']);
        }
    }
    if !date_label.is_empty() {
        rest = rest.strip_prefix(date_label).unwrap_or(rest);
    }
    rest.trim_start_matches([',', ' ']).trim_end_matches('.')
}

/// "A, B and C".
fn and_list(items: &[String], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{}{and}{last}", init.join(", ")),
    }
}

/// The Chicago note: `Author, “Title,” date, in Book, ed. Editors (Place:
/// Publisher, Year), doc. 90, 204–205, para. 3, URL.`
fn chicago_note(r: &Record) -> String {
    let mut parts: Vec<String> = Vec::new();
    let authors: Vec<String> = r.authors.iter().map(|a| a.to_string()).collect();
    if !authors.is_empty() {
        parts.push(and_list(&authors, " and "));
    }
    parts.push(format!("“{},”", r.title));
    let mut rest: Vec<String> = r.date_words().into_iter().collect();
    match r.kind {
        Type::Chapter => {
            let mut book = format!("in {}", r.container.unwrap_or(""));
            if !r.editors.is_empty() {
                let eds: Vec<String> = r.editors.iter().map(|e| e.to_string()).collect();
                book.push_str(&format!(", ed. {}", and_list(&eds, " and ")));
            }
            let imprint = r.imprint();
            if !imprint.is_empty() {
                book.push_str(&format!(" ({imprint})"));
            }
            rest.push(book);
            rest.extend(r.number.map(|n| format!("doc. {n}")));
            rest.extend(r.pages.map(str::to_string));
        }
        _ => rest.extend(r.archive.or(r.publisher).map(str::to_string)),
    }
    rest.extend(r.paragraph.map(|p| format!("para. {p}")));
    rest.push(r.link.clone());
    // The title's comma sits inside its quotes: no second one after it.
    format!("{} {}.", parts.join(", "), rest.join(", "))
}

/// The Chicago bibliography entry: `Family, Given. “Title.” In Book, edited
/// by Editors, 204–205. Place: Publisher, Year. URL.`
fn chicago_bib(r: &Record) -> String {
    let mut out: Vec<String> = Vec::new();
    let authors: Vec<String> = r
        .authors
        .iter()
        .enumerate()
        .map(|(i, a)| match (i, name(a)) {
            (0, n) if !n.given.is_empty() => format!("{}, {}", n.family, n.given),
            _ => a.to_string(),
        })
        .collect();
    if !authors.is_empty() {
        out.push(and_list(&authors, ", and "));
    }
    out.push(format!("“{}.”", r.title));
    match r.kind {
        Type::Chapter => {
            out.extend(r.date_words().filter(|_| r.doc.date.is_some()));
            let mut book = format!("In {}", r.container.unwrap_or(""));
            if !r.editors.is_empty() {
                let eds: Vec<String> = r.editors.iter().map(|e| e.to_string()).collect();
                book.push_str(&format!(", edited by {}", and_list(&eds, " and ")));
            }
            if let Some(n) = r.number {
                book.push_str(&format!(", doc. {n}"));
            }
            if let Some(p) = r.pages {
                book.push_str(&format!(", {p}"));
            }
            out.push(book);
            out.push(r.imprint());
        }
        _ => {
            out.extend(r.date_words());
            out.extend(r.archive.or(r.publisher).map(str::to_string));
        }
    }
    out.extend(r.paragraph.map(|p| format!("Para. {p}")));
    out.push(r.link.clone());
    let out: Vec<String> = out.into_iter().filter(|s| !s.is_empty()).collect();
    // Each piece ends with a period unless it already ends a sentence.
    let mut text = String::new();
    for piece in out {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&piece);
        if !piece.ends_with(['.', '”', '?', '!']) {
            text.push('.');
        }
    }
    text
}

mod machine;
pub use machine::{meta_tags, CslDate, CslItem};

impl Collection {
    /// The citation of document `id` (of its paragraph `paragraph`, when
    /// given) in `format`; `csl_json` writes a CSL item as JSON text (the
    /// core knows no JSON). Fails on an unknown document or paragraph, or
    /// when the paragraph's text part is not loaded ([`Collection::need`]).
    pub fn cite(
        &self,
        id: &str,
        paragraph: Option<usize>,
        format: Format,
        csl_json: impl Fn(&[CslItem]) -> String,
    ) -> Result<Citation, Error> {
        let r = self.record(id, paragraph)?;
        let text = match format {
            Format::Chicago => chicago_note(&r),
            Format::ChicagoBib => chicago_bib(&r),
            Format::Bibtex => machine::bibtex(&r),
            Format::Ris => machine::ris(&r),
            Format::CslJson => csl_json(&[CslItem::new(&r)]),
        };
        Ok(Citation {
            format: format.name(),
            text,
            mime: format.mime(),
        })
    }

    /// The Highwire meta tags of document `id` ([`meta_tags`]).
    pub fn meta_tags(&self, id: &str) -> Result<Vec<(&'static str, String)>, Error> {
        Ok(meta_tags(&self.record(id, None)?))
    }

    /// The citation record of a document (and paragraph), checked.
    pub fn record(&self, id: &str, paragraph: Option<usize>) -> Result<Record<'_>, Error> {
        let d = self.find_doc(id)?;
        let doc = &self.docs[d];
        if let Some(p) = paragraph {
            self.need([d])?;
            if p >= doc.paragraphs.len() {
                return Err(Error::new(format!(
                    "document `{id}` has paragraphs 0 to {}; there is no paragraph {p}",
                    doc.paragraphs.len().saturating_sub(1)
                )));
            }
        }
        Ok(Record::new(doc, paragraph, self.base_url.as_deref()))
    }
}

#[cfg(test)]
mod tests;
