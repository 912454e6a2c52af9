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

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

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

/// Comparison key of a word: NFKD, diacritics dropped (but `й` kept), lower
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
                for d in std::iter::once(c).nfkd() {
                    if is_combining_mark(d) {
                        continue;
                    }
                    if d == 'ё' || d == 'Ё' {
                        out.push('е');
                    } else {
                        out.extend(d.to_lowercase());
                    }
                }
            }
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
