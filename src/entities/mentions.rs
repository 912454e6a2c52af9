//! Mention detection: a trie over folded word sequences, walked longest
//! match first over a paragraph's word units.

use super::{Kind, Mention, NameKind, Register};
use crate::model::{Document, ParaKind, SpanKind};
use crate::sort::StableSort;
use crate::text::{fold, term, tokenize, TokenKind};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A small fast hasher for the trie's short string keys (FxHash's
/// multiply-rotate); the keys come from the register, not from an adversary.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(buf))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Leading words dropped from persons' names when matching: titles are not
/// part of a name ("Comrade Khrushchev" is a mention of "Khrushchev").
pub(crate) const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "m",
    "comrade",
    "comrades",
    "premier",
    "chancellor",
    "president",
    "ambassador",
    "plenipotentiary",
    "plenipotentiaries",
    "general",
    "major",
    "maj",
    "gen",
    "prime",
    "minister",
    "foreign",
    "secretary",
    "first",
    "vice",
    "chairman",
    "acting",
    "chief",
    "his",
    "excellency",
];

/// How a word of a registered name must be written in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    /// Written in lower case in the register: any case.
    Any,
    /// Capitalized in the register: the text's word starts with a capital.
    Initial,
    /// All capitals in the register (UN, LDP): all capitals in the text.
    Upper,
}

/// The case rule of one registered word.
fn case_of(word: &str, whole_name_upper: bool) -> Case {
    if !word.chars().next().is_some_and(|c| c.is_uppercase()) {
        Case::Any
    } else if whole_name_upper {
        Case::Upper
    } else {
        Case::Initial
    }
}

