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

mod parse;
mod scan;

use parse::parse;
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
