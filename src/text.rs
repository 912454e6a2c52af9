//! The one tokenizer: indexing, querying, highlighting, entity mentions and
//! diff all cut text here, so a word means the same thing everywhere.
//!
//! [`tokenize`] is lossless: the tokens cover the input exactly, so
//! concatenating them rebuilds it (the diff relies on this). Offsets are UTF-8
//! byte offsets. [`fold`] gives a word's comparison key: compatibility
//! normalization, lower case, diacritics removed (Kōno = Kono, Habomaï =
//! Habomai), ё → е (Хрущёв = Хрущев), typographic apostrophes unified.
//!
//! ```
//! use docent::text::{fold, tokenize, words, TokenKind};
//! let text = "Хрущёв met Kōno's delegation.";
//! let w: Vec<String> = words(text).map(|t| fold(&text[t.start..t.end])).collect();
//! assert_eq!(w, ["хрущев", "met", "kono's", "delegation"]);
//! let all: String = tokenize(text).iter().map(|t| &text[t.start..t.end]).collect();
//! assert_eq!(all, text);
//! assert_eq!(tokenize("a, b")[1].kind, TokenKind::Punct);
//! ```

mod unicode;
#[rustfmt::skip]
mod unicode_data;

use unicode::{
    canonical_combining_class, compose, decompose_canonical, is_case_ignorable, is_cased,
    is_combining_mark, push_lower,
};

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters and digits (with inner apostrophes: "Bulganin's", "don't").
    Word,
    /// One punctuation or symbol character (each its own token).
    Punct,
    /// A run of white space.
    Space,
}

/// A token: a byte range of the input and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

/// Superscript and subscript digits and parentheses (footnote markers like
/// `⁽¹²⁾`) are punctuation, never words.
fn is_super_or_sub(c: char) -> bool {
    matches!(
        c,
        '\u{00B2}' | '\u{00B3}' | '\u{00B9}' | '\u{2070}'..='\u{209F}'
    )
}

/// Does `c` belong inside a word?
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    (c.is_alphanumeric() || is_combining_mark(c)) && !is_super_or_sub(c)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Cuts `text` into words, single punctuation characters and space runs.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 4 + 1);
    let mut it = text.char_indices().peekable();
    while let Some((start, c)) = it.next() {
        let kind;
        let mut end = start + c.len_utf8();
        if is_word_char(c) {
            kind = TokenKind::Word;
            while let Some(&(i, d)) = it.peek() {
                if is_word_char(d) {
                    end = i + d.len_utf8();
                    it.next();
                } else if is_apostrophe(d) {
                    // An apostrophe joins only when a letter follows.
                    let after = text[i + d.len_utf8()..].chars().next();
                    if after.is_some_and(|a| a.is_alphabetic()) {
                        end = i + d.len_utf8();
                        it.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
        } else if c.is_whitespace() {
            kind = TokenKind::Space;
            while let Some(&(i, d)) = it.peek() {
                if d.is_whitespace() {
                    end = i + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
        } else {
            kind = TokenKind::Punct;
        }
        out.push(Token { start, end, kind });
    }
    out
}

/// The word tokens of `text`, in order.
pub fn words(text: &str) -> impl Iterator<Item = Token> + '_ {
    tokenize(text)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Word)
}

/// Comparison key of a word: NFKD (see [`COMPAT`] for its extent), diacritics dropped (but `й` kept), lower
/// case, `ё` → `е`, apostrophes unified to `'`, a few letters with no
/// decomposition spelled out (ß → ss, æ → ae, ø → o, ł → l, đ → d).
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            'й' | 'Й' => out.push('й'),
            'ё' | 'Ё' => out.push('е'),
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' => out.push('d'),
            c if is_apostrophe(c) => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => match COMPAT.binary_search_by_key(&c, |&(k, _)| k) {
                Ok(i) => COMPAT[i]
                    .1
                    .chars()
                    .for_each(|d| fold_decomposed(d, &mut out)),
                Err(_) => decompose_canonical(c, |d| fold_decomposed(d, &mut out)),
            },
        }
    }
    out
}

