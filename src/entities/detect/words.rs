//! Word classes: what each word of a paragraph can be in a name (a name,
//! a capitalized common word, an initial, a title, a particle), from its
//! shape, the word lists and the collection's own use of the word.

use super::super::mentions::{units, Units};
use super::context::portfolios;
use super::english;
use super::lexicon::{
    describes, is_title, HYPHEN_TAILS, OFFICES, ORG_HEADS, PARTICLES, STOP, TITLE_PREFIXES,
};
use crate::model::Document;
use std::collections::HashSet;

pub(super) fn is_roman(key: &str) -> bool {
    key.len() > 1
        && key
            .chars()
            .all(|c| matches!(c, 'i' | 'v' | 'x' | 'l' | 'c'))
}

/// Is the text between two words a sentence break?
pub(super) fn sentence_break(between: &str) -> bool {
    between.contains(['.', ':', '!', '?', '“', '"', '(', ';', '—', '\n']) && !between.contains('-')
}

/// Does a sentence start at unit `k` (`k > 0`)? Not after an
/// abbreviation's period ("i.e., Kono", "cf. Dulles").
pub(super) fn breaks(text: &str, us: &Units, k: usize) -> bool {
    let prev = us.key(k - 1);
    let abbreviation = matches!(prev, "e" | "g" | "cf" | "viz" | "vs" | "ca")
        && text[us.list[k - 1].start..].starts_with(char::is_lowercase);
    // "Mt. Alto", "St. Louis": a place's abbreviated first word.
    let short_form = matches!(prev, "mt" | "st" | "ft")
        && text[us.list[k - 1].start..].starts_with(char::is_uppercase);
    sentence_break(&text[us.list[k - 1].end..us.list[k].start]) && !abbreviation && !short_form
}

/// Is unit `k` right after an initial ("John B. Hollister")?
pub(super) fn after_initial(text: &str, us: &Units, k: usize) -> bool {
    let prev = &text[us.list[k - 1].start..us.list[k - 1].end];
    prev.chars().count() == 1
        && prev.starts_with(char::is_uppercase)
        && text[us.list[k - 1].end..us.list[k].start].trim() == "."
}

/// Word classes of one paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Class {
    /// A capitalized name-like word.
    Name,
    /// A capitalized common word ("United", "Upper"): only inside the name
    /// of a place or an organization, or after a title.
    Cap,
    /// A single capital letter followed by a period.
    Initial,
    Title,
    /// A lower-case particle inside a person's name ("Couve de Murville").
    Particle,
    /// Anything else.
    Other,
}

/// Collection-wide word statistics.
pub struct Stats {
    /// Words seen starting with a lower-case letter.
    lower: HashSet<String>,
    /// Words seen capitalized mid-sentence.
    pub(super) mid: HashSet<String>,
    /// Surnames seen after a given name and an initial ("George W. Ball"):
    /// names, though also common words ("the ball").
    surnames: HashSet<String>,
}

impl Stats {
    pub fn new(docs: &[Document]) -> Stats {
        let mut s = Stats {
            lower: HashSet::new(),
            mid: HashSet::new(),
            surnames: HashSet::new(),
        };
        for d in docs {
            for p in &d.paragraphs {
                let us = units(&p.text);
                for (k, u) in us.list.iter().enumerate() {
                    let w = &p.text[u.start..u.end];
                    let first = w.chars().find(|c| c.is_alphabetic());
                    let key = bare(us.key(k)).to_string();
                    if first.is_some_and(char::is_lowercase) {
                        s.lower.insert(key);
                        continue;
                    }
                    let initial = k > 0 && after_initial(&p.text, &us, k);
                    // "George W. Ball", not "U.S. Government".
                    let given = k > 1 && {
                        let g = &p.text[us.list[k - 2].start..us.list[k - 2].end];
                        g.chars().count() > 1
                            && g.starts_with(char::is_uppercase)
                            && us.list[k - 1].joined
                    };
                    if initial && given && first.is_some_and(char::is_uppercase) {
                        s.surnames.insert(key.clone());
                    }
                    if k > 0 && (!breaks(&p.text, &us, k) || initial) {
                        s.mid.insert(key);
                    }
                }
            }
        }
        s
    }
}

/// The surface shape of a capitalized word: a name's (`Tani`, `McCarthy`,
/// `O'Neill`, `Хрущёв`), not a heading's (`PARTICIPANTS`) or an
/// abbreviation's (`USDel`).
pub(super) fn name_shaped(w: &str) -> bool {
    let w = w.trim_start_matches('[');
    // "SCAP’s" is an acronym's possessive, not a name.
    let w = w
        .strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .unwrap_or(w);
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    let Some(&first) = letters.first() else {
        return false;
    };
    if !first.is_uppercase() || letters.len() < 2 {
        return false;
    }
    if letters.iter().all(|c| c.is_uppercase()) {
        return false;
    }
    // Internal capitals only after Mc/Mac/O' or a hyphen.
    let plain: String = w.chars().filter(|c| c.is_alphabetic()).collect();
    let inner = plain.chars().skip(1).any(char::is_uppercase);
    // FitzGerald, DeGaulle, LaGuardia, DiMaggio, VanDerveer.
    let prefixed = ["Mc", "Mac", "Fitz", "De", "Di", "La", "Le", "Van", "Du"]
        .iter()
        .any(|p| plain.starts_with(p));
    !inner || prefixed || w.contains(['\'', '’', '-'])
}

