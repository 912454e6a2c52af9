//! Shared test fixtures: the project's own corpus and registers, loaded the
//! way the CLI does, and the real `docent` binary run as a user runs it.

#![allow(dead_code)]

use docent::diff::Variants;
use docent::model::Document;
use docent::{clauses, entities, import, Collection};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The project's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A made-up memorandum of conversation in the archive layout: a file
/// number, a label with its value on the line, persons one a line after a
/// label alone, a numbered item.
pub const INLINE_RECORD: &str =
    "September 1, 1956\n\nMemorandum of a Conversation\n\nCitation:\n\n\
\"Memorandum of a Conversation\", test record.\n\nContents:\n\nTranscript - English\n\n\
USDel/MC/48\n\nSUBJECT: Japanese-Soviet Talks\n\nPARTICIPANTS:\nThe Secretary\nAmbassador Tani\n\
Mr. Robertson, Assistant Secretary of State\n\n1. The Secretary said that the talks\n\
should go on.\n\n2. Ambassador Tani agreed.\n";
/// [`INLINE_RECORD`] through the importer (id `inline`).
pub fn inline_record() -> Document {
    import::parse_document("documents/inline.txt", INLINE_RECORD.as_bytes())
        .unwrap_or_else(|e| panic!("the inline record does not import: {e:?}"))
}

pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Imports one record of `dir` with the project's importer.
pub fn load_doc(dir: &Path, name: &str) -> Document {
    let bytes = std::fs::read(dir.join(name)).unwrap();
    let doc = import::parse_document(&format!("documents/{name}"), &bytes)
        .unwrap_or_else(|e| panic!("{name}: {e:?}"));
    assert!(!doc.paragraphs.is_empty(), "{name}: no paragraphs imported");
    doc
}

/// Every `.txt` record of `dir`, by file name.
pub fn load_docs_from(dir: &Path) -> Vec<Document> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    names.iter().map(|n| load_doc(dir, n)).collect()
}

/// Every document of corpus/documents, through the importer.
pub fn documents() -> Vec<Document> {
    load_docs_from(&corpus_dir().join("documents"))
}

fn read_register<T>(file: &str, parse: fn(&str, &str) -> Result<T, Vec<docent::Diagnostic>>) -> T {
    let src = std::fs::read_to_string(corpus_dir().join(file)).unwrap();
    parse(file, &src).unwrap_or_else(|e| {
        let lines: Vec<String> = e.iter().map(|d| d.to_string()).collect();
        panic!("{}", lines.join("\n"))
    })
}

/// corpus/clauses.toml.
pub fn clause_register() -> clauses::ClauseRegister {
    read_register("clauses.toml", clauses::ClauseRegister::from_toml)
}

/// corpus/entities.toml.
pub fn entity_register() -> entities::Register {
    read_register("entities.toml", entities::Register::from_toml)
}

/// The corpus with its entity register (no clauses).
pub fn collection() -> Collection {
    Collection::build(documents(), entity_register(), Default::default())
}

/// The spelling variants the diff tests rely on (the entity register's
/// groups, injected so the tests do not depend on its contents).
pub fn variants() -> Variants {
    let g = |id: &str, names: &[&str]| {
        (
            id.to_string(),
            names.iter().map(|s| s.to_string()).collect(),
        )
    };
    Variants::new(&[
        g(
            "habomai",
            &["Habomai", "Habomais", "Habomaï", "Habomai Islands"],
        ),
        g("shikotan", &["Shikotan", "Shikoton"]),
        g("iturup", &["Iturup", "Etorofu"]),
        g("kunashir", &["Kunashir", "Kunashiri"]),
        g("matsumoto", &["Matsumoto", "Masumoto"]),
    ])
}

/// What one run of the binary printed and how it exited.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// `(code, stdout, stderr)`, for destructuring.
    pub fn parts(self) -> (i32, String, String) {
        (self.code, self.stdout, self.stderr)
    }
}

/// Runs `docent ARGS…` from the crate root, as a user would.
pub fn docent<S: AsRef<OsStr>>(args: &[S]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_docent"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run docent");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}
