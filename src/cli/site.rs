//! Assembles the single HTML file from `www/`, the engine and the bundle.
//!
//! `www/index.html` is the page shell with three markers, each replaced once:
//! `<!-- docent:head -->` (the CSP meta tag and every stylesheet, inline),
//! `<!-- docent:script -->` (the library rows as inline JSON, then all of
//! `www/js/*.js` plus the wasm-bindgen glue as the virtual module
//! `./engine-glue.js`, bundled into ONE classic script) and
//! `<!-- docent:data -->` (the wasm and the bundle, deflated, as base64 in
//! inert `<script type="application/octet-stream">` blocks).
//!
//! The order is what makes the page quick to open: the script runs as soon as
//! the parser reaches it and shows the library from the inline rows, while the
//! browser is still parsing the engine after it; once the page is parsed the
//! script inflates wasm and bundle with the browser's own `DecompressionStream`
//! and starts the engine. The base64 is cut into blocks of [`BLOCK_CHARS`]:
//! Chromium parses one long text node much more slowly than many short ones.
//! Stylesheets: `www/css/base.css` first, then the other `www/css/*.css` in
//! name order.

use super::bundle;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

/// Only what the page needs: its own inline scripts, compiling the inlined
/// wasm, inline style and `data:` images. Nothing may be fetched. Scripts are
/// allowed by their SHA-256 hashes, so a script element or an inline event
/// handler that got into the page some other way does not run; browsers too
/// old for hashes (CSP 1) fall back to `'unsafe-inline'`, which newer ones
/// ignore when hashes are present. `extra` adds script sources (the folder
/// form's [`SHARD_SCRIPT_SOURCES`]).
pub fn csp(scripts: &[&str], extra: &str) -> String {
    let hashes: String = scripts
        .iter()
        .map(|s| format!("'sha256-{}' ", base64(&Sha256::digest(s.as_bytes()))))
        .collect();
    format!("default-src 'none'; script-src {hashes}'unsafe-inline' 'wasm-unsafe-eval'{extra}; style-src 'unsafe-inline'; img-src data:")
}

/// The text of every script the browser would run in `html` (no `type`, or
/// `type="module"`), in order; data blocks and other types are not scripts.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<script") {
        rest = &rest[at..];
        let Some(open_end) = rest.find('>') else {
            break;
        };
        let tag = &rest[..open_end];
        let body = &rest[open_end + 1..];
        let end = body.find("</script").unwrap_or(body.len());
        if !tag.contains("type=") || tag.contains("type=\"module\"") {
            out.push(&body[..end]);
        }
        rest = &body[end..];
    }
    out
}

/// The folder form also runs the classic scripts of `shards/` (script-src
/// sources added to [`csp`]'s). Chromium 156
/// matches a file:// script to `'self'`; `file:` covers browsers that give
/// file:// pages an opaque origin. Neither allows the network: an http(s)
/// page cannot load file: scripts, and `'self'` is the folder's own origin.
pub const SHARD_SCRIPT_SOURCES: &str = " 'self' file:";

/// The folder the folder form's shard scripts live in, relative to the page.
pub const SHARD_DIR: &str = "shards";

/// The global function each shard script of the bundle's head calls:
/// `__docentShard(i, "base64")`.
pub const SHARD_CALLBACK: &str = "__docentShard";

/// The global function each on-demand part's script calls (a text part, or
/// the passage index):
/// `__docentPart(k, "base64")` (`text-NNN.js`, added when needed).
pub const PART_CALLBACK: &str = "__docentPart";

/// The name JS modules import the wasm-bindgen glue by.
pub const GLUE_MODULE: &str = "engine-glue.js";

/// Everything that goes into the page.
pub struct Parts {
    pub shell: String,
    /// (file name, text) in cascade order.
    pub styles: Vec<(String, String)>,
    /// file name → source, the glue included.
    pub modules: BTreeMap<String, String>,
    pub wasm: Vec<u8>,
    pub bundle: Vec<u8>,
    /// The library rows as JSON, inlined when the bundle is deflated or
    /// sharded so that the library shows before the collection is decoded.
    pub library: String,
}

