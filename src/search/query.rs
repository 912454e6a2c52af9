//! The query language, parsed into clauses and filters.
//!
//! ```text
//! kruschev okinawa          words (every word must match: AND)
//! "Habomai and Shikotan"    a phrase (positional; no stemming or typos inside)
//! -Okinawa  -"peace treaty" exclusion
//! speaker:Khrushchev        filters: speaker:NAME speaker:"From the floor"
//! doc:1956-10-17 kind:footnote kind:treaty
//! 1956  1955..1956          years and year ranges (document dates)
//! hatoy                     the last bare word is also a prefix while typing
//! Habomai OR Shikotan       either (OR in capitals); binds before the AND
//!                           between terms: treaty Habomai OR Shikotan is
//!                           treaty AND (Habomai OR Shikotan)
//! ```
//!
//! Parsing never fails: what cannot be used becomes a notice. Work is bounded:
//! the query is cut to [`MAX_QUERY_BYTES`], at most [`MAX_CLAUSES`] clauses and
//! [`MAX_PHRASE_WORDS`] words per phrase are kept.

use super::index::term_key;
use crate::text::{term, words};
use serde::Serialize;

/// Longer queries are cut (at a character boundary) with a notice.
pub const MAX_QUERY_BYTES: usize = 1024;
/// Clauses (words and phrases, kept or excluded) beyond this are ignored.
pub const MAX_CLAUSES: usize = 16;
/// Words of a phrase beyond this are ignored.
pub const MAX_PHRASE_WORDS: usize = 12;
/// Longer words are cut to this many characters (they match nothing anyway).
pub const MAX_WORD_CHARS: usize = 64;

/// One word of a clause: its search term and its exact (lower-case, not
/// diacritic-folded) form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub term: String,
    pub exact: String,
}

/// A word or a phrase of the query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    pub words: Vec<Word>,
    /// Quoted (or several words glued by punctuation, like `Japan-Soviet`):
    /// positional, no stemming, no typo tolerance.
    pub phrase: bool,
    /// The last bare word while typing: also matches as a prefix.
    pub prefix: bool,
    /// Byte range of the clause in the (cut) query, for "did you mean".
    pub at: (usize, usize),
    /// Joined to the clause before by `OR`: either may match
    /// ([`Query::groups`]).
    pub or: bool,
}

/// A `key:value` filter; `negated` for `-key:value`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    pub key: FilterKey,
    /// Folded value.
    pub value: String,
    pub negated: bool,
}

/// What a filter restricts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterKey {
    Speaker,
    Doc,
    Kind,
}

/// One piece of the query as the user wrote it, for the page to draw
/// (filter chips, the syntax it understood) without parsing it again.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Part {
    pub what: PartKind,
    /// As written (e.g. `speaker:"From the floor"`, `-Okinawa`, `1955..1956`):
    /// removing it from the query text removes this piece.
    pub text: String,
    /// The folded value: a filter's value, a word's or phrase's search terms
    /// joined by spaces, a year range as `1955..1956`.
    pub value: String,
    /// Written with a leading `-`: excluded.
    pub negated: bool,
    /// Of an OR group: its words and phrases, in the order written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<Part>,
}

/// What a [`Part`] is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PartKind {
    #[default]
    Word,
    Phrase,
    Speaker,
    Doc,
    Kind,
    Year,
    /// Words and phrases joined by `OR` (`Habomai OR "Etorofu island"`):
    /// either may match. Its `value` is theirs joined by ` OR `.
    Or,
}

/// What one piece of the query turned out to be, for joining clauses by OR.
enum Piece {
    /// A word or phrase to find (`q.clauses[at]`); `bare` if not a phrase.
    Clause { at: usize, bare: bool },
    /// `OR`.
    Or,
    /// A filter, a year, an exclusion, a dropped clause or a notice.
    Other,
    /// Nothing to search (punctuation, symbols): as if it were not there.
    Nothing,
}

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// The query as used (cut to [`MAX_QUERY_BYTES`]).
    pub text: String,
    pub clauses: Vec<Clause>,
    pub excluded: Vec<Clause>,
    pub filters: Vec<Filter>,
    /// Inclusive year ranges; a paragraph passes if any range holds.
    pub years: Vec<(u16, u16)>,
    /// What was ignored or cut, said plainly.
    pub notices: Vec<String>,
    /// Every piece in the order written (words, phrases, filters, years).
    pub parts: Vec<Part>,
}

