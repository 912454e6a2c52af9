//! Generates `src/text/unicode_data.rs`: the few Unicode tables that
//! `text::fold` and `text::nfc` need, taken from the unicode-normalization
//! crate itself (a dev-dependency), so the wasm does not link the crate's
//! larger tables. Run by `bash scripts/unicode-tables.sh`; `cargo test`
//! checks the tables against the crate for every code point.
//!
//! Tables (all sorted, searched by binary search):
//! - `DECOMP_KEY`, `DECOMP_FIRST`, `DECOMP_SECOND`: every character with a
//!   canonical decomposition (Hangul syllables excepted: they are computed)
//!   and its decomposition one level deep (`second` = 0 for a singleton).
//!   Applied recursively it gives the full decomposition (up to the
//!   canonical order of its marks, which `nfc` sorts anyway). Three arrays
//!   rather than one of triples: they compress better in the wasm.
//! - `COMPOSABLE`: a bit per `DECOMP_*` entry (bit `i % 8` of byte `i / 8`),
//!   set for the primary composites. The composition index (these entries
//!   sorted by their pair) is built from it on first use: the sorted list
//!   itself would be seven times larger in the wasm.
//! - `CCC`: runs of equal non-zero canonical combining class, `start << 11 |
//!   length`, with `CCC_CLASS` their classes.
//! - `MARKS`: runs of combining marks (general category M), `start << 11 |
//!   length`.

use std::collections::HashMap;
use std::fmt::Write;
use unicode_normalization::char::{
    canonical_combining_class, compose, decompose_canonical, is_combining_mark,
};
use unicode_normalization::UnicodeNormalization;

/// A character, its one-level decomposition, and whether it is a primary composite.
type Entry = (char, char, Option<char>, bool);

fn full(c: char) -> Vec<char> {
    let mut d = Vec::new();
    decompose_canonical(c, |x| d.push(x));
    d
}

fn is_hangul_syllable(c: char) -> bool {
    (0xAC00..0xAC00 + 11172).contains(&(c as u32))
}

/// Stable sort of the marks by combining class (starters stay put).
fn reorder(d: &mut [char]) {
    for i in 1..d.len() {
        let mut j = i;
        while j > 0 {
            let (a, b) = (
                canonical_combining_class(d[j - 1]),
                canonical_combining_class(d[j]),
            );
            if b == 0 || a <= b {
                break;
            }
            d.swap(j - 1, j);
            j -= 1;
        }
    }
}

fn runs(pred: impl Fn(char) -> Option<u8>) -> Vec<(u32, u32, u8)> {
    let mut out: Vec<(u32, u32, u8)> = Vec::new();
    for u in 0..=0x10FFFFu32 {
        let Some(v) = char::from_u32(u).and_then(&pred) else {
            continue;
        };
        match out.last_mut() {
            Some((s, n, k)) if *s + *n == u && *k == v && *n < 2047 => *n += 1,
            _ => out.push((u, 1, v)),
        }
    }
    out
}

