//! Reads a corpus directory: `documents/*`, `entities.toml`, `clauses.toml`.

use docent::{clauses, entities, import, Collection, Diagnostic, Document};
use std::path::Path;

/// Records larger than this are refused (split them).
pub const MAX_RECORD_BYTES: u64 = 16 * 1024 * 1024;

/// A loaded corpus and every problem found on the way (warnings included).
pub struct Loaded {
    pub collection: Collection,
    pub diagnostics: Vec<Diagnostic>,
    /// The names found in the text that the register does not have.
    pub found: Vec<entities::Found>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.is_error())
    }
}

/// Loads and checks the corpus in `dir`. Problems in one file never hide
/// problems in another: everything is read and every diagnostic returned.
pub fn load(dir: &Path) -> Result<Loaded, String> {
    let docs_dir = dir.join("documents");
    let entries = std::fs::read_dir(&docs_dir).map_err(|e| {
        format!(
            "cannot read {}: {e} (a corpus is a directory with a documents/ folder; pass it with --corpus DIR)",
            docs_dir.display()
        )
    })?;
    let mut diagnostics = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for entry in entries.filter_map(|e| e.ok()) {
        if !entry.file_type().map(|t| t.is_file()).unwrap_or(false) {
            continue;
        }
        let Ok(name) = entry.file_name().into_string() else {
            diagnostics.push(
                Diagnostic::warning(
                    format!("documents/{}", entry.file_name().to_string_lossy()),
                    None,
                    "the file name is not UTF-8; the file is skipped",
                )
                .help("rename the file with letters, digits and `-` (its name is the document id)"),
            );
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        if name.ends_with(".txt") || name.ends_with(".md") || name.ends_with(".xml") {
            names.push(name);
        } else {
            diagnostics.push(
                Diagnostic::warning(
                    format!("documents/{name}"),
                    None,
                    "not a record (.txt, .md or TEI .xml); skipped",
                )
                .help("records are UTF-8 text files ending in .txt or .md, or TEI P5 editions ending in .xml"),
            );
        }
    }
    names.sort();

    let mut docs: Vec<Document> = Vec::new();
    let mut tei_entities: Vec<(String, entities::Entity)> = Vec::new();
    let mut anchors: Vec<(String, String)> = Vec::new();
    for name in &names {
        let rel = format!("documents/{name}");
        let path = docs_dir.join(name);
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        if size > MAX_RECORD_BYTES {
            diagnostics.push(
                Diagnostic::new(
                    &rel,
                    Some(1),
                    format!(
                        "the file is {} MB, over the {} MB a record may have",
                        size / 1_000_000,
                        MAX_RECORD_BYTES / 1_048_576
                    ),
                )
                .help("split it into several records, one document each"),
            );
            continue;
        }
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                diagnostics.push(
                    Diagnostic::new(&rel, Some(1), format!("cannot read the file: {e}"))
                        .help("check the file's permissions"),
                );
                continue;
            }
        };
        let read: Vec<Document> = if name.ends_with(".xml") {
            let (file, mut found) = import::tei::parse_file(&rel, &bytes);
            let failed = found.iter().any(|d| d.is_error());
            diagnostics.append(&mut found);
            if failed {
                continue;
            }
            tei_entities.extend(file.entities.into_iter().map(|e| (rel.clone(), e)));
            anchors.extend(file.anchors);
            file.documents
        } else {
            let (doc, mut found) = import::parse_record(&rel, &bytes);
            let failed = found.iter().any(|d| d.is_error());
            diagnostics.append(&mut found);
            match doc.filter(|_| !failed) {
                Some(d) => vec![d],
                None => continue,
            }
        };
        for doc in read {
            add_document(&mut docs, doc, &rel, &bytes, &mut diagnostics);
        }
    }
    if names.is_empty() {
        diagnostics.push(
            Diagnostic::new("documents/", None, "the corpus has no documents")
                .help("add one record per file (.txt, .md or TEI .xml) to documents/"),
        );
    }

    let register = match read_optional(dir, "entities.toml")? {
        Some(src) => {
            entities::Register::from_toml("entities.toml", &src).unwrap_or_else(|mut ds| {
                diagnostics.append(&mut ds);
                Default::default()
            })
        }
        None => Default::default(),
    };
    let mut list = register.entities.clone();
    diagnostics.extend(import::tei::link(
        &mut docs,
        &mut list,
        "entities.toml",
        tei_entities,
        &anchors,
    ));
    let registered =
        entities::Register::new(list.clone(), register.ignore.clone(), "entities.toml");
    diagnostics.extend(registered.check(&docs));
    // Names the register does not cover, found in the text: added after
    // the register's own entities, listed by `docent check` (commonest first).
    let found = entities::detect(&docs, &registered);
    diagnostics.extend(candidates(&found, &register.ignore));
    let found: Vec<entities::Found> = found
        .into_iter()
        .filter(|f| !ignored(&f.entity, &register.ignore))
        .collect();
    list.extend(found.iter().map(|f| f.entity.clone()));
    let entities = entities::Register::new(list, register.ignore.clone(), "entities.toml");
    let clauses = match read_optional(dir, "clauses.toml")? {
        Some(src) => {
            clauses::ClauseRegister::from_toml("clauses.toml", &src).unwrap_or_else(|mut ds| {
                diagnostics.append(&mut ds);
                Default::default()
            })
        }
        None => Default::default(),
    };
    diagnostics.extend(clauses.check(&docs));

    Ok(Loaded {
        collection: Collection::build(docs, entities, clauses),
        diagnostics,
        found,
    })
}