impl Query {
    /// Parses any string.
    ///
    /// ```
    /// use docent::search::query::Query;
    /// let q = Query::parse("\"Habomai and Shikotan\" speaker:Khrushchev 1956 -okinawa");
    /// assert_eq!(q.clauses.len(), 1);
    /// assert_eq!(q.clauses[0].words.len(), 3);
    /// assert_eq!(q.filters[0].value, "khrushchev");
    /// assert_eq!(q.years, [(1956, 1956)]);
    /// assert_eq!(q.excluded[0].words[0].term, "okinawa");
    /// let q = Query::parse("treaty Habomai OR Shikotan");
    /// assert_eq!(q.groups().count(), 2);
    /// ```
    pub fn parse(input: &str) -> Query {
        let mut q = Query::default();
        let mut end = input.len().min(MAX_QUERY_BYTES);
        while !input.is_char_boundary(end) {
            end -= 1;
        }
        if end < input.len() {
            q.notices.push(format!(
                "the query was cut to its first {MAX_QUERY_BYTES} bytes"
            ));
        }
        let s = &input[..end];
        q.text = s.to_string();
        let mut i = 0;
        let mut last_bare: Option<usize> = None;
        let mut dropped = false;
        // OR joins the clause just before it (`joinable`) to the next one.
        let mut joinable: Option<usize> = None;
        let mut or_pending = false;
        let mut lone_or = false;
        while i < s.len() {
            let c = s[i..].chars().next().unwrap_or(' ');
            if c.is_whitespace() {
                i += c.len_utf8();
                continue;
            }
            last_bare = None;
            match q.piece(s, &mut i, &mut dropped) {
                Piece::Nothing => {}
                Piece::Or if joinable.is_some() && !or_pending => or_pending = true,
                Piece::Or => lone_or = true,
                Piece::Other => {
                    lone_or |= std::mem::take(&mut or_pending);
                    joinable = None;
                }
                Piece::Clause { at, bare } => {
                    if std::mem::take(&mut or_pending) {
                        q.join(at);
                    }
                    joinable = Some(at);
                    if bare {
                        last_bare = Some(at);
                    }
                }
            }
        }
        if let Some(k) = last_bare {
            if !s.ends_with(char::is_whitespace) {
                q.clauses[k].prefix = true;
            }
        }
        if dropped {
            q.notices.push(format!(
                "only the first {MAX_CLAUSES} words and phrases were used"
            ));
        }
        if lone_or || or_pending {
            q.notices.push(
                "OR joins a word or phrase to the next one (Habomai OR Shikotan); one without both was left out"
                    .into(),
            );
        }
        q
    }

    /// The clauses every match must satisfy, each as its alternatives (one
    /// clause, or several joined by OR).
    pub fn groups(&self) -> impl Iterator<Item = &[Clause]> {
        self.clauses.chunk_by(|_, next| next.or)
    }

