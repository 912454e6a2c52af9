//! Shared by the entity tests: the real corpus, loaded through the importer.

#![allow(dead_code)]

use docent::entities::Register;
use docent::model::Document;
use docent::{import, Collection};
use std::path::{Path, PathBuf};

pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

pub fn register() -> Register {
    let src = std::fs::read_to_string(corpus_dir().join("entities.toml")).unwrap();
    Register::from_toml("entities.toml", &src).unwrap_or_else(|e| {
        panic!(
            "{}",
            e.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
}

/// Imports one record with the project's importer.
pub fn load_doc(dir: &Path, name: &str) -> Document {
    let bytes = std::fs::read(dir.join(name)).unwrap();
    let doc = import::parse_document(&format!("documents/{name}"), &bytes)
        .unwrap_or_else(|e| panic!("{name}: {e:?}"));
    assert!(!doc.paragraphs.is_empty(), "{name}: no paragraphs imported");
    doc
}

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

pub fn collection() -> Collection {
    let docs = load_docs_from(&corpus_dir().join("documents"));
    Collection::build(docs, register(), Default::default())
}
