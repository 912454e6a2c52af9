//! Generates `src/text/unicode_data.rs`: the few Unicode tables that
//! `text::fold`, `text::nfc` and `text::lowercase` need, taken from the
//! unicode-normalization crate (a dev-dependency) and from `core` itself, so
//! the wasm links neither the crate's tables nor core's case-mapping tables.
//! Run by `bash scripts/unicode-tables.sh`; `cargo test` checks the tables
//! against the crate and `core` for every code point.
//!
//! The tables are byte strings of LEB128 numbers that `src/text/unicode.rs`
//! decodes once, on first use: sorted keys as differences from the previous
//! one, so that runs of neighbours cost a byte each and the rest compresses
//! well in the wasm.
//! - `DECOMP_KEYS`, `DECOMP_FIRSTS`, `DECOMP_SECONDS`: every character with
//!   a canonical decomposition (Hangul syllables excepted: they are
//!   computed) and its decomposition one level deep. Keys as differences;
//!   the first part as `key - first`, a (zigzag) difference from the
//!   previous entry's; the second part one byte: its index into `SECONDS`
//!   plus one (0 for a singleton), times two, plus one for a primary
//!   composite. Applied recursively it gives the full decomposition (up to
//!   the canonical order of its marks, which `nfc` sorts anyway).
//! - `SECONDS`: the characters that end a two-part decomposition (about a
//!   hundred combining marks), as differences.
//! - `MARK_RUNS`, `MARK_CLASSES`: runs of combining marks (general category
//!   M) of equal canonical combining class, as (gap from the end of the
//!   previous run, length) pairs; the class of each run.
//! - `LOWER_RUNS`, `LOWER_DELTAS`: the characters `char::to_lowercase` maps
//!   to one other character, as runs (gap, count) of characters one or two
//!   apart mapped by the same difference; for each run `zigzag(difference) *
//!   2 + step - 1`. (U+0130 İ, the one character that lowers to two, is
//!   spelled out in the code.)
//! - `COMPAT_KEYS`, `COMPAT_FIRSTS`, `COMPAT_MORE`: the compatibility
//!   decompositions (NFKD where it differs from NFD) of the blocks a reader
//!   of this collection meets, `COMPAT_BLOCKS`: Latin (ª º ĳ ŀ ŉ ſ ǆ ǉ ǌ ǳ,
//!   modifier letters), Greek and Cyrillic symbol variants, super- and
//!   subscripts, the ﬁ-style ligatures, kana digraphs and fullwidth ASCII.
//!   Elsewhere `fold` decomposes canonically only: this replaces the crate's
//!   full compatibility tables. Keys as differences; the first character as
//!   `key - first`, a (zigzag) difference from the previous entry's (the
//!   fullwidth forms all lie 0xFEE0 above theirs); then for each entry the
//!   number of further characters (at most two) and these characters.
//! - `IGNORABLE_RUNS`: runs of the characters the final-sigma rule of
//!   `str::to_lowercase` skips (Case_Ignorable), read from `core` by probing
//!   the rule.

use std::collections::HashMap;
use std::fmt::Write;
use unicode_normalization::char::{
    canonical_combining_class, compose, decompose_canonical, is_combining_mark,
};
use unicode_normalization::UnicodeNormalization;

/// The blocks (first, last) where `fold` applies compatibility decompositions.
const COMPAT_BLOCKS: [(u32, u32); 10] = [
    (0xA0, 0x24F),
    (0x2B0, 0x2FF),
    (0x370, 0x52F),
    (0x1D00, 0x1DBF),
    (0x1E00, 0x1FFF),
    (0x2070, 0x209F),
    (0x3040, 0x30FF),
    (0x4E00, 0x9FFF),
    (0xFB00, 0xFB06),
    (0xFF01, 0xFF5E),
];

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

/// A run: first code point, count, step (1, or 2 for alternate ones), value.
type Run = (u32, u32, u32, u32);