/// A unit's key without a curly possessive ("Hyde’s" → "hyde").
pub(super) fn bare(key: &str) -> &str {
    key.strip_suffix("’s").unwrap_or(key)
}

pub(super) fn classify(text: &str, us: &Units, k: usize, stats: &Stats) -> Class {
    let u = &us.list[k];
    let w = &text[u.start..u.end];
    let key = bare(us.key(k));
    // A title is capitalized in English ("under Presidential directive",
    // "the general view" are no titles); Russian writes them in lower case.
    let capital = w.chars().next().is_some_and(char::is_uppercase);
    if is_title(key) && (capital || !key.is_ascii()) {
        return Class::Title;
    }
    // "the Foreign Ministers", "their Excellencies": titles in the plural
    // name nobody.
    let singular = key
        .strip_suffix("ies")
        .map(|s| format!("{s}y"))
        .or_else(|| key.strip_suffix("men").map(|s| format!("{s}man")))
        .or_else(|| key.strip_suffix('s').map(str::to_string));
    if capital && singular.is_some_and(|s| s.len() > 2 && is_title(&s)) {
        return Class::Other;
    }
    // "Consular", "Ambassadorial": a title's adjective.
    if capital
        && ["ar", "ial", "al"]
            .iter()
            .any(|e| key.strip_suffix(e).is_some_and(is_title))
    {
        return Class::Other;
    }
    // "[Anatoly] Dobrynin": an editor's insertion is no part of the name
    // the text writes.
    if text[..u.start].ends_with('[') && text[u.end..].starts_with(']') {
        return Class::Other;
    }
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 1
        && w.chars().next().is_some_and(char::is_uppercase)
        && text[u.end..].starts_with('.')
    {
        return Class::Initial;
    }
    if name_shaped(w) && describes(key) {
        return Class::Cap;
    }
    if name_shaped(w)
        && !STOP.contains(&key)
        // "Memos": a stop word's plural, unless a body's head ("Notes").
        && (ORG_HEADS.contains(&key) || !key.strip_suffix('s').is_some_and(|k| STOP.contains(&k)))
        && !is_roman(key)
        && key.chars().any(char::is_alphabetic)
    {
        // A collection of six telegrams may never write "state" in lower
        // case: common English words count as seen; a surname seen after
        // a given name and an initial stays a name ("George W. Ball").
        let common = ((stats.lower.contains(key) || english::common_word(key))
            && !stats.surnames.contains(key))
            || ["ese", "ican", "ean", "ish"]
                .iter()
                .any(|s| key.ends_with(s));
        return if common { Class::Cap } else { Class::Name };
    }
    Class::Other
}

