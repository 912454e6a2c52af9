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
    canonical_combining_class, compose, decompose_canonical, decompose_compatible,
    is_case_ignorable, is_cased, is_combining_mark, push_lower,
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
#[inline]
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
    out.extend(Tokens { text, at: 0 });
    out
}

/// The word tokens of `text`, in order: the words of [`tokenize`], cut as
/// they are read (nothing is collected; space and punctuation are stepped
/// over without making tokens of them).
pub fn words(text: &str) -> impl Iterator<Item = Token> + '_ {
    let mut t = Tokens { text, at: 0 };
    std::iter::from_fn(move || t.next_word())
}

/// The tokens of [`tokenize`], one at a time.
struct Tokens<'a> {
    text: &'a str,
    at: usize,
}

impl Tokens<'_> {
    /// The next word token. A word starts at any word character the token
    /// before did not take (space runs and punctuation never take one).
    fn next_word(&mut self) -> Option<Token> {
        let bytes = self.text.as_bytes();
        loop {
            let &b = bytes.get(self.at)?;
            if b.is_ascii_alphanumeric() {
                break;
            }
            if b.is_ascii() {
                self.at += 1;
                continue;
            }
            let c = self.text[self.at..].chars().next()?;
            if is_word_char(c) {
                break;
            }
            self.at += c.len_utf8();
        }
        let start = self.at;
        self.at = self.word_end(start);
        Some(Token {
            start,
            end: self.at,
            kind: TokenKind::Word,
        })
    }

    /// The end of the word starting at `start` (a word character).
    fn word_end(&self, start: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut end = start + self.text[start..].chars().next().map_or(1, char::len_utf8);
        while let Some(&b) = bytes.get(end) {
            // ASCII letters and digits, the bulk of most text, byte by byte.
            if b.is_ascii_alphanumeric() {
                end += 1;
                continue;
            }
            let Some(d) = self.text[end..].chars().next() else {
                break;
            };
            if is_word_char(d) {
                end += d.len_utf8();
            } else if is_apostrophe(d) {
                // An apostrophe joins only when a letter follows.
                let after = self.text[end + d.len_utf8()..].chars().next();
                if after.is_some_and(|a| a.is_alphabetic()) {
                    end += d.len_utf8();
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        end
    }
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let start = self.at;
        let rest = &self.text[start..];
        let c = rest.chars().next()?;
        let mut end = start + c.len_utf8();
        let kind = if is_word_char(c) {
            end = self.word_end(start);
            TokenKind::Word
        } else if c.is_whitespace() {
            end = start
                + rest
                    .find(|d: char| !d.is_whitespace())
                    .unwrap_or(rest.len());
            TokenKind::Space
        } else {
            TokenKind::Punct
        };
        self.at = end;
        Some(Token { start, end, kind })
    }
}

/// Comparison key of a word: NFKD (in the blocks a reader of this
/// collection meets: Latin, Greek, Cyrillic, super- and subscripts,
/// ligatures, kana, fullwidth ASCII; elsewhere NFD, see
/// scripts/unicode-tables.rs), diacritics dropped (but `й` kept), lower
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
            c => {
                let mut push = |d| fold_decomposed(d, &mut out);
                if !decompose_compatible(c, &mut push) {
                    decompose_canonical(c, push);
                }
            }
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
/// compact tables of `text/unicode.rs` (core's case tables are far larger
/// in the wasm).
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
        words_are_tokenize_words(text);
    }

    /// [`words`] steps over space and punctuation on its own: it must cut
    /// exactly the word tokens of [`tokenize`].
    fn words_are_tokenize_words(text: &str) {
        let from_tokens: Vec<(usize, usize)> = tokenize(text)
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| (t.start, t.end))
            .collect();
        let cut: Vec<(usize, usize)> = words(text).map(|t| (t.start, t.end)).collect();
        assert_eq!(cut, from_tokens, "words of {text:?}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn words_match_tokenize(
            text in "[a-zA-Z0-9 '’ʼ.,\\t\\n\\u{300}\\u{2070}-\\u{207f}ёЖ🙂\\u{3000}\\u{a0}_-]{0,40}"
        ) {
            words_are_tokenize_words(&text);
        }
    }

    /// `fold` and `nfc` of every code point are what they were over the
    /// unicode-normalization crate's tables: with NFKD in the blocks of
    /// `COMPAT_BLOCKS`, NFD elsewhere.
    #[test]
    fn fold_and_nfc_equal_the_crate_for_every_code_point() {
        use unicode_normalization::{char as uc, UnicodeNormalization};
        let compat = |c: char| {
            let u = c as u32;
            super::unicode_data::COMPAT_BLOCKS
                .iter()
                .any(|&(a, b)| (a..=b).contains(&u))
        };
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
            if compat(c) {
                std::iter::once(c).nfkd().for_each(&mut push);
            } else {
                uc::decompose_canonical(c, &mut push);
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