/// Runs of code points with equal `value`, each `max_step` or fewer apart.
fn runs(value: impl Fn(char) -> Option<u32>, max_step: u32) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for u in 0..=0x10FFFFu32 {
        let Some(v) = char::from_u32(u).and_then(&value) else {
            continue;
        };
        match out.last_mut() {
            Some((s, n, step, k)) if *k == v && *n == 1 && u - *s <= max_step => {
                (*n, *step) = (2, u - *s);
            }
            Some((s, n, step, k)) if *k == v && *n > 1 && u == *s + *n * *step => *n += 1,
            _ => out.push((u, 1, 1, v)),
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
         //! (Unicode {major}.{minor}.{patch}) and core's case mapping: do not edit.\n\
         //! See scripts/unicode-tables.rs.\n"
    )
    .unwrap();
    let mut sizes = Vec::new();
    let mut bytes = |s: &mut String, name: &str, items: Vec<u8>| {
        writeln!(s, "pub(super) static {name}: [u8; {}] = [", items.len()).unwrap();
        for line in items.chunks(24) {
            let line: Vec<String> = line.iter().map(|b| b.to_string()).collect();
            writeln!(s, "    {},", line.join(", ")).unwrap();
        }
        writeln!(s, "];\n").unwrap();
        sizes.push(format!("{name} {}", items.len()));
    };

    // Decompositions.
    let mut seconds: Vec<u32> = pairs.iter().filter_map(|p| p.2).map(|b| b as u32).collect();
    seconds.sort_unstable();
    seconds.dedup();
    assert!(seconds.len() < 127, "second parts no longer fit a byte");
    let (mut keys, mut firsts, mut parts) = (Vec::new(), Vec::new(), Vec::new());
    let (mut last_key, mut last_gap) = (0u32, 0i64);
    for &(c, a, b, composable) in &pairs {
        leb(&mut keys, c as u32 - last_key);
        let gap = c as i64 - a as i64;
        leb(&mut firsts, zigzag(gap - last_gap));
        (last_key, last_gap) = (c as u32, gap);
        let second = b.map_or(0, |b| 1 + seconds.binary_search(&(b as u32)).unwrap());
        parts.push((second * 2 + usize::from(composable)) as u8);
    }
    bytes(&mut s, "DECOMP_KEYS", keys);
    bytes(&mut s, "DECOMP_FIRSTS", firsts);
    bytes(&mut s, "DECOMP_SECONDS", parts);
    let mut out = Vec::new();
    let mut last = 0;
    for &b in &seconds {
        leb(&mut out, b - last);
        last = b;
    }
    bytes(&mut s, "SECONDS", out);

    // Marks and their classes.
    let marks = runs(
        |c| is_combining_mark(c).then(|| canonical_combining_class(c) as u32),
        1,
    );
    bytes(&mut s, "MARK_RUNS", spans(&marks));
    bytes(
        &mut s,
        "MARK_CLASSES",
        marks.iter().map(|r| r.3 as u8).collect(),
    );

    // Lower case: one character to one other, by runs of equal difference.
    for c in chars() {
        let l: Vec<char> = c.to_lowercase().collect();
        if l.len() > 1 {
            assert_eq!(
                (c, &l[..]),
                ('\u{130}', &['i', '\u{307}'][..]),
                "new multi-char lowercase"
            );
        }
    }
    let lower_of = |c: char| -> Option<u32> {
        let mut l = c.to_lowercase();
        match (l.next(), l.next()) {
            (Some(x), None) if x != c => Some(zigzag(x as i64 - c as i64)),
            _ => None,
        }
    };
    let lower = runs(lower_of, 2);
    let mut deltas = Vec::new();
    for r in &lower {
        leb(&mut deltas, r.3 * 2 + (r.2 - 1));
    }
    bytes(&mut s, "LOWER_RUNS", spans(&lower));
    bytes(&mut s, "LOWER_DELTAS", deltas);

    // Compatibility decompositions of the blocks.
    let (mut keys, mut firsts, mut more) = (Vec::new(), Vec::new(), Vec::new());
    let (mut last_key, mut last_gap) = (0u32, 0i64);
    for c in COMPAT_BLOCKS
        .iter()
        .flat_map(|&(a, b)| a..=b)
        .filter_map(char::from_u32)
    {
        let nfkd: Vec<char> = c.to_string().nfkd().collect();
        if nfkd
            .iter()
            .eq(c.to_string().nfd().collect::<Vec<_>>().iter())
        {
            continue;
        }
        assert!(
            nfkd.len() <= 3,
            "U+{:04X}: a longer compatibility decomposition",
            c as u32
        );
        leb(&mut keys, c as u32 - last_key);
        let gap = c as i64 - nfkd[0] as i64;
        leb(&mut firsts, zigzag(gap - last_gap));
        (last_key, last_gap) = (c as u32, gap);
        more.push(nfkd.len() as u8 - 1);
        nfkd[1..].iter().for_each(|&d| leb(&mut more, d as u32));
    }
    bytes(&mut s, "COMPAT_KEYS", keys);
    bytes(&mut s, "COMPAT_FIRSTS", firsts);
    bytes(&mut s, "COMPAT_MORE", more);
    let blocks: Vec<String> = COMPAT_BLOCKS
        .iter()
        .map(|(a, b)| format!("(0x{a:X}, 0x{b:X})"))
        .collect();
    writeln!(
        s,
        "#[cfg(test)]\npub(super) static COMPAT_BLOCKS: [(u32, u32); {}] = [\n    {},\n];\n",
        blocks.len(),
        blocks.join(", ")
    )
    .unwrap();

    // Case_Ignorable, as the final-sigma rule of str::to_lowercase sees it:
    // after "Α c Σ" the sigma is final when c is ignorable or cased, before
    // "Α Σ c" when c is ignorable or not cased.
    let sigma = |s: String, at: usize| s.to_lowercase().chars().nth(at) == Some('ς');
    let ignorable = runs(
        |c| {
            (sigma(format!("Α{c}Σ"), c.to_lowercase().count() + 1) && sigma(format!("ΑΣ{c}"), 1))
                .then_some(0)
        },
        1,
    );
    // The rest of the rule: a character that is not ignorable is cased when
    // it is lower or upper case or has a lower case (the title-case letters).
    for c in chars() {
        let ign = ignorable
            .iter()
            .any(|r| (r.0..r.0 + r.1).contains(&(c as u32)));
        let cased = c.is_lowercase() || c.is_uppercase() || c.to_lowercase().ne([c]);
        assert!(
            ign || sigma(format!("Α{c}Σ"), c.to_lowercase().count() + 1) == cased,
            "cased {c:?}"
        );
    }
    bytes(&mut s, "IGNORABLE_RUNS", spans(&ignorable));

    print!("{}", s.trim_end_matches('\n'));
    println!();
    eprintln!(
        "{} decompositions, {} mark runs, {} lower-case runs, {} ignorable runs; bytes: {}",
        pairs.len(),
        marks.len(),
        lower.len(),
        ignorable.len(),
        sizes.join(", ")
    );
}

/// Appends `v` as LEB128 (seven bits a byte, low first, high bit = more).
fn leb(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A signed difference as an unsigned number: 0, -1, 1, -2, … → 0, 1, 2, 3, …
fn zigzag(v: i64) -> u32 {
    (if v < 0 { -2 * v - 1 } else { 2 * v }) as u32
}

/// (Gap from the end of the previous run, count) of each run.
fn spans(r: &[Run]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut end = 0;
    for &(start, count, step, _) in r {
        leb(&mut out, start - end);
        leb(&mut out, count);
        end = start + (count - 1) * step + 1;
    }
    out
}