/// The class of every word of a paragraph: [`classify`]'s, then what the
/// words around say (Title Case headings, initials, particles, portfolios,
/// lists of names).
pub(super) fn classes(text: &str, us: &Units, headline: &[bool], stats: &Stats) -> Vec<Class> {
    let n = us.list.len();
    let mut classes: Vec<Class> = (0..n).map(|k| classify(text, us, k, stats)).collect();
    for k in 0..n {
        // Title Case headings capitalize every word: only names count,
        // and a common word after an initial ("George W. Ball").
        let after_initial = k > 0 && classes[k - 1] == Class::Initial && us.list[k].joined;
        // "Wells Stabler, Country Director", "Rush W. Taylor, Jr.": an
        // entry of a list opens with a given name.
        let entry = k == 0
            && n > 2
            && us.list[1].joined
            && (classes[1] == Class::Initial
                || (classes[1] == Class::Name && text[us.list[1].end..].starts_with(',')));
        if classes[k] == Class::Cap && headline[k] && !after_initial && !entry {
            classes[k] = Class::Other;
        }
    }
    for k in 1..n {
        // "John M. Raymond": a one-letter title between names is an initial.
        if classes[k] == Class::Title
            && us.key(k).chars().count() == 1
            && classes[k - 1] == Class::Name
            && us.list[k].joined
            && k + 1 < n
            && classes[k + 1] == Class::Name
        {
            classes[k] = Class::Initial;
        }
    }
    for k in 0..n {
        // "Under Secretary", not "in Outer Space and Under Water".
        let title_next = k + 1 < n && classes[k + 1] == Class::Title && us.list[k + 1].joined;
        if classes[k] == Class::Title && us.key(k) == "under" && !title_next {
            classes[k] = Class::Other;
        }
    }
    for k in (0..n.saturating_sub(1)).rev() {
        // "Field Marshal Harding": the first word is part of the title.
        if classes[k + 1] == Class::Title
            && us.list[k + 1].joined
            && TITLE_PREFIXES.contains(&us.key(k))
            && text[us.list[k].start..].starts_with(char::is_uppercase)
        {
            classes[k] = Class::Title;
        }
    }
    for k in 1..n {
        let between = &text[us.list[k - 1].end..us.list[k].start];
        // "Chong-pil", "Chung-hui": a given name's lower-case half.
        if between == "-"
            && classes[k - 1] == Class::Name
            && classes[k] == Class::Other
            && text[us.list[k].start..].starts_with(char::is_lowercase)
            && us.key(k).chars().count() <= 4
            && !HYPHEN_TAILS.contains(&us.key(k))
        {
            classes[k] = Class::Name;
        }
        // "H.E. Paul Martin", "H.E. A.E. Ritchie": His Excellency, a title
        // before a full name.
        if classes[k - 1] == Class::Initial
            && classes[k] == Class::Initial
            && (us.key(k - 1), us.key(k)) == ("h", "e")
            && k + 2 < n
            && us.list[k + 1].joined
            && (classes[k + 1] == Class::Initial
                || (classes[k + 1] == Class::Name
                    && us.list[k + 2].joined
                    && matches!(classes[k + 2], Class::Name | Class::Initial)))
        {
            classes[k - 1] = Class::Title;
            classes[k] = Class::Title;
        }
        // "U.S.", "U.K.", "U.N.": an abbreviation, not a person's initials.
        if classes[k - 1] == Class::Initial
            && classes[k] == Class::Initial
            && matches!(
                (us.key(k - 1), us.key(k)),
                ("u", "s" | "k" | "n") | ("n", "y") | ("d", "c")
            )
        {
            classes[k - 1] = Class::Other;
            classes[k] = Class::Other;
        }
    }
    for k in 1..n {
        // "Couve de Murville", "Werner von Braun", "de Gaulle": a particle
        // (or two: "van der") before a name, after a name, a title or an
        // initial, or mid-sentence.
        if classes[k] != Class::Other || !PARTICLES.contains(&us.key(k)) {
            continue;
        }
        let mut m = k;
        while m < n && classes[m] == Class::Other && PARTICLES.contains(&us.key(m)) {
            m += 1;
        }
        let lower = |j: usize| text[us.list[j].start..].starts_with(char::is_lowercase);
        let before =
            matches!(classes[k - 1], Class::Name | Class::Title | Class::Initial) || lower(k - 1);
        if m < n
            && classes[m] == Class::Name
            && before
            && (k..=m).all(|j| us.list[j].joined)
            && (k..m).all(lower)
        {
            for c in &mut classes[k..m] {
                *c = Class::Particle;
            }
        }
    }
    for k in 0..n.saturating_sub(1) {
        // "President's Science Advisor, Hornig", "Finance Minister Mizuta":
        // a capitalized word right before an office is its portfolio.
        let office = classes[k + 1] == Class::Title
            && OFFICES.contains(&us.key(k + 1))
            && text[us.list[k].end..us.list[k + 1].start] == *" ";
        let possessive = k > 0 && {
            let w = &text[us.list[k - 1].start..us.list[k - 1].end];
            w.ends_with("’s") || w.ends_with("'s")
        };
        let first = k == 0 || possessive || !matches!(classes[k - 1], Class::Name | Class::Initial);
        if office && first && matches!(classes[k], Class::Name | Class::Cap) {
            classes[k] = Class::Title;
        }
    }
    for k in 1..n.saturating_sub(1) {
        // "Rusk, McNamara, Kohler, Foster, and Walsh": a common word
        // between names in a list is one of them.
        let sep = |j: usize| {
            text[us.list[j - 1].end..us.list[j].start]
                .trim()
                .to_string()
        };
        let left = classes[k - 1] == Class::Name && sep(k) == ",";
        let right = (classes[k + 1] == Class::Name && sep(k + 1) == ",")
            || (k + 2 < n
                && us.key(k + 1) == "and"
                && matches!(sep(k + 1).as_str(), "," | "")
                && classes[k + 2] == Class::Name
                && sep(k + 2).is_empty());
        if classes[k] == Class::Cap && left && right && !describes(us.key(k)) {
            classes[k] = Class::Name;
        }
    }
    for k in 0..n.saturating_sub(1) {
        // "De Gaulle", "Jose De Seabra": a capitalized particle opens a name.
        if PARTICLES.contains(&us.key(k))
            && text[us.list[k].start..].starts_with(char::is_uppercase)
            && us.list[k + 1].joined
            && classes[k + 1] == Class::Name
        {
            classes[k] = Class::Name;
        }
    }
    for k in 0..n.saturating_sub(1) {
        // "Major Problems", "Major Developments": an adjective, not the
        // rank, before a common word.
        if us.key(k) == "major"
            && classes[k] == Class::Title
            && us.list[k + 1].joined
            && classes[k + 1] == Class::Cap
        {
            classes[k] = Class::Other;
        }
    }
    portfolios(text, us, &mut classes);
    classes
}
