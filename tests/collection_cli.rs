//! A new collection as a corpus author brings it: documents alone (archive
//! records and TEI editions), no registers or empty ones; `check`, `build`,
//! `documents`, `search` and `entities` all answer.

mod common;
use common::docent;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary corpus with the five FRUS archive records and two TEI files;
/// `registers` writes these (file, text) beside documents/.
fn corpus(name: &str, registers: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("docent-collection-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let docs = dir.join("documents");
    std::fs::create_dir_all(&docs).unwrap();
    let plain = root().join("tests/fixtures/frus-archive/documents");
    for e in std::fs::read_dir(plain).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), docs.join(e.file_name())).unwrap();
    }
    for f in ["frus1955-57v23p1-d105.xml", "frus1955-57v23p1-d106.xml"] {
        std::fs::copy(root().join("tests/fixtures/tei").join(f), docs.join(f)).unwrap();
    }
    for (file, text) in registers {
        std::fs::write(dir.join(file), text).unwrap();
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut all: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    all.push("--corpus".into());
    all.push(dir.display().to_string());
    docent(&all).parts()
}

/// One case: a corpus and what each command must answer on it.
fn check(name: &str, registers: &[(&str, &str)]) {
    let dir = corpus(name, registers);
    let (code, out, err) = run(&dir, &["check"]);
    assert_eq!(code, 0, "{name}: check\n{out}{err}");
    assert!(out.contains("7 documents"), "{name}: {out}");
    let (code, out, err) = run(&dir, &["documents", "--json"]);
    assert_eq!(code, 0, "{name}: {err}");
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 7, "{name}");
    for r in rows {
        assert_ne!(r["kind"], "document", "{name}: a kind from the title: {r}");
        assert!(r["paragraphs"].as_u64().unwrap() > 0, "{name}: {r}");
        assert!(
            r["source_file"].as_str().unwrap().starts_with("documents/"),
            "{name}: {r}"
        );
    }
    let d105 = rows
        .iter()
        .find(|r| r["id"] == "frus1955-57v23p1-d105")
        .unwrap();
    assert_eq!(d105["kind"], "memorandum of conversation");
    assert_eq!(d105["date"], "1956-12-19");
    let (code, out, _) = run(&dir, &["search", "--json", "Ishibashi"]);
    assert_eq!(code, 0, "{name}");
    assert!(out.contains("frus1955-57v23p1-d105"), "{name}: {out}");
    let (code, _, err) = run(&dir, &["entities", "--json"]);
    assert_eq!(code, 0, "{name}: {err}");
    let out_dir = dir.join("out");
    let (code, out, err) = run(&dir, &["build", "--out", out_dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{name}: build\n{out}{err}");
    assert!(out_dir.join("docent.html").exists(), "{name}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn registers_are_optional() {
    check("no-registers", &[]);
    check(
        "empty-registers",
        &[("entities.toml", ""), ("clauses.toml", "")],
    );
    check(
        "comment-only-registers",
        &[
            ("entities.toml", "# none yet\n"),
            ("clauses.toml", "# none yet\n"),
        ],
    );
}
