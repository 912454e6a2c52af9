//! Plain records keep their structure (issue #14): separate source lines
//! stay separate blocks, lists become items, labels and datelines become
//! lines, and a document's kind comes from its title.
//!
//! * [`no_merged_blocks`]: a generic detector over the shipped corpus and the
//!   FRUS fixtures (`tests/fixtures/frus-archive/`) that maps every paragraph
//!   back to its source lines and flags a paragraph that swallowed a new unit.
//! * [`cases`]: one table through [`check`], regressions named after the bug.

use docent::{import, Document, ParaKind, SpanKind};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

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

// ---- explicit cases ----

/// What a case expects of the paragraph it finds.
enum Expect {
    Kind(ParaKind),
    /// A [`SpanKind::Label`] over exactly this text.
    Label(&'static str),
    /// The paragraph's text is exactly this (nothing joined to it).
    Text(&'static str),
    /// The text contains this (a repaired page break or hard wrap).
    Contains(&'static str),
    /// The document's kind.
    DocKind(&'static str),
}

struct Case {
    name: &'static str,
    /// A file name (corpus or fixture) or `INLINE` for [`INLINE_RECORD`].
    doc: &'static str,
    /// Finds the paragraph: the first whose text starts with this.
    find: &'static str,
    expect: Expect,
}

/// A made-up memorandum of conversation in the archive layout: a file
/// number, a label with its value on the line, persons one a line after a
/// label alone, a numbered item.
const INLINE_RECORD: &str = "September 1, 1956\n\nMemorandum of a Conversation\n\nCitation:\n\n\
\"Memorandum of a Conversation\", test record.\n\nContents:\n\nTranscript - English\n\n\
USDel/MC/48\n\nSUBJECT: Japanese-Soviet Talks\n\nPARTICIPANTS:\nThe Secretary\nAmbassador Tani\n\
Mr. Robertson, Assistant Secretary of State\n\n1. The Secretary said that the talks\n\
should go on.\n\n2. Ambassador Tani agreed.\n";
const INLINE: &str = "INLINE";

const D90: &str = "1956-08-22-frus-d90.txt";
const D93: &str = "1956-08-27-frus-d93.txt";
const D95: &str = "1956-08-30-frus-d95.txt";
const D97: &str = "1956-09-03-frus-d97.txt";
const D101: &str = "1956-09-frus-d101.txt";
const NOTE: &str = "1960-01-24-khrushchev-note.txt";
const YAMADA: &str = "1961-09-14-yamada-reception.txt";
const LETTER: &str = "1956-09-29-matsumoto-letter-to-gromyko.txt";
const FR: &str = "1956-10-19-joint-declaration-fr-unts.txt";
const SF: &str = "1951-09-08-san-francisco-peace-treaty-art2.txt";

#[rustfmt::skip]
const CASES: &[Case] = &[
    // Lists: one item a line, labels over the markers, nesting by style.
    Case { name: "numbered item", doc: D97, find: "(1) That you call", expect: Expect::Kind(ParaKind::Item(1)) },
    Case { name: "numbered item label", doc: D97, find: "(1) That you call", expect: Expect::Label("(1)") },
    Case { name: "hard-wrapped item keeps its last line", doc: D97, find: "(1) That you call", expect: Expect::Contains("giving him the aide-mémoire. (Tab A)") },
    Case { name: "lettered item under \"orally:\" is a level down", doc: D97, find: "(a) The Government", expect: Expect::Kind(ParaKind::Item(2)) },
    Case { name: "lettered item across a page break", doc: D97, find: "(d) The record", expect: Expect::Kind(ParaKind::Item(2)) },
    Case { name: "\"3.\" after (a)…(f) is back at the top", doc: D97, find: "3. That Ambassador", expect: Expect::Label("3.") },
    Case { name: "\"3.\" depth", doc: D97, find: "3. That Ambassador", expect: Expect::Kind(ParaKind::Item(1)) },
    Case { name: "Tab B list is a list of its own", doc: D97, find: "(c) A potential", expect: Expect::Kind(ParaKind::Item(1)) },
    Case { name: "regression: treaty items (a). were body", doc: SF, find: "(b).  Japan renounces", expect: Expect::Label("(b).") },
    Case { name: "regression: a) items were body", doc: FR, find: "b) S'abstenir", expect: Expect::Kind(ParaKind::Item(1)) },
    Case { name: "regression: participants were one paragraph", doc: FR, find: "M. N. S. Khrouchtchev", expect: Expect::Text("M. N. S. Khrouchtchev, Membre du Présidium du Soviet suprême de l'URSS,") },
    Case { name: "participant after \"et\"", doc: FR, find: "M. Shunichi Matsumoto", expect: Expect::Kind(ParaKind::Item(1)) },
    Case { name: "participants after a label alone", doc: INLINE, find: "Ambassador Tani", expect: Expect::Kind(ParaKind::Item(1)) },
    Case { name: "participant with a title", doc: INLINE, find: "Mr. Robertson", expect: Expect::Text("Mr. Robertson, Assistant Secretary of State") },
    Case { name: "numbered item, inline", doc: INLINE, find: "1. The Secretary", expect: Expect::Text("1. The Secretary said that the talks should go on.") },
    // Labels, datelines, file numbers.
    Case { name: "regression: SUBJECT swallowed its value", doc: D97, find: "SUBJECT", expect: Expect::Text("SUBJECT") },
    Case { name: "label alone is a line", doc: D97, find: "SUBJECT", expect: Expect::Label("SUBJECT") },
    Case { name: "a label's value is a line", doc: D97, find: "United States Position on Japanese-Soviet", expect: Expect::Kind(ParaKind::Line) },
    Case { name: "label with its value", doc: INLINE, find: "SUBJECT:", expect: Expect::Label("SUBJECT:") },
    Case { name: "label line", doc: INLINE, find: "SUBJECT:", expect: Expect::Kind(ParaKind::Line) },
    Case { name: "file number", doc: INLINE, find: "USDel/MC/48", expect: Expect::Kind(ParaKind::Line) },
    Case { name: "dateline", doc: D90, find: "London, August", expect: Expect::Kind(ParaKind::Line) },
    Case { name: "dateline with a query", doc: D93, find: "Washington, August 27?", expect: Expect::Kind(ParaKind::Line) },
    Case { name: "regression: the note's title swallowed its date", doc: NOTE, find: "Comrade N.S. Khrushchev's Note", expect: Expect::Text("Comrade N.S. Khrushchev's Note on a Memorandum to Japan") },
    Case { name: "the note's date line", doc: NOTE, find: "January 25, 1960", expect: Expect::Kind(ParaKind::Line) },
    Case { name: "Yamada: heading", doc: YAMADA, find: "by N.S. Khrushchev", expect: Expect::Kind(ParaKind::Heading(1)) },
    Case { name: "Yamada: date line", doc: YAMADA, find: "September 14, 1961", expect: Expect::Kind(ParaKind::Line) },
    // Headings, salutations, signatures.
    Case { name: "numbered document title is a heading", doc: D90, find: "90. Telegram", expect: Expect::Kind(ParaKind::Heading(1)) },
    Case { name: "regression: first paragraph after the dateline was a title", doc: D90, find: "Dulte 20.", expect: Expect::Kind(ParaKind::Body) },
    Case { name: "capitals heading not joined to the text", doc: D97, find: "DRAFT AIDE-MÉMOIRE", expect: Expect::Text("DRAFT AIDE-MÉMOIRE") },
    Case { name: "italic subheading", doc: D97, find: "What Can the United States", expect: Expect::Kind(ParaKind::Heading(3)) },
    Case { name: "regression: Sincerely, joined the signature", doc: D97, find: "Sincerely,", expect: Expect::Text("Sincerely,") },
    Case { name: "signature", doc: D97, find: "Raddy", expect: Expect::Kind(ParaKind::Closing) },
    Case { name: "bold signature stays closing", doc: D95, find: "Allison", expect: Expect::Kind(ParaKind::Closing) },
    Case { name: "regression: salutation joined the letter", doc: LETTER, find: "Excellency,", expect: Expect::Text("Excellency,") },
    Case { name: "regression: signature name joined its title", doc: LETTER, find: "S. Matsumoto", expect: Expect::Text("S. Matsumoto") },
    Case { name: "signature title across lines", doc: LETTER, find: "Plenipotentiary", expect: Expect::Text("Plenipotentiary Representative of the Japanese Government") },
    Case { name: "regression: an editor's bracket was closing", doc: D93, find: "[Here follows", expect: Expect::Kind(ParaKind::Body) },
    // Hard wraps and page breaks.
    Case { name: "hard wrap after a full stop", doc: D97, find: "In the course of the London", expect: Expect::Contains("two countries. The Japanese have held out") },
    Case { name: "page break: comparatively / little", doc: D97, find: "Disunity", expect: Expect::Contains("comparatively little public indignation") },
    Case { name: "page break: such a / resolution", doc: D97, find: "The Japanese were told", expect: Expect::Contains("if such a resolution is possible") },
    Case { name: "page break: as / was stated", doc: D97, find: "With respect to the territorial", expect: Expect::Contains("as was stated by the Delegate") },
    Case { name: "page break: work out / better deal", doc: D90, find: "Shigemitsu apparently", expect: Expect::Contains("work out better deal") },
    Case { name: "page break: clarification / at the", doc: D93, find: "Rarely have we", expect: Expect::Contains("clarification at the Secretary") },
    Case { name: "regression: page break after \"of\" before a name with a full stop", doc: D95, find: "Our previous line", expect: Expect::Contains("ouster of Shigemitsu. I think") },
    Case { name: "quotation paragraphs stay apart", doc: D101, find: "“The Government of the United States", expect: Expect::Kind(ParaKind::Body) },
    // Kinds from titles.
    Case { name: "kind: telegram", doc: D90, find: "", expect: Expect::DocKind("telegram") },
    Case { name: "kind: notes", doc: D93, find: "", expect: Expect::DocKind("notes") },
    Case { name: "kind: telegram (embassy)", doc: D95, find: "", expect: Expect::DocKind("telegram") },
    Case { name: "kind: memorandum", doc: D97, find: "", expect: Expect::DocKind("memorandum") },
    Case { name: "kind: editorial note", doc: D101, find: "", expect: Expect::DocKind("editorial note") },
    Case { name: "kind: memorandum of conversation", doc: INLINE, find: "", expect: Expect::DocKind("memorandum of conversation") },
];

fn check(docs: &[(String, String, Document)], c: &Case) -> Result<(), String> {
    let d = &docs
        .iter()
        .find(|(n, ..)| n == c.doc)
        .ok_or_else(|| format!("{}: no document {}", c.name, c.doc))?
        .2;
    if let Expect::DocKind(k) = c.expect {
        return match d.kind == k {
            true => Ok(()),
            false => Err(format!("{}: kind {:?}, want {k:?}", c.name, d.kind)),
        };
    }
    let p = d
        .paragraphs
        .iter()
        .find(|p| p.text.starts_with(c.find))
        .ok_or_else(|| {
            format!(
                "{}: no paragraph of {} starts with {:?}",
                c.name, c.doc, c.find
            )
        })?;
    let fail = |what: String| Err(format!("{}: {what}\n  in: {:?}", c.name, p.text));
    match c.expect {
        Expect::Kind(k) if p.kind != k => fail(format!("kind {:?}, want {k:?}", p.kind)),
        Expect::Label(t) => {
            let ok = p.spans.iter().any(|s| {
                s.kind == SpanKind::Label && &p.text[s.start as usize..s.end as usize] == t
            });
            if ok {
                Ok(())
            } else {
                fail(format!("no Label span over {t:?}; spans: {:?}", p.spans))
            }
        }
        Expect::Text(t) if p.text != t => fail(format!("text is not exactly {t:?}")),
        Expect::Contains(t) if !p.text.contains(t) => fail(format!("does not contain {t:?}")),
        _ => Ok(()),
    }
}

#[test]
fn cases() {
    let mut docs = corpus();
    docs.extend(fixtures());
    let inline = import::parse_document("documents/inline.txt", INLINE_RECORD.as_bytes())
        .unwrap_or_else(|e| panic!("the inline record does not import: {e:?}"));
    docs.push((INLINE.to_string(), INLINE_RECORD.to_string(), inline));
    let failures: Vec<String> = CASES.iter().filter_map(|c| check(&docs, c).err()).collect();
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The inline record through the detector too: it has every kind of unit.
#[test]
fn no_merged_blocks_inline() {
    let d = import::parse_document("documents/inline.txt", INLINE_RECORD.as_bytes()).unwrap();
    let found = merged("inline", INLINE_RECORD, &d);
    assert!(found.is_empty(), "{}", found.join("\n"));
}
