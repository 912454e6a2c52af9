//! The TEI elements Docent knows and what their attributes say: which
//! elements are blocks, which only carry text, which are not the text at
//! all; `@rend`, `@corresp`/`@ref`/`@key`, `@hand`/`@place`.

use super::super::{FRUS, TEI};
use crate::model::SpanKind;
use roxmltree::Node;

/// Elements that only carry their children (no mark of their own).
pub(super) const TRANSPARENT: &[&str] = &[
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
pub(super) const SKIPPED: &[&str] = &[
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

/// Inline elements that are mapped (or deliberately plain) besides
/// [`TRANSPARENT`] ones.
pub(super) const KNOWN_INLINE: &[&str] = &[
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

pub(super) fn is_block(n: &Node) -> bool {
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
pub(super) fn rend(r: Option<&str>, name: &str) -> Option<SpanKind> {
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
pub(super) fn hand_note(n: Node) -> String {
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

pub(super) fn superscript(c: char) -> char {
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
