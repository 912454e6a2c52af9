//! `docent positions (QUERY | --entity NAME | --clause FAMILY) [--json]`:
//! who said what, and when — one row per speaker (by side, then first
//! date), each with the matching paragraphs in date order.

use super::args::Args;
use docent::positions::{Ask, Grid};
use docent::search::snippet::bracketed;
use std::process::ExitCode;

pub fn run(args: &Args) -> Result<ExitCode, String> {
    let query = args.positional.join(" ");
    let ask = match (args.opt("entity"), args.opt("clause")) {
        (Some(e), None) if query.is_empty() => Ask::Entity(e),
        (None, Some(f)) if query.is_empty() => Ask::Clause(f),
        (None, None) if !query.is_empty() => Ask::Query(&query),
        _ => {
            return Err(
                "give one of: a QUERY, --entity NAME or --clause FAMILY (e.g. `docent positions Habomai`)"
                    .into(),
            )
        }
    };
    let c = super::corpus::load_valid(&args.corpus)?;
    let grid = c.positions(ask).map_err(|e| e.to_string())?;
    super::answer(args.json, &grid, listing)
}

/// Rows with their cells, matches in [brackets].
fn listing(g: &Grid) -> String {
    let mut out = format!(
        "{} paragraph(s) for {} `{}`, {} speaker(s)\n",
        g.total,
        g.by,
        g.asked,
        g.rows.len()
    );
    for r in &g.rows {
        let who = if r.narration && r.speaker != "Narration" {
            format!("{} (narration)", r.speaker)
        } else {
            r.speaker.clone()
        };
        out.push_str(&format!("\n{who} — {}\n", r.side));
        for c in &r.cells {
            out.push_str(&format!(
                "  {:<10} {}#p={}{}  {}\n",
                c.date.as_deref().unwrap_or("undated"),
                c.doc,
                c.paragraph,
                if c.reported { " (reported)" } else { "" },
                bracketed(&c.snippet)
            ));
        }
    }
    out
}