/// Reads `www/` and the engine directory into [`Parts`] (the bundle is added by the caller).
pub fn read_parts(www: &Path, engine: &Path) -> Result<Parts, String> {
    let wasm_path = engine.join("docent_bg.wasm");
    let glue_path = engine.join("docent.js");
    let (wasm, glue) = match (std::fs::read(&wasm_path), std::fs::read_to_string(&glue_path)) {
        (Ok(w), Ok(g)) => (w, g),
        _ => {
            return Err(format!(
                "the wasm engine is missing ({} and {}): run `bash scripts/setup.sh` (or `bash scripts/build-engine.sh`) first, or pass --engine DIR",
                wasm_path.display(),
                glue_path.display()
            ))
        }
    };
    let read = |p: &Path| {
        std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()))
    };
    let shell = read(&www.join("index.html"))?;
    let list = |dir: &Path, ext: &str| -> Result<Vec<String>, String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.ends_with(ext) && !n.starts_with('.'))
            .collect();
        names.sort();
        Ok(names)
    };
    let css_dir = www.join("css");
    let mut css = list(&css_dir, ".css")?;
    css.sort_by_key(|n| n != "base.css");
    let styles = css
        .into_iter()
        .map(|n| Ok((n.clone(), read(&css_dir.join(&n))?)))
        .collect::<Result<Vec<_>, String>>()?;
    let js_dir = www.join("js");
    let mut modules = BTreeMap::new();
    for n in list(&js_dir, ".js")? {
        if n == GLUE_MODULE {
            return Err(format!(
                "www/js/{n}: this name is reserved for the wasm-bindgen glue; rename the file"
            ));
        }
        let src = read(&js_dir.join(&n))?;
        modules.insert(n, src);
    }
    // The glue's fallback for a missing wasm argument resolves a URL against
    // `import.meta`, which a classic script cannot name; the page always
    // passes the bytes, so the fallback only needs to parse.
    modules.insert(
        GLUE_MODULE.to_string(),
        glue.replace("import.meta.url", "document.baseURI"),
    );
    Ok(Parts {
        shell,
        styles,
        modules,
        wasm,
        bundle: Vec::new(),
        library: String::new(),
    })
}

/// How the engine and the bundle are packed into the page and the shards:
/// raw DEFLATE (RFC 1951), which the browser inflates with its own
/// `DecompressionStream` (no fetch, so it works from file://). The wasm
/// shrinks to less than half and the collection to about a third: the
/// browser parses that much less HTML.
pub const ENCODING: &str = "deflate-raw";

/// Base64 characters per data block (a multiple of 4, so every block decodes
/// alone too).
pub const BLOCK_CHARS: usize = 16 << 10;

/// Bytes as they go into the page or the shards ([`ENCODING`]).
pub fn pack(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(bytes, 9)
}

/// `bytes`, packed, as base64 data blocks: the first has the `id` and the
/// encoding, the rest `data-part-of="ID"`, in order. (DEFLATE output is never
/// empty, so there is always a first block.)
pub fn data_blocks(id: &str, bytes: &[u8]) -> String {
    let b64 = base64(&pack(bytes));
    let mut out = String::with_capacity(b64.len() + 256);
    for (i, chunk) in b64.as_bytes().chunks(BLOCK_CHARS).enumerate() {
        let chunk = std::str::from_utf8(chunk).expect("base64 is ASCII");
        let attrs = if i == 0 {
            format!("id=\"{id}\" data-encoding=\"{ENCODING}\"")
        } else {
            format!("data-part-of=\"{id}\"")
        };
        out.push_str(&format!(
            "<script type=\"application/octet-stream\" {attrs}>{chunk}</script>\n"
        ));
    }
    out
}

/// The finished single-file page: engine and collection bundle inline.
pub fn assemble(parts: &Parts) -> Result<String, String> {
    page(parts, "", "", &data_blocks("docent-bundle", &parts.bundle))
}

