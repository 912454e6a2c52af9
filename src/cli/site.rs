//! Assembles the single HTML file from `www/`, the engine and the bundle.
//!
//! `www/index.html` is the page shell with three markers, each replaced once:
//! `<!-- docent:head -->` (the CSP meta tag and every stylesheet, inline),
//! `<!-- docent:data -->` (the wasm and the bundle as base64 in inert
//! `<script type="application/octet-stream">` blocks, decoded once by JS) and
//! `<!-- docent:script -->` (all of `www/js/*.js` plus the wasm-bindgen glue
//! as the virtual module `./engine-glue.js`, bundled into ONE inline module).
//! Stylesheets: `www/css/base.css` first, then the other `www/css/*.css` in
//! name order.

use super::bundle;
use super::sha256::sha256;
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
        .map(|s| format!("'sha256-{}' ", base64(&sha256(s.as_bytes()))))
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

/// The global function each shard script calls: `__docentShard(i, "base64")`.
pub const SHARD_CALLBACK: &str = "__docentShard";

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
    modules.insert(GLUE_MODULE.to_string(), glue);
    Ok(Parts {
        shell,
        styles,
        modules,
        wasm,
        bundle: Vec::new(),
        library: String::new(),
    })
}

/// Bundles above this size are deflated (raw DEFLATE, RFC 1951): a 10 MB
/// collection's page shrinks to about a third, and the browser parses that
/// much less HTML; it inflates with its own `DecompressionStream`. Smaller
/// bundles stay plain and are decoded synchronously at start.
pub const DEFLATE_ABOVE: usize = 1 << 20;

/// The bundle as it goes into the page, and its encoding (`none` or `deflate-raw`).
pub fn pack(bundle: &[u8]) -> (Vec<u8>, &'static str) {
    if bundle.len() > DEFLATE_ABOVE {
        (
            miniz_oxide::deflate::compress_to_vec(bundle, 6),
            "deflate-raw",
        )
    } else {
        (bundle.to_vec(), "none")
    }
}

/// The finished single-file page: the collection bundle inline (deflated
/// when large, with the library rows inline beside it).
pub fn assemble(parts: &Parts) -> Result<String, String> {
    let (bytes, encoding) = pack(&parts.bundle);
    // A plain bundle's block stays attribute-free (benches read it as is).
    let attr = if encoding == "none" {
        String::new()
    } else {
        format!(" data-encoding=\"{encoding}\"")
    };
    let mut data = format!(
        "<script type=\"application/octet-stream\" id=\"docent-bundle\"{attr}>{}</script>",
        base64(&bytes)
    );
    if encoding != "none" {
        data.push_str(&library_block(parts)?);
    }
    page(parts, "", &data)
}

/// The folder form's page: the library rows inline and the number of shard
/// scripts that hold the packed bundle (`parts.bundle` is not inlined).
/// Write the shards with [`shards`] from the same [`pack`]ed bytes.
pub fn assemble_sharded(parts: &Parts, count: usize, encoding: &str) -> Result<String, String> {
    let data = format!(
        "{}\n<script type=\"application/json\" id=\"docent-shards\">{{\"dir\":\"{SHARD_DIR}\",\"count\":{count},\"callback\":\"{SHARD_CALLBACK}\",\"encoding\":\"{encoding}\"}}</script>",
        library_block(parts)?
    );
    page(parts, SHARD_SCRIPT_SOURCES, &data)
}

