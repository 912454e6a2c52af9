//! The importer over every document of the corpus, and `docent check` over
//! small broken corpora.
//!
//! * Snapshots: `tests/snapshots/<id>.txt` holds each document's parsed
//!   structure in a readable form. A changed structure fails the test; run
//!   `UPDATE_SNAPSHOTS=1 cargo test --test import` to rewrite them, then read
//!   the diff.
//! * Fidelity: the words of every source text equal the words of its parsed
//!   paragraphs, in order (see [`fidelity`] for exactly what is left out).
//! * Explicit cases: one table for the whole importer, tests/import_cases.rs.

use docent::text::words;
use docent::{import, Document, ParaKind, SpanKind};
use std::path::{Path, PathBuf};
mod common;

use std::ffi::OsStr;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every corpus file: (file name, bytes).
fn corpus_files() -> Vec<(String, Vec<u8>)> {
    let dir = root().join("corpus/documents");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("corpus/documents")
        .map(|e| e.unwrap())
        .map(|e| {
            let name = e.file_name().into_string().unwrap();
            (name, std::fs::read(e.path()).unwrap())
        })
        // TEI editions have their own importer and tests (tests/tei.rs).
        .filter(|(name, _)| !name.ends_with(".xml"))
        .collect();
    out.sort();
    assert!(out.len() >= 10, "the corpus lost documents: {}", out.len());
    out
}

fn corpus() -> Vec<Document> {
    corpus_files()
        .iter()
        .map(|(name, bytes)| {
            let path = format!("documents/{name}");
            import::parse_document(&path, bytes).unwrap_or_else(|ds| {
                let msgs: Vec<String> = ds.iter().map(|d| d.to_string()).collect();
                panic!("{path} does not import:\n{}", msgs.join("\n"))
            })
        })
        .collect()
}

fn doc<'a>(docs: &'a [Document], id: &str) -> &'a Document {
    docs.iter()
        .find(|d| d.id == id)
        .unwrap_or_else(|| panic!("no document {id}"))
}

/// The source text after the front matter, as (1-based line, text).
fn body_lines(src: &str) -> Vec<(u32, &str)> {
    let lines: Vec<&str> = src.split('\n').collect();
    let skip = if lines.first() == Some(&"---") {
        lines.iter().skip(1).position(|l| *l == "---").unwrap() + 2
    } else {
        0
    };
    lines
        .iter()
        .enumerate()
        .skip(skip)
        .map(|(i, l)| (i as u32 + 1, *l))
        .collect()
}

// ---- snapshots ----

fn render(d: &Document) -> String {
    let mut s = String::new();
    s.push_str(&format!(
        "id: {}\nsource: {}\ntitle: {}\n",
        d.id, d.source_file, d.title
    ));
    s.push_str(&format!(
        "date: {} ({})\nkind: {}\n",
        d.date.map_or("none".into(), |d| d.iso()),
        d.date_label,
        d.kind
    ));
    if let Some(p) = &d.partial {
        s.push_str(&format!("partial: {p}\n"));
    }
    for (k, v) in &d.fields {
        s.push_str(&format!("field {k}: {v}\n"));
    }
    for (i, p) in d.paragraphs.iter().enumerate() {
        let who = p
            .speaker
            .as_ref()
            .map_or(String::new(), |sp| format!(" [{} {:?}]", sp.name, sp.mode));
        s.push_str(&format!(
            "\n#{i} line {} {:?}{who}\n{}\n",
            p.line, p.kind, p.text
        ));
        for sp in &p.spans {
            let t = &p.text[sp.start as usize..sp.end as usize];
            s.push_str(&format!("  {}..{} {:?} «{t}»\n", sp.start, sp.end, sp.kind));
        }
    }
    s
}