/// Canonical composition (NFC) of `s`: canonical decomposition, canonical
/// ordering of combining marks, then composition of each unblocked mark with
/// its starter (UAX #15), over the compact tables of `text/unicode.rs` (the
/// unicode-normalization crate's own tables are several times larger).
pub fn nfc(s: &str) -> String {
    let mut d: Vec<char> = Vec::with_capacity(s.len());
    for c in s.chars() {
        decompose_canonical(c, |x| d.push(x));
    }
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
    let mut out: Vec<char> = Vec::with_capacity(d.len());
    let mut starter: Option<usize> = None;
    // Combining class of the last mark kept after the starter: all marks
    // there are in ascending order, so it alone says whether one blocks.
    let mut last: Option<u8> = None;
    for c in d {
        let cc = canonical_combining_class(c);
        if let Some(si) = starter {
            if last.map_or(true, |l| l < cc) {
                if let Some(x) = compose(out[si], c) {
                    out[si] = x;
                    continue;
                }
            }
        }
        if cc == 0 {
            starter = Some(out.len());
            last = None;
        } else {
            last = Some(cc);
        }
        out.push(c);
    }
    out.into_iter().collect()
}

/// One character of a (compatibility or canonical) decomposition, folded.
fn fold_decomposed(d: char, out: &mut String) {
    if is_combining_mark(d) {
        return;
    }
    if d == 'ё' || d == 'Ё' {
        out.push('е');
    } else {
        push_lower(d, out);
    }
}

/// Appends `c` in lower case: what `char::to_lowercase` gives, from the
/// compact tables of `text/unicode.rs` (core's case tables cost the wasm
/// ~8 KB gzipped).
///
/// ```
/// let mut s = String::new();
/// for c in "ÅSA İ".chars() {
///     docent::text::push_lowercase(c, &mut s);
/// }
/// assert_eq!(s, "åsa i\u{307}");
/// ```
pub fn push_lowercase(c: char, out: &mut String) {
    push_lower(c, out);
}

/// `s` in lower case, exactly as `str::to_lowercase` has it: character by
/// character, but a capital sigma that ends a word becomes `ς`.
///
/// ```
/// assert_eq!(docent::text::lowercase("ΟΔΟΣ ΣΑ Kōno"), "οδος σα kōno");
/// ```
pub fn lowercase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if c == 'Σ' {
            // Final when a cased letter comes before and none after,
            // skipping case-ignorable characters (Unicode §3.13).
            fn cased(chars: &mut dyn Iterator<Item = char>) -> bool {
                for c in chars {
                    if !is_case_ignorable(c) {
                        return is_cased(c);
                    }
                }
                false
            }
            let before = cased(&mut s[..i].chars().rev());
            let after = cased(&mut s[i + c.len_utf8()..].chars());
            out.push(if before && !after { 'ς' } else { 'σ' });
        } else {
            push_lower(c, &mut out);
        }
    }
    out
}

