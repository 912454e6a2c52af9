//! `docent entity NAME` and `docent entities`: entity lookup.

use super::args::Args;
use docent::entities::EntityReport;
use std::fmt::Write as _;
use std::process::ExitCode;

/// `docent entity [--corpus DIR] [--json] NAME`: the entity's card and every
/// mention in context; an unknown name prints the closest entities and exits 1.
pub fn run(args: &Args) -> Result<ExitCode, String> {
    if args.positional.is_empty() {
        return Err(
            "expected a NAME (any spelling: Iturup, Etorofu, хрущев, \"Mr. Masumoto\")".into(),
        );
    }
    let name = args.positional.join(" ");
    let c = super::corpus::load_valid(&args.corpus)?;
    match c.lookup_entity(&name).map_err(|e| e.to_string())? {
        Ok(r) => {
            if args.json {
                outln!("{}", json(&r)?);
            } else {
                print_report(&r);
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(miss) => {
            if args.json {
                outln!("{}", json(&miss)?);
            } else {
                if miss.error == "ambiguous" {
                    eprintln!(
                        "`{name}` names {} entities; ask for one by id or full name:",
                        miss.candidates.len()
                    );
                } else {
                    eprintln!("no entity is called `{name}`. Closest:");
                }
                for e in &miss.candidates {
                    eprintln!("  {:<24} {} — {}", e.id, e.name, e.description);
                }
                eprintln!("(`docent entities` lists them all)");
            }
            Ok(ExitCode::from(1))
        }
    }
}

/// `docent entities [--corpus DIR] [--json]`: every entity with its mention
/// count (names found in the text carry `"registered": false`);
/// `--suggest [--out FILE]`: a TOML draft of the found names' entries.
pub fn run_list(args: &Args) -> Result<ExitCode, String> {
    if args.suggest {
        let loaded = super::corpus::load_valid_all(&args.corpus)?;
        let draft = docent::entities::suggest_toml(&loaded.found);
        match args.opt("out") {
            Some(path) => {
                std::fs::write(path, &draft).map_err(|e| format!("cannot write {path}: {e}"))?;
                eprintln!("{} found name(s) drafted in {path}", loaded.found.len());
            }
            None => print(&draft),
        }
        return Ok(ExitCode::SUCCESS);
    }
    let c = super::corpus::load_valid(&args.corpus)?;
    let rows = c.entity_summaries();
    if args.json {
        outln!("{}", json(&rows)?);
        return Ok(ExitCode::SUCCESS);
    }
    let mut s = String::new();
    let mut kind = None;
    for r in &rows {
        if kind != Some(r.kind) {
            kind = Some(r.kind);
            let _ = writeln!(s, "\n{}", r.kind.as_str().to_uppercase());
        }
        let mark = if r.registered {
            ""
        } else {
            "  (found in the text)"
        };
        let _ = writeln!(s, "  {:>4}  {:<28} {}{mark}", r.count, r.id, r.name);
    }
    let total: usize = rows.iter().map(|r| r.count).sum();
    let _ = writeln!(s, "\n{} entities, {} mentions", rows.len(), total);
    print(&s);
    Ok(ExitCode::SUCCESS)
}

/// Prints to stdout, quietly stopping if the reader went away (`| head`).
fn print(s: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(s.as_bytes());
}

fn json<T: serde::Serialize>(v: &T) -> Result<String, String> {
    serde_json::to_string_pretty(v).map_err(|e| format!("cannot print JSON: {e}"))
}

fn print_report(r: &EntityReport) {
    let mut s = String::new();
    let _ = writeln!(s, "{} ({}, id {})", r.name, r.kind.as_str(), r.id);
    if !r.registered {
        let _ = writeln!(
            s,
            "  found in the text — not in the register ({} as guessed)",
            r.kind.as_str()
        );
    }
    if let Some(d) = &r.dates {
        let _ = writeln!(s, "  dates: {}", d.replace('/', " – "));
    }
    let _ = writeln!(s, "  {}", r.description);
    if !r.aliases.is_empty() {
        let _ = writeln!(s, "  also: {}", r.aliases.join("; "));
    }
    if !r.variants.is_empty() {
        let _ = writeln!(s, "  variant spellings: {}", r.variants.join("; "));
    }
    if !r.ambiguous.is_empty() {
        let _ = writeln!(s, "  shared names: {}", r.ambiguous.join("; "));
    }
    if let Some(n) = &r.note {
        let _ = writeln!(s, "  note: {n}");
    }
    let _ = writeln!(s, "\n{} mention(s)", r.count);
    let mut doc = "";
    for m in &r.mentions {
        if m.doc != doc {
            doc = &m.doc;
            let _ = writeln!(
                s,
                "\n  {} — {}",
                m.date.as_deref().unwrap_or("undated"),
                m.doc
            );
        }
        let mut flags = Vec::new();
        if m.variant {
            flags.push("variant spelling".to_string());
        }
        if !m.candidates.is_empty() {
            flags.push(format!("ambiguous: {}", m.candidates.join(" or ")));
        }
        if m.by_context {
            flags.push("resolved by context".into());
        }
        let flags = if flags.is_empty() {
            String::new()
        } else {
            format!(" [{}]", flags.join("; "))
        };
        let _ = writeln!(
            s,
            "    ¶{} «{}»{}: {}[{}]{}",
            m.paragraph, m.text, flags, m.before, m.text, m.after
        );
    }
    if !r.co_mentioned.is_empty() {
        let co: Vec<String> = r
            .co_mentioned
            .iter()
            .map(|c| format!("{} ({})", c.name, c.paragraphs))
            .collect();
        let _ = writeln!(s, "\nnamed in the same paragraphs: {}", co.join(", "));
    }
    if !r.years.is_empty() {
        let ys: Vec<String> = r
            .years
            .iter()
            .map(|y| {
                format!(
                    "{}: {}",
                    y.year.map_or("undated".into(), |x| x.to_string()),
                    y.count
                )
            })
            .collect();
        let _ = writeln!(s, "by year: {}", ys.join(", "));
    }
    print(&s);
}
