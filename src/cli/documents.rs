//! `docent documents`: the collection's documents in reading order — id,
//! date, kind, paragraph count, title, source file — as a table or, with
//! `--json`, as `[{id, title, date, kind, paragraphs, source_file}]`.

use super::args::Args;
use docent::ParaKind;
use serde::Serialize;
use std::process::ExitCode;

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    title: &'a str,
    /// ISO date, as precise as known.
    date: Option<String>,
    kind: &'a str,
    /// Body paragraphs, headings, list items, rows and lines (not notes).
    paragraphs: usize,
    /// Footnotes.
    notes: usize,
    source_file: &'a str,
}

pub fn run(args: &Args) -> Result<ExitCode, String> {
    let c = super::corpus::load_valid(&args.corpus)?;
    let rows: Vec<Row> = c
        .docs
        .iter()
        .map(|d| {
            let notes = d
                .paragraphs
                .iter()
                .filter(|p| matches!(p.kind, ParaKind::Footnote(_)))
                .count();
            Row {
                id: &d.id,
                title: &d.title,
                date: d.date.map(|x| x.iso()),
                kind: &d.kind,
                paragraphs: d.paragraphs.len() - notes,
                notes,
                source_file: &d.source_file,
            }
        })
        .collect();
    if args.json {
        let json = serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?;
        outln!("{json}");
        return Ok(ExitCode::SUCCESS);
    }
    for r in &rows {
        outln!(
            "{:<10}  {:<26}  {:>4} ¶ {:>3} n  {}  ({}; {})",
            r.date.as_deref().unwrap_or("undated"),
            r.kind,
            r.paragraphs,
            r.notes,
            r.title,
            r.id,
            r.source_file
        );
    }
    outln!("{} documents", rows.len());
    Ok(ExitCode::SUCCESS)
}