/// A name written all in capitals (at least two letters): an acronym.
fn is_acronym(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

#[derive(Clone, Debug)]
struct End {
    entity: u32,
    variant: bool,
    ambiguous: bool,
    cases: Vec<Case>,
}

#[derive(Clone, Debug, Default)]
struct Node {
    next: FxMap<Box<str>, u32>,
    ends: Vec<End>,
}

/// The compiled register: a trie of folded word sequences.
#[derive(Clone, Debug)]
pub struct Matcher {
    nodes: Vec<Node>,
    kinds: Vec<Kind>,
    /// Entity by TEI id (`refs`, without `#`): marked names resolve here.
    refs: FxMap<Box<str>, u32>,
    /// Entities from here on are found in the text, not registered: their
    /// names are matched only where no registered name is.
    first_found: u32,
}

/// The folded words of a name, with their case rules.
fn name_words(name: &str) -> Vec<(String, Case)> {
    let upper = is_acronym(name);
    let mut out = Vec::new();
    for t in tokenize(name) {
        if t.kind == TokenKind::Word {
            let w = &name[t.start..t.end];
            out.push((term(w), case_of(w, upper)));
        }
    }
    out
}

/// The folded key of a name ("N. S. Khrushchev's" → "n s khrushchev").
pub(crate) fn name_key(name: &str) -> String {
    let words: Vec<String> = name_words(name).into_iter().map(|(w, _)| w).collect();
    words.join(" ")
}

/// The key with leading titles removed (never empty).
pub(crate) fn strip_titles(key: &str) -> &str {
    let mut rest = key;
    while let Some((first, tail)) = rest.split_once(' ') {
        if TITLES.contains(&first) {
            rest = tail;
        } else {
            break;
        }
    }
    rest
}

impl Matcher {
    /// Compiles the register.
    pub fn new(register: &Register) -> Matcher {
        let mut m = Matcher {
            nodes: vec![Node::default()],
            kinds: register.entities.iter().map(|e| e.kind).collect(),
            refs: FxMap::default(),
            first_found: register.first_found() as u32,
        };
        for (i, e) in register.entities.iter().enumerate() {
            for r in &e.refs {
                let key = r.rsplit('#').next().unwrap_or("").trim();
                if !key.is_empty() {
                    m.refs.entry(key.into()).or_insert(i as u32);
                }
            }
            for n in &e.names {
                let mut words = name_words(&n.text);
                if e.kind == Kind::Person {
                    while words.len() > 1 && TITLES.contains(&words[0].0.as_str()) {
                        words.remove(0);
                    }
                }
                if words.is_empty() {
                    continue;
                }
                let mut node = 0usize;
                for (w, _) in &words {
                    node = match m.nodes[node].next.get(w.as_str()) {
                        Some(&n) => n as usize,
                        None => {
                            let id = m.nodes.len();
                            m.nodes.push(Node::default());
                            m.nodes[node].next.insert(w.as_str().into(), id as u32);
                            id
                        }
                    };
                }
                let end = End {
                    entity: i as u32,
                    variant: n.kind == NameKind::Variant,
                    ambiguous: n.kind == NameKind::Ambiguous,
                    cases: words.iter().map(|(_, c)| *c).collect(),
                };
                let ends = &mut m.nodes[node].ends;
                if !ends.iter().any(|x| {
                    x.entity == end.entity && x.variant == end.variant && x.cases == end.cases
                }) {
                    ends.push(end);
                }
            }
        }
        m
    }

    /// The kind of entity `i`.
    pub fn kind(&self, i: u32) -> Kind {
        self.kinds[i as usize]
    }

    /// Mentions in one document (gaps are skipped), ambiguity resolved.
    pub fn document(&self, doc: &Document) -> Vec<Mention> {
        let mut out = Vec::new();
        for (pi, p) in doc.paragraphs.iter().enumerate() {
            if p.kind == ParaKind::Gap {
                continue;
            }
            let start = out.len();
            self.paragraph(pi as u32, &p.text, &mut out);
            self.marked(pi as u32, p, start, &mut out);
            for m in &mut out[start..] {
                let sic = p.spans.iter().any(|s| {
                    matches!(s.kind, SpanKind::Sic(_)) && s.start < m.end && m.start < s.end
                });
                m.variant |= sic;
            }
        }
        resolve_by_context(&mut out);
        out
    }

    /// Puts the names the source's markup identifies (TEI `@corresp`) in
    /// place of what the text matcher found over them, in `out[from..]`.
    fn marked(
        &self,
        paragraph: u32,
        p: &crate::model::Paragraph,
        from: usize,
        out: &mut Vec<Mention>,
    ) {
        let mut added = false;
        for s in &p.spans {
            let SpanKind::Name(key) = &s.kind else {
                continue;
            };
            let Some(&entity) = self.refs.get(key.as_str()) else {
                continue;
            };
            let mut k = from;
            while k < out.len() {
                if out[k].start < s.end && s.start < out[k].end {
                    out.remove(k);
                } else {
                    k += 1;
                }
            }
            out.push(Mention {
                paragraph,
                start: s.start,
                end: s.end,
                entities: vec![entity],
                variant: false,
                by_context: false,
            });
            added = true;
        }
        if added {
            out[from..].stable_sort_by_key(|m| (m.start, m.end));
        }
    }

    /// Appends the mentions in one paragraph's text (unresolved): the
    /// registered names first, then found names in what they leave.
    pub fn paragraph(&self, paragraph: u32, text: &str, out: &mut Vec<Mention>) {
        let us = units(text);
        if (self.first_found as usize) == self.kinds.len() {
            self.pass(paragraph, text, &us, None, out);
            return;
        }
        let from = out.len();
        self.pass(paragraph, text, &us, Some(false), out);
        let taken: Vec<(u32, u32)> = out[from..].iter().map(|m| (m.start, m.end)).collect();
        let mid = out.len();
        self.pass(paragraph, text, &us, Some(true), out);
        let mut k = mid;
        while k < out.len() {
            if taken
                .iter()
                .any(|&(s, e)| s < out[k].end && out[k].start < e)
            {
                out.remove(k);
            } else {
                k += 1;
            }
        }
        if out.len() > mid && mid > from {
            out[from..].stable_sort_by_key(|m| (m.start, m.end));
        }
    }

    /// One longest-match pass over a paragraph; `found`: only registered
    /// entities (`false`), only found ones (`true`), or all (`None`).
    fn pass(
        &self,
        paragraph: u32,
        text: &str,
        us: &Units,
        found: Option<bool>,
        out: &mut Vec<Mention>,
    ) {
        let units = &us.list;
        let mut i = 0;
        while i < units.len() {
            match self.longest(us, i, text, found) {
                Some((j, ends)) => {
                    let mut m = to_mention(paragraph, &units[i], &units[j], ends);
                    balance_brackets(text, &mut m);
                    // A final initial keeps its period: "Krutikov K.A.".
                    if units[j].end - units[j].start == 1 && text[units[j].end..].starts_with('.') {
                        m.end += 1;
                    }
                    out.push(m);
                    i = j + 1;
                }
                None => i += 1,
            }
        }
    }

    /// The longest name starting at unit `i`: its last unit and the entries
    /// whose case rules the text satisfies.
    fn longest(
        &self,
        us: &Units,
        i: usize,
        text: &str,
        found: Option<bool>,
    ) -> Option<(usize, Vec<&End>)> {
        let units = &us.list;
        let mut node = 0usize;
        let mut best: Option<(usize, Vec<&End>)> = None;
        let mut j = i;
        while j < units.len() {
            if j > i && !units[j].joined {
                break;
            }
            let u = &units[j];
            let key = us.key(j);
            // A plural/possessive-less form may only end a name.
            if u.plural {
                let p = &key[..key.len() - 1];
                if let Some(&n) = self.nodes[node].next.get(p) {
                    let ok = self.satisfied(n as usize, &units[i..=j], text, found);
                    if !ok.is_empty() {
                        best = Some((j, ok));
                    }
                }
            }
            match self.nodes[node].next.get(key) {
                Some(&n) => node = n as usize,
                None => break,
            }
            let ok = self.satisfied(node, &units[i..=j], text, found);
            if !ok.is_empty() {
                best = Some((j, ok));
            }
            j += 1;
        }
        best
    }

    fn satisfied<'a>(
        &'a self,
        node: usize,
        us: &[Unit],
        text: &str,
        found: Option<bool>,
    ) -> Vec<&'a End> {
        self.nodes[node]
            .ends
            .iter()
            .filter(|e| {
                found.map_or(true, |f| (e.entity >= self.first_found) == f)
                    && e.cases.len() == us.len()
                    && e.cases.iter().zip(us).all(|(c, u)| {
                        let s = &text[u.start..u.end];
                        let s = s
                            .strip_suffix("'s")
                            .or_else(|| s.strip_suffix("’s"))
                            .unwrap_or(s);
                        match c {
                            Case::Any => true,
                            Case::Initial => s.chars().next().is_some_and(|c| c.is_uppercase()),
                            Case::Upper => !s.chars().any(|c| c.is_lowercase()),
                        }
                    })
            })
            .collect()
    }
}

