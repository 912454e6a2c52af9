//! The register against the real corpus: it parses, `check` finds no
//! error and few uncovered names, lookups resolve every spelling.

mod entities_common;
use entities_common::*;

#[test]
fn register_checks_clean_against_the_corpus() {
    let reg = register();
    let docs = load_docs_from(&corpus_dir().join("documents"));
    let diags = reg.check(&docs);
    for d in &diags {
        eprintln!("{d}");
    }
    assert!(
        diags.iter().all(|d| !d.is_error()),
        "the register has errors"
    );
    assert!(reg.entities.len() > 100, "{} entities", reg.entities.len());
}
