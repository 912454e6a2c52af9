//! The optional front-matter block: `---`, `key: value` lines, `---`.

use crate::diag::Diagnostic;
use crate::model::Date;

/// What the front matter adds to or overrides in a record.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FrontMatter {
    pub id: Option<(String, u32)>,
    pub title: Option<String>,
    pub date: Option<Date>,
    pub kind: Option<String>,
    pub partial: Option<String>,
    /// What a citation needs beyond the record's own header, as
    /// `(field name, value)` for [`crate::Document::fields`]: see [`CITE_KEYS`].
    pub cite: Vec<(&'static str, String)>,
    /// `sic: TEXT => note`, with the line it was written on.
    pub sics: Vec<Sic>,
}

/// One `sic:` line: every occurrence of `text` gets the editorial `note`.
#[derive(Clone, Debug, PartialEq)]
pub struct Sic {
    pub text: String,
    pub note: String,
    pub line: u32,
}

/// The keys the front matter knows, for messages.
pub const KEYS: &str =
    "id, title, date, kind, partial, author, container, editor, publisher, place, year, pages, language, sic";

/// Front-matter keys that set a citation's field, and the field's name in
/// [`crate::Document::fields`] (the names the TEI importer uses too, so that
/// `cite.rs` reads one set). Several authors or editors: separate them with `;`.
/// A `container` (the book a chapter is in) makes the document cite as a
/// chapter of it.
pub const CITE_KEYS: [(&str, &str); 8] = [
    ("author", "Author"),
    ("container", "Container"),
    ("editor", "Editors"),
    ("publisher", "Publisher"),
    ("place", "Place"),
    ("year", "Year"),
    ("pages", "Pages"),
    // The text's language (a BCP 47 tag such as `fr`): the page marks it
    // `lang` so that screen readers, hyphenation and find-in-page read it right.
    ("language", "Language"),
];

/// Splits off the front matter. Returns it, the number of lines it takes
/// (the body starts on the next line) and every problem found.
pub fn parse(path: &str, lines: &[&str]) -> (FrontMatter, usize, Vec<Diagnostic>) {
    let mut fm = FrontMatter::default();
    let mut diags = Vec::new();
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return (fm, 0, diags);
    }
    let Some(end) = lines.iter().skip(1).position(|l| l.trim_end() == "---") else {
        diags.push(
            Diagnostic::new(
                path,
                Some(1),
                "the front matter opened here is never closed",
            )
            .help("end the front matter with a line holding only `---`"),
        );
        return (fm, lines.len(), diags);
    };
    let end = end + 1; // index of the closing `---`
    for (i, raw) in lines.iter().enumerate().take(end).skip(1) {
        let line_no = (i + 1) as u32;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            diags.push(
                Diagnostic::new(
                    path,
                    Some(line_no),
                    format!("malformed front-matter line `{line}`"),
                )
                .help(format!("write `key: value` (keys: {KEYS})")),
            );
            continue;
        };
        let key = key.trim();
        let value = value.trim();
        let mut set = |slot: &mut Option<String>, v: &str| {
            if slot.is_some() {
                diags.push(
                    Diagnostic::new(path, Some(line_no), format!("`{key}` is given twice"))
                        .help("keep one of the two lines"),
                );
            }
            *slot = Some(v.to_string());
        };
        if value.is_empty() {
            diags.push(
                Diagnostic::new(path, Some(line_no), format!("`{key}:` has no value"))
                    .help("write the value after the colon, or remove the line"),
            );
            continue;
        }
        match key {
            "id" => {
                if !value
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                {
                    diags.push(
                        Diagnostic::new(path, Some(line_no), format!("the id `{value}` is not a slug"))
                            .help("use lower-case letters, digits and `-` only, e.g. `1956-10-17-khrushchev-kono`"),
                    );
                    continue;
                }
                if fm.id.is_some() {
                    diags.push(
                        Diagnostic::new(path, Some(line_no), "`id` is given twice")
                            .help("keep one of the two lines"),
                    );
                }
                fm.id = Some((value.to_string(), line_no));
            }
            "title" => set(&mut fm.title, value),
            "kind" => set(&mut fm.kind, value),
            "partial" => set(&mut fm.partial, value),
            "year" if !value.parse::<u16>().is_ok_and(|y| (1..=9999).contains(&y)) => diags.push(
                Diagnostic::new(path, Some(line_no), format!("`{value}` is not a year"))
                    .help("write the year of publication as four digits, e.g. `year: 2019`"),
            ),
            "language" if !is_language_tag(value) => diags.push(
                Diagnostic::new(
                    path,
                    Some(line_no),
                    format!("`{value}` is not a language tag"),
                )
                .help("write a BCP 47 tag such as `fr`, `ru`, `ja` or `en-GB`"),
            ),
            _ if CITE_KEYS.iter().any(|(k, _)| *k == key) => {
                let name = CITE_KEYS
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map_or("", |c| c.1);
                if fm.cite.iter().any(|(n, _)| *n == name) {
                    diags.push(
                        Diagnostic::new(path, Some(line_no), format!("`{key}` is given twice"))
                            .help("keep one line; separate several names with `;`"),
                    );
                }
                fm.cite.retain(|(n, _)| *n != name);
                fm.cite.push((name, value.to_string()));
            }
            "date" => match Date::parse_iso(value) {
                Some(d) => fm.date = Some(d),
                None => diags.push(
                    Diagnostic::new(path, Some(line_no), format!("`{value}` is not a date"))
                        .help("write the date as YYYY-MM-DD, YYYY-MM or YYYY, e.g. `1956-10-19`"),
                ),
            },
            "sic" => match value.split_once("=>") {
                Some((text, note)) if !text.trim().is_empty() && !note.trim().is_empty() => {
                    fm.sics.push(Sic {
                        text: text.trim().to_string(),
                        note: note.trim().to_string(),
                        line: line_no,
                    })
                }
                _ => diags.push(
                    Diagnostic::new(
                        path,
                        Some(line_no),
                        "a `sic:` line needs `TEXT => editorial note`",
                    )
                    .help("e.g. `sic: Masumoto => Shunichi Matsumoto, Japan's plenipotentiary`"),
                ),
            },
            other => diags.push(
                Diagnostic::new(
                    path,
                    Some(line_no),
                    format!("unknown front-matter field `{other}`"),
                )
                .help(format!(
                    "the known fields are {KEYS}; fix the spelling or remove the line"
                )),
            ),
        }
    }
    (fm, end + 1, diags)
}

/// The 1-based line of `key:` in the front matter of `text`, if it has one.
pub fn key_line(text: &str, key: &str) -> Option<u32> {
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return None;
    }
    for (i, l) in lines.enumerate() {
        if l.trim_end() == "---" {
            return None;
        }
        if l.split_once(':').is_some_and(|(k, _)| k.trim() == key) {
            return Some(i as u32 + 2);
        }
    }
    None
}

/// `fr`, `ru`, `en-GB`, `zh-Hant`: two or three letters, then subtags.
pub fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod language_tests {
    use super::is_language_tag;

    #[test]
    fn language_tags() {
        for (tag, ok) in [
            ("fr", true),
            ("ru", true),
            ("en-GB", true),
            ("zh-Hant", true),
            ("French", false),
            ("f", false),
            ("fr_FR", false),
            ("", false),
            ("fr-", false),
        ] {
            assert_eq!(is_language_tag(tag), ok, "{tag}");
        }
    }
}