fn to_mention(paragraph: u32, first: &Unit, last: &Unit, ends: Vec<&End>) -> Mention {
    let mut entities: Vec<u32> = ends.iter().map(|e| e.entity).collect();
    entities.stable_sort();
    entities.dedup();
    // An entity matched through any non-variant name is not a variant.
    let variant = entities
        .iter()
        .all(|&id| ends.iter().filter(|e| e.entity == id).all(|e| e.variant));
    // Two entities on one name without declared ambiguity: the register
    // check reports it; keep the first so the mention is still shown.
    if entities.len() > 1 && !ends.iter().all(|e| e.ambiguous) {
        entities.truncate(1);
    }
    Mention {
        paragraph,
        start: first.start as u32,
        end: last.end as u32,
        entities,
        variant,
        by_context: false,
    }
}

/// Widens a mention to take in the other half of a bracket it cuts:
/// `[Liberal Democratic] Party`, not `Liberal Democratic] Party`.
fn balance_brackets(text: &str, m: &mut Mention) {
    let (s, e) = (m.start as usize, m.end as usize);
    let surface = &text[s..e];
    let open = surface.matches('[').count();
    let close = surface.matches(']').count();
    if close > open && text[..s].ends_with('[') {
        m.start -= 1;
    } else if open > close && text[e..].starts_with(']') {
        m.end += 1;
    }
}

