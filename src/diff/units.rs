//! Texts cut into comparison units: a significant token and the gap after it, with
//! its key under the toggles (by words, by sentences, or whole).

use super::*;

/// A comparison unit: one significant token and the insignificant tokens
/// after it, as a byte range of its text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Unit {
    /// The whole unit (significant token and trailing gap).
    pub start: usize,
    pub end: usize,
    /// The significant token.
    pub sig_end: usize,
    pub key: u32,
    /// Words in the unit (1 for a word, 0 for punctuation, n for a sentence).
    pub words: u32,
    /// Of which not function words ([`STOP`]).
    pub content: u32,
}

/// A text cut into units: `lead` is the insignificant text before the first.
pub(crate) struct Units {
    pub lead: Range<usize>,
    pub units: Vec<Unit>,
}

/// Interns comparison keys to small integers.
#[derive(Default)]
pub(crate) struct Keys {
    map: HashMap<String, u32>,
}

impl Keys {
    fn id(&mut self, key: &str) -> u32 {
        if let Some(&k) = self.map.get(key) {
            return k;
        }
        let k = self.map.len() as u32;
        self.map.insert(key.to_string(), k);
        k
    }
}

/// The comparison key of a word under the toggles.
pub(super) fn word_key(w: &str, ig: Ignore, v: &Variants, buf: &mut String) {
    buf.clear();
    if ig.spelling {
        let t = term(w);
        let possessive = fold(w).len() != t.len();
        match v.class_of(&t) {
            Some(c) => {
                buf.push('\u{1}');
                buf.push_str(&c.to_string());
                if possessive {
                    buf.push_str("'s");
                }
            }
            None => buf.push_str(&fold(w)),
        }
        if !ig.case {
            // fold() lower-cases: keep the case pattern visible.
            let mut chars = w.chars().filter(|c| c.is_alphabetic());
            let first_up = chars.next().is_some_and(|c| c.is_uppercase());
            let all_up = first_up && chars.clone().count() > 0 && chars.all(|c| c.is_uppercase());
            buf.push(if all_up {
                '\u{3}'
            } else if first_up {
                '\u{2}'
            } else {
                '\u{4}'
            });
        }
    } else if ig.case {
        w.chars().for_each(|c| push_lowercase(c, buf));
    } else {
        buf.push_str(w);
    }
}

/// Cuts `text` into units. Spaces are never significant; punctuation is
/// unless ignored; `[sic]` is not when spelling is ignored.
pub(crate) fn units(text: &str, opts: &Options, v: &Variants, keys: &mut Keys) -> Units {
    let toks = tokenize(text);
    let ig = opts.ignore;
    let mut sig = vec![false; toks.len()];
    for (i, t) in toks.iter().enumerate() {
        sig[i] = match t.kind {
            TokenKind::Space => false,
            TokenKind::Punct => !ig.punct,
            TokenKind::Word => true,
        };
    }
    if ig.spelling {
        for i in 0..toks.len().saturating_sub(2) {
            if &text[toks[i].start..toks[i].end] == "["
                && text[toks[i + 1].start..toks[i + 1].end].eq_ignore_ascii_case("sic")
                && &text[toks[i + 2].start..toks[i + 2].end] == "]"
            {
                sig[i] = false;
                sig[i + 1] = false;
                sig[i + 2] = false;
            }
        }
    }
    let mut out = Units {
        lead: 0..0,
        units: Vec::with_capacity(toks.len() / 2 + 1),
    };
    let mut buf = String::new();
    let mut seen_sig = false;
    for (i, t) in toks.iter().enumerate() {
        let s = &text[t.start..t.end];
        if !sig[i] {
            match out.units.last_mut() {
                Some(u) => u.end = t.end,
                None => out.lead.end = t.end,
            }
            continue;
        }
        seen_sig = true;
        let key = match t.kind {
            TokenKind::Word => {
                word_key(s, ig, v, &mut buf);
                keys.id(&buf)
            }
            _ => keys.id(s),
        };
        out.units.push(Unit {
            start: t.start,
            end: t.end,
            sig_end: t.end,
            key,
            words: u32::from(t.kind == TokenKind::Word),
            content: u32::from(t.kind == TokenKind::Word && !is_stop(s)),
        });
    }
    if !seen_sig {
        out.lead = 0..text.len();
    }
    out
}

/// Regroups units into sentences (ending at `.`, `!`, `?`, `;` or a line
/// break), each keyed by its sequence of unit keys.
pub(super) fn sentences(text: &str, u: &Units, keys: &mut Keys) -> Units {
    let mut out = Units {
        lead: u.lead.clone(),
        units: Vec::new(),
    };
    let mut cur: Option<Unit> = None;
    let mut sig = String::new();
    for unit in &u.units {
        let c = cur.get_or_insert(Unit {
            start: unit.start,
            end: unit.end,
            sig_end: unit.sig_end,
            key: 0,
            words: 0,
            content: 0,
        });
        c.end = unit.end;
        c.sig_end = unit.sig_end;
        c.words += unit.words;
        c.content += unit.content;
        sig.push_str(&unit.key.to_string());
        sig.push(' ');
        let tok = &text[unit.start..unit.sig_end];
        let gap = &text[unit.sig_end..unit.end];
        if matches!(tok, "." | "!" | "?" | ";") || gap.contains('\n') {
            let mut done = cur.take().unwrap_or(*unit);
            done.key = keys.id(&sig);
            sig.clear();
            out.units.push(done);
        }
    }
    if let Some(mut done) = cur {
        done.key = keys.id(&sig);
        out.units.push(done);
    }
    out
}

/// One whole text as one unit.
pub(super) fn whole(text: &str, u: &Units, keys: &mut Keys) -> Units {
    let Some(first) = u.units.first() else {
        return Units {
            lead: u.lead.clone(),
            units: Vec::new(),
        };
    };
    let words = u.units.iter().map(|x| x.words).sum();
    let content = u.units.iter().map(|x| x.content).sum();
    let key = keys.id(&format!(
        "\u{5}{}",
        crate_hash(&text.as_bytes()[first.start..])
    ));
    Units {
        lead: u.lead.clone(),
        units: vec![Unit {
            start: first.start,
            end: text.len(),
            sig_end: text.len(),
            key,
            words,
            content,
        }],
    }
}

/// FNV-1a, enough to tell two texts apart as a key.
pub(crate) fn crate_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}
