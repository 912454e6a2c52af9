//! Shared test fixtures: the project's own corpus, loaded the way the CLI does.

#![allow(dead_code)]

use docent::clauses::Register;
use docent::diff::Variants;
use docent::model::Document;
use std::path::Path;

pub fn corpus_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))
}

/// Every document of corpus/documents, through the importer.
pub fn documents() -> Vec<Document> {
    let dir = corpus_dir().join("documents");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|n| {
            let bytes = std::fs::read(dir.join(n)).unwrap();
            docent::import::parse_document(&format!("documents/{n}"), &bytes)
                .unwrap_or_else(|e| panic!("{n}: {e:?}"))
        })
        .collect()
}

pub fn register() -> Register {
    let src = std::fs::read_to_string(corpus_dir().join("clauses.toml")).unwrap();
    Register::from_toml("clauses.toml", &src).unwrap_or_else(|e| panic!("{e:?}"))
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