/// The folder form's page: the library rows inline, the number of shard
/// scripts that hold the packed bundle without its parts (`parts.bundle` is
/// not inlined) and the number of parts loaded on demand. Write the shards with
/// [`shards`] and [`part_shards`] from the same [`pack`]ed bytes.
pub fn assemble_sharded(parts: &Parts, count: usize, on_demand: usize) -> Result<String, String> {
    let manifest = format!(
        "<script type=\"application/json\" id=\"docent-shards\">{{\"dir\":\"{SHARD_DIR}\",\"count\":{count},\"callback\":\"{SHARD_CALLBACK}\",\"parts\":{on_demand},\"partCallback\":\"{PART_CALLBACK}\",\"encoding\":\"{ENCODING}\"}}</script>\n"
    );
    page(parts, SHARD_SCRIPT_SOURCES, &manifest, "")
}

fn library_block(parts: &Parts) -> Result<String, String> {
    if parts.library.is_empty() {
        return Err("internal: the library rows are missing from the page parts".into());
    }
    Ok(format!(
        "<script type=\"application/json\" id=\"docent-library\">{}</script>\n",
        script_safe_json(&parts.library)
    ))
}

/// Bytes cut into shard scripts of at most `size` bytes of data each:
/// `(file name, script)`, named `000.js`, `001.js` … in order.
pub fn shards(bytes: &[u8], size: usize) -> Vec<(String, String)> {
    bytes
        .chunks(size.max(1))
        .enumerate()
        .map(|(i, chunk)| {
            (
                format!("{i:03}.js"),
                format!("{SHARD_CALLBACK}({i}, \"{}\");\n", base64(chunk)),
            )
        })
        .collect()
}

/// One script per on-demand part, each packed: `(part-NNN.js, script)`.
pub fn part_shards(parts: &[Vec<u8>]) -> Vec<(String, String)> {
    parts
        .iter()
        .enumerate()
        .map(|(k, t)| {
            (
                format!("part-{k:03}.js"),
                format!("{PART_CALLBACK}({k}, \"{}\");\n", base64(&pack(t))),
            )
        })
        .collect()
}

/// JSON that cannot end a `<script>` element early: `<` only occurs inside
/// JSON strings, where `\u003c` means the same.
fn script_safe_json(json: &str) -> String {
    json.replace('<', "\\u003c")
}

