//! The formats machines read: BibTeX, RIS, CSL-JSON items and the Highwire
//! meta tags. Each is written from one [`Record`]; the tests in
//! `tests/cite/` parse them back with citation-js.

use super::{name, Name, Record, Type};
use crate::model::Date;
use serde::Serialize;

/// A page range "204–205" (or "204-205") as first and last page.
fn page_range(pages: &str) -> (&str, Option<&str>) {
    match pages.split_once(['–', '-']) {
        Some((a, b)) => (a.trim(), Some(b.trim_start_matches(['-', '–']).trim())),
        None => (pages.trim(), None),
    }
}

/// The citation key: the document id, and the paragraph when cited.
fn key(r: &Record) -> String {
    match r.paragraph {
        Some(p) => format!("{}-p{p}", r.doc.id),
        None => r.doc.id.clone(),
    }
}

/// Text in a BibTeX field: TeX's special characters escaped.
fn tex(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '{' | '}' | '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Names as BibTeX lists them: "Family, Given and Family, Given".
fn bib_names(names: &[&str]) -> String {
    let names: Vec<String> = names
        .iter()
        .map(|n| match name(n) {
            Name { family, given: "" } => format!("{{{}}}", tex(family)),
            Name { family, given } => format!("{}, {}", tex(family), tex(given)),
        })
        .collect();
    names.join(" and ")
}

/// A BibTeX entry (biblatex's ISO `date`, with `year` for BibTeX itself).
pub(super) fn bibtex(r: &Record) -> String {
    let entry = match r.kind {
        Type::Chapter => "incollection",
        Type::Treaty => "misc",
        Type::Manuscript => "unpublished",
    };
    let mut fields: Vec<(&str, String)> = Vec::new();
    if !r.authors.is_empty() {
        fields.push(("author", bib_names(&r.authors)));
    }
    // Double braces keep the title's capitals as they are.
    fields.push(("title", format!("{{{}}}", tex(r.title))));
    if let Some(c) = r.container {
        fields.push(("booktitle", format!("{{{}}}", tex(c))));
    }
    if !r.editors.is_empty() {
        fields.push(("editor", bib_names(&r.editors)));
    }
    for (k, v) in [("publisher", r.publisher), ("address", r.place)] {
        fields.extend(v.map(|v| (k, tex(v))));
    }
    if let Some(d) = r.issued() {
        fields.push(("date", d.iso()));
        fields.push(("year", d.year.to_string()));
    }
    if let Some(p) = r.pages {
        let (a, b) = page_range(p);
        fields.push((
            "pages",
            b.map_or(tex(a), |b| format!("{}--{}", tex(a), tex(b))),
        ));
    }
    fields.extend(r.archive.map(|a| ("howpublished", tex(a))));
    // biblatex reads `url` verbatim: only a brace could end it early.
    fields.push(("url", r.link.replace(['{', '}'], "")));
    fields.extend(r.note().map(|n| ("note", tex(&n))));
    let mut out = format!("@{entry}{{{},\n", key(r));
    for (k, v) in fields {
        out.push_str(&format!("  {k} = {{{v}}},\n"));
    }
    out.push_str("}\n");
    out
}

/// A RIS record: `TAG  - value` lines, `ER  - ` last.
pub(super) fn ris(r: &Record) -> String {
    let ty = match r.kind {
        Type::Chapter => "CHAP",
        Type::Treaty => "GEN",
        Type::Manuscript => "MANSCPT",
    };
    let mut lines: Vec<(&str, String)> = vec![("TY", ty.into())];
    let ris_name = |n: &&str| match name(n) {
        Name { family, given: "" } => family.to_string(),
        Name { family, given } => format!("{family}, {given}"),
    };
    lines.extend(r.authors.iter().map(|a| ("AU", ris_name(a))));
    lines.push(("TI", r.title.into()));
    lines.extend(r.container.map(|c| ("T2", c.into())));
    lines.extend(r.editors.iter().map(|e| ("A2", ris_name(e))));
    lines.extend(r.publisher.map(|p| ("PB", p.into())));
    lines.extend(r.place.map(|p| ("CY", p.into())));
    if let Some(d) = r.issued() {
        lines.push(("PY", d.year.to_string()));
        // RIS dates: YYYY/MM/DD/, empty where unknown.
        let part = |n: u8| {
            if n == 0 {
                String::new()
            } else {
                format!("{n:02}")
            }
        };
        if d.month > 0 {
            lines.push((
                "DA",
                format!("{}/{}/{}/", d.year, part(d.month), part(d.day)),
            ));
        }
    }
    if let Some(p) = r.pages {
        let (a, b) = page_range(p);
        lines.push(("SP", a.into()));
        lines.extend(b.map(|b| ("EP", b.into())));
    }
    lines.extend(r.archive.map(|a| ("AN", a.into())));
    lines.push(("UR", r.link.clone()));
    lines.extend(r.note().map(|n| ("N1", n)));
    let mut out = String::new();
    for (tag, value) in lines {
        // One line per field: a line break would start a new tag.
        let value: String = value
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        out.push_str(&format!("{tag}  - {value}\n"));
    }
    out.push_str("ER  - \n");
    out
}

/// A CSL date: `{"date-parts": [[1956, 10, 19]]}`, as precise as known.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CslDate {
    #[serde(rename = "date-parts")]
    pub date_parts: [Vec<u16>; 1],
}

