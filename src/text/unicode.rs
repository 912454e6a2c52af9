//! What [`fold`](super::fold), [`nfc`](super::nfc) and
//! [`lowercase`](super::lowercase) need from Unicode: canonical decomposition
//! and composition, combining classes and marks, lower case and the
//! final-sigma rule. The tables (`unicode_data.rs`) are generated from the
//! unicode-normalization crate and from `core` by `scripts/unicode-tables.sh`
//! and hold only this, packed as byte strings decoded here once, on first
//! use: so the wasm carries neither the crate's compatibility, NFKC and
//! quick-check tables nor core's case-mapping tables. The tests below check
//! every code point against the crate and `core`.

use super::unicode_data as data;
use crate::sort::StableSort;
use std::sync::OnceLock;

// Hangul syllables decompose and compose arithmetically (Unicode §3.12).
const S_BASE: u32 = 0xAC00;
const L_BASE: u32 = 0x1100;
const V_BASE: u32 = 0x1161;
const T_BASE: u32 = 0x11A7;
const L_COUNT: u32 = 19;
const V_COUNT: u32 = 21;
const T_COUNT: u32 = 28;
const N_COUNT: u32 = V_COUNT * T_COUNT;
const S_COUNT: u32 = L_COUNT * N_COUNT;

/// Code points `start`, `start + step`, … below `end` that share `value`.
#[derive(Clone, Copy)]
struct Run {
    start: u32,
    end: u32,
    step: u32,
    value: u32,
}

/// The tables, decoded.
struct Tables {
    /// `[character, first part, second part or 0]`, by character.
    decomp: Vec<[u32; 3]>,
    /// `[first part, second part, composite]` of the primary composites, by pair.
    compose: Vec<[u32; 3]>,
    /// Combining marks; value: canonical combining class.
    marks: Vec<Run>,
    /// Characters that lower-case to one other; value: the difference, zigzag.
    lower: Vec<Run>,
    /// Case_Ignorable characters.
    ignorable: Vec<Run>,
    /// `[character, its compatibility decomposition (0 after its end)]`
    /// where `fold` applies one, by character.
    compat: Vec<[u32; 4]>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(decode)
}

/// The LEB128 numbers of `bytes`.
fn numbers(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let mut v = 0;
        for shift in (0..32).step_by(7) {
            let b = *bytes.get(at)?;
            at += 1;
            v |= u32::from(b & 0x7f) << shift;
            if b < 0x80 {
                break;
            }
        }
        Some(v)
    })
}

/// The signed difference a zigzag number stands for (0, 1, 2, 3 → 0, -1, 1, -2).
fn unzigzag(v: u32) -> i32 {
    (v >> 1) as i32 ^ -((v & 1) as i32)
}

/// Runs from (gap, count) pairs and one value each; with `stepped`, the
/// value's low bit says the step is 2.
fn runs(spans: &[u8], values: &mut dyn Iterator<Item = u32>, stepped: bool) -> Vec<Run> {
    let mut out = Vec::new();
    let (mut spans, mut end) = (numbers(spans), 0);
    while let (Some(gap), Some(count), Some(v)) = (spans.next(), spans.next(), values.next()) {
        let (step, value) = if stepped {
            (1 + (v & 1), v >> 1)
        } else {
            (1, v)
        };
        let start = end + gap;
        end = start + (count - 1) * step + 1;
        out.push(Run {
            start,
            end,
            step,
            value,
        });
    }
    out
}

fn decode() -> Tables {
    let seconds: Vec<u32> = numbers(&data::SECONDS)
        .scan(0, |last, d| {
            *last += d;
            Some(*last)
        })
        .collect();
    let mut decomp = Vec::with_capacity(data::DECOMP_SECONDS.len());
    let mut compose = Vec::new();
    let (mut key, mut gap) = (0u32, 0i32);
    let parts = numbers(&data::DECOMP_KEYS).zip(numbers(&data::DECOMP_FIRSTS));
    for ((dk, dg), &part) in parts.zip(&data::DECOMP_SECONDS) {
        key += dk;
        gap += unzigzag(dg);
        let first = key.wrapping_sub(gap as u32);
        let second = match part >> 1 {
            0 => 0,
            i => seconds[i as usize - 1],
        };
        decomp.push([key, first, second]);
        if part & 1 == 1 {
            compose.push([first, second, key]);
        }
    }
    compose.stable_sort();
    let mut compat = Vec::new();
    let (mut more, mut key, mut gap) = (numbers(&data::COMPAT_MORE), 0u32, 0i32);
    for (dk, dg) in numbers(&data::COMPAT_KEYS).zip(numbers(&data::COMPAT_FIRSTS)) {
        key += dk;
        gap += unzigzag(dg);
        let mut e = [key, key.wrapping_sub(gap as u32), 0, 0];
        for slot in e.iter_mut().skip(2).take(more.next().unwrap_or(0) as usize) {
            *slot = more.next().unwrap_or(0);
        }
        compat.push(e);
    }
    Tables {
        decomp,
        compose,
        marks: runs(
            &data::MARK_RUNS,
            &mut data::MARK_CLASSES.iter().map(|&c| u32::from(c)),
            false,
        ),
        lower: runs(&data::LOWER_RUNS, &mut numbers(&data::LOWER_DELTAS), true),
        ignorable: runs(&data::IGNORABLE_RUNS, &mut std::iter::repeat(0), false),
        compat,
    }
}