    /// Reads the piece of the query at `*i` (not white space) and moves past it.
    fn piece(&mut self, s: &str, i: &mut usize, dropped: &mut bool) -> Piece {
        let b = s.as_bytes();
        let start = *i;
        let negated = b[*i] == b'-';
        if negated {
            *i += 1;
        }
        if *i < b.len() && b[*i] == b'"' {
            let (inner, next) = quoted(s, *i);
            *i = next;
            let clause = clause_of(inner, true, (start, *i));
            self.part(PartKind::Phrase, &s[start..*i], &clause, negated);
            return self.push(clause, negated, dropped);
        }
        // A chunk up to white space or a quote.
        let chunk_end = s[*i..]
            .find(|c: char| c.is_whitespace() || c == '"')
            .map_or(s.len(), |k| *i + k);
        let chunk = &s[*i..chunk_end];
        *i = chunk_end;
        // Capitals only: "or" is a word of the sources, searched like any.
        if chunk == "OR" && !negated {
            return Piece::Or;
        }
        if let Some((key, value)) = chunk.split_once(':') {
            let key_l = key.to_ascii_lowercase();
            let fkey = match key_l.as_str() {
                "speaker" => Some(FilterKey::Speaker),
                "doc" => Some(FilterKey::Doc),
                "kind" => Some(FilterKey::Kind),
                "year" | "date" => None,
                _ => {
                    // Not a filter: ordinary words.
                    let clause = clause_of(chunk, false, (start, *i));
                    self.part(PartKind::Word, &s[start..*i], &clause, negated);
                    return self.push(clause, negated, dropped);
                }
            };
            let mut value = value.to_string();
            if value.is_empty() && *i < b.len() && b[*i] == b'"' {
                let (inner, next) = quoted(s, *i);
                value = inner.to_string();
                *i = next;
            }
            let folded = term_key(&value);
            match fkey {
                _ if folded.is_empty() => self
                    .notices
                    .push(format!("`{key}:` needs a value, e.g. {}", example(&key_l))),
                Some(key) => {
                    self.parts.push(Part {
                        what: match key {
                            FilterKey::Speaker => PartKind::Speaker,
                            FilterKey::Doc => PartKind::Doc,
                            FilterKey::Kind => PartKind::Kind,
                        },
                        text: s[start..*i].into(),
                        value: folded.clone(),
                        negated,
                        alternatives: Vec::new(),
                    });
                    self.filters.push(Filter {
                        key,
                        value: folded,
                        negated,
                    })
                }
                None => match years(&folded) {
                    Some(r) => self.year(r, &s[start..*i], negated),
                    None => self.notices.push(format!(
                        "`{chunk}` is not a year or a range like 1955..1956"
                    )),
                },
            }
            return Piece::Other;
        }
        if !negated {
            if let Some(r) = years(chunk) {
                self.year(r, chunk, false);
                return Piece::Other;
            }
        }
        let clause = clause_of(chunk, false, (start, *i));
        let what = if clause.phrase {
            PartKind::Phrase
        } else {
            PartKind::Word
        };
        self.part(what, &s[start..*i], &clause, negated);
        let bare = !clause.phrase;
        match self.push(clause, negated, dropped) {
            Piece::Clause { at, .. } => Piece::Clause { at, bare },
            other => other,
        }
    }

    /// Joins clause `k` to the one before as its alternative, and its part
    /// to the part before (making that an OR group if it is not one yet).
    fn join(&mut self, k: usize) {
        self.clauses[k].or = true;
        let first = (0..k).rev().find(|&j| !self.clauses[j].or).unwrap_or(0);
        let (Some(right), Some(left)) = (self.parts.pop(), self.parts.last_mut()) else {
            return;
        };
        if left.what != PartKind::Or {
            let alone = std::mem::take(left);
            left.what = PartKind::Or;
            left.value.push_str(&alone.value);
            left.alternatives.push(alone);
        }
        left.value.push_str(" OR ");
        left.value.push_str(&right.value);
        left.alternatives.push(right);
        left.text = self.text[self.clauses[first].at.0..self.clauses[k].at.1].to_string();
    }

    /// Records a word or phrase as written (not when it has no word to search).
    fn part(&mut self, what: PartKind, text: &str, clause: &Clause, negated: bool) {
        if clause.words.is_empty() {
            return;
        }
        let terms: Vec<&str> = clause.words.iter().map(|w| w.term.as_str()).collect();
        self.parts.push(Part {
            what,
            text: text.into(),
            value: terms.join(" "),
            negated,
            alternatives: Vec::new(),
        });
    }

    /// Records a year range (`year:1956`, `date:1955..1956`, `1956`).
    fn year(&mut self, (a, b): (u16, u16), text: &str, negated: bool) {
        self.years.push((a, b));
        self.parts.push(Part {
            what: PartKind::Year,
            text: text.into(),
            value: if a == b {
                a.to_string()
            } else {
                format!("{a}..{b}")
            },
            negated,
            alternatives: Vec::new(),
        });
    }

    fn push(&mut self, clause: Clause, negated: bool, dropped: &mut bool) -> Piece {
        if clause.words.is_empty() {
            return Piece::Nothing;
        }
        if self.clauses.len() + self.excluded.len() >= MAX_CLAUSES {
            *dropped = true;
            return Piece::Other;
        }
        if negated {
            self.excluded.push(clause);
            Piece::Other
        } else {
            self.clauses.push(clause);
            Piece::Clause {
                at: self.clauses.len() - 1,
                bare: false,
            }
        }
    }

    /// Is there nothing to look for (no words, no filters)?
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
            && self.excluded.is_empty()
            && self.filters.is_empty()
            && self.years.is_empty()
    }
}