/// Compatibility decompositions (NFKD minus NFD) of the blocks a reader of
/// this collection meets: Latin (ª º ĳ ŀ ŉ ſ ǆ ǉ ǌ ǳ, modifier letters),
/// Greek and Cyrillic symbol variants, super- and subscripts, the ﬁ-style
/// ligatures, kana digraphs and fullwidth ASCII. Elsewhere [`fold`] decomposes canonically
/// only: this table replaces unicode-normalization's full compatibility
/// tables (~60 KB of wasm data). A test checks it against NFKD, entry by
/// entry and block by block.
const COMPAT: &[(char, &str)] = &[
    ('\u{a0}', " "),
    ('\u{a8}', " \u{308}"),
    ('\u{aa}', "a"),
    ('\u{af}', " \u{304}"),
    ('\u{b2}', "2"),
    ('\u{b3}', "3"),
    ('\u{b4}', " \u{301}"),
    ('\u{b5}', "\u{3bc}"),
    ('\u{b8}', " \u{327}"),
    ('\u{b9}', "1"),
    ('\u{ba}', "o"),
    ('\u{bc}', "1\u{2044}4"),
    ('\u{bd}', "1\u{2044}2"),
    ('\u{be}', "3\u{2044}4"),
    ('\u{132}', "IJ"),
    ('\u{133}', "ij"),
    ('\u{13f}', "L\u{b7}"),
    ('\u{140}', "l\u{b7}"),
    ('\u{149}', "\u{2bc}n"),
    ('\u{17f}', "s"),
    ('\u{1c4}', "DZ\u{30c}"),
    ('\u{1c5}', "Dz\u{30c}"),
    ('\u{1c6}', "dz\u{30c}"),
    ('\u{1c7}', "LJ"),
    ('\u{1c8}', "Lj"),
    ('\u{1c9}', "lj"),
    ('\u{1ca}', "NJ"),
    ('\u{1cb}', "Nj"),
    ('\u{1cc}', "nj"),
    ('\u{1f1}', "DZ"),
    ('\u{1f2}', "Dz"),
    ('\u{1f3}', "dz"),
    ('\u{2b0}', "h"),
    ('\u{2b1}', "\u{266}"),
    ('\u{2b2}', "j"),
    ('\u{2b3}', "r"),
    ('\u{2b4}', "\u{279}"),
    ('\u{2b5}', "\u{27b}"),
    ('\u{2b6}', "\u{281}"),
    ('\u{2b7}', "w"),
    ('\u{2b8}', "y"),
    ('\u{2d8}', " \u{306}"),
    ('\u{2d9}', " \u{307}"),
    ('\u{2da}', " \u{30a}"),
    ('\u{2db}', " \u{328}"),
    ('\u{2dc}', " \u{303}"),
    ('\u{2dd}', " \u{30b}"),
    ('\u{2e0}', "\u{263}"),
    ('\u{2e1}', "l"),
    ('\u{2e2}', "s"),
    ('\u{2e3}', "x"),
    ('\u{2e4}', "\u{295}"),
    ('\u{37a}', " \u{345}"),
    ('\u{384}', " \u{301}"),
    ('\u{385}', " \u{308}\u{301}"),
    ('\u{3d0}', "\u{3b2}"),
    ('\u{3d1}', "\u{3b8}"),
    ('\u{3d2}', "\u{3a5}"),
    ('\u{3d3}', "\u{3a5}\u{301}"),
    ('\u{3d4}', "\u{3a5}\u{308}"),
    ('\u{3d5}', "\u{3c6}"),
    ('\u{3d6}', "\u{3c0}"),
    ('\u{3f0}', "\u{3ba}"),
    ('\u{3f1}', "\u{3c1}"),
    ('\u{3f2}', "\u{3c2}"),
    ('\u{3f4}', "\u{398}"),
    ('\u{3f5}', "\u{3b5}"),
    ('\u{3f9}', "\u{3a3}"),
    ('\u{1d2c}', "A"),
    ('\u{1d2d}', "\u{c6}"),
    ('\u{1d2e}', "B"),
    ('\u{1d30}', "D"),
    ('\u{1d31}', "E"),
    ('\u{1d32}', "\u{18e}"),
    ('\u{1d33}', "G"),
    ('\u{1d34}', "H"),
    ('\u{1d35}', "I"),
    ('\u{1d36}', "J"),
    ('\u{1d37}', "K"),
    ('\u{1d38}', "L"),
    ('\u{1d39}', "M"),
    ('\u{1d3a}', "N"),
    ('\u{1d3c}', "O"),
    ('\u{1d3d}', "\u{222}"),
    ('\u{1d3e}', "P"),
    ('\u{1d3f}', "R"),
    ('\u{1d40}', "T"),
    ('\u{1d41}', "U"),
    ('\u{1d42}', "W"),
    ('\u{1d43}', "a"),
    ('\u{1d44}', "\u{250}"),
    ('\u{1d45}', "\u{251}"),
    ('\u{1d46}', "\u{1d02}"),
    ('\u{1d47}', "b"),
    ('\u{1d48}', "d"),
    ('\u{1d49}', "e"),
    ('\u{1d4a}', "\u{259}"),
    ('\u{1d4b}', "\u{25b}"),
    ('\u{1d4c}', "\u{25c}"),
    ('\u{1d4d}', "g"),
    ('\u{1d4f}', "k"),
    ('\u{1d50}', "m"),
    ('\u{1d51}', "\u{14b}"),
    ('\u{1d52}', "o"),
    ('\u{1d53}', "\u{254}"),
    ('\u{1d54}', "\u{1d16}"),
    ('\u{1d55}', "\u{1d17}"),
    ('\u{1d56}', "p"),
    ('\u{1d57}', "t"),
    ('\u{1d58}', "u"),
    ('\u{1d59}', "\u{1d1d}"),
    ('\u{1d5a}', "\u{26f}"),
    ('\u{1d5b}', "v"),
    ('\u{1d5c}', "\u{1d25}"),
    ('\u{1d5d}', "\u{3b2}"),
    ('\u{1d5e}', "\u{3b3}"),
    ('\u{1d5f}', "\u{3b4}"),
    ('\u{1d60}', "\u{3c6}"),
    ('\u{1d61}', "\u{3c7}"),
    ('\u{1d62}', "i"),
    ('\u{1d63}', "r"),
    ('\u{1d64}', "u"),
    ('\u{1d65}', "v"),
    ('\u{1d66}', "\u{3b2}"),
    ('\u{1d67}', "\u{3b3}"),
    ('\u{1d68}', "\u{3c1}"),
    ('\u{1d69}', "\u{3c6}"),
    ('\u{1d6a}', "\u{3c7}"),
    ('\u{1d78}', "\u{43d}"),
    ('\u{1d9b}', "\u{252}"),
    ('\u{1d9c}', "c"),
    ('\u{1d9d}', "\u{255}"),
    ('\u{1d9e}', "\u{f0}"),
    ('\u{1d9f}', "\u{25c}"),
    ('\u{1da0}', "f"),
    ('\u{1da1}', "\u{25f}"),
    ('\u{1da2}', "\u{261}"),
    ('\u{1da3}', "\u{265}"),
    ('\u{1da4}', "\u{268}"),
    ('\u{1da5}', "\u{269}"),
    ('\u{1da6}', "\u{26a}"),
    ('\u{1da7}', "\u{1d7b}"),
    ('\u{1da8}', "\u{29d}"),
    ('\u{1da9}', "\u{26d}"),
    ('\u{1daa}', "\u{1d85}"),
    ('\u{1dab}', "\u{29f}"),
    ('\u{1dac}', "\u{271}"),
    ('\u{1dad}', "\u{270}"),
    ('\u{1dae}', "\u{272}"),
    ('\u{1daf}', "\u{273}"),
    ('\u{1db0}', "\u{274}"),
    ('\u{1db1}', "\u{275}"),
    ('\u{1db2}', "\u{278}"),
    ('\u{1db3}', "\u{282}"),
    ('\u{1db4}', "\u{283}"),
    ('\u{1db5}', "\u{1ab}"),
    ('\u{1db6}', "\u{289}"),
    ('\u{1db7}', "\u{28a}"),
    ('\u{1db8}', "\u{1d1c}"),
    ('\u{1db9}', "\u{28b}"),
    ('\u{1dba}', "\u{28c}"),
    ('\u{1dbb}', "z"),
    ('\u{1dbc}', "\u{290}"),
    ('\u{1dbd}', "\u{291}"),
    ('\u{1dbe}', "\u{292}"),
    ('\u{1dbf}', "\u{3b8}"),
    ('\u{1e9a}', "a\u{2be}"),
    ('\u{1e9b}', "s\u{307}"),
    ('\u{1fbd}', " \u{313}"),
    ('\u{1fbf}', " \u{313}"),
    ('\u{1fc0}', " \u{342}"),
    ('\u{1fc1}', " \u{308}\u{342}"),
    ('\u{1fcd}', " \u{313}\u{300}"),
    ('\u{1fce}', " \u{313}\u{301}"),
    ('\u{1fcf}', " \u{313}\u{342}"),
    ('\u{1fdd}', " \u{314}\u{300}"),
    ('\u{1fde}', " \u{314}\u{301}"),
    ('\u{1fdf}', " \u{314}\u{342}"),
    ('\u{1fed}', " \u{308}\u{300}"),
    ('\u{1fee}', " \u{308}\u{301}"),
    ('\u{1ffd}', " \u{301}"),
    ('\u{1ffe}', " \u{314}"),
    ('\u{2070}', "0"),
    ('\u{2071}', "i"),
    ('\u{2074}', "4"),
    ('\u{2075}', "5"),
    ('\u{2076}', "6"),
    ('\u{2077}', "7"),
    ('\u{2078}', "8"),
    ('\u{2079}', "9"),
    ('\u{207a}', "+"),
    ('\u{207b}', "\u{2212}"),
    ('\u{207c}', "="),
    ('\u{207d}', "("),
    ('\u{207e}', ")"),
    ('\u{207f}', "n"),
    ('\u{2080}', "0"),
    ('\u{2081}', "1"),
    ('\u{2082}', "2"),
    ('\u{2083}', "3"),
    ('\u{2084}', "4"),
    ('\u{2085}', "5"),
    ('\u{2086}', "6"),
    ('\u{2087}', "7"),
    ('\u{2088}', "8"),
    ('\u{2089}', "9"),
    ('\u{208a}', "+"),
    ('\u{208b}', "\u{2212}"),
    ('\u{208c}', "="),
    ('\u{208d}', "("),
    ('\u{208e}', ")"),
    ('\u{2090}', "a"),
    ('\u{2091}', "e"),
    ('\u{2092}', "o"),
    ('\u{2093}', "x"),
    ('\u{2094}', "\u{259}"),
    ('\u{2095}', "h"),
    ('\u{2096}', "k"),
    ('\u{2097}', "l"),
    ('\u{2098}', "m"),
    ('\u{2099}', "n"),
    ('\u{209a}', "p"),
    ('\u{209b}', "s"),
    ('\u{209c}', "t"),
    ('\u{209d}', "w"),
    ('\u{209e}', "y"),
    ('\u{209f}', "z"),
    ('\u{309b}', " \u{3099}"),
    ('\u{309c}', " \u{309a}"),
    ('\u{309f}', "\u{3088}\u{308a}"),
    ('\u{30ff}', "\u{30b3}\u{30c8}"),
    ('\u{fb00}', "ff"),
    ('\u{fb01}', "fi"),
    ('\u{fb02}', "fl"),
    ('\u{fb03}', "ffi"),
    ('\u{fb04}', "ffl"),
    ('\u{fb05}', "st"),
    ('\u{fb06}', "st"),
    ('\u{ff01}', "!"),
    ('\u{ff02}', "\""),
    ('\u{ff03}', "#"),
    ('\u{ff04}', "$"),
    ('\u{ff05}', "%"),
    ('\u{ff06}', "&"),
    ('\u{ff07}', "'"),
    ('\u{ff08}', "("),
    ('\u{ff09}', ")"),
    ('\u{ff0a}', "*"),
    ('\u{ff0b}', "+"),
    ('\u{ff0c}', ","),
    ('\u{ff0d}', "-"),
    ('\u{ff0e}', "."),
    ('\u{ff0f}', "/"),
    ('\u{ff10}', "0"),
    ('\u{ff11}', "1"),
    ('\u{ff12}', "2"),
    ('\u{ff13}', "3"),
    ('\u{ff14}', "4"),
    ('\u{ff15}', "5"),
    ('\u{ff16}', "6"),
    ('\u{ff17}', "7"),
    ('\u{ff18}', "8"),
    ('\u{ff19}', "9"),
    ('\u{ff1a}', ":"),
    ('\u{ff1b}', ";"),
    ('\u{ff1c}', "<"),
    ('\u{ff1d}', "="),
    ('\u{ff1e}', ">"),
    ('\u{ff1f}', "?"),
    ('\u{ff20}', "@"),
    ('\u{ff21}', "A"),
    ('\u{ff22}', "B"),
    ('\u{ff23}', "C"),
    ('\u{ff24}', "D"),
    ('\u{ff25}', "E"),
    ('\u{ff26}', "F"),
    ('\u{ff27}', "G"),
    ('\u{ff28}', "H"),
    ('\u{ff29}', "I"),
    ('\u{ff2a}', "J"),
    ('\u{ff2b}', "K"),
    ('\u{ff2c}', "L"),
    ('\u{ff2d}', "M"),
    ('\u{ff2e}', "N"),
    ('\u{ff2f}', "O"),
    ('\u{ff30}', "P"),
    ('\u{ff31}', "Q"),
    ('\u{ff32}', "R"),
    ('\u{ff33}', "S"),
    ('\u{ff34}', "T"),
    ('\u{ff35}', "U"),
    ('\u{ff36}', "V"),
    ('\u{ff37}', "W"),
    ('\u{ff38}', "X"),
    ('\u{ff39}', "Y"),
    ('\u{ff3a}', "Z"),
    ('\u{ff3b}', "["),
    ('\u{ff3c}', "\\"),
    ('\u{ff3d}', "]"),
    ('\u{ff3e}', "^"),
    ('\u{ff3f}', "_"),
    ('\u{ff40}', "`"),
    ('\u{ff41}', "a"),
    ('\u{ff42}', "b"),
    ('\u{ff43}', "c"),
    ('\u{ff44}', "d"),
    ('\u{ff45}', "e"),
    ('\u{ff46}', "f"),
    ('\u{ff47}', "g"),
    ('\u{ff48}', "h"),
    ('\u{ff49}', "i"),
    ('\u{ff4a}', "j"),
    ('\u{ff4b}', "k"),
    ('\u{ff4c}', "l"),
    ('\u{ff4d}', "m"),
    ('\u{ff4e}', "n"),
    ('\u{ff4f}', "o"),
    ('\u{ff50}', "p"),
    ('\u{ff51}', "q"),
    ('\u{ff52}', "r"),
    ('\u{ff53}', "s"),
    ('\u{ff54}', "t"),
    ('\u{ff55}', "u"),
    ('\u{ff56}', "v"),
    ('\u{ff57}', "w"),
    ('\u{ff58}', "x"),
    ('\u{ff59}', "y"),
    ('\u{ff5a}', "z"),
    ('\u{ff5b}', "{"),
    ('\u{ff5c}', "|"),
    ('\u{ff5d}', "}"),
    ('\u{ff5e}', "~"),
];