/// The run of `runs` holding `c`, if any.
fn run_of(runs: &[Run], c: char) -> Option<&Run> {
    let u = c as u32;
    let r = &runs[runs.partition_point(|r| r.start <= u).checked_sub(1)?];
    (u < r.end && (u - r.start) % r.step == 0).then_some(r)
}

/// Is `c` a combining mark (general category Mn, Mc or Me)?
pub(super) fn is_combining_mark(c: char) -> bool {
    c >= '\u{300}' && run_of(&tables().marks, c).is_some()
}

/// The canonical combining class of `c` (0 for starters).
pub(super) fn canonical_combining_class(c: char) -> u8 {
    if c < '\u{300}' {
        return 0;
    }
    run_of(&tables().marks, c).map_or(0, |r| r.value as u8)
}

/// Appends `c` in lower case, as `char::to_lowercase` has it.
pub(super) fn push_lower(c: char, out: &mut String) {
    if c.is_ascii() {
        return out.push(c.to_ascii_lowercase());
    }
    if c == '\u{130}' {
        // İ, the one character that lowers to two.
        return out.push_str("i\u{307}");
    }
    let lower = run_of(&tables().lower, c)
        .and_then(|r| char::from_u32((c as u32).wrapping_add_signed(unzigzag(r.value))));
    out.push(lower.unwrap_or(c));
}

/// Is `c` Case_Ignorable (skipped by the final-sigma rule)?
pub(super) fn is_case_ignorable(c: char) -> bool {
    run_of(&tables().ignorable, c).is_some()
}

/// Is `c` cased (lower, upper or title case)? Title-case letters are the
/// ones neither lower nor upper case that have a lower case.
pub(super) fn is_cased(c: char) -> bool {
    c.is_lowercase() || c.is_uppercase() || run_of(&tables().lower, c).is_some()
}

/// Emits the compatibility decomposition of `c` and returns true, if `c`
/// is in one of the blocks where `fold` applies them (see
/// scripts/unicode-tables.rs) and has one.
pub(super) fn decompose_compatible(c: char, emit: &mut dyn FnMut(char)) -> bool {
    let compat = &tables().compat;
    let Ok(i) = compat.binary_search_by_key(&(c as u32), |e| e[0]) else {
        return false;
    };
    for &u in compat[i][1..].iter().take_while(|&&u| u != 0) {
        emit(char::from_u32(u).unwrap_or(c));
    }
    true
}

/// Emits the full canonical decomposition of `c` (`c` itself when it has
/// none). Marks come in the order of the one-level mappings; `nfc` puts
/// them in canonical order.
pub(super) fn decompose_canonical(c: char, mut emit: impl FnMut(char)) {
    decompose(c, &mut emit);
}

fn decompose(c: char, emit: &mut dyn FnMut(char)) {
    let u = c as u32;
    if u < 0xC0 {
        return emit(c);
    }
    if let Some(s) = u.checked_sub(S_BASE).filter(|&s| s < S_COUNT) {
        let t = s % T_COUNT;
        let parts = [
            L_BASE + s / N_COUNT,
            V_BASE + s % N_COUNT / T_COUNT,
            if t == 0 { 0 } else { T_BASE + t },
        ];
        parts
            .into_iter()
            .filter(|&p| p != 0)
            .filter_map(char::from_u32)
            .for_each(emit);
        return;
    }
    let decomp = &tables().decomp;
    match decomp.binary_search_by_key(&u, |e| e[0]) {
        Ok(i) => {
            for part in [decomp[i][1], decomp[i][2]] {
                if let Some(p) = char::from_u32(part).filter(|_| part != 0) {
                    decompose(p, emit);
                }
            }
        }
        Err(_) => emit(c),
    }
}