/// Resolves ambiguous mentions by the nearest unambiguous mention of one of
/// their candidates in the same document.
fn resolve_by_context(ms: &mut [Mention]) {
    let sure: Vec<(u32, u32, u32)> = ms
        .iter()
        .filter(|m| m.entities.len() == 1)
        .map(|m| (m.paragraph, m.start, m.entities[0]))
        .collect();
    if sure.is_empty() {
        return;
    }
    for m in ms.iter_mut().filter(|m| m.entities.len() > 1) {
        let best = sure
            .iter()
            .filter(|(_, _, e)| m.entities.contains(e))
            .min_by_key(|(p, s, _)| (p.abs_diff(m.paragraph), s.abs_diff(m.start)));
        if let Some(&(_, _, e)) = best {
            m.entities = vec![e];
            m.by_context = true;
        }
    }
}

/// A word-like run of a paragraph: one word, or words cut by editorial
/// brackets (`H[abomai]`).
#[derive(Clone, Debug)]
pub(crate) struct Unit {
    pub start: usize,
    pub end: usize,
    /// Byte range of the folded term (possessive and elision dropped) in
    /// [`Units::keys`].
    key: (u32, u32),
    /// The key minus its final `s` may be a singular name ("Habomais").
    pub plural: bool,
    /// Joined to the previous unit by a separator a name may span.
    pub joined: bool,
}

/// The units of a paragraph, their keys in one buffer.
#[derive(Clone, Debug, Default)]
pub(crate) struct Units {
    pub list: Vec<Unit>,
    keys: String,
}

impl Units {
    /// The folded key of unit `i`.
    pub fn key(&self, i: usize) -> &str {
        let (a, b) = self.list[i].key;
        &self.keys[a as usize..b as usize]
    }
}

fn separator_ok(sep: &str) -> bool {
    !sep.is_empty()
        && sep.chars().all(|c| {
            c.is_whitespace() || matches!(c, '-' | '‐' | '–' | '.' | '[' | ']' | '(' | ')')
        })
}

/// Cuts a paragraph into word units (see [`Unit`]).
pub(crate) fn units(text: &str) -> Units {
    let toks = tokenize(text);
    let mut out = Units {
        list: Vec::with_capacity(toks.len() / 2 + 1),
        keys: String::with_capacity(text.len()),
    };
    let punct = |k: usize, p: &str| {
        toks[k].kind == TokenKind::Punct && &text[toks[k].start..toks[k].end] == p
    };
    let mut prev_end: Option<usize> = None;
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        if t.kind != TokenKind::Word {
            i += 1;
            continue;
        }
        let k0 = out.keys.len();
        push_folded(&mut out.keys, &text[t.start..t.end]);
        // Join words cut by brackets with no space: H[abomai].
        let mut end = t.end;
        let mut open = 0i32;
        let mut j = i + 1;
        loop {
            let mut k = j;
            let mut depth = open;
            while k < toks.len() && (punct(k, "[") || punct(k, "]")) {
                depth += if punct(k, "[") { 1 } else { -1 };
                k += 1;
            }
            if k > j && k < toks.len() && toks[k].kind == TokenKind::Word {
                push_folded(&mut out.keys, &text[toks[k].start..toks[k].end]);
                end = toks[k].end;
                open = depth;
                j = k + 1;
            } else {
                break;
            }
        }
        // Close a bracket opened inside the word: H[abomai] takes its `]`.
        while open > 0 && j < toks.len() && punct(j, "]") {
            end = toks[j].end;
            open -= 1;
            j += 1;
        }
        i = j;
        let mut start = t.start;
        let joined = prev_end.is_some_and(|p| separator_ok(&text[p..start]));
        prev_end = Some(end);
        // Possessive: Bulganin's → bulganin.
        let mut k1 = out.keys.len();
        let key = &out.keys[k0..k1];
        if key.ends_with("'s") && key.len() > 2 {
            k1 -= 2;
        } else if key.ends_with('\'') {
            k1 -= 1;
        }
        out.keys.truncate(k1);
        // French elision: d'Habomai, L'URSS, l'océan.
        let mut k0 = k0;
        let key = &out.keys[k0..k1];
        if key.len() > 2 && (key.starts_with("l'") || key.starts_with("d'")) {
            let surface = &text[start..end];
            if let Some(at) = surface.find(['\'', '’']) {
                let cut = at + surface[at..].chars().next().map_or(1, char::len_utf8);
                if surface[cut..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphabetic)
                {
                    start += cut;
                    k0 += 2;
                }
            }
        }
        let key = &out.keys[k0..k1];
        let plural =
            key.len() > 4 && key.ends_with('s') && !key.ends_with("ss") && key.chars().count() >= 5;
        out.list.push(Unit {
            start,
            end,
            key: (k0 as u32, k1 as u32),
            plural,
            joined,
        });
    }
    out
}

