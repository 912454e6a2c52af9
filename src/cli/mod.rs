//! Command-line front end. All file reading and printing happens here.

/// `print!` that ends the program quietly when stdout is closed early
/// (`docent search … | head`) instead of panicking.
macro_rules! out {
    ($($t:tt)*) => { $crate::cli::emit(&format!($($t)*)) };
}

/// `println!`, as [`out!`].
macro_rules! outln {
    ($($t:tt)*) => { $crate::cli::emit(&format!("{}\n", format_args!($($t)*))) };
}

pub mod args;
pub mod build;
pub mod bundle;
pub mod check;
pub mod cite;
pub mod clause;
pub mod corpus;
pub mod documents;
pub mod entity;
pub mod positions;
pub mod search;
pub mod site;

use std::io::Write;
use std::process::ExitCode;

/// Prints an answer: as pretty JSON with `--json`, else as `text` makes it.
pub fn answer<T: serde::Serialize>(
    json: bool,
    value: &T,
    text: impl FnOnce(&T) -> String,
) -> Result<ExitCode, String> {
    if json {
        let json = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
        outln!("{json}");
    } else {
        out!("{}", text(value));
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes to stdout; a closed pipe ends the program (exit 0: the reader
/// has what it wanted), any other failure with a message and exit 1.
pub fn emit(text: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("docent: cannot write the output: {e}");
        std::process::exit(1);
    }
}

const USAGE: &str = "\
docent — offline reader for archival document collections

USAGE:
  docent check    [--corpus DIR] [--json]             validate the corpus
  docent documents [--corpus DIR] [--json]            list the documents (id, date, kind, title, file)
  docent build    [--corpus DIR] [--out DIR] [--engine DIR] [--shards] [--base-url URL]
                                                      write DIR/docent.html (default dist)
  docent search   [--corpus DIR] [--json] [--limit N] QUERY
  docent kwic     [--corpus DIR] [--json|--csv] [--sort left|right|date|doc|speaker] [--limit N] QUERY
                                                      every occurrence in its context (a concordance)
  docent cite     [--corpus DIR] [--json] [--paragraph N] [--format chicago|chicago-bib|bibtex|ris|csl-json]
                  [--base-url URL] DOC                cite a document (all formats without --format)
  docent entity   [--corpus DIR] [--json] NAME
  docent entities [--corpus DIR] [--json] [--suggest [--out FILE]]
  docent clauses  [--corpus DIR] [--json]
  docent clause   [--corpus DIR] [--json] [--ignore LIST] [--base VERSION] ID
  docent positions [--corpus DIR] [--json] (QUERY | --entity NAME | --clause FAMILY)
                                                      who said what, when: rows of speakers
  docent diff     [--json] [--ignore case,punct,spelling] [--corpus DIR] FILE_A FILE_B

--corpus defaults to ./corpus. --base-url (http or https) is where the reader is
published: permalinks and citations then carry that address, else `docent.html#doc=…`.";

/// Runs the command line; the exit code is 0 on success, 1 on a finding
/// (invalid corpus, unknown name), 2 on a usage error.
pub fn main(argv: Vec<String>) -> ExitCode {
    let Some((cmd, rest)) = argv.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let args = match args::Args::parse(rest) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("docent {cmd}: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = match cmd.as_str() {
        "check" => check::run(&args),
        "documents" => documents::run(&args),
        "build" => build::run(&args),
        "search" => search::run(&args),
        "kwic" => cite::run_kwic(&args),
        "cite" => cite::run(&args),
        "entity" => entity::run(&args),
        "entities" => entity::run_list(&args),
        "clauses" => clause::run_list(&args),
        "clause" => clause::run(&args),
        "diff" => clause::run_diff(&args),
        "positions" => positions::run(&args),
        "help" | "--help" | "-h" => {
            outln!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("docent {cmd}: {msg}");
            ExitCode::from(1)
        }
    }
}