/// The primary composite of `a` followed by `b`, if there is one.
pub(super) fn compose(a: char, b: char) -> Option<char> {
    let (ua, ub) = (a as u32, b as u32);
    if (L_BASE..L_BASE + L_COUNT).contains(&ua) && (V_BASE..V_BASE + V_COUNT).contains(&ub) {
        let lv = (ua - L_BASE) * N_COUNT + (ub - V_BASE) * T_COUNT;
        return char::from_u32(S_BASE + lv);
    }
    if (S_BASE..S_BASE + S_COUNT).contains(&ua)
        && (ua - S_BASE) % T_COUNT == 0
        && (T_BASE + 1..T_BASE + T_COUNT).contains(&ub)
    {
        return char::from_u32(ua + (ub - T_BASE));
    }
    let index = &tables().compose;
    let i = index
        .binary_search_by(|e| (e[0], e[1]).cmp(&(ua, ub)))
        .ok()?;
    char::from_u32(index[i][2])
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::char as crate_char;

    fn all_chars() -> impl Iterator<Item = char> {
        (0..=0x10FFFFu32).filter_map(char::from_u32)
    }

    fn full(c: char) -> Vec<char> {
        let mut d = Vec::new();
        decompose_canonical(c, |x| d.push(x));
        d
    }

    /// Marks, classes and decompositions equal the crate's for every code
    /// point (decompositions as multisets of marks: `nfc` orders them).
    #[test]
    fn tables_equal_the_crate_for_every_code_point() {
        let mut wrong = Vec::new();
        for c in all_chars() {
            if is_combining_mark(c) != crate_char::is_combining_mark(c) {
                wrong.push(format!("U+{:04X} mark", c as u32));
            }
            if canonical_combining_class(c) != crate_char::canonical_combining_class(c) {
                wrong.push(format!("U+{:04X} class", c as u32));
            }
            let mut theirs = Vec::new();
            crate_char::decompose_canonical(c, |x| theirs.push(x));
            let mut ours = full(c);
            let key = |x: &char| (canonical_combining_class(*x) != 0, *x as u32);
            if ours != theirs {
                // Same starter, same marks: only the order of marks may differ.
                ours[1..].sort_by_key(key);
                theirs[1..].sort_by_key(key);
                if ours != theirs || ours.len() < 2 {
                    wrong.push(format!("U+{:04X} decomposition", c as u32));
                }
            }
        }
        crate::text::tests::assert_no_differences(&wrong);
    }

    /// Composition equals the crate's: each pair of the composition index
    /// composes there to the same character, and its primary composites
    /// (the characters that decompose and that its NFC keeps) are exactly
    /// those of the index. A composite has one pair, so no other pair composes.
    #[test]
    fn composition_equals_the_crate() {
        use unicode_normalization::UnicodeNormalization;
        let mut ours = Vec::new();
        for &[a, b, c] in &tables().compose {
            let [a, b, c] = [a, b, c].map(|u| char::from_u32(u).unwrap());
            assert_eq!(compose(a, b), Some(c));
            assert_eq!(crate_char::compose(a, b), Some(c), "U+{:04X}", c as u32);
            ours.push(c);
        }
        ours.sort_unstable();
        let theirs: Vec<char> = all_chars()
            .filter(|c| !(0xAC00..0xAC00 + S_COUNT).contains(&(*c as u32)))
            .filter(|&c| full(c) != [c] && c.to_string().nfc().eq([c]))
            .collect();
        assert!(theirs.len() > 900);
        assert_eq!(ours, theirs);
        // Hangul: leading consonant + vowel, LV syllable + trailing consonant.
        let jamo = || (0x1100..0x1200).filter_map(char::from_u32);
        let syllables = (0xAC00..0xD7B0).filter_map(char::from_u32);
        // (Jamo outside 1160..1178 and 11A6..11C4 never follow.)
        let seconds: Vec<char> = (0x1160..0x1178)
            .chain(0x11A6..0x11C4)
            .filter_map(char::from_u32)
            .collect();
        for a in jamo().chain(syllables) {
            for &b in &seconds {
                assert_eq!(
                    compose(a, b),
                    crate_char::compose(a, b),
                    "U+{:04X} U+{:04X}",
                    a as u32,
                    b as u32
                );
            }
        }
    }
}
