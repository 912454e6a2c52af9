//! Plain records keep their structure (issue #14): separate source lines
//! stay separate blocks, lists become items, labels and datelines become
//! lines, and a document's kind comes from its title.
//!
//! [`no_merged_blocks`]: a generic detector over the shipped corpus and the
//! FRUS fixtures (`tests/fixtures/frus-archive/`) that maps every paragraph
//! back to its source lines and flags a paragraph that swallowed a new unit.
//! The explicit cases are in tests/import_cases.rs, one table for the
//! whole importer.

use docent::{import, Document, ParaKind};
use std::path::Path;
mod common;
use common::root;

/// Every `.txt` record of `dir`: (file name, source text, document).
fn load(dir: &Path) -> Vec<(String, String, Document)> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let src = std::fs::read_to_string(dir.join(&name)).unwrap();
            let doc = import::parse_document(&format!("documents/{name}"), src.as_bytes())
                .unwrap_or_else(|e| panic!("{name} does not import: {e:?}"));
            (name, src, doc)
        })
        .collect()
}

fn corpus() -> Vec<(String, String, Document)> {
    load(&root().join("corpus/documents"))
}

fn fixtures() -> Vec<(String, String, Document)> {
    let all = load(&root().join("tests/fixtures/frus-archive/documents"));
    assert_eq!(all.len(), 5, "the five FRUS fixtures");
    all
}

// ---- the generic merged-block detector ----

/// Words after which a line goes on (a phrase is open).
const OPEN_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "and", "or", "et",
    "de", "du", "des", "la", "le", "that", "as",
];

/// The line ends inside a sentence: the next line continues it.
fn open_end(line: &str) -> bool {
    let t = line.trim_end().trim_end_matches('*');
    let last = t.rsplit(' ').next().unwrap_or("");
    t.ends_with([',', '-', '–', '—', '(']) || OPEN_WORDS.contains(&last)
}

/// `SUBJECT`, `PARTICIPANTS:`, `SUBJECT DISCUSSED: …`, `Participants: …`.
fn label(line: &str) -> bool {
    let t = line.trim().trim_matches('*');
    let head = t.split(':').next().unwrap_or("");
    let caps = head.len() >= 3
        && head.split(' ').count() <= 3
        && head
            .chars()
            .all(|c| c.is_uppercase() || c == ' ' || c == '-')
        && (t.contains(':') || head == t);
    let titled = t.contains(':')
        && [
            "Subject",
            "Participants",
            "Present",
            "Place",
            "Time",
            "Distribution",
        ]
        .contains(&head);
    caps || titled
}

/// `1.`, `(2)`, `(a)`, `b)`, `- ` at the start.
fn list_marker(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with("- ") || t.starts_with("• ") {
        return true;
    }
    let (paren, rest) = t.strip_prefix('(').map_or((false, t), |r| (true, r));
    let n = rest.chars().take_while(|c| c.is_alphanumeric()).count();
    let after = &rest[rest.char_indices().nth(n).map_or(rest.len(), |(i, _)| i)..];
    let digits = rest.chars().take(n).all(|c| c.is_ascii_digit());
    (1..=2).contains(&n)
        && (paren && after.starts_with(')')
            || !paren && (after.starts_with(") ") || digits && after.starts_with(". ")))
}

/// "Walter S. Robertson, Assistant Secretary", "M. N. S. Khrouchtchev, Membre".
fn name_and_title(line: &str) -> bool {
    let Some((name, rest)) = line.trim().split_once(", ") else {
        return false;
    };
    let words: Vec<&str> = name.split(' ').collect();
    (1..=5).contains(&words.len())
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()))
        && words.iter().any(|w| w.len() > 2 && !w.ends_with('.'))
        && rest.starts_with(|c: char| c.is_uppercase())
        && import::parse_written_date(line).is_none()
}

/// "October 17, 1956", "Tokyo, August 30, 1956—11 a.m."
fn date(line: &str) -> bool {
    let t = line.trim().trim_matches('*').trim_end_matches('.');
    let t = t.split('—').next().unwrap_or(t).replace('?', "");
    let t = t.as_str();
    t.len() <= 60
        && (import::parse_written_date(t).is_some_and(|d| d.year > 0 && d.month > 0)
            || t.split_once(", ")
                .is_some_and(|(_, d)| import::parse_written_date(d).is_some_and(|d| d.month > 0)))
}

/// Source lines joined into one paragraph where the first ends a unit and
/// the second starts one: (file, line, the two lines).
fn merged(name: &str, src: &str, doc: &Document) -> Vec<String> {
    let lines: Vec<&str> = src.split('\n').collect();
    let mut starts: Vec<u32> = doc.paragraphs.iter().map(|p| p.line).collect();
    starts.sort();
    let mut found = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(lines.len() as u32 + 1, |&e| e);
        // The paragraph's non-blank source lines (a page break's blank line
        // in between is skipped: joins across it count too).
        let own: Vec<(u32, &str)> = (start..end)
            .map(|n| (n, lines[n as usize - 1].trim()))
            .filter(|(_, t)| !t.is_empty() && !t.starts_with("[[GAP"))
            .collect();
        for pair in own.windows(2) {
            let ((n, a), (_, b)) = (pair[0], pair[1]);
            let short = a.chars().count() < 60 && !open_end(a);
            let starts_unit = label(b) || list_marker(b) || name_and_title(b) || date(b);
            let label_alone = label(a) && !a.contains(": ");
            if short && (starts_unit || label_alone) {
                found.push(format!("{name}:{n}: {a:?} + {b:?}"));
            }
        }
    }
    found
}

#[test]
fn no_merged_blocks() {
    let mut found = Vec::new();
    for (name, src, doc) in corpus().iter().chain(fixtures().iter()) {
        found.extend(merged(name, src, doc));
    }
    assert!(
        found.is_empty(),
        "{} paragraph(s) join a line that ends a unit to one that starts one:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// Paragraphs per kind of each fixture (`--nocapture` shows them; measured
/// before and after the structure fix).
#[test]
fn fixture_block_counts() {
    for (name, _, doc) in fixtures() {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for p in &doc.paragraphs {
            let k = match p.kind {
                ParaKind::Footnote(_) => "Footnote".to_string(),
                k => format!("{k:?}"),
            };
            match counts.iter_mut().find(|(n, _)| *n == k) {
                Some(c) => c.1 += 1,
                None => counts.push((k, 1)),
            }
        }
        println!(
            "{name}: {} paragraphs {counts:?} kind {:?}",
            doc.paragraphs.len(),
            doc.kind
        );
    }
}

/// The inline record through the detector too: it has every kind of unit.
#[test]
fn no_merged_blocks_inline() {
    let found = merged("inline", common::INLINE_RECORD, &common::inline_record());
    assert!(found.is_empty(), "{}", found.join("\n"));
}