#[test]
fn snapshots() {
    let dir = root().join("tests/snapshots");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut failures = Vec::new();
    for d in corpus() {
        let path = dir.join(format!("{}.txt", d.id));
        let got = render(&d);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(want) if want == got => {}
            Ok(want) => {
                let line = want
                    .lines()
                    .zip(got.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(want.lines().count().min(got.lines().count()));
                failures.push(format!(
                    "{}: differs from line {}:\n  want: {}\n  got:  {}",
                    path.display(),
                    line + 1,
                    want.lines().nth(line).unwrap_or("<end>"),
                    got.lines().nth(line).unwrap_or("<end>")
                ));
            }
            Err(_) => failures.push(format!("{}: missing", path.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n\nIf the change is intended: UPDATE_SNAPSHOTS=1 cargo test --test import snapshots, then review `git diff tests/snapshots`.",
        failures.join("\n")
    );
}

// ---- fidelity ----

/// Strips a header label (`Citation:`, `#### **Summary:**`, `Title:` …) from a
/// header line, leaving its value.
fn strip_label(line: &str) -> &str {
    let t = line
        .trim()
        .trim_start_matches('#')
        .trim()
        .trim_start_matches("**");
    match t.find(':') {
        Some(i)
            if i <= 40
                && t[..i]
                    .chars()
                    .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
                && t[..i].starts_with(|c: char| c.is_uppercase()) =>
        {
            &t[i + 1..]
        }
        _ => t,
    }
}

fn word_list(s: &str) -> Vec<String> {
    words(s).map(|t| s[t.start..t.end].to_string()).collect()
}

/// Every word of the source is in the document, in order.
///
/// * Text: from the first paragraph's line to the end of the file, the
///   source's words equal the words of the paragraphs (in order), except
///   `[[GAP: …]]` lines (kept as Gap paragraphs, which are not text, so both
///   sides leave them out) and the `(N)` of `- (N)` note items (the number
///   is the paragraph's kind, `Footnote(N)`). Markdown markers are
///   punctuation to the tokenizer, so they need no exception.
/// * Header: the lines before the text hold the same words (as a multiset:
///   the layouts order them differently) as title, date label and field
///   values, except the header labels themselves (`Citation:`, `Title:` …).
/// * Front matter is not source text and is skipped.
#[test]
fn fidelity() {
    let docs = corpus();
    for (name, bytes) in corpus_files() {
        let src = std::str::from_utf8(&bytes).unwrap();
        let d = docs
            .iter()
            .find(|d| d.source_file == format!("documents/{name}"))
            .unwrap();
        let start = d.paragraphs.iter().map(|p| p.line).min().unwrap();
        let lines = body_lines(src);
        let mut src_text = Vec::new();
        let mut src_head = Vec::new();
        for (no, line) in &lines {
            if *no >= start {
                let t = line.trim();
                if t.starts_with("[[GAP") {
                    continue;
                }
                let t = match t.strip_prefix("- (").and_then(|r| r.split_once(')')) {
                    Some((n, rest)) if n.chars().all(|c| c.is_ascii_digit()) => rest,
                    _ => t,
                };
                src_text.extend(word_list(t));
            } else {
                src_head.extend(word_list(strip_label(line)));
            }
        }
        let got_text: Vec<String> = d
            .paragraphs
            .iter()
            .filter(|p| p.kind != ParaKind::Gap)
            .flat_map(|p| word_list(&p.text))
            .collect();
        if src_text != got_text {
            let i = src_text
                .iter()
                .zip(&got_text)
                .position(|(a, b)| a != b)
                .unwrap_or(src_text.len().min(got_text.len()));
            let ctx = |v: &[String]| v[i.saturating_sub(5)..(i + 5).min(v.len())].join(" ");
            panic!(
                "{name}: text words differ at word {i}:\n  source: {}\n  parsed: {}",
                ctx(&src_text),
                ctx(&got_text)
            );
        }
        let mut got_head = word_list(&d.title);
        got_head.extend(word_list(&d.date_label));
        for (k, v) in &d.fields {
            // The language comes from the front matter (`language: fr`), not the header.
            if k != "Language" {
                got_head.extend(word_list(v));
            }
        }
        src_head.sort();
        got_head.sort();
        assert_eq!(src_head, got_head, "{name}: header words differ");
    }
}

/// The corpus copies are the shared sources byte for byte, after the front
/// matter. Skipped only when the checkout has no `../shared` at all.
#[test]
fn bodies_are_byte_identical_to_sources() {
    let shared = root().join("../shared");
    if !shared.is_dir() {
        eprintln!("no {}: source comparison skipped", shared.display());
        return;
    }
    let seeds = [
        (
            "1955-09-21-parliamentary-delegation.txt",
            "seeds/003_0609086b7595025e.txt",
        ),
        (
            "saito-normalization-chapter.txt",
            "seeds/002_3d4fa391be1c0830.txt",
        ),
        (
            "1956-10-17-khrushchev-kono.txt",
            "seeds/000_750cf33a7b48c855.txt",
        ),
        (
            "1960-01-24-khrushchev-note.txt",
            "seeds/001_a023b9a013d19f53.txt",
        ),
        (
            "1961-09-14-yamada-reception.txt",
            "seeds/004_9497f20b6d6090c7.txt",
        ),
    ];
    for (name, bytes) in corpus_files() {
        let source = seeds
            .iter()
            .find(|(n, _)| *n == name)
            .map_or_else(|| format!("corpus-extra/{name}"), |(_, s)| s.to_string());
        let want = std::fs::read(shared.join(&source))
            .unwrap_or_else(|e| panic!("{name}: its source ../shared/{source}: {e}"));
        let src = std::str::from_utf8(&bytes).unwrap();
        let body_start = match src.strip_prefix("---\n") {
            Some(rest) => rest.find("\n---\n").expect("closed front matter") + 4 + 5,
            None => 0,
        };
        assert!(
            bytes[body_start..] == want[..],
            "{name}: the text after the front matter is not byte-identical to ../shared/{source}"
        );
    }
}

const KONO: &str = "1956-10-17-khrushchev-kono";
const DELEGATION: &str = "1955-09-21-parliamentary-delegation";
const SAITO: &str = "saito-normalization-chapter";
const FR: &str = "1956-10-19-joint-declaration-fr-unts";

#[test]
fn list_items_are_not_markers() {
    let docs = corpus();
    let d = doc(&docs, SAITO);
    let p = d
        .paragraphs
        .iter()
        .find(|p| p.text.contains("(1) termination of"))
        .unwrap();
    let at = p.text.find("(1) termination").unwrap() as u32;
    assert!(!p.spans.iter().any(|s| s.start == at), "{:?}", p.spans);
    // Every note 1..=43 exists, in order, after the body, and is pointed at.
    let notes: Vec<u32> = d
        .paragraphs
        .iter()
        .filter_map(|p| match p.kind {
            ParaKind::Footnote(n) => Some(n),
            _ => None,
        })
        .collect();
    assert_eq!(notes, (1..=43).collect::<Vec<_>>());
    for n in 1..=43 {
        assert!(
            d.paragraphs
                .iter()
                .any(|p| p.spans.iter().any(|s| s.kind == SpanKind::FootnoteRef(n))),
            "no marker for note {n}"
        );
    }
}

#[test]
fn headers() {
    let docs = corpus();
    let k = doc(&docs, KONO);
    assert_eq!(
        k.title,
        "Memorandum of Conversation of N.S. Khrushchev with I. Kono on October 17, 1956"
    );
    assert_eq!(
        (k.date.unwrap().iso(), k.date_label.as_str()),
        ("1956-10-17".into(), "October 17, 1956")
    );
    assert_eq!(
        k.field("Source"),
        Some("https://wilson-center.drivingcreative.com/document/208806")
    );
    assert_eq!(k.field("Contents"), Some("Translation - English"));
    let s = doc(&docs, SAITO);
    assert_eq!(s.field("Author"), Some("Motohide Saito"));
    assert_eq!(s.date, None);
    let d = doc(&docs, DELEGATION);
    assert_eq!(d.date_label, "September 21, 1955");
    assert!(
        d.title
            .starts_with("Conversation of Comrades N.A. Bulganin"),
        "{}",
        d.title
    );
    let fr = doc(&docs, FR);
    assert!(
        fr.partial
            .as_deref()
            .unwrap()
            .starts_with("Missing: the end of Article 1"),
        "{:?}",
        fr.partial
    );
    assert_eq!(fr.date.unwrap().iso(), "1956-10-19");
    for d in &docs {
        assert!(
            !d.kind.is_empty() && d.kind != "document",
            "{}: give it a kind in front matter",
            d.id
        );
    }
}

// ---- robustness ----

/// Random records built from the pieces the importer reacts to: it never
/// panics, and every span it returns lies on character boundaries of its
/// paragraph's text.
#[test]
fn importer_never_panics_on_noise() {
    const PIECES: &[&[u8]] = &[
        b"a",
        b"Kono",
        b". ",
        b":",
        b"*",
        b"**",
        b"[",
        b"]",
        b"(",
        b")",
        b"(3)",
        "⁽¹²⁾".as_bytes(),
        "⁽".as_bytes(),
        b"\n",
        b"\n\n",
        b"#",
        b"---\n",
        b"Citation:\n",
        b"Contents:\n",
        b"Title: ",
        b"Date: ",
        b"[[GAP: x]]",
        b"- (1) ",
        b"Notes\n",
        "é".as_bytes(),
        "Хрущёв".as_bytes(),
        "“".as_bytes(),
        b"\r\n",
        b"sic: a => b\n",
        b" ",
        b"1956",
        b"October 17, 1956\n",
        b"Section 1 ",
        b"Comrade ",
        b"says ",
        b", ",
        b"\xff",
        b"the",
    ];
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state as usize
    };
    for _ in 0..5000 {
        let mut bytes = Vec::new();
        for _ in 0..next() % 80 {
            bytes.extend_from_slice(PIECES[next() % PIECES.len()]);
        }
        let (doc, _) = import::parse_record("documents/x.txt", &bytes);
        for p in doc.iter().flat_map(|d| &d.paragraphs) {
            for s in &p.spans {
                let (a, b) = (s.start as usize, s.end as usize);
                assert!(
                    a <= b && p.text.get(a..b).is_some(),
                    "span {s:?} outside {:?}\nfrom {:?}",
                    p.text,
                    String::from_utf8_lossy(&bytes)
                );
            }
        }
    }
}

// ---- docent check ----

/// A throwaway corpus directory with the given records (`*.toml` registers
/// go to the corpus root, everything else under `documents/`).
struct TempCorpus(PathBuf);

impl TempCorpus {
    fn new(name: &str, files: &[(&str, &[u8])]) -> TempCorpus {
        let dir = std::env::temp_dir().join(format!("docent-import-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("documents")).unwrap();
        for (f, bytes) in files {
            let at = if f.ends_with(".toml") {
                dir.join(f)
            } else {
                dir.join("documents").join(f)
            };
            std::fs::write(at, bytes).unwrap();
        }
        TempCorpus(dir)
    }
}

impl Drop for TempCorpus {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn docent_check(dir: &Path) -> (i32, String) {
    let r = common::docent(&[OsStr::new("check"), OsStr::new("--corpus"), dir.as_os_str()]);
    (r.code, r.stderr + &r.stdout)
}

const GOOD: &[u8] = b"Title: A letter\nDate: 1956-09-29\n\nExcellency, I write.\n";
const ARCHIVE_HEAD: &str = "\n\nOctober 17, 1956\nA title\n\nCitation:\n\n\"A\", Archive.\n\nSummary:\n\nA summary.\n\nContents:\n\nTranslation - English\n\n";

#[test]
fn check_rejects_broken_corpora() {
    // (name, files, expected "file:line: error: …" fragment)
    let no_title_archive = "\n\nOctober 17, 1956\n\nCitation:\n\n\"A\", Archive.\n\nContents:\n\nTranslation - English\n\nText.\n".to_string();
    let missing_value = ARCHIVE_HEAD.replace("A summary.\n\n", "") + "Text.\n";
    let orphan_marker =
        "Title: T\nDate: 1956\n\nText⁽¹⁾ and more⁽²⁾.\n\nNotes\n\n- (1) A note.\n".to_string();
    let bad_utf8: Vec<u8> = b"Title: T\nDate: 1956\n\nCaf\xe9 au lait.\n".to_vec();
    let dup_fm = b"---\nid: b\n---\nTitle: T\nDate: 1956\n\nText.\n".to_vec();
    let unknown_fm = b"---\nkind: letter\nauthr: X\n---\nTitle: T\nDate: 1956\n\nText.\n".to_vec();
    let bad_date = b"---\ndate: 1956-13-40\n---\nTitle: T\nDate: 1956\n\nText.\n".to_vec();
    let sic_missing =
        b"---\nsic: Masumoto => Matsumoto\n---\nTitle: T\nDate: 1956\n\nText.\n".to_vec();
    let no_contents =
        ARCHIVE_HEAD.replace("Contents:\n\nTranslation - English\n\n", "") + "Text.\n";
    let bad_header_line = b"Title: T\nDate: 1956\nthis is not a field\n\nText.\n".to_vec();
    let bad_iso = b"Title: T\nDate: 17 Oct 1956\n\nText.\n".to_vec();
    let entity = |id: &str, name: &str, alias: &str| {
        format!("[[entity]]\nid = \"{id}\"\nkind = \"person\"\nname = \"{name}\"\naliases = [\"{alias}\"]\ndescription = \"x\"\n")
    };
    let shared_alias = entity("a", "Alpha", "Yamada") + &entity("b", "Beta", "Mr. Yamada");
    let missing_quote = b"[[family]]\nid = \"f\"\ntitle = \"F\"\nkind = \"clause\"\n\n[[family.version]]\nid = \"v\"\ndate = \"1956-09-29\"\ndoc = \"a\"\nspeaker = \"Japan\"\nlabel = \"V\"\nform = \"wording\"\nquote = \"Excellency, I wrote.\"\n".to_vec();
    type Files<'a> = Vec<(&'a str, Vec<u8>)>;
    let cases: Vec<(&str, Files, &[&str])> = vec![
        ("missing title (fields)", vec![("a.txt", b"Date: 1956-10-19\n\nText.\n".to_vec())], &["documents/a.txt:1: error: the record has no title"]),
        ("missing title (archive)", vec![("a.txt", no_title_archive.into_bytes())], &["documents/a.txt:5: error: the record has no title"]),
        ("duplicate id: two files", vec![("a.txt", GOOD.to_vec()), ("a.md", GOOD.to_vec())], &["documents/a.txt:1: error: duplicate document id `a`, already used by documents/a.md"]),
        ("duplicate id: front matter", vec![("a.txt", dup_fm), ("b.txt", GOOD.to_vec())], &["documents/b.txt:1: error: duplicate document id `b`, already used by documents/a.txt"]),
        ("empty document", vec![("a.txt", b"Title: T\nDate: 1956\n\n\n".to_vec())], &["documents/a.txt:", "error: the document has no text"]),
        ("empty file", vec![("a.txt", Vec::new())], &["documents/a.txt:1: error: the file is empty"]),
        ("invalid UTF-8", vec![("a.txt", bad_utf8)], &["documents/a.txt:4: error: the file is not valid UTF-8"]),
        ("unknown front-matter field", vec![("a.txt", unknown_fm)], &["documents/a.txt:3: error: unknown front-matter field `authr`", "help: the known fields are"]),
        ("bad front-matter date", vec![("a.txt", bad_date)], &["documents/a.txt:2: error: `1956-13-40` is not a date"]),
        ("sic text not found", vec![("a.txt", sic_missing)], &["documents/a.txt:2: error: `sic: Masumoto` does not occur"]),
        ("missing header value", vec![("a.txt", missing_value.into_bytes())], &["documents/a.txt:10: error: the header field `Summary:` has no value"]),
        ("bad ISO date", vec![("a.txt", bad_iso)], &["documents/a.txt:2: error: `Date: 17 Oct 1956` is not an ISO date"]),
        ("archive record without Contents:", vec![("a.txt", no_contents.into_bytes())], &["documents/a.txt:6: error: the header has no `Contents:` label"]),
        ("malformed header line", vec![("a.txt", bad_header_line)], &["documents/a.txt:3: error: malformed header line `this is not a field`"]),
        ("footnote marker with no note", vec![("a.txt", orphan_marker.into_bytes())], &["documents/a.txt:4: error: footnote marker 2 has no note", "add note 2 under Notes"]),
        ("clause quote not in its document", vec![("a.txt", GOOD.to_vec()), ("clauses.toml", missing_quote)], &["clauses.toml:6: error: family `f`, version 0 `v` (V): the quote is not in documents/a.txt; nearest text there: «Excellency, I write»", "copy the words exactly"]),
        ("entity alias shared by two entities", vec![("a.txt", GOOD.to_vec()), ("entities.toml", shared_alias.into_bytes())], &["entities.toml:11: error: the name `yamada` belongs to both `a`", "ambiguous"]),
    ];
    let mut failures = Vec::new();
    for (name, files, want) in &cases {
        let files: Vec<(&str, &[u8])> = files.iter().map(|(f, b)| (*f, b.as_slice())).collect();
        let c = TempCorpus::new(&name.replace([' ', ':', '(', ')'], "-"), &files);
        let (code, out) = docent_check(&c.0);
        let dir = c.0.display().to_string();
        if code != 1 || !want.iter().all(|w| out.contains(w)) || !out.contains(&format!("{dir}/")) {
            failures.push(format!(
                "{name}: exit {code}, want 1 and {want:?}; got:\n{out}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn check_refuses_oversized_records_without_reading_them() {
    let c = TempCorpus::new("huge", &[("a.txt", GOOD)]);
    let f = std::fs::File::create(c.0.join("documents/big.txt")).unwrap();
    f.set_len(50 * 1024 * 1024).unwrap(); // sparse: nothing is written
    let (code, out) = docent_check(&c.0);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("documents/big.txt:1: error: the file is 52 MB"),
        "{out}"
    );
}

#[test]
fn check_json_lists_the_same_findings() {
    let c = TempCorpus::new("json", &[("a.txt", b"Date: 1956\n\nText.\n")]);
    let out = common::docent(&[
        OsStr::new("check"),
        OsStr::new("--json"),
        OsStr::new("--corpus"),
        c.0.as_os_str(),
    ]);
    assert_eq!(out.code, 1);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["errors"], 1, "{v}");
    let d = &v["diagnostics"][0];
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64()),
        (Some("documents/a.txt"), Some(1)),
        "{v}"
    );
    assert!(d["message"].as_str().unwrap().contains("no title"), "{v}");
    assert!(d["help"].as_str().is_some(), "{v}");
}

#[test]
fn check_accepts_the_real_corpus() {
    let (code, out) = docent_check(&root().join("corpus"));
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("error:"), "{out}");
}

#[test]
fn check_warns_about_unknown_header_fields_and_keeps_them() {
    let c = TempCorpus::new(
        "unknown-header",
        &[(
            "a.txt",
            b"Title: T\nDate: 1956\nPublishr: Gaimusho\n\nText.\n",
        )],
    );
    let (code, out) = docent_check(&c.0);
    assert_eq!(code, 0, "a warning does not fail the check: {out}");
    assert!(
        out.contains(
            "documents/a.txt:3: warning: unknown header field `Publishr` (kept as a field)"
        ) && out.contains("the known fields are Title"),
        "{out}"
    );
}