fn example(key: &str) -> &'static str {
    match key {
        "speaker" => "speaker:Khrushchev or speaker:\"From the floor\"",
        "doc" => "doc:1956-10-17-khrushchev-kono",
        "kind" => "kind:footnote or kind:treaty",
        _ => "year:1956 or 1955..1956",
    }
}

/// The inside of a quote starting at `at` (which holds `"`), and the index
/// after the closing quote (or the end: an unbalanced quote runs to the end).
fn quoted(s: &str, at: usize) -> (&str, usize) {
    let body = &s[at + 1..];
    match body.find('"') {
        Some(k) => (&body[..k], at + 1 + k + 1),
        None => (body, s.len()),
    }
}

fn clause_of(text: &str, quoted: bool, at: (usize, usize)) -> Clause {
    let mut ws = Vec::new();
    for t in words(text) {
        if ws.len() == MAX_PHRASE_WORDS {
            break;
        }
        let w = cut_chars(&text[t.start..t.end], MAX_WORD_CHARS);
        let term = term(w);
        if term.is_empty() {
            continue;
        }
        ws.push(Word {
            exact: exact_form(w),
            term,
        });
    }
    Clause {
        phrase: quoted || ws.len() > 1,
        words: ws,
        prefix: false,
        at,
        or: false,
    }
}

fn cut_chars(w: &str, n: usize) -> &str {
    match w.char_indices().nth(n) {
        Some((k, _)) => &w[..k],
        None => w,
    }
}

/// A word's exact key: lower case and NFC, diacritics kept, possessive
/// dropped. Equals [`term`] for plain words.
pub fn exact_form(w: &str) -> String {
    let mut s = String::with_capacity(w.len());
    for c in crate::text::nfc(w).chars() {
        if matches!(c, '\u{2019}' | '\u{02BC}') {
            s.push('\'');
        } else {
            crate::text::push_lowercase(c, &mut s);
        }
    }
    if s.ends_with("'s") && s.len() > 2 {
        s.truncate(s.len() - 2);
    } else if s.ends_with('\'') {
        s.pop();
    }
    s
}

