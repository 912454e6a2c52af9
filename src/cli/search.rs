//! `docent search [--corpus DIR] [--json] [--limit N] QUERY`.

use super::args::Args;
use docent::search::Results;
use std::process::ExitCode;

/// Hits shown when `--limit` is not given.
const DEFAULT_LIMIT: usize = 20;

pub fn run(args: &Args) -> Result<ExitCode, String> {
    if args.positional.is_empty() {
        args.expect_positional(1, "a QUERY, e.g. '\"Habomai and Shikotan\" 1956'")?;
    }
    // Several words without quotes are one query.
    let query = args.positional.join(" ");
    let limit = match args.opt("limit") {
        None => DEFAULT_LIMIT,
        Some(v) => v
            .parse::<usize>()
            .map_err(|_| format!("--limit must be a whole number, got `{v}`"))?,
    };
    let c = super::corpus::load_valid(&args.corpus)?;
    let r = c.search(&query, limit).map_err(|e| e.to_string())?;
    super::answer(args.json, &r, |r| listing(r))
}

/// The readable listing: documents with their hits, matches in [brackets].
pub fn listing(r: &Results) -> String {
    let mut out = String::new();
    for n in &r.notices {
        out.push_str(&format!("note: {n}\n"));
    }
    if r.total == 0 {
        out.push_str(&format!("no paragraph matches {:?}\n", r.query));
        if let Some(d) = &r.did_you_mean {
            out.push_str(&format!("did you mean: {d}\n"));
        }
        return out;
    }
    out.push_str(&format!(
        "{} paragraph{} in {} document{} (showing {})\n",
        r.total,
        if r.total == 1 { "" } else { "s" },
        r.docs.len(),
        if r.docs.len() == 1 { "" } else { "s" },
        r.hits.len()
    ));
    let mut last_doc = "";
    for h in &r.hits {
        if h.doc != last_doc {
            let n = r.docs.iter().find(|d| d.doc == h.doc).map_or(0, |d| d.hits);
            let date = h.date.as_deref().unwrap_or("undated");
            out.push_str(&format!(
                "\n{} ({date}) — {n} hit(s)\n  {}\n",
                h.doc, h.title
            ));
            last_doc = h.doc;
        }
        let snippet = docent::search::snippet::bracketed(&h.snippet);
        let who = h.speaker.map(|s| format!(" {s}:")).unwrap_or_default();
        out.push_str(&format!("  #p={:<4}{who} {snippet}\n", h.paragraph));
    }
    out
}
