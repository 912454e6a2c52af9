//! `docent build` end to end (with a stand-in engine, so no wasm toolchain is
//! needed): it writes one file with everything inline and prints its absolute
//! path; it refuses a broken corpus or a missing engine with a message saying
//! what to do, and never leaves a half-written reader behind.

use std::path::{Path, PathBuf};
mod common;
use common::{docent, Run};

/// A scratch directory with a corpus of `docs` (name, bytes) and a stand-in engine.
fn scratch(name: &str, docs: &[(&str, &[u8])]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("docent-build-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("corpus/documents")).unwrap();
    for (n, bytes) in docs {
        std::fs::write(dir.join("corpus/documents").join(n), bytes).unwrap();
    }
    std::fs::create_dir_all(dir.join("engine")).unwrap();
    std::fs::write(dir.join("engine/docent_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(
        dir.join("engine/docent.js"),
        "export class Docent {}\nexport function initSync(m) {}\n",
    )
    .unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Standard base64 (padding ignored) to bytes.
fn unbase64(text: &str) -> Vec<u8> {
    const ABC: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let (mut out, mut acc, mut bits) = (Vec::new(), 0u32, 0);
    for c in text.chars().filter(|&c| c != '=') {
        acc = acc << 6 | ABC.find(c).expect("base64") as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// The inflated bytes of the data block that follows `opening` in `html`
/// (small test data: one block).
fn inline_block(html: &str, opening: &str) -> Vec<u8> {
    let at = html
        .find(opening)
        .unwrap_or_else(|| panic!("missing {opening}"))
        + opening.len();
    let b64 = &html[at..at + html[at..].find('<').unwrap()];
    miniz_oxide::inflate::decompress_to_vec(&unbase64(b64)).expect("raw DEFLATE")
}

/// `docent build` of the scratch corpus into `out` with the engine in `engine`.
fn build(dir: &Path, out: &Path, engine: &str) -> Run {
    docent(&[
        "build",
        "--corpus",
        s(&dir.join("corpus")),
        "--out",
        s(out),
        "--engine",
        s(&dir.join(engine)),
    ])
}

const GOOD: &[u8] = b"Title: A short treaty\nDate: 1956-10-19\nSource: https://example.org/t\n\nArticle 1\n\nThe parties agree.\n";

#[test]
fn build_writes_one_self_contained_file_and_prints_its_path() {
    let dir = scratch("ok", &[("1956-10-19-treaty.txt", GOOD)]);
    let out = dir.join("out");
    let r = build(&dir, &out, "engine");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let printed = PathBuf::from(r.stdout.trim());
    assert!(printed.is_absolute(), "{printed:?}");
    assert_eq!(
        printed,
        std::fs::canonicalize(out.join("docent.html")).unwrap()
    );
    let html = std::fs::read_to_string(&printed).unwrap();
    for needle in [
        "content=\"default-src 'none';",
        r#"<script type="application/json" id="docent-library">[{"id":"1956-10-19-treaty","#,
        "<script>\n(function () {\n'use strict';\n",
        "const { initSync, Docent } = __docent_engine_glue;",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
    assert_eq!(
        inline_block(&html, r#"id="docent-wasm" data-encoding="deflate-raw">"#),
        b"\0asm\x01\0\0\0"
    );
    let bundle = inline_block(&html, r#"id="docent-bundle" data-encoding="deflate-raw">"#);
    assert!(bundle.starts_with(b"DOCENT\0\x1a"), "the bundle magic");
    assert!(
        html.find("id=\"docent-library\"") < html.find("id=\"docent-wasm\""),
        "the library rows come before the engine"
    );
    assert!(!html.contains("<!-- docent:"), "a marker was left");
    let mut names: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, ["docent-embed.js", "docent.html"], "no stray files");
    let embed = std::fs::read_to_string(out.join("docent-embed.js")).unwrap();
    assert!(embed.contains("window.DocentEmbed"), "the embedding script");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn build_refuses_a_broken_corpus_and_keeps_the_old_reader() {
    let dir = scratch(
        "broken",
        &[
            ("good.txt", GOOD),
            ("bad.txt", b"Title: \xff\xfe\n\ntext\n"),
        ],
    );
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("docent.html"), "the previous reader").unwrap();
    let r = build(&dir, &out, "engine");
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("documents/bad.txt"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(out.join("docent.html")).unwrap(),
        "the previous reader"
    );
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        1,
        "no stray files"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn build_without_an_engine_says_to_run_setup() {
    let dir = scratch("noengine", &[("good.txt", GOOD)]);
    let r = build(&dir, &dir.join("out"), "nowhere");
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("run `bash scripts/setup.sh`"),
        "{}",
        r.stderr
    );
    assert!(!dir.join("out/docent.html").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn build_shards_writes_the_page_and_its_shard_scripts() {
    let dir = scratch("shards", &[("1956-10-19-treaty.txt", GOOD)]);
    let out = dir.join("out");
    let mut args = vec!["build", "--corpus"];
    let corpus = dir.join("corpus");
    let engine = dir.join("engine");
    args.extend([
        s(&corpus),
        "--out",
        s(&out),
        "--engine",
        s(&engine),
        "--shards",
    ]);
    let r = docent(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = std::fs::read_to_string(out.join("docent.html")).unwrap();
    assert!(
        html.contains("'self' file:;"),
        "the CSP lets shard scripts run"
    );
    assert!(html.contains(
        r#""count":1,"callback":"__docentShard","parts":2,"partCallback":"__docentPart","encoding":"deflate-raw""#
    ));
    assert!(
        html.contains(r#"id="docent-library">[{"id":"1956-10-19-treaty","title":"A short treaty""#)
    );
    assert!(!html.contains("id=\"docent-bundle\""));
    // A shard script's bytes: `CALLBACK(0, "base64 of deflated bytes");`.
    let script_bytes = |file: &str, callback: &str| {
        let script = std::fs::read_to_string(out.join("shards").join(file)).unwrap();
        let b64 = script
            .strip_prefix(&format!("{callback}(0, \""))
            .and_then(|s| s.strip_suffix("\");\n"))
            .unwrap_or_else(|| panic!("{file}: not a {callback} script: {script:.40}"));
        miniz_oxide::inflate::decompress_to_vec(&unbase64(b64)).unwrap()
    };
    let bundle = script_bytes("000.js", "__docentShard");
    assert!(bundle.starts_with(b"DOCENT\0\x1a"), "the bundle magic");
    // The shards hold the collection without its texts; part-000.js has them.
    let mut c = docent::format::decode(&bundle).unwrap();
    assert_eq!(c.docs[0].title, "A short treaty");
    assert!(c.need([0]).is_err(), "no text before its part is added");
    let part = script_bytes("part-000.js", "__docentPart");
    docent::format::add_part(&mut c, &part).unwrap();
    assert!(c.need([0]).is_ok() && !c.docs[0].paragraphs.is_empty());
    assert!(
        c.parts.need_passages().is_err(),
        "part-001.js: the passage index"
    );
    assert!(out.join("shards/part-001.js").is_file());
    let mut names: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["docent-embed.js", "docent.html", "shards"],
        "no stray files"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
