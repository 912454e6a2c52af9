//! `docent check`: validate the corpus. Every problem is printed as
//! `DIR/documents/FILE:LINE: error: what (help: what to do)`; the exit code
//! is 1 when there is at least one error. `--json` prints the same findings
//! as one JSON object on stdout (same exit code).

use super::args::Args;
use docent::Diagnostic;
use serde::Serialize;
use std::process::ExitCode;

/// What `docent check --json` prints.
#[derive(Serialize)]
struct Report<'a> {
    corpus: String,
    documents: usize,
    errors: usize,
    warnings: usize,
    /// File paths are relative to `corpus`.
    diagnostics: &'a [Diagnostic],
}

pub fn run(args: &Args) -> Result<ExitCode, String> {
    let loaded = super::corpus::load(&args.corpus)?;
    let dir = args.corpus.display();
    let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = loaded.diagnostics.len() - errors;
    let code = if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    if args.json {
        let report = Report {
            corpus: dir.to_string(),
            documents: loaded.collection.docs.len(),
            errors,
            warnings,
            diagnostics: &loaded.diagnostics,
        };
        let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
        outln!("{json}");
        return Ok(code);
    }
    for d in &loaded.diagnostics {
        eprintln!("{dir}/{d}");
    }
    if errors > 0 {
        eprintln!("{dir}: {errors} error(s), {warnings} warning(s)");
    } else {
        outln!(
            "{dir}: {} documents, {} warning(s): ok",
            loaded.collection.docs.len(),
            warnings
        );
    }
    Ok(code)
}
