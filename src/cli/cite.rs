//! `docent cite DOC [--paragraph N] [--format F] [--base-url URL] [--json]`
//! and `docent kwic QUERY [--json|--csv] [--sort S] [--limit N]`.

use super::args::Args;
use docent::cite::{Citation, Format, FORMATS};
use docent::search::kwic::{Concordance, Sort};
use std::process::ExitCode;

/// Lines `docent kwic` lists when `--limit` is not given.
const DEFAULT_KWIC_LIMIT: usize = 100;

pub fn run(args: &Args) -> Result<ExitCode, String> {
    let id = &args.expect_positional(1, "a document id, e.g. 1956-10-17-khrushchev-kono")?[0];
    let formats: Vec<Format> = match args.opt("format") {
        None => FORMATS.to_vec(),
        Some(f) => vec![Format::parse(f).ok_or_else(|| {
            let names: Vec<&str> = FORMATS.iter().map(|f| f.name()).collect();
            format!(
                "unknown --format `{f}`; the formats are {}",
                names.join(", ")
            )
        })?],
    };
    let paragraph = args.number("paragraph")?;
    let mut c = super::corpus::load_valid(&args.corpus)?;
    if let Some(url) = args.opt("base-url") {
        c.base_url = Some(docent::cite::check_base_url(url).map_err(|e| e.to_string())?);
    }
    let csl = |items: &[docent::cite::CslItem]| {
        serde_json::to_string_pretty(items).unwrap_or_default() + "\n"
    };
    let cites: Vec<Citation> = formats
        .iter()
        .map(|&f| c.cite(id, paragraph, f, csl))
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    if args.json {
        let json = match &cites[..] {
            [one] => serde_json::to_string_pretty(one),
            all => serde_json::to_string_pretty(all),
        };
        outln!("{}", json.map_err(|e| e.to_string())?);
    } else if let [one] = &cites[..] {
        // One format alone: exactly its text, ready for a file.
        out!("{}", with_newline(&one.text));
    } else {
        for (i, cite) in cites.iter().enumerate() {
            let gap = if i == 0 { "" } else { "\n" };
            out!(
                "{gap}== {} ({})\n{}",
                cite.format,
                cite.mime,
                with_newline(&cite.text)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn with_newline(s: &str) -> String {
    if s.ends_with('\n') {
        s.to_string()
    } else {
        format!("{s}\n")
    }
}

pub fn run_kwic(args: &Args) -> Result<ExitCode, String> {
    if args.positional.is_empty() {
        args.expect_positional(1, "a QUERY, e.g. 'Shikotan'")?;
    }
    let query = args.positional.join(" ");
    let sort = match args.opt("sort") {
        None => Sort::Text,
        Some(s) => Sort::parse(s).ok_or_else(|| {
            format!("unknown --sort `{s}`; sort by text, left, right, date, doc or speaker")
        })?,
    };
    let limit = args.number("limit")?.unwrap_or(DEFAULT_KWIC_LIMIT);
    let c = super::corpus::load_valid(&args.corpus)?;
    let k = c.kwic(&query, limit, sort).map_err(|e| e.to_string())?;
    if args.json {
        let json = serde_json::to_string_pretty(&k).map_err(|e| e.to_string())?;
        outln!("{json}");
    } else if args.csv {
        out!("{}", k.csv());
    } else {
        out!("{}", listing(&k));
    }
    Ok(ExitCode::SUCCESS)
}

/// The readable listing: left context right-aligned, the match in
/// [brackets], the right context, then where.
fn listing(k: &Concordance) -> String {
    let mut out = String::new();
    for n in &k.notices {
        out.push_str(&format!("note: {n}\n"));
    }
    out.push_str(&format!(
        "{} occurrence{} of {:?} (showing {})\n",
        k.total,
        if k.total == 1 { "" } else { "s" },
        k.query,
        k.lines.len()
    ));
    let width = docent::search::kwic::CONTEXT_CHARS;
    for l in &k.lines {
        let pad = width.saturating_sub(l.left.chars().count());
        out.push_str(&format!(
            "{}{} [{}] {}  ({} #p={})\n",
            " ".repeat(pad),
            l.left,
            l.matched,
            l.right,
            l.doc,
            l.paragraph
        ));
    }
    out
}
