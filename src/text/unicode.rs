//! What [`fold`](super::fold) and [`nfc`](super::nfc) need from Unicode:
//! canonical decomposition and composition, combining classes, combining
//! marks. The tables (`unicode_data.rs`) are generated from the
//! unicode-normalization crate by `scripts/unicode-tables.sh` and hold only
//! this, so the wasm does not carry the crate's compatibility, NFKC and
//! quick-check tables; the tests below check every code point against it.

use super::unicode_data::{
    CCC, CCC_CLASS, COMPOSABLE, DECOMP_FIRST, DECOMP_KEY, DECOMP_SECOND, MARKS,
};
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

/// The run (`start << 11 | length`) of `runs` holding `c`, if any.
fn run_of(runs: &[u32], c: char) -> Option<usize> {
    let u = c as u32;
    let i = runs.partition_point(|&r| r >> 11 <= u).checked_sub(1)?;
    (u - (runs[i] >> 11) < runs[i] & 0x7ff).then_some(i)
}

/// Is `c` a combining mark (general category Mn, Mc or Me)?
pub(super) fn is_combining_mark(c: char) -> bool {
    c >= '\u{300}' && run_of(&MARKS, c).is_some()
}

/// The canonical combining class of `c` (0 for starters).
pub(super) fn canonical_combining_class(c: char) -> u8 {
    if c < '\u{300}' {
        return 0;
    }
    run_of(&CCC, c).map_or(0, |i| CCC_CLASS[i])
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
    match DECOMP_KEY.binary_search(&u) {
        Ok(i) => {
            for part in [DECOMP_FIRST[i], DECOMP_SECOND[i]] {
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
    let index = composition_index();
    let i = index
        .binary_search_by(|&k| (DECOMP_FIRST[k as usize], DECOMP_SECOND[k as usize]).cmp(&(ua, ub)))
        .ok()?;
    char::from_u32(DECOMP_KEY[index[i] as usize])
}

/// The primary composites (indexes into `DECOMP_*`, marked in `COMPOSABLE`)
/// sorted by their pair, built on first use.
fn composition_index() -> &'static [u16] {
    static INDEX: OnceLock<Vec<u16>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: Vec<u16> = (0..DECOMP_KEY.len() as u16)
            .filter(|&k| COMPOSABLE[k as usize / 8] >> (k % 8) & 1 == 1)
            .collect();
        index.stable_sort_by_key(|&k| (DECOMP_FIRST[k as usize], DECOMP_SECOND[k as usize]));
        index
    })
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
        for &k in composition_index() {
            let k = k as usize;
            let [c, a, b] = [DECOMP_KEY[k], DECOMP_FIRST[k], DECOMP_SECOND[k]]
                .map(|u| char::from_u32(u).unwrap());
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
