//! `docent clauses`, `docent clause`, `docent diff`.
//!
//! Text mode marks insertions `{+…+}` and deletions `[-…-]` (wdiff style);
//! a moved phrase carries its id: `[-…-]>1` where it left, `{+…+}<1` where
//! it arrived. `--json` prints the same structs the page receives.

use super::args::Args;
use docent::clauses::{Family, Kind, Step};
use docent::diff::align::{CellState, ItemChange, Table};
use docent::diff::{self, Diff, Ignore, OpKind, Options, Variants};
use docent::{entities, Collection};
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

/// Loads the corpus; problems are reported in one line (`docent check`
/// lists them) but do not stop a listing.
fn collection(args: &Args) -> Result<Collection, String> {
    let loaded = super::corpus::load(&args.corpus)?;
    let n = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
    if n > 0 {
        eprintln!(
            "note: {}: {n} problem(s) in the corpus; `docent check` lists them",
            args.corpus.display()
        );
    }
    Ok(loaded.collection)
}

fn options(args: &Args) -> Result<Options, String> {
    let ignore = match args.opt("ignore") {
        Some(list) => Ignore::parse(list).map_err(|e| e.to_string())?,
        None => Ignore::default(),
    };
    Ok(Options {
        ignore,
        ..Options::default()
    })
}

fn json<T: serde::Serialize>(v: &T) -> Result<ExitCode, String> {
    let s = serde_json::to_string_pretty(v).map_err(|e| format!("cannot print JSON: {e}"))?;
    outln!("{s}");
    Ok(ExitCode::SUCCESS)
}

pub fn run_list(args: &Args) -> Result<ExitCode, String> {
    args.expect_positional(0, "no arguments")?;
    let c = collection(args)?;
    let list = c.clauses.summaries();
    if args.json {
        return json(&list);
    }
    let mut out = String::new();
    if list.is_empty() {
        out.push_str("no clause families (add corpus/clauses.toml)\n");
    }
    for f in &list {
        let _ = writeln!(out, "{}  {} ({} versions)", f.id, f.title, f.versions.len());
        for v in &f.versions {
            let _ = writeln!(
                out,
                "  {:>2}  {:<10}  {:<28}  {}",
                v.n,
                v.date,
                ellipsize(v.speaker, 28),
                v.label
            );
        }
    }
    super::emit(&out);
    Ok(ExitCode::SUCCESS)
}

pub fn run(args: &Args) -> Result<ExitCode, String> {
    let id = &args.expect_positional(1, "a clause family id")?[0];
    let c = collection(args)?;
    let opts = options(args)?;
    let variants = Variants::new(&c.entities.alias_groups());
    let family = c.clauses.find(id).map_err(|e| e.to_string())?;
    if let Some(base) = args.opt("base") {
        // A version's id ("article-9-en") or its number.
        let base: usize = match family.versions.iter().position(|v| v.id == base) {
            Some(i) => i,
            None => base.parse().map_err(|_| {
                let ids: Vec<&str> = family.versions.iter().map(|v| v.id.as_str()).collect();
                format!(
                    "--base takes a version of `{id}` by id or number, not `{base}`; its versions are: {}",
                    ids.join(", ")
                )
            })?,
        };
        if base >= family.versions.len() {
            return Err(format!(
                "--base {base}: family `{id}` has versions 0 to {}",
                family.versions.len() - 1
            ));
        }
        let table = c
            .clauses
            .table(id, base, &opts, &variants)
            .ok_or("no such family")?;
        if args.json {
            return json(&table);
        }
        super::emit(&render_table(family, &table));
        return Ok(ExitCode::SUCCESS);
    }
    let view = c
        .clauses
        .view(id, &opts, &variants)
        .ok_or("no such family")?;
    if args.json {
        return json(&view);
    }
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}", family.id, family.title);
    if !family.about.is_empty() {
        let _ = writeln!(out, "{}", family.about);
    }
    for (n, v) in family.versions.iter().enumerate() {
        let at = match v.paragraph {
            Some(p) => format!("#doc={}&p={p}", v.doc),
            None => format!("#doc={}", v.doc),
        };
        let _ = writeln!(
            out,
            "\n[{n}] {}  {} — {} ({:?}) {at}\n    {}",
            v.date.iso(),
            v.label,
            v.speaker,
            v.form,
            if v.text().is_empty() {
                format!("(omitted; the source says: {})", v.quote)
            } else {
                v.text().replace('\n', "\n    ")
            }
        );
    }
    for s in &view.steps {
        render_step(&mut out, family, s);
    }
    super::emit(&out);
    Ok(ExitCode::SUCCESS)
}

pub fn run_diff(args: &Args) -> Result<ExitCode, String> {
    let files = args.expect_positional(2, "FILE_A FILE_B")?;
    let opts = options(args)?;
    let read = |f: &str| -> Result<String, String> {
        let bytes = std::fs::read(f).map_err(|e| format!("cannot read {f}: {e}"))?;
        String::from_utf8(bytes).map_err(|e| {
            format!(
                "{f} is not UTF-8 text (invalid byte at offset {}); convert it to UTF-8 first",
                e.utf8_error().valid_up_to()
            )
        })
    };
    let (a, b) = (read(&files[0])?, read(&files[1])?);
    let variants = variants_of(&args.corpus)?;
    let d = diff::diff(&a, &b, &opts, &variants);
    if args.json {
        return json(&d);
    }
    let mut out = String::new();
    render_diff(&mut out, &d);
    super::emit(&out);
    Ok(ExitCode::SUCCESS)
}

