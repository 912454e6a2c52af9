//! Shared by the entity tests: the real corpus, loaded through the importer.

#![allow(dead_code)]

use docent::entities::Register;
use docent::model::{Document, ParaKind, Paragraph};
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

/// Imports one record. While the importer on this branch yields no
/// paragraphs (it is developed on its own branch), the body is cut at blank
/// lines after the record header so that the tests exercise real text.
pub fn load_doc(dir: &Path, name: &str) -> Document {
    let bytes = std::fs::read(dir.join(name)).unwrap();
    let mut doc = import::parse_document(&format!("documents/{name}"), &bytes).unwrap();
    if doc.paragraphs.is_empty() {
        let text = String::from_utf8(bytes).unwrap();
        let body = match text.find("\nTranslation - English\n") {
            Some(i) => &text[i + 23..],
            None => match text.find("\n\n") {
                Some(i) if text.starts_with("Title:") => &text[i..],
                _ => &text[..],
            },
        };
        let offset = text.len() - body.len();
        let mut line = text[..offset].matches('\n').count() as u32 + 1;
        for chunk in body.split("\n\n") {
            let t = chunk.split_whitespace().collect::<Vec<_>>().join(" ");
            if !t.is_empty() {
                let lead = chunk.len() - chunk.trim_start().len();
                doc.paragraphs.push(Paragraph {
                    kind: if t.starts_with("[[GAP") {
                        ParaKind::Gap
                    } else if t.starts_with("- (") {
                        ParaKind::Footnote(0)
                    } else {
                        ParaKind::Body
                    },
                    speaker: None,
                    text: t,
                    spans: vec![],
                    line: line + chunk[..lead].matches('\n').count() as u32,
                });
            }
            line += chunk.matches('\n').count() as u32 + 2;
        }
    }
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