/// The page: `before` (JSON blocks the script reads at once) goes in front of
/// the script, `data` after the engine's blocks.
fn page(
    parts: &Parts,
    extra_script_sources: &str,
    before: &str,
    data: &str,
) -> Result<String, String> {
    let script = bundle::bundle(&parts.modules, "main.js")?;
    let lower = script.to_ascii_lowercase();
    if lower.contains("</script") || lower.contains("<!--") {
        return Err(
            "a module contains `</script` or `<!--`, which would end the inline script early: write it as `<\\/script` or `<\\!--`".into(),
        );
    }
    let module = format!("\n{script}");
    let library = library_block(parts)?;
    let mut scripts = inline_scripts(&parts.shell);
    scripts.push(&module);
    let mut head = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n",
        csp(&scripts, extra_script_sources)
    );
    for (name, css) in &parts.styles {
        if css.to_ascii_lowercase().contains("</style") {
            return Err(format!("www/css/{name}: contains `</style`"));
        }
        head.push_str(&format!("<style>/* {name} */\n{css}</style>\n"));
    }
    let data = format!("{}{data}", data_blocks("docent-wasm", &parts.wasm));
    let mut html = parts.shell.clone();
    if let (Some(script_at), Some(data_at)) = (
        html.find("<!-- docent:script -->"),
        html.find("<!-- docent:data -->"),
    ) {
        if script_at > data_at {
            return Err("www/index.html: put <!-- docent:script --> before <!-- docent:data -->: the script shows the library while the browser still parses the engine".into());
        }
    }
    for (marker, with) in [
        ("<!-- docent:head -->", head),
        ("<!-- docent:data -->", data),
        (
            "<!-- docent:script -->",
            format!("{library}{before}<script>{module}</script>"),
        ),
    ] {
        if html.matches(marker).count() != 1 {
            return Err(format!(
                "www/index.html must contain the marker {marker} exactly once"
            ));
        }
        html = html.replacen(marker, &with, 1);
    }
    Ok(html)
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(shell: &str, main: &str) -> Parts {
        let mut modules = BTreeMap::new();
        modules.insert("main.js".to_string(), main.to_string());
        modules.insert(
            GLUE_MODULE.to_string(),
            "function initSync(m) {}\nexport { initSync };\n".to_string(),
        );
        Parts {
            shell: shell.to_string(),
            styles: vec![("base.css".into(), ":root { --ink: #111; }\n".into())],
            modules,
            wasm: b"\0asm".to_vec(),
            bundle: b"DOCENT".to_vec(),
            library: r#"[{"title":"</script><b>"}]"#.to_string(),
        }
    }

    const SHELL: &str = "<!doctype html><head><!-- docent:head --></head><body><!-- docent:script --><!-- docent:data --></body>";

    fn check(shell: &str, main: &str, expect: Result<&[&str], &str>) {
        match (assemble(&parts(shell, main)), expect) {
            (Ok(html), Ok(frags)) => {
                let mut at = 0;
                for f in frags {
                    match html[at..].find(f) {
                        Some(i) => at += i + f.len(),
                        None => panic!("missing (in order) {f:?} in {html}"),
                    }
                }
                assert!(!html.contains("<!-- docent:"), "marker left in {html}");
            }
            (Err(e), Err(frag)) => assert!(e.contains(frag), "{e:?} lacks {frag:?}"),
            (got, want) => panic!("got {got:?}, want {want:?}"),
        }
    }

    /// The base64 of every data block of `id`, joined, inflated.
    fn block_bytes(html: &str, id: &str) -> Vec<u8> {
        let first = format!("id=\"{id}\" data-encoding=\"{ENCODING}\">");
        let part = format!("data-part-of=\"{id}\">");
        let mut b64 = String::new();
        for (i, _) in html.match_indices("<script type=\"application/octet-stream\" ") {
            let tag = &html[i..];
            let body = &tag[tag.find('>').unwrap() + 1..tag.find("</script>").unwrap()];
            if tag.starts_with(&format!(
                "<script type=\"application/octet-stream\" {first}"
            )) || tag.starts_with(&format!("<script type=\"application/octet-stream\" {part}"))
            {
                b64.push_str(body);
            }
        }
        let packed = base64_decode(&b64);
        miniz_oxide::inflate::decompress_to_vec(&packed).unwrap()
    }

    fn base64_decode(s: &str) -> Vec<u8> {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.decode(s).unwrap()
    }

    #[test]
    fn assembles_one_file_library_and_script_before_the_engine() {
        check(
            SHELL,
            "import { initSync } from './engine-glue.js';\ninitSync();\n",
            Ok(&[
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-",
                "<style>/* base.css */\n:root { --ink: #111; }\n</style>",
                r#"<script type="application/json" id="docent-library">[{"title":"\u003c/script>\u003cb>"}]</script>"#,
                "<script>\n(function () {\n'use strict';\n// ---- engine-glue.js",
                "const { initSync } = __docent_engine_glue;",
                "}());\n</script>",
                "<script type=\"application/octet-stream\" id=\"docent-wasm\" data-encoding=\"deflate-raw\">",
                "<script type=\"application/octet-stream\" id=\"docent-bundle\" data-encoding=\"deflate-raw\">",
            ]),
        );
        let html = assemble(&parts(SHELL, "run();\n")).unwrap();
        assert_eq!(block_bytes(&html, "docent-wasm"), b"\0asm");
        assert_eq!(block_bytes(&html, "docent-bundle"), b"DOCENT");
    }

    #[test]
    fn long_data_is_cut_into_blocks_that_join_back() {
        let mut p = parts(SHELL, "run();\n");
        // Incompressible bytes: the base64 runs to three blocks.
        let mut x = 0x2545_f491_u32;
        p.bundle = (0..BLOCK_CHARS * 2)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x as u8
            })
            .collect();
        let html = assemble(&p).unwrap();
        assert_eq!(html.matches("data-part-of=\"docent-bundle\"").count(), 2);
        assert_eq!(block_bytes(&html, "docent-bundle"), p.bundle);
        for (i, _) in html.match_indices("data-part-of=") {
            let body = &html[i..];
            let body = &body[body.find('>').unwrap() + 1..body.find('<').unwrap()];
            assert!(body.len() <= BLOCK_CHARS && body.len() % 4 == 0);
        }
    }

    #[test]
    fn csp_allows_exactly_the_pages_own_scripts_by_hash() {
        let shell = SHELL.replace("<body>", "<body><script>guard()</script>");
        let html = assemble(&parts(&shell, "run();\n")).unwrap();
        let scripts = inline_scripts(&html);
        assert_eq!(
            scripts.len(),
            2,
            "the guard and the page script, not the data blocks"
        );
        assert_eq!(scripts[0], "guard()");
        let meta = html
            .split("content=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert_eq!(meta, csp(&scripts, ""));
        assert_eq!(meta.matches("'sha256-").count(), 2, "{meta}");
        // `printf 'guard()' | openssl dgst -sha256 -binary | base64`
        assert!(meta.contains("'sha256-JHLvb4xNjXS+xqzA28jkoJD7jYxmjvUnQ4n2L+5Gnmw='"));
        assert!(
            meta.starts_with("default-src 'none'; script-src 'sha256-"),
            "{meta}"
        );
    }

    #[test]
    fn refuses_broken_shells_and_early_script_ends() {
        check("<html></html>", "", Err("marker <!-- docent:head -->"));
        check(
            &format!("{SHELL}<!-- docent:data -->"),
            "",
            Err("<!-- docent:data --> exactly once"),
        );
        check(SHELL, "const s = '</script>';\n", Err("`</script`"));
        check(
            "<head><!-- docent:head --></head><!-- docent:data --><!-- docent:script -->",
            "",
            Err("put <!-- docent:script --> before <!-- docent:data -->"),
        );
    }

    #[test]
    fn glue_fallback_url_parses_in_a_classic_script() {
        let dir = std::env::temp_dir().join(format!("docent-site-test-{}", std::process::id()));
        let (www, engine) = (dir.join("www"), dir.join("engine"));
        for d in [www.join("css"), www.join("js"), engine.clone()] {
            std::fs::create_dir_all(d).unwrap();
        }
        std::fs::write(www.join("index.html"), SHELL).unwrap();
        std::fs::write(www.join("js/main.js"), "").unwrap();
        std::fs::write(engine.join("docent_bg.wasm"), b"\0asm").unwrap();
        std::fs::write(
            engine.join("docent.js"),
            "const u = new URL('docent_bg.wasm', import.meta.url);\nexport { u };\n",
        )
        .unwrap();
        let p = read_parts(&www, &engine).unwrap();
        assert!(p.modules[GLUE_MODULE].contains("new URL('docent_bg.wasm', document.baseURI)"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn folder_form_carries_library_and_shard_count_not_the_bundle() {
        let p = parts(SHELL, "export const x = 1;\n");
        let html = assemble_sharded(&p, 3, 2).unwrap();
        assert!(
            html.contains("'wasm-unsafe-eval' 'self' file:; style-src"),
            "{html}"
        );
        assert_eq!(
            html.matches("'sha256-").count(),
            1,
            "the page script's hash"
        );
        assert!(
            html.contains(r#"id="docent-library">[{"title":"\u003c/script>\u003cb>"}]</script>"#)
        );
        assert!(html.contains(
            r#"{"dir":"shards","count":3,"callback":"__docentShard","parts":2,"partCallback":"__docentPart","encoding":"deflate-raw"}"#
        ));
        assert_eq!(block_bytes(&html, "docent-wasm"), b"\0asm");
        assert!(!html.contains("docent-bundle"));
        let cut = shards(b"foobar!", 3);
        assert_eq!(
            cut,
            [
                (
                    "000.js".to_string(),
                    "__docentShard(0, \"Zm9v\");\n".to_string()
                ),
                ("001.js".into(), "__docentShard(1, \"YmFy\");\n".into()),
                ("002.js".into(), "__docentShard(2, \"IQ==\");\n".into()),
            ]
        );
    }

    #[test]
    fn base64_matches_rfc4648() {
        for (input, want) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), want, "{input:?}");
        }
        assert_eq!(base64(&[0xff, 0xfe, 0xfd]), "//79");
    }
}
