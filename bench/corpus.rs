//! Benchmark helper for bench/search.mjs (not shipped):
//!
//!   cargo run --release --example bench-corpus -- CORPUS_DIR OUT_DIR [JUDGED_TOML]
//!
//! Loads a corpus the way `docent build` does, times Docent's index natively
//! (build, and decode of a bundle with and without it: "build at build time
//! and ship it" against "rebuild at load"), and writes into OUT_DIR:
//! `bundle.bin` (the bundle the page embeds), `bundle-noindex.bin` (the same
//! without the search index), `units.json` (the paragraphs, for the peers to
//! index the same units), `queries.json` (1,000 queries drawn from the text
//! with a fixed seed: words, word pairs, phrases, prefixes, typos, filters),
//! `judged.json` (the judged set resolved to paragraphs), `index-NAME.bin`
//! (each serialized field of the index, in the order of `index_parts` in
//! `native.json`) and `native.json`.

#[allow(dead_code)]
#[path = "../src/cli/corpus.rs"]
mod corpus;
#[allow(dead_code)]
#[path = "../tests/support/judged.rs"]
mod judged;

use docent::{format, search::SearchIndex, text, Collection, ParaKind};
use serde_json::json;
use std::path::Path;
use std::time::Instant;

fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    t.sort_by(|a, b| a.total_cmp(b));
    t[runs / 2]
}

/// xorshift64*: a fixed, dependency-free sequence.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(out)) = (args.first(), args.get(1)) else {
        return Err("usage: bench-corpus CORPUS_DIR OUT_DIR [JUDGED_TOML]".into());
    };
    let out = Path::new(out);
    std::fs::create_dir_all(out).map_err(|e| e.to_string())?;
    let t = Instant::now();
    let c = corpus::load_valid(Path::new(dir))?;
    let load_ms = t.elapsed().as_secs_f64() * 1e3;

    let groups = c.entities.alias_groups();
    let build_ms = median_ms(3, || {
        std::hint::black_box(SearchIndex::build_with_aliases(&c.docs, &groups));
    });
    let bundle = format::encode(&c);
    let bare = Collection {
        index: SearchIndex::default(),
        ..c.clone()
    };
    let bundle_bare = format::encode(&bare);
    let decode_ms = median_ms(5, || {
        std::hint::black_box(format::decode(&bundle).ok());
    });
    let decode_bare_ms = median_ms(5, || {
        std::hint::black_box(format::decode(&bundle_bare).ok());
    });
    let write =
        |name: &str, bytes: &[u8]| std::fs::write(out.join(name), bytes).map_err(|e| e.to_string());
    write("bundle.bin", &bundle)?;
    write("bundle-noindex.bin", &bundle_bare)?;
    // The index's fields one by one, for the size breakdown.
    let parts = c.index.parts();
    for (name, bytes) in &parts {
        write(&format!("index-{name}.bin"), bytes)?;
    }
    let part_names: Vec<&str> = parts.iter().map(|p| p.0).collect();

    // The units, as the peers will index them.
    let mut units = Vec::new();
    let mut words_total = 0usize;
    for d in &c.docs {
        for (i, p) in d.paragraphs.iter().enumerate() {
            if p.kind == ParaKind::Gap {
                continue;
            }
            words_total += text::words(&p.text).count();
            units.push(json!({
                "id": units.len(), "doc": d.id, "para": i, "title": d.title,
                "speaker": p.speaker.as_ref().map(|s| s.name.clone()),
                "year": d.date.map(|x| x.year), "kind": d.kind,
                "heading": matches!(p.kind, ParaKind::Heading(_)),
                "footnote": matches!(p.kind, ParaKind::Footnote(_)),
                "text": p.text,
            }));
        }
    }
    write(
        "units.json",
        serde_json::to_string(&units)
            .map_err(|e| e.to_string())?
            .as_bytes(),
    )?;

    // 1,000 queries drawn from the text.
    let paras: Vec<Vec<String>> = c
        .docs
        .iter()
        .flat_map(|d| d.paragraphs.iter())
        .filter(|p| p.kind != ParaKind::Gap)
        .map(|p| {
            text::words(&p.text)
                .map(|t| p.text[t.start..t.end].to_string())
                .filter(|w| w.chars().count() >= 4 && w.chars().all(char::is_alphabetic))
                .collect::<Vec<_>>()
        })
        .filter(|w| w.len() >= 3)
        .collect();
    let years: Vec<u16> = c
        .docs
        .iter()
        .filter_map(|d| d.date.map(|x| x.year))
        .collect();
    let mut rng = Rng(0x5eed_d0c3_u64);
    let mut queries = Vec::new();
    while queries.len() < 1000 && !paras.is_empty() {
        let p = &paras[rng.below(paras.len())];
        let i = rng.below(p.len() - 2);
        let w = &p[i];
        let (q, kind) = match rng.below(20) {
            0..=6 => (w.clone(), "word"),
            7..=10 => (format!("{w} {}", p[rng.below(p.len())]), "words"),
            11..=12 => (format!("\"{w} {}\"", p[i + 1]), "phrase"),
            13..=15 => {
                let n = 3 + rng.below(3);
                (w.chars().take(n).collect(), "prefix")
            }
            16..=18 if w.chars().count() >= 5 => {
                let mut cs: Vec<char> = w.chars().collect();
                let k = 1 + rng.below(cs.len() - 2);
                cs.swap(k, k + 1);
                (cs.into_iter().collect::<String>() + " ", "typo")
            }
            _ if !years.is_empty() => (format!("{w} {}", years[rng.below(years.len())]), "filter"),
            _ => (w.clone(), "word"),
        };
        queries.push(json!({ "q": q, "kind": kind }));
    }
    write(
        "queries.json",
        serde_json::to_string(&queries)
            .map_err(|e| e.to_string())?
            .as_bytes(),
    )?;

    if let Some(path) = args.get(2) {
        let src = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        let set = judged::load(&c, &src).map_err(|e| e.join("\n"))?;
        write(
            "judged.json",
            serde_json::to_string(&set)
                .map_err(|e| e.to_string())?
                .as_bytes(),
        )?;
    }

    let native = json!({
        "docs": c.docs.len(), "units": units.len(), "words": words_total,
        "load_ms": load_ms, "index_build_ms": build_ms,
        "decode_with_index_ms": decode_ms, "decode_without_index_ms": decode_bare_ms,
        "bundle_bytes": bundle.len(), "bundle_noindex_bytes": bundle_bare.len(),
        "alias_groups": groups.len(), "index_parts": part_names,
    });
    write(
        "native.json",
        serde_json::to_string_pretty(&native)
            .map_err(|e| e.to_string())?
            .as_bytes(),
    )?;
    println!("{native}");
    Ok(())
}
