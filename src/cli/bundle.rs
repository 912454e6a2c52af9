//! A tiny bundler for the page's ES modules: many files in, one classic script out.
//!
//! Chromium does not load `<script type=module src=…>` or `import` from
//! `file://`, so `docent build` joins `www/js/*.js` (and the wasm-bindgen glue)
//! into ONE inline script. It is a classic script, not a module, so that it
//! runs where it stands, before the browser has parsed the inlined engine
//! after it: the library shows while the rest of the page is still arriving
//! (a module script would wait for the whole page). The modules keep their
//! semantics: everything runs in one strict-mode function, each module in a
//! block with its own scope, its exports members of a frozen per-module object:
//!
//! ```text
//! (function () {
//! 'use strict';
//! const __docent_dom = {};          // ./dom.js
//! {
//!   function h(…) { … }             // `export function h` minus `export`
//!   Object.assign(__docent_dom, { h }); Object.freeze(__docent_dom);
//! }
//! const __docent_reader = {};       // ./reader.js
//! {
//!   const { h } = __docent_dom;     // was: import { h } from './dom.js';
//!   …
//! }
//! }());
//! ```
//!
//! Supported: `import {a, b as c} from './x.js'`, `import d from`, `import * as
//! ns from`, `import './x.js'`; `export function|async function|class|const`,
//! `export {a, b as c}`, `export default NAME` (and `export default function
//! NAME`). Imports are copied once (`const`), so exports must never be
//! reassigned: `export let`/`var` is refused. Anything else the bundler cannot
//! handle faithfully (dynamic `import()`, `import.meta`, top-level `await`
//! (refused by the browser), `export *`, re-exports, bare
//! specifiers, cycles, a name a module does not export) is a build error naming
//! the file and line. Every module in the set is included (a widget registers
//! itself by existing); the entry module runs last.

use std::collections::{BTreeMap, BTreeSet};

/// One parsed module: its body with import/export syntax removed, what it
/// imports and what it exports.
struct Parsed {
    body: String,
    deps: Vec<String>,
    /// `const …` lines binding imported names.
    imports: Vec<Import>,
    /// (exported name, local name)
    exports: Vec<(String, String)>,
}

struct Import {
    from: String,
    line: usize,
    /// (imported name, local name); imported `*` means the namespace.
    names: Vec<(String, String)>,
}

/// Joins `modules` (file name such as `main.js` → source) into one module
/// script whose last part is `entry`.
pub fn bundle(modules: &BTreeMap<String, String>, entry: &str) -> Result<String, String> {
    if !modules.contains_key(entry) {
        return Err(format!("the entry module {entry} is missing"));
    }
    let mut parsed = BTreeMap::new();
    for (name, src) in modules {
        check_name(name)?;
        parsed.insert(name.clone(), parse(name, src)?);
    }
    // Every import names a module of the set, and a name it exports.
    for (name, p) in &parsed {
        for imp in &p.imports {
            let Some(target) = parsed.get(&imp.from) else {
                return Err(format!(
                    "{name}:{}: imports ./{}, which is not a module here",
                    imp.line, imp.from
                ));
            };
            if imp.from == entry {
                return Err(format!(
                    "{name}:{}: imports the entry module {entry}; the entry runs last, import from the module that defines the name",
                    imp.line
                ));
            }
            for (imported, _) in &imp.names {
                if imported != "*" && !target.exports.iter().any(|(e, _)| e == imported) {
                    return Err(format!(
                        "{name}:{}: ./{} does not export `{imported}`",
                        imp.line, imp.from
                    ));
                }
            }
        }
    }
    let order = topo_order(&parsed, entry)?;
    let mut out = String::from("(function () {\n'use strict';\n");
    for name in order {
        let p = &parsed[&name];
        let var = module_var(&name);
        out.push_str(&format!("// ---- {name} ----\nconst {var} = {{}};\n{{\n"));
        for imp in &p.imports {
            let from = module_var(&imp.from);
            let mut fields = Vec::new();
            for (imported, local) in &imp.names {
                if imported == "*" {
                    out.push_str(&format!("const {local} = {from};\n"));
                } else if imported == local {
                    fields.push(local.clone());
                } else {
                    fields.push(format!("{imported}: {local}"));
                }
            }
            if !fields.is_empty() {
                out.push_str(&format!("const {{ {} }} = {from};\n", fields.join(", ")));
            }
        }
        out.push_str(&p.body);
        if !p.body.ends_with('\n') {
            out.push('\n');
        }
        let members: Vec<String> = p
            .exports
            .iter()
            .map(|(e, l)| {
                if e == l {
                    e.clone()
                } else {
                    format!("{e}: {l}")
                }
            })
            .collect();
        out.push_str(&format!(
            "Object.assign({var}, {{ {} }});\nObject.freeze({var});\n}}\n",
            members.join(", ")
        ));
    }
    out.push_str("}());\n");
    Ok(out)
}