impl From<Date> for CslDate {
    fn from(d: Date) -> CslDate {
        let mut parts = vec![d.year];
        parts.extend(
            [d.month, d.day]
                .into_iter()
                .take_while(|&n| n > 0)
                .map(u16::from),
        );
        CslDate {
            date_parts: [parts],
        }
    }
}

/// One CSL-JSON item (the JSON reference managers and citeproc read).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CslItem<'a> {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub title: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub author: Vec<Name<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub editor: Vec<Name<'a>>,
    #[serde(rename = "container-title", skip_serializing_if = "Option::is_none")]
    pub container_title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<&'a str>,
    #[serde(rename = "publisher-place", skip_serializing_if = "Option::is_none")]
    pub publisher_place: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issued: Option<CslDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub archive: Option<&'a str>,
    #[serde(rename = "URL")]
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl<'a> CslItem<'a> {
    pub fn new(r: &Record<'a>) -> CslItem<'a> {
        CslItem {
            id: key(r),
            kind: match r.kind {
                Type::Chapter => "chapter",
                Type::Treaty => "treaty",
                Type::Manuscript => "manuscript",
            },
            title: r.title,
            author: r.authors.iter().map(|a| name(a)).collect(),
            editor: r.editors.iter().map(|e| name(e)).collect(),
            container_title: r.container,
            publisher: r.publisher,
            publisher_place: r.place,
            issued: r.issued().map(CslDate::from),
            page: r.pages,
            number: r.number,
            archive: r.archive,
            url: r.link.clone(),
            note: r.note(),
        }
    }
}

/// The Highwire Press `citation_*` meta tags of a record, as (name,
/// content) pairs, for the page to put in its `<head>` while the document
/// is open.
///
/// Zotero's **Embedded Metadata** translator reads them: it is the one
/// Zotero runs on a page no site-specific translator claims, as this file
/// (opened from anywhere, `file://` included) always is, and it reads these
/// tags first (before Dublin Core and Open Graph), because Google Scholar's
/// inclusion guidelines made them the tags sites write: the only common set
/// that carries several authors in order, a date, a book title and pages.
/// With `citation_inbook_title` Zotero files the document as a book section.
pub fn meta_tags(r: &Record) -> Vec<(&'static str, String)> {
    let mut tags: Vec<(&'static str, String)> = vec![("citation_title", r.title.to_string())];
    let full = |n: &&str| match name(n) {
        Name { family, given: "" } => family.to_string(),
        Name { family, given } => format!("{family}, {given}"),
    };
    tags.extend(r.authors.iter().map(|a| ("citation_author", full(a))));
    tags.extend(r.editors.iter().map(|e| ("citation_editor", full(e))));
    if let Some(d) = r.issued() {
        // Scholar's form: YYYY/MM/DD, or the year alone.
        let mut date = d.year.to_string();
        for n in [d.month, d.day].into_iter().take_while(|&n| n > 0) {
            date.push_str(&format!("/{n:02}"));
        }
        tags.push(("citation_date", date.clone()));
        tags.push(("citation_publication_date", date));
    }
    tags.extend(
        r.container
            .map(|c| ("citation_inbook_title", c.to_string())),
    );
    tags.extend(r.publisher.map(|p| ("citation_publisher", p.to_string())));
    if let Some(p) = r.pages {
        let (a, b) = page_range(p);
        tags.push(("citation_firstpage", a.to_string()));
        tags.extend(b.map(|b| ("citation_lastpage", b.to_string())));
    }
    tags.push(("citation_public_url", r.link.clone()));
    tags.push(("citation_abstract_html_url", r.link.clone()));
    tags
}