/// A found entity all of whose names `[check] ignore` lists.
fn ignored(e: &entities::Entity, ignore: &[String]) -> bool {
    e.names.iter().all(|n| {
        entities::person_key(&n.text)
            .split(' ')
            .all(|w| ignore.iter().any(|i| i == w))
    })
}

/// The names found in the text, as `docent check` warnings, commonest first.
fn candidates(found: &[entities::Found], ignore: &[String]) -> Vec<Diagnostic> {
    found
        .iter()
        .filter(|f| !ignored(&f.entity, ignore))
        .map(|f| {
            let e = &f.entity;
            let mut others: Vec<String> = Vec::new();
            for (t, _) in &f.forms {
                let t = format!("`{t}`");
                if *t != format!("`{}`", e.name) && !others.contains(&t) {
                    others.push(t);
                }
            }
            let also = if others.is_empty() {
                String::new()
            } else {
                format!("; also {}", others.join(", "))
            };
            Diagnostic::warning(
                &f.at.0,
                Some(f.at.1),
                format!(
                    "`{}` ({} as guessed, {}× in {} document(s){also}) is a name found in the text that the register does not have",
                    e.name,
                    e.kind.as_str(),
                    f.count,
                    f.docs
                ),
            )
            .help("`docent entities --suggest` drafts its entry for entities.toml; or add the word to `[check] ignore`")
        })
        .collect()
}

/// Adds a document unless its id is taken (then says which file has it).
fn add_document(
    docs: &mut Vec<Document>,
    doc: Document,
    rel: &str,
    bytes: &[u8],
    diagnostics: &mut Vec<Diagnostic>,
) {
    if let Some(first) = docs.iter().find(|d| d.id == doc.id) {
        let line = import::front_matter_line(bytes, "id").unwrap_or(1);
        diagnostics.push(
            Diagnostic::new(
                rel,
                Some(line),
                format!(
                    "duplicate document id `{}`, already used by {}",
                    doc.id, first.source_file
                ),
            )
            .help("rename one of the files, or give one another `id:` in its front matter"),
        );
        return;
    }
    docs.push(doc);
}

/// Loads the corpus and fails (with every error printed) if it has errors.
pub fn load_valid(dir: &Path) -> Result<Collection, String> {
    load_valid_all(dir).map(|l| l.collection)
}

/// [`load_valid`], keeping the found names.
pub fn load_valid_all(dir: &Path) -> Result<Loaded, String> {
    let loaded = load(dir)?;
    if loaded.has_errors() {
        let errors: Vec<String> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| format!("{}/{d}", dir.display()))
            .collect();
        return Err(format!(
            "the corpus has {} error(s); `docent check` lists them:\n{}",
            errors.len(),
            errors.join("\n")
        ));
    }
    Ok(loaded)
}

fn read_optional(dir: &Path, name: &str) -> Result<Option<String>, String> {
    let path = dir.join(name);
    match std::fs::read(&path) {
        Ok(bytes) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|e| format!("{}: not UTF-8 ({e}); save it as UTF-8", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}