fn check_name(name: &str) -> Result<(), String> {
    let stem = name.strip_suffix(".js").unwrap_or("");
    if stem.is_empty()
        || !stem
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(format!(
            "{name}: module file names are letters, digits, - and _ ending in .js"
        ));
    }
    Ok(())
}

fn module_var(name: &str) -> String {
    let stem = name.strip_suffix(".js").unwrap_or(name);
    format!("__docent_{}", stem.replace('-', "_"))
}

/// Dependencies first (alphabetical among equals), the entry last.
fn topo_order(parsed: &BTreeMap<String, Parsed>, entry: &str) -> Result<Vec<String>, String> {
    fn visit(
        name: &str,
        parsed: &BTreeMap<String, Parsed>,
        done: &mut BTreeSet<String>,
        path: &mut Vec<String>,
        out: &mut Vec<String>,
    ) -> Result<(), String> {
        if done.contains(name) {
            return Ok(());
        }
        if let Some(at) = path.iter().position(|p| p == name) {
            let mut cycle = path[at..].to_vec();
            cycle.push(name.to_string());
            return Err(format!(
                "import cycle {}: move the shared part into its own module",
                cycle.join(" → ")
            ));
        }
        path.push(name.to_string());
        for dep in &parsed[name].deps {
            visit(dep, parsed, done, path, out)?;
        }
        path.pop();
        done.insert(name.to_string());
        out.push(name.to_string());
        Ok(())
    }
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for name in parsed.keys().filter(|n| n.as_str() != entry) {
        visit(name, parsed, &mut done, &mut Vec::new(), &mut out)?;
    }
    visit(entry, parsed, &mut done, &mut Vec::new(), &mut out)?;
    Ok(out)
}

/// Lexical state at the start of each line: is it top-level code?
/// Tracks comments, strings, template literals (with `${}` nesting), regular
/// expression literals and brace depth. Also reports dynamic `import(`.
fn top_level_lines(name: &str, src: &str) -> Result<Vec<bool>, String> {
    #[derive(PartialEq)]
    enum St {
        Code,
        Line,
        Block,
        Str(char),
        Template,
        Regex { class: bool },
    }
    let chars: Vec<char> = src.chars().collect();
    let mut st = St::Code;
    let mut depth: i64 = 0;
    // Brace depth at which each open `${` resumes its template.
    let mut templates: Vec<i64> = Vec::new();
    let mut out = vec![true];
    let mut line = 1;
    // Last significant code character, to tell a regex from a division.
    let mut prev: Option<char> = None;
    let mut prev_word = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\n' {
            // A string may go on past a line end only after a backslash.
            if let St::Str(_) = st {
                if i == 0 || chars[i - 1] != '\\' {
                    return Err(format!("{name}:{line}: unterminated string"));
                }
            }
            line += 1;
            if st == St::Line {
                st = St::Code;
            }
            out.push(st == St::Code && depth == 0 && templates.is_empty());
            i += 1;
            continue;
        }
        match st {
            St::Line => {}
            St::Block => {
                if c == '*' && next == Some('/') {
                    st = St::Code;
                    i += 1;
                }
            }
            St::Str(q) => {
                if c == '\\' && next != Some('\n') {
                    i += 1;
                } else if c == q {
                    st = St::Code;
                    prev = Some('"');
                }
            }
            St::Template => {
                if c == '\\' && next != Some('\n') {
                    i += 1;
                } else if c == '`' {
                    st = St::Code;
                    prev = Some('"');
                } else if c == '$' && next == Some('{') {
                    templates.push(depth);
                    depth += 1;
                    st = St::Code;
                    prev = Some('{');
                    i += 1;
                }
            }
            St::Regex { class } => {
                if c == '\\' {
                    i += 1;
                } else if c == '[' {
                    st = St::Regex { class: true };
                } else if c == ']' && class {
                    st = St::Regex { class: false };
                } else if c == '/' && !class {
                    st = St::Code;
                    prev = Some('"');
                }
            }
            St::Code => {
                if c.is_whitespace() {
                    i += 1;
                    continue;
                }
                match c {
                    '/' if next == Some('/') => st = St::Line,
                    '/' if next == Some('*') => {
                        st = St::Block;
                        i += 1;
                    }
                    '/' => {
                        let regex = match prev {
                            None => true,
                            Some(p) => {
                                "(,=:[!&|?{};+-*%<>~^".contains(p)
                                    || (p.is_alphanumeric()
                                        && matches!(
                                            prev_word.as_str(),
                                            "return" | "typeof" | "case" | "of" | "in" | "void"
                                        ))
                            }
                        };
                        if regex {
                            st = St::Regex { class: false };
                        } else {
                            prev = Some('/');
                        }
                    }
                    '\'' | '"' => st = St::Str(c),
                    '`' => st = St::Template,
                    '{' => {
                        depth += 1;
                        prev = Some(c);
                    }
                    '}' => {
                        depth -= 1;
                        if templates.last() == Some(&depth) {
                            templates.pop();
                            st = St::Template;
                        }
                        prev = Some(c);
                        if depth < 0 {
                            return Err(format!("{name}:{line}: unbalanced `}}`"));
                        }
                    }
                    _ => {
                        if c.is_alphanumeric() || c == '_' || c == '$' {
                            let start = i;
                            while i + 1 < chars.len()
                                && (chars[i + 1].is_alphanumeric()
                                    || chars[i + 1] == '_'
                                    || chars[i + 1] == '$')
                            {
                                i += 1;
                            }
                            prev_word = chars[start..=i].iter().collect();
                            let before_dot = start > 0 && chars[start - 1] == '.';
                            if prev_word == "import" && !before_dot {
                                let mut j = i + 1;
                                while j < chars.len() && chars[j].is_whitespace() {
                                    j += 1;
                                }
                                if chars.get(j) == Some(&'(') {
                                    return Err(format!(
                                        "{name}:{line}: dynamic import() cannot be bundled into one file; import statically"
                                    ));
                                }
                                if chars.get(j) == Some(&'.') {
                                    return Err(format!(
                                        "{name}:{line}: import.meta does not exist in the bundled page script; use document.baseURI or location"
                                    ));
                                }
                            }
                            prev = Some('a');
                        } else {
                            prev = Some(c);
                        }
                    }
                }
            }
        }
        i += 1;
    }
    if depth != 0 || st != St::Code && st != St::Line {
        return Err(format!(
            "{name}: unbalanced braces, or an unterminated comment, string or template"
        ));
    }
    Ok(out)
}