fn main() {
    let chars = || (0..=0x10FFFFu32).filter_map(char::from_u32);
    let decomposable: Vec<(char, Vec<char>)> = chars()
        .filter(|&c| !is_hangul_syllable(c))
        .map(|c| (c, full(c)))
        .filter(|(c, d)| d != &[*c])
        .collect();
    let mut by_full: HashMap<Vec<char>, char> = HashMap::new();
    for (c, d) in &decomposable {
        by_full.entry(d.clone()).or_insert(*c);
    }
    let mut table: HashMap<char, (char, Option<char>)> = HashMap::new();
    let mut pairs: Vec<Entry> = Vec::new();
    for (c, d) in &decomposable {
        let composed: Vec<char> = d.iter().collect::<String>().nfc().collect();
        let found = if d.len() == 1 {
            Some((d[0], None, false))
        } else if composed.len() == 1 && composed[0] != *c {
            // A singleton to a character that decomposes further (Å → Å).
            Some((composed[0], None, false))
        } else {
            // A pair (x, b): b one character of the decomposition, x the
            // character the rest decomposes from. A primary composite is
            // the pair that composes back to it; any other takes a pair
            // whose recursive decomposition is right.
            let mut composite = None;
            let mut other = None;
            for i in (0..d.len()).rev() {
                let mut rest = d.clone();
                let b = rest.remove(i);
                let x = if rest.len() == 1 {
                    Some(rest[0])
                } else {
                    by_full.get(&rest).copied()
                };
                let Some(x) = x else { continue };
                if compose(x, b) == Some(*c) {
                    composite = Some((x, Some(b), true));
                    break;
                }
                let mut again = full(x);
                again.extend(full(b));
                reorder(&mut again);
                if &again == d && other.is_none() {
                    other = Some((x, Some(b), false));
                }
            }
            composite.or(other)
        };
        let (a, b, composable) =
            found.unwrap_or_else(|| panic!("no one-level decomposition for U+{:04X}", *c as u32));
        table.insert(*c, (a, b));
        pairs.push((*c, a, b, composable));
    }
    // Check: the recursion gives the full decomposition, in canonical order.
    fn rec(c: char, t: &HashMap<char, (char, Option<char>)>, out: &mut Vec<char>) {
        match t.get(&c) {
            Some(&(a, b)) => {
                rec(a, t, out);
                if let Some(b) = b {
                    rec(b, t, out);
                }
            }
            None => out.push(c),
        }
    }
    for (c, d) in &decomposable {
        let mut got = Vec::new();
        rec(*c, &table, &mut got);
        reorder(&mut got);
        assert_eq!(&got, d, "U+{:04X}", *c as u32);
    }

    let mut s = String::new();
    let (major, minor, patch) = unicode_normalization::UNICODE_VERSION;
    writeln!(
        s,
        "//! Generated by `bash scripts/unicode-tables.sh` from unicode-normalization\n\
         //! (Unicode {major}.{minor}.{patch}): do not edit. See scripts/unicode-tables.rs.\n"
    )
    .unwrap();
    let list = |s: &mut String, name: &str, ty: &str, items: Vec<String>, per: usize| {
        writeln!(s, "pub(super) static {name}: [{ty}; {}] = [", items.len()).unwrap();
        for line in items.chunks(per) {
            writeln!(s, "    {},", line.join(", ")).unwrap();
        }
        writeln!(s, "];\n").unwrap();
    };
    let hex = |f: &dyn Fn(&Entry) -> u32| -> Vec<String> {
        pairs.iter().map(|p| format!("0x{:x}", f(p))).collect()
    };
    list(&mut s, "DECOMP_KEY", "u32", hex(&|p| p.0 as u32), 10);
    list(&mut s, "DECOMP_FIRST", "u32", hex(&|p| p.1 as u32), 10);
    list(
        &mut s,
        "DECOMP_SECOND",
        "u32",
        hex(&|p| p.2.map_or(0, |b| b as u32)),
        10,
    );
    let comp = pairs.iter().filter(|p| p.3).count();
    let mut bits = vec![0u8; pairs.len().div_ceil(8)];
    for (i, p) in pairs.iter().enumerate() {
        bits[i / 8] |= u8::from(p.3) << (i % 8);
    }
    list(
        &mut s,
        "COMPOSABLE",
        "u8",
        bits.iter().map(|b| format!("0x{b:02x}")).collect(),
        16,
    );
    let ccc = runs(|c| Some(canonical_combining_class(c)).filter(|&k| k != 0));
    let packed = |r: &[(u32, u32, u8)]| -> Vec<String> {
        r.iter()
            .map(|&(st, n, _)| format!("0x{:x}", st << 11 | n))
            .collect()
    };
    list(&mut s, "CCC", "u32", packed(&ccc), 10);
    list(
        &mut s,
        "CCC_CLASS",
        "u8",
        ccc.iter().map(|r| r.2.to_string()).collect(),
        24,
    );
    let marks = runs(|c| is_combining_mark(c).then_some(1));
    list(&mut s, "MARKS", "u32", packed(&marks), 10);
    print!("{}", s.trim_end_matches('\n'));
    println!();
    eprintln!(
        "{} decompositions ({} composable), {} class runs, {} mark runs",
        pairs.len(),
        comp,
        ccc.len(),
        marks.len()
    );
}
