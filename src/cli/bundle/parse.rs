//! One module parsed: its import and export clauses read, its body kept.

use super::scan::top_level_lines;
use super::{Import, Parsed};
use std::collections::BTreeSet;

/// A few tokens of an import/export clause.
#[derive(Debug, PartialEq)]
pub(super) enum Tok {
    Ident(String),
    Str(String),
    P(char),
}

pub(super) fn lex_clause(s: &str) -> Option<Vec<Tok>> {
    let mut out = Vec::new();
    let mut it = s.chars().peekable();
    while let Some(&c) = it.peek() {
        if c.is_whitespace() {
            it.next();
        } else if c == '\'' || c == '"' {
            it.next();
            let mut v = String::new();
            loop {
                match it.next()? {
                    q if q == c => break,
                    ch => v.push(ch),
                }
            }
            out.push(Tok::Str(v));
        } else if c.is_alphanumeric() || c == '_' || c == '$' {
            let mut v = String::new();
            while let Some(&ch) = it.peek() {
                if ch.is_alphanumeric() || ch == '_' || ch == '$' {
                    v.push(ch);
                    it.next();
                } else {
                    break;
                }
            }
            out.push(Tok::Ident(v));
        } else {
            out.push(Tok::P(c));
            it.next();
        }
    }
    Some(out)
}

pub(super) fn ident(t: Option<&Tok>) -> Option<String> {
    match t {
        Some(Tok::Ident(s)) => Some(s.clone()),
        _ => None,
    }
}

/// `{ a, b as c }` starting at `toks[*i]` (the `{`): (name, alias) pairs.
pub(super) fn braces(toks: &[Tok], i: &mut usize) -> Option<Vec<(String, String)>> {
    if toks.get(*i) != Some(&Tok::P('{')) {
        return None;
    }
    *i += 1;
    let mut names = Vec::new();
    loop {
        if toks.get(*i) == Some(&Tok::P('}')) {
            *i += 1;
            return Some(names);
        }
        let a = ident(toks.get(*i))?;
        *i += 1;
        let b = if ident(toks.get(*i)).as_deref() == Some("as") {
            *i += 1;
            let b = ident(toks.get(*i))?;
            *i += 1;
            b
        } else {
            a.clone()
        };
        names.push((a, b));
        match toks.get(*i) {
            Some(Tok::P(',')) => *i += 1,
            Some(Tok::P('}')) => {}
            _ => return None,
        }
    }
}

/// Parses the import clause tokens after `import`.
pub(super) fn parse_import(toks: &[Tok]) -> Option<(Vec<(String, String)>, String)> {
    let mut i = 0;
    let mut names = Vec::new();
    if let Some(Tok::Str(s)) = toks.first() {
        return (toks.len() == 1).then(|| (names, s.clone()));
    }
    if let Some(d) = ident(toks.get(i)) {
        names.push(("default".to_string(), d));
        i += 1;
        if toks.get(i) == Some(&Tok::P(',')) {
            i += 1;
        }
    }
    if toks.get(i) == Some(&Tok::P('*')) {
        if ident(toks.get(i + 1)).as_deref() != Some("as") {
            return None;
        }
        names.push(("*".to_string(), ident(toks.get(i + 2))?));
        i += 3;
    } else if toks.get(i) == Some(&Tok::P('{')) {
        names.extend(braces(toks, &mut i)?);
    }
    if ident(toks.get(i)).as_deref() != Some("from") {
        return None;
    }
    match (toks.get(i + 1), toks.len() == i + 2) {
        (Some(Tok::Str(s)), true) => Some((names, s.clone())),
        _ => None,
    }
}

/// The module file a relative specifier names (`./x.js` → `x.js`).
pub(super) fn resolve(spec: &str) -> Option<String> {
    let rest = spec.strip_prefix("./")?;
    (!rest.contains('/') && rest.ends_with(".js")).then(|| rest.to_string())
}