/// A few tokens of an import/export clause.
#[derive(Debug, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    P(char),
}

fn lex_clause(s: &str) -> Option<Vec<Tok>> {
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

fn ident(t: Option<&Tok>) -> Option<String> {
    match t {
        Some(Tok::Ident(s)) => Some(s.clone()),
        _ => None,
    }
}

/// `{ a, b as c }` starting at `toks[*i]` (the `{`): (name, alias) pairs.
fn braces(toks: &[Tok], i: &mut usize) -> Option<Vec<(String, String)>> {
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
fn parse_import(toks: &[Tok]) -> Option<(Vec<(String, String)>, String)> {
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
fn resolve(spec: &str) -> Option<String> {
    let rest = spec.strip_prefix("./")?;
    (!rest.contains('/') && rest.ends_with(".js")).then(|| rest.to_string())
}

fn parse(name: &str, src: &str) -> Result<Parsed, String> {
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
fn decl_after(s: &str, kw: &str) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::bundle;
    use std::collections::BTreeMap;

    /// Bundles `files` (name, source) with entry `main.js`; `Ok(expected
    /// fragments in order)` or `Err(expected error fragment)`.
    fn check(files: &[(&str, &str)], expect: Result<&[&str], &str>) {
        let modules: BTreeMap<String, String> = files
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect();
        let got = bundle(&modules, "main.js");
        match (got, expect) {
            (Ok(out), Ok(frags)) => {
                let mut at = 0;
                for f in frags {
                    match out[at..].find(f) {
                        Some(i) => at += i + f.len(),
                        None => panic!("missing (in order) {f:?} in:\n{out}"),
                    }
                }
                // Unless a fragment expects some kept verbatim, none is left.
                if !frags.iter().any(|f| f.contains("port ")) {
                    assert!(!out.contains("\nimport "), "import left in:\n{out}");
                    assert!(!out.contains("\nexport "), "export left in:\n{out}");
                }
            }
            (Err(e), Err(frag)) => assert!(e.contains(frag), "error {e:?} lacks {frag:?}"),
            (got, want) => panic!("got {got:?}, want {want:?}"),
        }
    }

    #[test]
    fn rewrites_imports_and_exports() {
        let dom = "export function h(t) { return t; }\nexport const X = 1;\nexport class C {}\nexport async function later() {}\n";
        check(
            &[
                ("dom.js", dom),
                ("main.js", "import { h, X as Y } from './dom.js';\nh(Y);\n"),
            ],
            Ok(&[
                "(function () {\n'use strict';\n",
                "const __docent_dom = {};",
                "function h(t)",
                "const X = 1;",
                "class C {}",
                "async function later()",
                "Object.assign(__docent_dom, { h, X, C, later });",
                "const __docent_main = {};",
                "const { h, X: Y } = __docent_dom;",
                "h(Y);",
                "}());\n",
            ]),
        );
    }

    #[test]
    fn multiline_import_default_namespace_and_export_list() {
        check(
            &[
                (
                    "glue.js",
                    "let wasm;\nfunction initSync(m) {}\nasync function __wbg_init(p) {}\nexport { initSync };\nexport default __wbg_init;\n",
                ),
                ("a.js", "export function f() {}\n"),
                (
                    "main.js",
                    "import init, {\n  initSync,\n} from './glue.js';\nimport * as A from \"./a.js\";\nimport './a.js';\nA.f(init, initSync);\n",
                ),
            ],
            Ok(&[
                "const __docent_a = {};",
                "Object.assign(__docent_glue, { initSync, default: __wbg_init });",
                "const { default: init, initSync } = __docent_glue;",
                "const A = __docent_a;",
                "A.f(init, initSync);",
            ]),
        );
    }

    #[test]
    fn dependencies_come_first_and_entry_last() {
        check(
            &[
                ("a.js", "import { b } from './b.js';\nexport const a = b;\n"),
                ("b.js", "export const b = 1;\n"),
                ("z.js", "import { a } from './a.js';\na;\n"),
                ("main.js", "import { b } from './b.js';\n"),
            ],
            Ok(&[
                "// ---- b.js",
                "// ---- a.js",
                "// ---- z.js",
                "// ---- main.js",
            ]),
        );
    }

    #[test]
    fn export_words_inside_strings_comments_templates_and_blocks_stay() {
        let src = "const s = `\nexport function no() {}\n${ {a: 1}.a }\nimport x from './y.js';\n`;\n/*\nexport const no2 = 1;\n*/\nconst r = /[/`]export/;\nfunction f() {\nexport_like();\n}\nexport const yes = 1;\n";
        check(
            &[("main.js", src)],
            Ok(&[
                "export function no()",
                "import x from",
                "export const no2",
                "Object.assign(__docent_main, { yes });",
            ]),
        );
    }

    #[test]
    fn refuses_what_it_cannot_bundle() {
        let cases: &[(&str, &str)] = &[
            ("export let x = 1;\n", "`export let`"),
            ("export * from './a.js';\n", "`export *`"),
            ("export { a } from './a.js';\n", "re-export"),
            ("export default 1 + 2;\n", "expression"),
            ("const m = import('./a.js');\n", "dynamic import()"),
            ("const u = import.meta.url;\n", "import.meta does not exist"),
            (
                "import { q } from 'lodash';\n",
                "only modules next to this one",
            ),
            ("import { q } from './missing.js';\n", "not a module here"),
            ("import { nope } from './a.js';\n", "does not export `nope`"),
            ("function f() {\n", "unbalanced"),
            ("export function a() {}\nexport { a };\n", "exported twice"),
            (
                "  import { a } from './a.js';\n",
                "at the beginning of the line",
            ),
        ];
        for (src, err) in cases {
            check(
                &[("a.js", "export const a = 1;\n"), ("main.js", src)],
                Err(err),
            );
        }
        check(
            &[
                ("a.js", "import { b } from './b.js';\nexport const a = 1;\n"),
                ("b.js", "import { a } from './a.js';\nexport const b = 1;\n"),
                ("main.js", ""),
            ],
            Err("import cycle a.js → b.js → a.js"),
        );
        check(
            &[
                ("a.js", "import { m } from './main.js';\n"),
                ("main.js", "export const m = 1;\n"),
            ],
            Err("imports the entry module"),
        );
        check(
            &[("Bad Name.js", ""), ("main.js", "")],
            Err("module file names"),
        );
        check(
            &[("main.js", "const s = 'open;\n")],
            Err("main.js:1: unterminated string"),
        );
    }

    #[test]
    fn line_continuation_in_a_string_keeps_the_line_count() {
        check(
            &[("main.js", "const s = 'a\\\nb';\nexport const after = s;\n")],
            Ok(&["Object.assign(__docent_main, { after });"]),
        );
    }
}