fn library_block(parts: &Parts) -> Result<String, String> {
    if parts.library.is_empty() {
        return Err("internal: the library rows are missing from the page parts".into());
    }
    Ok(format!(
        "\n<script type=\"application/json\" id=\"docent-library\">{}</script>",
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

/// JSON that cannot end a `<script>` element early: `<` only occurs inside
/// JSON strings, where `\u003c` means the same.
fn script_safe_json(json: &str) -> String {
    json.replace('<', "\\u003c")
}

fn page(parts: &Parts, extra_script_sources: &str, data: &str) -> Result<String, String> {
    let script = bundle::bundle(&parts.modules, "main.js")?;
    let lower = script.to_ascii_lowercase();
    if lower.contains("</script") || lower.contains("<!--") {
        return Err(
            "a module contains `</script` or `<!--`, which would end the inline script early: write it as `<\\/script` or `<\\!--`".into(),
        );
    }
    let module = format!("\n{script}");
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
    let data = format!(
        "<script type=\"application/octet-stream\" id=\"docent-wasm\">{}</script>\n{data}",
        base64(&parts.wasm),
    );
    let mut html = parts.shell.clone();
    for (marker, with) in [
        ("<!-- docent:head -->", head),
        ("<!-- docent:data -->", data),
        (
            "<!-- docent:script -->",
            format!("<script type=\"module\">{module}</script>"),
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
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
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

    const SHELL: &str = "<!doctype html><head><!-- docent:head --></head><body><!-- docent:data --><!-- docent:script --></body>";

    fn check(shell: &str, main: &str, expect: Result<&[&str], &str>) {
        match (assemble(&parts(shell, main)), expect) {
            (Ok(html), Ok(frags)) => {
                for f in frags {
                    assert!(html.contains(f), "missing {f:?} in {html}");
                }
                assert!(!html.contains("<!-- docent:"), "marker left in {html}");
            }
            (Err(e), Err(frag)) => assert!(e.contains(frag), "{e:?} lacks {frag:?}"),
            (got, want) => panic!("got {got:?}, want {want:?}"),
        }
    }

    #[test]
    fn assembles_one_file() {
        check(
            SHELL,
            "import { initSync } from './engine-glue.js';\ninitSync();\n",
            Ok(&[
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-",
                "<style>/* base.css */\n:root { --ink: #111; }\n</style>",
                "id=\"docent-wasm\">AGFzbQ==</script>",
                "id=\"docent-bundle\">RE9DRU5U</script>",
                "<script type=\"module\">\n// ---- engine-glue.js",
                "const { initSync } = __docent_engine_glue;",
            ]),
        );
    }

    #[test]
    fn csp_allows_exactly_the_pages_own_scripts_by_hash() {
        let shell = SHELL.replace("<body>", "<body><script>guard()</script>");
        let html = assemble(&parts(&shell, "run();\n")).unwrap();
        let scripts = inline_scripts(&html);
        assert_eq!(
            scripts.len(),
            2,
            "the guard and the module, not the data blocks"
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
    }

    #[test]
    fn folder_form_carries_library_and_shard_count_not_the_bundle() {
        let p = parts(SHELL, "export const x = 1;\n");
        let html = assemble_sharded(&p, 3, "none").unwrap();
        assert!(
            html.contains("'wasm-unsafe-eval' 'self' file:; style-src"),
            "{html}"
        );
        assert_eq!(
            html.matches("'sha256-").count(),
            1,
            "the module script's hash"
        );
        assert!(
            html.contains(r#"id="docent-library">[{"title":"\u003c/script>\u003cb>"}]</script>"#)
        );
        assert!(html.contains(
            r#"{"dir":"shards","count":3,"callback":"__docentShard","encoding":"none"}"#
        ));
        assert!(html.contains("id=\"docent-wasm\">AGFzbQ==</script>"));
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
    fn large_bundles_are_deflated_and_inflate_back() {
        let small = b"DOCENT small".to_vec();
        assert_eq!(pack(&small), (small.clone(), "none"));
        let big: Vec<u8> = (0..DEFLATE_ABOVE + 10).map(|i| (i % 251) as u8).collect();
        let (packed, encoding) = pack(&big);
        assert_eq!(encoding, "deflate-raw");
        assert!(packed.len() < big.len() / 10);
        assert_eq!(
            miniz_oxide::inflate::decompress_to_vec(&packed).unwrap(),
            big
        );
        let mut p = parts(SHELL, "export const x = 1;\n");
        p.bundle = big;
        let html = assemble(&p).unwrap();
        assert!(html.contains("data-encoding=\"deflate-raw\">"));
        assert!(html.contains("id=\"docent-library\">"));
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