pub(super) fn parse(name: &str, src: &str) -> Result<Parsed, String> {
    let top = top_level_lines(name, src)?;
    let lines: Vec<&str> = src.split('\n').collect();
    let mut p = Parsed {
        body: String::new(),
        deps: Vec::new(),
        imports: Vec::new(),
        exports: Vec::new(),
    };
    let mut n = 0;
    while n < lines.len() {
        let line = lines[n];
        let lineno = n + 1;
        let at_top = top.get(n).copied().unwrap_or(false);
        let starts = |kw: &str| {
            line.strip_prefix(kw)
                .is_some_and(|r| r.starts_with([' ', '{', '*', '\'', '"']))
        };
        let trimmed = line.trim_start();
        if at_top
            && trimmed.len() < line.len()
            && (trimmed.starts_with("import ") || trimmed.starts_with("export "))
        {
            return Err(format!(
                "{name}:{lineno}: start import and export statements at the beginning of the line"
            ));
        }
        if at_top && starts("import") && !line.starts_with("import.") {
            // The statement may span lines: up to the line ending in `;`.
            let mut stmt = line.to_string();
            while !stmt.trim_end().ends_with(';') && n + 1 < lines.len() {
                n += 1;
                stmt.push(' ');
                stmt.push_str(lines[n]);
            }
            let clause = stmt
                .trim()
                .trim_start_matches("import")
                .trim_end_matches(';');
            let (names, spec) = lex_clause(clause)
                .and_then(|t| parse_import(&t))
                .ok_or_else(|| {
                    format!("{name}:{lineno}: cannot bundle this import (write `import {{ a, b }} from './x.js';` on its own)")
                })?;
            let from = resolve(&spec).ok_or_else(|| {
                format!("{name}:{lineno}: `{spec}`: only modules next to this one can be imported (`./x.js`)")
            })?;
            if !p.deps.contains(&from) {
                p.deps.push(from.clone());
            }
            p.imports.push(Import {
                from,
                line: lineno,
                names,
            });
            p.body.push('\n');
        } else if at_top && starts("export") {
            let rest = line["export".len()..].trim_start();
            let unsupported = |what: &str| {
                format!(
                    "{name}:{lineno}: {what} cannot be bundled; export a function, class or const"
                )
            };
            let declared = ["function", "async function", "class", "const"]
                .iter()
                .find_map(|kw| decl_after(rest, kw));
            if let Some(id) = declared {
                p.exports.push((id, String::new()));
                p.body.push_str(rest);
                p.body.push('\n');
            } else if let Some(r) = rest.strip_prefix("default ") {
                let r = r.trim_start();
                let named = ["function", "async function", "class"]
                    .iter()
                    .find_map(|kw| decl_after(r, kw));
                if let Some(id) = named {
                    p.exports.push(("default".into(), id));
                    p.body.push_str(r);
                    p.body.push('\n');
                } else {
                    match lex_clause(r.trim_end().trim_end_matches(';')).as_deref() {
                        Some([Tok::Ident(id)]) => {
                            p.exports.push(("default".into(), id.clone()));
                            p.body.push('\n');
                        }
                        _ => return Err(unsupported("`export default` of an expression")),
                    }
                }
            } else if rest.starts_with('{') {
                let mut stmt = rest.to_string();
                while !stmt.trim_end().ends_with(';') && n + 1 < lines.len() {
                    n += 1;
                    stmt.push(' ');
                    stmt.push_str(lines[n]);
                }
                let toks = lex_clause(stmt.trim().trim_end_matches(';'))
                    .ok_or_else(|| unsupported("this export list"))?;
                let mut i = 0;
                let names = braces(&toks, &mut i).ok_or_else(|| unsupported("this export list"))?;
                if i != toks.len() {
                    return Err(unsupported("a re-export (`export … from`)"));
                }
                for (local, exported) in names {
                    p.exports.push((exported, local));
                }
                p.body.push('\n');
            } else if rest.starts_with("let ") || rest.starts_with("var ") {
                return Err(format!(
                    "{name}:{lineno}: `export let`/`export var` cannot be bundled (imports are copied once); export a const object or a getter function"
                ));
            } else if rest.starts_with('*') {
                return Err(unsupported("`export *`"));
            } else {
                return Err(unsupported("this export"));
            }
        } else {
            p.body.push_str(line);
            p.body.push('\n');
        }
        n += 1;
    }
    for (e, l) in &mut p.exports {
        if l.is_empty() {
            *l = e.clone();
        }
    }
    let mut seen = BTreeSet::new();
    for (e, _) in &p.exports {
        if !seen.insert(e.clone()) {
            return Err(format!("{name}: `{e}` is exported twice"));
        }
    }
    Ok(p)
}

/// The name declared by `kw NAME…` at the start of `s` (`function*` too).
pub(super) fn decl_after(s: &str, kw: &str) -> Option<String> {
    let r = s.strip_prefix(kw)?;
    if !r.starts_with([' ', '*']) {
        return None;
    }
    let head = r
        .trim_start_matches(['*', ' '])
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
        .next()?;
    (!head.is_empty()).then(|| head.to_string())
}
