//! `docent check`: validate the corpus.

use super::args::Args;
use std::process::ExitCode;

pub fn run(args: &Args) -> Result<ExitCode, String> {
    let loaded = super::corpus::load(&args.corpus)?;
    let dir = args.corpus.display();
    for d in &loaded.diagnostics {
        eprintln!("{dir}/{d}");
    }
    let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = loaded.diagnostics.len() - errors;
    if errors > 0 {
        eprintln!("{dir}: {errors} error(s), {warnings} warning(s)");
        return Ok(ExitCode::from(1));
    }
    println!(
        "{dir}: {} documents, {} warning(s): ok",
        loaded.collection.docs.len(),
        warnings
    );
    Ok(ExitCode::SUCCESS)
}
