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

/// "Family, Given" (or the one word a name is).
fn inverted(n: &str) -> String {
    let n = name(n);
    let mut out = n.family.to_string();
    if !n.given.is_empty() {
        out.push_str(", ");
        out.push_str(n.given);
    }
    out
}

/// Names as BibTeX lists them: "Family, Given and Family, Given".
fn bib_names(names: &[&str]) -> String {
    let mut out = String::new();
    for n in names {
        if !out.is_empty() {
            out.push_str(" and ");
        }
        out.push_str(&tex(&inverted(n)));
    }
    out
}

/// Appends `  key = {value},` to a BibTeX entry.
fn bib(out: &mut String, key: &str, value: &str) {
    out.push_str("  ");
    out.push_str(key);
    out.push_str(" = {");
    out.push_str(value);
    out.push_str("},\n");
}

/// A BibTeX entry (biblatex's ISO `date`, with `year` for BibTeX itself).
pub(super) fn bibtex(r: &Record) -> String {
    let entry = match r.kind {
        Type::Chapter => "incollection",
        Type::Treaty => "misc",
        Type::Manuscript => "unpublished",
    };
    let mut out = format!("@{entry}{{{},\n", key(r));
    if !r.authors.is_empty() {
        bib(&mut out, "author", &bib_names(&r.authors));
    }
    // Double braces keep the title's capitals as they are.
    let texts = [("title", Some(r.title)), ("booktitle", r.container)];
    for (k, v) in texts {
        if let Some(v) = v {
            bib(&mut out, k, &format!("{{{}}}", tex(v)));
        }
    }
    if !r.editors.is_empty() {
        bib(&mut out, "editor", &bib_names(&r.editors));
    }
    let plain = [("publisher", r.publisher), ("address", r.place)];
    for (k, v) in plain {
        if let Some(v) = v {
            bib(&mut out, k, &tex(v));
        }
    }
    if let Some(d) = r.issued() {
        bib(&mut out, "date", &d.iso());
        bib(&mut out, "year", &d.year.to_string());
    }
    if let Some(p) = r.pages {
        let (a, b) = page_range(p);
        let range = b.map_or(a.to_string(), |b| format!("{a}--{b}"));
        bib(&mut out, "pages", &tex(&range));
    }
    if let Some(a) = r.archive {
        bib(&mut out, "howpublished", &tex(a));
    }
    // biblatex reads `url` verbatim: only a brace could end it early.
    bib(&mut out, "url", &r.link.replace(['{', '}'], ""));
    if let Some(n) = r.note() {
        bib(&mut out, "note", &tex(&n));
    }
    out.push_str("}\n");
    out
}

/// Appends a RIS line `TAG  - value` (one line: a line break would start a
/// new tag).
fn ris_line(out: &mut String, tag: &str, value: &str) {
    out.push_str(tag);
    out.push_str("  - ");
    for c in value.chars() {
        out.push(if c.is_control() { ' ' } else { c });
    }
    out.push('\n');
}

/// A RIS record: `TAG  - value` lines, `ER  - ` last.
pub(super) fn ris(r: &Record) -> String {
    let mut out = String::new();
    let ty = match r.kind {
        Type::Chapter => "CHAP",
        Type::Treaty => "GEN",
        Type::Manuscript => "MANSCPT",
    };
    ris_line(&mut out, "TY", ty);
    for a in &r.authors {
        ris_line(&mut out, "AU", &inverted(a));
    }
    ris_line(&mut out, "TI", r.title);
    if let Some(c) = r.container {
        ris_line(&mut out, "T2", c);
    }
    for e in &r.editors {
        ris_line(&mut out, "A2", &inverted(e));
    }
    for (tag, v) in [("PB", r.publisher), ("CY", r.place)] {
        if let Some(v) = v {
            ris_line(&mut out, tag, v);
        }
    }
    if let Some(d) = r.issued() {
        ris_line(&mut out, "PY", &d.year.to_string());
        // RIS dates: YYYY/MM/DD/, empty where unknown.
        if d.month > 0 {
            ris_line(&mut out, "DA", &slashed(d, "/").replace('-', "/"));
        }
    }
    if let Some(p) = r.pages {
        let (a, b) = page_range(p);
        ris_line(&mut out, "SP", a);
        if let Some(b) = b {
            ris_line(&mut out, "EP", b);
        }
    }
    if let Some(a) = r.archive {
        ris_line(&mut out, "AN", a);
    }
    ris_line(&mut out, "UR", &r.link);
    if let Some(n) = r.note() {
        ris_line(&mut out, "N1", &n);
    }
    out.push_str("ER  - \n");
    out
}

/// `1956/08/22` + `end` (RIS wants a final `/`, Highwire none), as precise
/// as the date is (RIS leaves an unknown day empty: `1956/08//`).
fn slashed(d: Date, end: &str) -> String {
    let mut out = d.year.to_string();
    for n in [d.month, d.day] {
        out.push('/');
        if n > 0 {
            out.push_str(&format!("{n:02}"));
        }
    }
    out.push_str(end);
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
    for a in &r.authors {
        tags.push(("citation_author", inverted(a)));
    }
    for e in &r.editors {
        tags.push(("citation_editor", inverted(e)));
    }
    if let Some(d) = r.issued() {
        // Scholar's form: YYYY/MM/DD, or the year alone.
        let date = slashed(d, "");
        let date = date.trim_end_matches('/').to_string();
        tags.push(("citation_date", date.clone()));
        tags.push(("citation_publication_date", date));
    }
    let named = [
        ("citation_inbook_title", r.container),
        ("citation_publisher", r.publisher),
    ];
    for (k, v) in named {
        if let Some(v) = v {
            tags.push((k, v.to_string()));
        }
    }
    if let Some(p) = r.pages {
        let (a, b) = page_range(p);
        tags.push(("citation_firstpage", a.to_string()));
        if let Some(b) = b {
            tags.push(("citation_lastpage", b.to_string()));
        }
    }
    tags.push(("citation_public_url", r.link.clone()));
    tags.push(("citation_abstract_html_url", r.link.clone()));
    tags
}