/// Appends [`fold`] of a word, with a fast path for plain ASCII words.
fn push_folded(buf: &mut String, w: &str) {
    if w.bytes().all(|b| b.is_ascii_alphanumeric()) {
        buf.extend(w.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else {
        buf.push_str(&fold(w));
    }
}

/// Tags free text (paragraphs separated by blank lines) with `register`'s
/// names and returns the number of mentions: the tagging benchmark's unit of
/// work, and a way to try the register on a new text.
pub fn tag_paragraphs(matcher: &Matcher, text: &str) -> usize {
    let mut out = Vec::new();
    let mut n = 0;
    for (i, para) in text.split("\n\n").enumerate() {
        matcher.paragraph(i as u32, para, &mut out);
        n += out.len();
        out.clear();
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expect: &[(&str, &str)]) {
        let us = units(text);
        let got: Vec<(String, String)> = us
            .list
            .iter()
            .enumerate()
            .map(|(i, u)| (text[u.start..u.end].to_string(), us.key(i).to_string()))
            .collect();
        let want: Vec<(String, String)> = expect
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(got, want, "units of {text:?}");
    }

    #[test]
    fn units_table() {
        check(
            "H[abomai] and S[hikotan].",
            &[
                ("H[abomai]", "habomai"),
                ("and", "and"),
                ("S[hikotan]", "shikotan"),
            ],
        );
        check(
            "[Habomai and Shikotan]",
            &[
                ("Habomai", "habomai"),
                ("and", "and"),
                ("Shikotan", "shikotan"),
            ],
        );
        check(
            "Bulganin's statement",
            &[("Bulganin's", "bulganin"), ("statement", "statement")],
        );
        check("l'île d'Habomai", &[("île", "ile"), ("Habomai", "habomai")]);
        check("Хрущёв", &[("Хрущёв", "хрущев")]);
        check("[signature]", &[("signature", "signature")]);
    }

    #[test]
    fn separators() {
        assert!(separator_ok(". "));
        assert!(separator_ok("-"));
        assert!(separator_ok(" ["));
        assert!(!separator_ok(", "));
        assert!(!separator_ok("/"));
        assert!(!separator_ok(""));
    }

    #[test]
    fn titles_are_stripped_from_keys() {
        assert_eq!(strip_titles("comrade khrushchev"), "khrushchev");
        assert_eq!(strip_titles("major general otozo yamada"), "otozo yamada");
        assert_eq!(strip_titles("mr"), "mr");
        assert_eq!(name_key("N. S. Khrushchev's"), "n s khrushchev");
    }
}