/// `1956` or `1955..1956` (either order) as an inclusive range.
fn years(s: &str) -> Option<(u16, u16)> {
    fn year(s: &str) -> Option<u16> {
        if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
            let y: u16 = s.parse().ok()?;
            (1000..=2999).contains(&y).then_some(y)
        } else {
            None
        }
    }
    if let Some((a, b)) = s.split_once("..") {
        let (a, b) = (year(a)?, year(b)?);
        Some((a.min(b), a.max(b)))
    } else {
        year(s).map(|y| (y, y))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One row: query → (clauses as terms with markers, excluded, filters, years, notices).
    fn check(input: &str, expect: &str) {
        let q = Query::parse(input);
        let mut parts = Vec::new();
        for group in q.groups() {
            let mut members = Vec::new();
            for c in group {
                let t: Vec<&str> = c.words.iter().map(|w| w.term.as_str()).collect();
                let mut s = t.join(" ");
                if c.phrase {
                    s = format!("\"{s}\"");
                }
                if c.prefix {
                    s.push('*');
                }
                members.push(s);
            }
            parts.push(members.join(" OR "));
        }
        for c in &q.excluded {
            let t: Vec<&str> = c.words.iter().map(|w| w.term.as_str()).collect();
            parts.push(format!("-{}", t.join(" ")));
        }
        for f in &q.filters {
            let n = if f.negated { "-" } else { "" };
            parts.push(format!("{n}{:?}={}", f.key, f.value));
        }
        for (a, b) in &q.years {
            parts.push(format!("{a}..{b}"));
        }
        if !q.notices.is_empty() {
            parts.push(format!("!{}", q.notices.len()));
        }
        assert_eq!(parts.join(" | "), expect, "query {input:?}");
    }

    #[test]
    fn parse_table() {
        check("", "");
        check("kruschev okinawa", "kruschev | okinawa*");
        check("kruschev okinawa ", "kruschev | okinawa");
        check(
            "\"Habomai and Shikotan\" speaker:Khrushchev 1956",
            "\"habomai and shikotan\" | Speaker=khrushchev | 1956..1956",
        );
        check("Хрущёв", "хрущев*");
        check("-okinawa treaty", "treaty* | -okinawa");
        check("-\"peace treaty\" x", "x* | -peace treaty");
        check("-", "");
        check("\"", "");
        check("\"Habomai and", "\"habomai and\"");
        check("speaker:", "!1");
        check(
            "speaker:\"From the floor\" fishing",
            "fishing* | Speaker=from the floor",
        );
        check("-speaker:kono", "-Speaker=kono");
        check(
            "doc:1956-10-17 kind:Footnote",
            "Doc=1956 10 17 | Kind=footnote",
        );
        check("1956..1955 year:1960", "1955..1956 | 1960..1960");
        check("year:19x", "!1");
        check("Japan-Soviet", "\"japan soviet\"");
        check("foo:bar", "\"foo bar\"");
        check("🙂 \u{202e}\u{0645}\u{0631} \u{fffd}\u{0}", "مر");
        check("Bulganin's", "bulganin*");
    }

    #[test]
    fn or_table() {
        // OR (in capitals) joins neighbours into alternatives, tighter than
        // the AND between the other pieces.
        check("Habomai OR Shikotan", "habomai OR shikotan*");
        check("Habomai OR Shikotan ", "habomai OR shikotan");
        check(
            "treaty Habomai OR Shikotan Iturup ",
            "treaty | habomai OR shikotan | iturup",
        );
        check(
            "\"peace treaty\" OR Habomai OR Shikotan ",
            "\"peace treaty\" OR habomai OR shikotan",
        );
        check("Japan-Soviet OR habomai ", "\"japan soviet\" OR habomai");
        check("habomai OR 🙂 shikotan ", "habomai OR shikotan");
        // Lower case, quoted or excluded, it is a word.
        check("habomai or shikotan ", "habomai | or | shikotan");
        check("\"OR\" habomai ", "\"or\" | habomai");
        check("-OR habomai ", "habomai | -or");
        // Without a word or phrase on each side: left out, with a notice.
        check("OR habomai ", "habomai | !1");
        check("habomai OR", "habomai | !1");
        check("habomai OR OR shikotan ", "habomai OR shikotan | !1");
        check("-okinawa OR habomai ", "habomai | -okinawa | !1");
        check("habomai OR -okinawa ", "habomai | -okinawa | !1");
        check(
            "habomai OR speaker:kono shikotan ",
            "habomai | shikotan | Speaker=kono | !1",
        );
        check("habomai OR 1956 ", "habomai | 1956..1956 | !1");
        check("OR", "!1");
    }

    #[test]
    fn or_groups_are_one_part_with_their_alternatives() {
        let q = Query::parse("treaty Habomai OR \"Etorofu island\" speaker:Kono");
        let got: Vec<(PartKind, &str, &str)> = q
            .parts
            .iter()
            .map(|p| (p.what, p.text.as_str(), p.value.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (PartKind::Word, "treaty", "treaty"),
                (
                    PartKind::Or,
                    "Habomai OR \"Etorofu island\"",
                    "habomai OR etorofu island"
                ),
                (PartKind::Speaker, "speaker:Kono", "kono"),
            ]
        );
        let alts: Vec<(PartKind, &str)> = q.parts[1]
            .alternatives
            .iter()
            .map(|p| (p.what, p.text.as_str()))
            .collect();
        assert_eq!(
            alts,
            [
                (PartKind::Word, "Habomai"),
                (PartKind::Phrase, "\"Etorofu island\"")
            ]
        );
        // Three alternatives stay one group, written as typed.
        let q = Query::parse("a1 OR b2  OR c3");
        assert_eq!(q.parts.len(), 1);
        assert_eq!(q.parts[0].text, "a1 OR b2  OR c3");
        assert_eq!(q.parts[0].alternatives.len(), 3);
    }

    #[test]
    fn long_queries_are_cut_with_a_notice() {
        let q = Query::parse(&"ё".repeat(100_000));
        assert!(q.text.len() <= MAX_QUERY_BYTES);
        assert_eq!(q.notices.len(), 1);
        let many = "a ".repeat(100);
        let q = Query::parse(&many);
        assert_eq!(q.clauses.len(), MAX_CLAUSES);
        assert!(q.notices[0].contains("first 16"));
    }

    #[test]
    fn exact_forms_keep_diacritics() {
        assert_eq!(exact_form("Хрущёв"), "хрущёв");
        assert_eq!(exact_form("Kōno’s"), "kōno");
        assert_eq!(exact_form("Kono"), term("Kono"));
    }
}