/// Search/mention term of a word: [`fold`] minus a possessive ending
/// ("Bulganin's" → "bulganin", "Soviets'" stays "soviets'" → "soviets").
pub fn term(word: &str) -> String {
    let mut f = fold(word);
    if f.ends_with("'s") && f.len() > 2 {
        f.truncate(f.len() - 2);
    } else if f.ends_with('\'') {
        f.pop();
    }
    f
}

/// Folds a whole text the way words are folded, keeping non-word characters:
/// useful to compare quotes "after normalization".
pub fn fold_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for t in tokenize(text) {
        let s = &text[t.start..t.end];
        match t.kind {
            TokenKind::Word => out.push_str(&fold(s)),
            TokenKind::Space => out.push(' '),
            TokenKind::Punct => out.push_str(s),
        }
    }
    out
}

/// Collapses every run of white space to one space and trims the ends.
pub fn squash_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Does the word start with an upper-case letter (a name candidate)?
pub fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expect: &[&str]) {
        let got: Vec<String> = words(text).map(|t| fold(&text[t.start..t.end])).collect();
        assert_eq!(got, expect, "words of {text:?}");
        let all: String = tokenize(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect();
        assert_eq!(all, text, "tokenize must be lossless");
    }

    /// The fold as it was with the full NFKD tables: the reference for
    /// every block [`COMPAT`] covers.
    fn fold_nfkd(word: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        let mut out = String::new();
        for c in word.chars() {
            if c.is_ascii() || "йЙёЁßæÆœŒøØłŁđĐ".contains(c) || is_apostrophe(c) {
                out.push_str(&fold(&c.to_string()));
            } else {
                std::iter::once(c)
                    .nfkd()
                    .for_each(|d| fold_decomposed(d, &mut out));
            }
        }
        out
    }

    #[test]
    fn compat_table_equals_nfkd_in_its_blocks() {
        assert!(
            COMPAT.windows(2).all(|w| w[0].0 < w[1].0),
            "COMPAT must stay sorted"
        );
        let blocks = [
            0xA0..=0x24F,
            0x2B0..=0x2FF,
            0x370..=0x52F,
            0x1D00..=0x1DBF,
            0x1E00..=0x1FFF,
            0x2070..=0x209F,
            0xFB00..=0xFB06,
            0xFF01..=0xFF5E,
            // Kana and CJK ideographs, both in the corpus.
            0x3040..=0x30FF,
            0x4E00..=0x9FFF,
        ];
        let wrong: Vec<String> = blocks
            .into_iter()
            .flatten()
            .filter_map(char::from_u32)
            .filter(|c| fold(&c.to_string()) != fold_nfkd(&c.to_string()))
            .map(|c| format!("U+{:04X} {c} → {:?}", c as u32, fold_nfkd(&c.to_string())))
            .collect();
        assert!(wrong.is_empty(), "fold differs from NFKD: {wrong:#?}");
    }

    /// `fold` and `nfc` of every code point are what they were over the
    /// unicode-normalization crate's tables.
    #[test]
    fn fold_and_nfc_equal_the_crate_for_every_code_point() {
        use unicode_normalization::{char as uc, UnicodeNormalization};
        let fold_crate = |c: char| -> String {
            if c.is_ascii() || "йЙёЁßæÆœŒøØłŁđĐ".contains(c) || is_apostrophe(c) {
                return fold(&c.to_string());
            }
            let mut out = String::new();
            let mut push = |d: char| match d {
                d if uc::is_combining_mark(d) => {}
                'ё' | 'Ё' => out.push('е'),
                d => out.extend(d.to_lowercase()),
            };
            match COMPAT.binary_search_by_key(&c, |&(k, _)| k) {
                Ok(i) => COMPAT[i].1.chars().for_each(&mut push),
                Err(_) => uc::decompose_canonical(c, &mut push),
            }
            out
        };
        let mut wrong = Vec::new();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = c.to_string();
            if fold(&s) != fold_crate(c) {
                wrong.push(format!("fold U+{:04X}", c as u32));
            }
            if nfc(&s) != s.nfc().collect::<String>() {
                wrong.push(format!("nfc U+{:04X}", c as u32));
            }
        }
        assert_no_differences(&wrong);
    }

    /// Fails with the count and the first few of `wrong`, if any.
    pub(super) fn assert_no_differences(wrong: &[String]) {
        let first = &wrong[..wrong.len().min(20)];
        assert!(wrong.is_empty(), "{} differences: {first:?}", wrong.len());
    }

    #[test]
    fn nfc_equals_the_crates_nfc() {
        use unicode_normalization::UnicodeNormalization;
        let marks = [
            "",
            "\u{301}",
            "\u{323}\u{302}",
            "\u{302}\u{323}",
            "\u{308}\u{301}",
            "\u{304}",
        ];
        let blocks = [
            0x41..=0x7A,
            0xA0..=0x24F,
            0x370..=0x52F,
            0x1E00..=0x1FFF,
            0x3040..=0x30FF,
            0xAC00..=0xAC40,
            0x1100..=0x1175,
        ];
        for c in blocks.into_iter().flatten().filter_map(char::from_u32) {
            for m in marks {
                let s = format!("{c}{m}x{m}");
                assert_eq!(nfc(&s), s.nfc().collect::<String>(), "nfc of {s:?}");
            }
        }
        for s in [
            "\u{1100}\u{1161}\u{11A8}",
            "\u{301}a",
            "e\u{301}\u{301}",
            "Ko\u{304}no",
            "",
        ] {
            assert_eq!(nfc(s), s.nfc().collect::<String>(), "nfc of {s:?}");
        }
    }

    /// `push_lowercase` equals `char::to_lowercase` and `lowercase` equals
    /// `str::to_lowercase` for every code point, the latter also around a
    /// capital sigma (before and after it, where the final-sigma rule looks).
    #[test]
    fn lowercase_equals_core_for_every_code_point() {
        let mut wrong = Vec::new();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut ours = String::new();
            push_lowercase(c, &mut ours);
            if ours != c.to_lowercase().collect::<String>() {
                wrong.push(format!("U+{:04X} lower", c as u32));
            }
            for s in [
                format!("Α{c}Σ"),
                format!("ΑΣ{c}"),
                format!("{c}Σ"),
                format!("Σ{c}"),
            ] {
                if lowercase(&s) != s.to_lowercase() {
                    wrong.push(format!("{s:?} lowercase"));
                }
            }
        }
        assert_no_differences(&wrong);
    }

    #[test]
    fn lowercase_table() {
        for s in [
            "",
            "Σ",
            "ΟΔΟΣ",
            "ΟΔΟΣ'",
            "ΟΔΟΣ\u{301}",
            "Α'Σ'Β",
            "ΑΣ.Β",
            "ὈΔΥΣΣΕΎΣ",
            "ǅΣ",
            "İSTANBUL",
            "ΣΑΣ ΣΑΣ",
            "Хрущёв KŌNO",
        ] {
            assert_eq!(lowercase(s), s.to_lowercase(), "lowercase of {s:?}");
        }
    }

    #[test]
    fn folded_compat_forms() {
        for (word, folded) in [
            ("ﬁnal", "final"),
            ("Ｋｏｎｏ", "kono"),
            ("x²", "x2"),
            ("ĳssel", "ijssel"),
            ("ǅemal", "dzemal"),
            ("ſtraits", "straits"),
            ("µm", "μm"),
        ] {
            assert_eq!(fold(word), folded, "fold of {word}");
        }
    }

    #[test]
    fn words_table() {
        check("Хрущёв and Хрущев", &["хрущев", "and", "хрущев"]);
        check("Kōno, Habomaï", &["kono", "habomai"]);
        check("Bulganin’s reply", &["bulganin's", "reply"]);
        check("Habomais' shore", &["habomais", "shore"]);
        check("treaty ⁽¹²⁾.", &["treaty"]);
        check("H[abomai]", &["h", "abomai"]);
        check("Japan-Soviet 1,016", &["japan", "soviet", "1", "016"]);
        check("Ичшков Йошкар", &["ичшков", "йошкар"]);
        check("", &[]);
        check("  \n\t ", &[]);
        check("🙂 a\u{0301}b", &["ab"]);
    }

    #[test]
    fn terms_strip_possessives() {
        assert_eq!(term("Bulganin's"), "bulganin");
        assert_eq!(term("Soviets’"), "soviets");
        assert_eq!(term("Kono"), "kono");
    }

    #[test]
    fn fold_text_keeps_punctuation() {
        assert_eq!(fold_text("Хрущёв,  Kōno!"), "хрущев, kono!");
    }
}