/// Spelling variants from the corpus's entity register, if there is one.
fn variants_of(corpus: &Path) -> Result<Variants, String> {
    let path = corpus.join("entities.toml");
    match std::fs::read_to_string(&path) {
        Ok(src) => {
            let reg = entities::Register::from_toml("entities.toml", &src).map_err(|ds| {
                let list: Vec<String> = ds.iter().map(|d| d.to_string()).collect();
                format!(
                    "{}/entities.toml has errors:\n{}",
                    corpus.display(),
                    list.join("\n")
                )
            })?;
            Ok(Variants::new(&reg.alias_groups()))
        }
        Err(_) => Ok(Variants::default()),
    }
}

fn ellipsize(s: &str, n: usize) -> String {
    match s.char_indices().nth(n.saturating_sub(1)) {
        Some((i, _)) if s.chars().count() > n => format!("{}…", &s[..i]),
        _ => s.to_string(),
    }
}

/// A change marker around `text`, white space at either end left outside.
fn mark(out: &mut String, open: &str, text: &str, close: &str, moved: Option<u32>, arrow: &str) {
    let body = text.trim();
    let lead = &text[..text.len() - text.trim_start().len()];
    out.push_str(lead);
    if !body.is_empty() {
        let _ = write!(out, "{open}{body}{close}");
    }
    if let Some(m) = moved {
        let _ = write!(out, "{arrow}{m}");
    }
    out.push_str(&text[lead.len() + body.len()..]);
}

fn render_diff(out: &mut String, d: &Diff) {
    for o in &d.ops {
        match o.op {
            OpKind::Equal => out.push_str(&o.b),
            OpKind::Delete => mark(out, "[-", &o.a, "-]", o.moved, ">"),
            OpKind::Insert => mark(out, "{+", &o.b, "+}", o.moved, "<"),
        }
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    let _ = write!(out, "similarity {:.2}", d.similarity);
    if d.moves > 0 {
        let _ = write!(out, "; {} moved phrase(s)", d.moves);
    }
    if !d.hidden.summary.is_empty() {
        let _ = write!(out, "; {}", d.hidden.summary);
    }
    if let Some(n) = &d.note {
        let _ = write!(out, "; {n}");
    }
    out.push('\n');
}

fn render_step(out: &mut String, f: &Family, s: &Step) {
    let (a, b) = (&f.versions[s.from], &f.versions[s.to]);
    let _ = writeln!(
        out,
        "\n── [{}] {} → [{}] {}",
        s.from, a.label, s.to, b.label
    );
    if f.kind == Kind::List {
        if let Some(items) = &s.items {
            for l in items {
                let num = |v: &[usize]| -> String {
                    v.iter()
                        .map(|i| (i + 1).to_string())
                        .collect::<Vec<_>>()
                        .join("+")
                };
                let what = match l.change {
                    ItemChange::Same => "same",
                    ItemChange::Reworded => "reworded",
                    ItemChange::Merged => "merged",
                    ItemChange::Split => "split",
                    ItemChange::Added => "added",
                    ItemChange::Dropped => "dropped",
                };
                let _ = write!(out, "  ({:>5}) → ({:<5}) {what:<8} ", num(&l.a), num(&l.b));
                match (&l.diff, l.change) {
                    (Some(d), _) => {
                        let mut line = String::new();
                        render_diff(&mut line, d);
                        let first = line.lines().next().unwrap_or("");
                        let _ = writeln!(out, "{first}");
                    }
                    (None, ItemChange::Dropped) => {
                        let _ = writeln!(out, "[-{}-]", a.items[l.a[0]]);
                    }
                    (None, _) => {
                        let _ = writeln!(out, "{{+{}+}}", b.items[l.b[0]]);
                    }
                }
            }
            return;
        }
    }
    render_diff(out, &s.diff);
}

fn render_table(f: &Family, t: &Table) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: all versions against [{}] {}",
        f.id, t.base, f.versions[t.base].label
    );
    for (k, col) in t.columns.iter().enumerate() {
        if !col.changed {
            let _ = writeln!(out, "{k:>3}   = {}", col.cells[t.base].text.trim_end());
            continue;
        }
        let _ = writeln!(out, "{k:>3}");
        for (i, cell) in col.cells.iter().enumerate() {
            if cell.span == 0 {
                continue; // inside a rewording shown in an earlier column
            }
            let sign = match cell.state {
                CellState::Base => "base",
                CellState::Same => "=",
                CellState::Changed => "~",
                CellState::Added => "+",
                CellState::Missing => "-",
            };
            let wide = if cell.span > 1 {
                format!("  (over {} columns)", cell.span)
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "      [{i:>2}] {sign:<4} {}{wide}",
                cell.text.trim_end()
            );
        }
    }
    out
}
