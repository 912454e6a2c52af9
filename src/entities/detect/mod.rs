//! Names the register has never seen: proper names of people, places and
//! organizations found in the text alone, at `docent build` (native only:
//! the page reads the result from the bundle, the engine never detects).
//!
//! # What is a name here
//!
//! A **run** is a sequence of capitalized words joined by spaces, periods
//! or hyphens (the mention matcher's separators), never across a comma or a
//! sentence break, with initials (`N.S.`, `H.`) and `of` inside an
//! organization's or place's name ("Ministry of Foreign Affairs"). A word of
//! a run is *name-like* when it is capitalized, not written all in capitals
//! (headings, acronyms: "PARTICIPANTS", "USSR"), not camel-cased ("USDel",
//! "FonOff"), not a function word, month, weekday, demonym, archival term
//! ("Secret", "Deptel", "Ibid") or roman numeral, and never seen in lower
//! case anywhere in the collection ("Secretary", "Conservatives").
//!
//! **Titles** ("Mr.", "Ambassador", "Foreign Minister", "Secretary of
//! State", "General", "Comrade", "Господин" …) are never part of a name: they
//! cut a run into names and announce a person ("The Secretary Ambassador
//! Bohlen Mr." is one name, Bohlen; "The Secretary" alone is none).
//!
//! A run that starts a sentence keeps its first word only if that word is
//! capitalized mid-sentence somewhere in the collection, or is announced
//! by a title.
//!
//! # The kind, guessed from context
//!
//! Each occurrence gives evidence, weighed per group of forms (see
//! [`super::found`]): a title, initials, a closing or signature line, a
//! participants list or a given name with a surname say *person*; a last
//! word such as Embassy, Ministry, Party, Office, Committee, Government say
//! *organization* (as does a first word Embassy/Ministry/Department followed
//! by a name); a preceding "in", "at", "from", "near", "to", "islands of",
//! a dateline, or a last word such as Islands, Strait, Sea say *place*.
//! With no evidence at all a single name-like word counts as a person, the
//! commonest case in archival records.

mod context;
mod english;
mod lexicon;
mod places;

use super::mentions::{units, Units};
use super::{Kind, Mention};
use crate::model::{Document, ParaKind};
use context::{coordinate, portfolios, reference, title_case};
pub use lexicon::is_title;
use lexicon::{
    common_shaped, describes, ADJECTIVES, BASES, DOCUMENT_HEADS, EVENT_HEADS, HYPHEN_TAILS,
    OFFICES, ORG_FIRST, ORG_HEADS, PLACE_BEFORE, PLACE_FIRST, PRESS, SPEECH_VERBS, STOP,
    THING_NOUNS, TITLE_PREFIXES, TITLE_TAILS, TRAVEL,
};
pub(crate) use lexicon::{PARTICLES, PLACE_HEADS};
use places::is_place;
use std::collections::HashSet;

/// Which way an occurrence points.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    /// Title, initials, closing, participants: sure.
    pub person: u8,
    /// A given name with a surname: likely.
    pub person_weak: u8,
    pub place: u8,
    pub org: u8,
    /// A treaty, a charter, a plan.
    pub document: u8,
    /// A conference, a session, a war.
    pub event: u8,
    /// A weapon, a project: "Matador missiles".
    pub object: u8,
}

/// One name found in a paragraph, titles left out.
#[derive(Clone, Debug)]
pub struct Occurrence {
    pub doc: usize,
    pub paragraph: u32,
    /// Byte range of the name (no titles) in the paragraph.
    pub start: u32,
    pub end: u32,
    /// Folded words of the name (initials as single letters).
    pub words: Vec<String>,
    /// The folded titles announcing it ("ambassador", "mr").
    pub titles: Vec<String>,
    pub evidence: Evidence,
}

impl Occurrence {
    /// The name's surface in its paragraph.
    pub fn surface<'a>(&self, docs: &'a [Document]) -> &'a str {
        &docs[self.doc].paragraphs[self.paragraph as usize].text
            [self.start as usize..self.end as usize]
    }
}

fn is_roman(key: &str) -> bool {
    key.len() > 1
        && key
            .chars()
            .all(|c| matches!(c, 'i' | 'v' | 'x' | 'l' | 'c'))
}

/// Is the text between two words a sentence break?
fn sentence_break(between: &str) -> bool {
    between.contains(['.', ':', '!', '?', '“', '"', '(', ';', '—', '\n']) && !between.contains('-')
}

/// Does a sentence start at unit `k` (`k > 0`)? Not after an
/// abbreviation's period ("i.e., Kono", "cf. Dulles").
fn breaks(text: &str, us: &Units, k: usize) -> bool {
    let prev = us.key(k - 1);
    let abbreviation = matches!(prev, "e" | "g" | "cf" | "viz" | "vs" | "ca")
        && text[us.list[k - 1].start..].starts_with(char::is_lowercase);
    // "Mt. Alto", "St. Louis": a place's abbreviated first word.
    let short_form = matches!(prev, "mt" | "st" | "ft")
        && text[us.list[k - 1].start..].starts_with(char::is_uppercase);
    sentence_break(&text[us.list[k - 1].end..us.list[k].start]) && !abbreviation && !short_form
}

/// Is unit `k` right after an initial ("John B. Hollister")?
fn after_initial(text: &str, us: &Units, k: usize) -> bool {
    let prev = &text[us.list[k - 1].start..us.list[k - 1].end];
    prev.chars().count() == 1
        && prev.starts_with(char::is_uppercase)
        && text[us.list[k - 1].end..us.list[k].start].trim() == "."
}

/// Word classes of one paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
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
    mid: HashSet<String>,
}

impl Stats {
    pub fn new(docs: &[Document]) -> Stats {
        let mut s = Stats {
            lower: HashSet::new(),
            mid: HashSet::new(),
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
                    } else if k > 0 && (!breaks(&p.text, &us, k) || after_initial(&p.text, &us, k))
                    {
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
fn name_shaped(w: &str) -> bool {
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
fn bare(key: &str) -> &str {
    key.strip_suffix("’s").unwrap_or(key)
}

fn classify(text: &str, us: &Units, k: usize, stats: &Stats) -> Class {
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
        // case: common English words count as seen.
        let common = stats.lower.contains(key)
            || english::common_word(key)
            || ["ese", "ican", "ean", "ish"]
                .iter()
                .any(|s| key.ends_with(s));
        return if common { Class::Cap } else { Class::Name };
    }
    Class::Other
}

/// Finds the unregistered names of every document: `registered[d]` are
/// document `d`'s mentions of registered entities (their ranges are skipped).
pub fn occurrences(docs: &[Document], registered: &[Vec<Mention>]) -> Vec<Occurrence> {
    let stats = Stats::new(docs);
    let mut out = Vec::new();
    for (di, d) in docs.iter().enumerate() {
        let ms = registered.get(di).map_or(&[][..], Vec::as_slice);
        for (pi, p) in d.paragraphs.iter().enumerate() {
            if p.kind == ParaKind::Gap {
                continue;
            }
            let covered: Vec<(u32, u32)> = ms
                .iter()
                .filter(|m| m.paragraph as usize == pi)
                .map(|m| (m.start, m.end))
                .collect();
            paragraph(di, pi as u32, d, &stats, &covered, &mut out);
        }
    }
    out
}

fn paragraph(
    di: usize,
    pi: u32,
    d: &Document,
    stats: &Stats,
    covered: &[(u32, u32)],
    out: &mut Vec<Occurrence>,
) {
    let p = &d.paragraphs[pi as usize];
    let text = p.text.as_str();
    let us = units(text);
    let n = us.list.len();
    let headline = title_case(text, &us, p);
    let first_here = out.len();
    let mut classes: Vec<Class> = (0..n).map(|k| classify(text, &us, k, stats)).collect();
    for k in 0..n {
        // Title Case headings capitalize every word: only names count,
        // and a common word after an initial ("George W. Ball").
        let after_initial = k > 0 && classes[k - 1] == Class::Initial && us.list[k].joined;
        if classes[k] == Class::Cap && headline[k] && !after_initial {
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
    portfolios(text, &us, &mut classes);
    let lead = classes.iter().position(|&c| c != Class::Other);
    let signature = matches!(p.kind, ParaKind::Closing) && n <= 4;
    let dateline = p.kind == ParaKind::Line && text.contains(", 19");
    let item = matches!(p.kind, ParaKind::Item(_));
    let participants = text.contains("PARTICIPANTS");
    let brk = |k: usize| k == 0 || breaks(text, &us, k);
    let joined = |k: usize| {
        let between = &text[us.list[k - 1].end..us.list[k].start];
        // "Miki–Matsumura faction", "the Udall-Khrushchev conversation":
        // two names, not one.
        // "Viet-Nam", "Alsace-Lorraine" stay one place.
        let place = || is_place(&format!("{}{}", us.key(k - 1), us.key(k)));
        // "the Oder-Neisse Line": a head after the pair makes it one name.
        let headed = || {
            k + 1 < n
                && us.list[k + 1].joined
                && text[us.list[k + 1].start..].starts_with(char::is_uppercase)
                && [PLACE_HEADS, ORG_HEADS, DOCUMENT_HEADS, EVENT_HEADS]
                    .iter()
                    .any(|h| h.contains(&us.key(k + 1)))
        };
        let pair = between.contains(['–', '—'])
            || (between == "-"
                && classes[k - 1] == Class::Name
                && classes[k] == Class::Name
                && text[us.list[k].start..].starts_with(char::is_uppercase)
                && !place()
                && !headed()
                // "Yu Ta-Wei": a given name's two syllables after the
                // surname, not two persons.
                && !(k > 1
                    && classes[k - 2] == Class::Name
                    && us.list[k - 1].joined
                    && us.key(k - 1).chars().count() <= 4
                    && us.key(k).chars().count() <= 4)
                // "Chiang-Kai-shek", "Chou-En-lai": a given name's syllables.
                && !(k + 1 < n
                    && &text[us.list[k].end..us.list[k + 1].start] == "-"
                    && text[us.list[k + 1].start..].starts_with(char::is_lowercase)));
        (us.list[k].joined && !pair)
            // An initial's or a title's own period does not end a sentence.
            || (k > 0
                && matches!(classes[k - 1], Class::Initial | Class::Title)
                && text[us.list[k - 1].end..us.list[k].start].trim() == ".")
    };
    let mut k = 0;
    while k < n {
        if classes[k] == Class::Other {
            k += 1;
            continue;
        }
        // The sequence of titles, names, initials (and `of` inside).
        let mut end = k;
        while end + 1 < n && joined(end + 1) {
            let c = classes[end + 1];
            // "Ministry of Foreign Affairs", "Law of the Sea Conference";
            // "of the" only after a common word ("Mr. Shimoda of the
            // Treaty Bureau" is a person and a body).
            let named = |m: usize| m < n && classes[m] != Class::Other && joined(m);
            let j = end + 1;
            let of = match us.key(j) {
                "of" => {
                    named(j + 1)
                        || (classes[j - 1] == Class::Cap
                            && j + 1 < n
                            && us.key(j + 1) == "the"
                            && joined(j + 1)
                            && named(j + 2))
                }
                "the" => us.key(j - 1) == "of" && named(j + 1),
                _ => false,
            };
            if c == Class::Other && !of {
                break;
            }
            if c != Class::Other
                && brk(end + 1)
                && !matches!(classes[end], Class::Initial | Class::Title)
            {
                break;
            }
            end += 1;
        }
        let mut titled: Vec<String> = Vec::new();
        let mut a = k;
        while a <= end {
            let key = us.key(a);
            if classes[a] == Class::Title || (!titled.is_empty() && TITLE_TAILS.contains(&key)) {
                titled.push(key.to_string());
                a += 1;
                continue;
            }
            // "with de Gaulle": a particle opens the name it stands before.
            let particle_first = classes[a] == Class::Particle
                && a == k
                && a < end
                && classes[a + 1] == Class::Name
                && text[us.list[a].start..].starts_with(char::is_lowercase);
            // "President of the United States": the titles end at "the",
            // and announce nobody.
            if !particle_first && matches!(classes[a], Class::Other | Class::Particle) {
                titled.clear();
                a += 1;
                continue;
            }
            // A name: up to the next title (or `of` not followed by a name).
            let mut b = a;
            while b < end && classes[b + 1] != Class::Title {
                b += 1;
            }
            while b > a
                && (us.key(b) == "of" || matches!(classes[b], Class::Other | Class::Particle))
            {
                b -= 1;
            }
            // "Chancellor Adenauer of Germany": a titled person's country
            // is no part of the name.
            if !titled.is_empty() && b > a {
                if let Some(of) = (a + 1..b).find(|&m| us.key(m) == "of") {
                    if (a..of).all(|m| classes[m] == Class::Name)
                        && !head_word(us.key(of - 1))
                        && is_place(us.key(of + 1))
                        && of + 1 == b
                    {
                        emit(
                            (di, pi),
                            text,
                            &us,
                            &classes,
                            (a, of - 1),
                            &titled,
                            stats,
                            false,
                            (signature, dateline, false),
                            headline[a],
                            covered,
                            out,
                        );
                        titled.clear();
                        a = of + 1;
                        continue;
                    }
                }
            }
            // "At Peiping Mao probably …": a known place after "in", "at"
            // ends there, and the next name opens the clause.
            if b > a
                && titled.is_empty()
                && a > 0
                && PLACE_BEFORE.contains(&us.key(a - 1))
                && is_place(bare(us.key(a)))
                && classes[a + 1] == Class::Name
                && !head_word(us.key(b))
                && !is_place(&format!("{}{}", us.key(a), us.key(a + 1)))
            {
                b = a;
            }
            // A list of participants starts its entries with a name and a
            // comma ("Tanzan Ishibashi, President of …").
            let entry = participants
                || (item
                    && Some(k) == lead
                    && text[us.list[end].end..].trim_start().starts_with(','));
            let initial_start = a == k && brk(k) && titled.is_empty() && !entry;
            {
                emit(
                    (di, pi),
                    text,
                    &us,
                    &classes,
                    (a, b),
                    &titled,
                    stats,
                    initial_start,
                    (signature, dateline, entry),
                    headline[a],
                    covered,
                    out,
                );
            }
            titled.clear();
            a = b + 1;
        }
        k = end + 1;
    }
    if let Some(cited) = reference(text) {
        let mut entry_start = cited.start;
        let mut kept = first_here;
        for i in first_here..out.len() {
            let o = &out[i];
            if !cited.contains(&(o.start as usize)) {
                out[kept] = o.clone();
                kept += 1;
                continue;
            }
            let entry = text[entry_start..o.start as usize]
                .rfind(';')
                .map_or(entry_start, |at| entry_start + at + 1);
            entry_start = entry;
            // An author opens the entry (nothing before but initials,
            // given names or a registered name; not inside a quoted title,
            // not after "See") or follows "by".
            let lead = &text[entry..o.start as usize];
            let quotes = lead.matches(['“', '"']).count() > lead.matches('”').count();
            let by = [" by", " edited by", " ed.", " eds."]
                .iter()
                .any(|w| lead.trim_end().ends_with(w));
            let first = by
                || (!lead.contains(',')
                    && !quotes
                    && !lead.trim_start().to_lowercase().starts_with("see "));
            let mut o = o.clone();
            if text[o.end as usize..].starts_with(':') && o.titles.is_empty() {
                o.evidence.place = 3;
            } else if !first && o.evidence.person < 3 {
                continue;
            }
            out[kept] = o;
            kept += 1;
        }
        out.truncate(kept);
    }
    coordinate(text, &mut out[first_here..]);
}

/// A last word that makes a run a place, a body, a document or an event.
fn head_word(key: &str) -> bool {
    [PLACE_HEADS, ORG_HEADS, DOCUMENT_HEADS, EVENT_HEADS]
        .iter()
        .any(|h| h.contains(&key))
}

/// Records the name at units `a..=b`, if it is one.
#[allow(clippy::too_many_arguments)]
fn emit(
    (di, pi): (usize, u32),
    text: &str,
    us: &Units,
    classes: &[Class],
    (mut a, b): (usize, usize),
    titles: &[String],
    stats: &Stats,
    sentence_initial: bool,
    (signature, dateline, listed): (bool, bool, bool),
    headline: bool,
    covered: &[(u32, u32)],
    out: &mut Vec<Occurrence>,
) {
    // "(Robertson)": a name in parentheses of its own.
    let parenthesized = text[..us.list[a].start].trim_end().ends_with('(')
        && text[us.list[b].end..].trim_start().starts_with(')');
    // A sentence's first word must be known as a name elsewhere.
    // "John F. Kennedy": a word before an initial is a given name.
    let given = a < b && classes[a + 1] == Class::Initial;
    if sentence_initial
        && !parenthesized
        && !given
        // "Rusk" alone on a signature line.
        && !signature
        && matches!(classes[a], Class::Name | Class::Cap)
        && !stats.mid.contains(bare(us.key(a)))
        // "Leningrad was cold", "Pravda said": a known place or paper may
        // open a sentence, and so may a name that speaks or acts
        // ("Holdridge sent this memorandum").
        && !(a == b
            && b + 1 < us.list.len()
            && us.list[b + 1].joined
            && SPEECH_VERBS.contains(&us.key(b + 1)))
        && !is_place(bare(us.key(a)))
        && !PRESS.contains(&bare(us.key(a)))
    {
        // "Control of Amami Island": nor is the "of" after it.
        a += 1;
        while a <= b && (us.key(a) == "of" || matches!(classes[a], Class::Other | Class::Particle))
        {
            a += 1;
        }
        if a > b {
            return;
        }
    }
    // "Whitman File": an archival series named after its keeper.
    if text[us.list[b].end..].trim_start().starts_with("File") {
        return;
    }
    // "Japan’s Northward": a possessive ends a name.
    if (a..b).any(|k| {
        let w = &text[us.list[k].start..us.list[k].end];
        w.ends_with("’s") || w.ends_with("'s")
    }) {
        return;
    }
    let words: Vec<String> = (a..=b).map(|k| bare(us.key(k)).to_string()).collect();
    let heads = |list: &[&str]| words.last().is_some_and(|w| list.contains(&w.as_str()));
    let org_first = ORG_FIRST.contains(&words[0].as_str()) && words.len() > 1;
    let press = PRESS.contains(&words[0].as_str()) && titles.is_empty();
    let org = (heads(ORG_HEADS) && words.len() > 1) || org_first || press;
    let document = heads(DOCUMENT_HEADS) && words.len() > 1 && titles.is_empty();
    let event = heads(EVENT_HEADS) && words.len() > 1 && titles.is_empty();
    let place_head = heads(PLACE_HEADS) && words.len() > 1;
    let names = (a..=b).filter(|&k| classes[k] == Class::Name).count();
    let initials = (a..=b).filter(|&k| classes[k] == Class::Initial).count();
    let common = (a..=b).filter(|&k| classes[k] == Class::Cap).count();
    // A head alone ("the Embassy", "Islands", "other Governments") is no
    // name.
    let head = |w: &str| ORG_HEADS.contains(&w) || PLACE_HEADS.contains(&w);
    let single_head = words.len() == 1
        && (head(&words[0])
            || words[0].strip_suffix('s').is_some_and(head)
            || words[0]
                .strip_suffix("ies")
                .is_some_and(|w| head(&format!("{w}y"))));
    let single_head = single_head
        || (words.len() == 1
            && (DOCUMENT_HEADS.contains(&words[0].as_str())
                || EVENT_HEADS.contains(&words[0].as_str())));
    let thing = document || event;
    if single_head || (names == 0 && !org && !place_head && !thing && titles.is_empty()) {
        return;
    }
    // A series with a number is a reference ("Tosec 40", "Article 2").
    let after = text[us.list[b].end..].trim_start_matches([' ', '.']);
    if after.starts_with(|c: char| c.is_ascii_digit()) && titles.is_empty() {
        return;
    }
    // Common words only in a place's or an organization's name; a person's
    // only after a title ("Mr. Young").
    let mixed = (a..=b).any(|k| classes[k] == Class::Other) || common > 0;
    if mixed
        && !org
        && !place_head
        && !thing
        && titles.is_empty()
        && ((a..=b).any(|k| classes[k] == Class::Other) || words.len() < 2)
    {
        return;
    }
    // Describing words alone are nobody's name ("Soviet", "Far Eastern").
    if words.iter().all(|w| ADJECTIVES.contains(&w.as_str())) {
        return;
    }
    // "Acting Legal Adviser": a common word between titles is one more.
    if words.len() == 1
        && classes[a] == Class::Cap
        && b + 1 < us.list.len()
        && classes[b + 1] == Class::Title
        && us.list[b + 1].joined
    {
        return;
    }
    let last_key = words.last().map_or("", String::as_str);
    let untitled = titles.is_empty() && initials == 0;
    // A run ending in an adjective describes ("Far Eastern", "Afro-Asian").
    let adjective = describes(last_key)
        || ["ese", "ican", "ean", "ish", "ian"]
            .iter()
            .any(|s| last_key.ends_with(s));
    if untitled && adjective && !org && !place_head && !thing {
        return;
    }
    let known_place = is_place(last_key) || is_place(&words.concat());
    // "two Chinas", "the Koreas": a known place in the plural names none.
    if words.len() == 1
        && titles.is_empty()
        && !known_place
        && last_key.strip_suffix('s').is_some_and(is_place)
    {
        return;
    }
    // A lone word shaped like an adjective or a common noun ("Pacific",
    // "Presidential", "Republics") is a person's name only with evidence.
    if untitled
        && words.len() == 1
        && common_shaped(last_key)
        && !known_place
        && !signature
        && !listed
    {
        return;
    }
    // In a Title Case stretch (a subject line, a heading, a quoted or
    // italic title: "United States Position on …", "Record of
    // Proceedings") a lone capitalized word says nothing; a name in
    // parentheses ("(Robertson)") still counts.
    if headline
        && untitled
        && words.len() == 1
        && !known_place
        && !parenthesized
        && !signature
        && !listed
    {
        return;
    }
    let start = us.list[a].start as u32;
    let mut end = us.list[b].end as u32;
    let last = &text[us.list[b].start..us.list[b].end];
    if let Some(s) = last.strip_suffix("’s").or_else(|| last.strip_suffix("'s")) {
        end = (us.list[b].start + s.len()) as u32;
    }
    if classes[b] == Class::Initial && text[end as usize..].starts_with('.') {
        end += 1;
    }
    if covered.iter().any(|&(s, e)| s < end && start < e) {
        return;
    }
    let before = (a > 0).then(|| us.key(a - 1));
    let before2 = (a > 1).then(|| us.key(a - 2));
    let mut ev = Evidence::default();
    let next = (b + 1 < us.list.len()).then(|| us.key(b + 1));
    if org {
        ev.org = 3;
    } else if document {
        ev.document = 3;
    } else if event {
        ev.event = 3;
    } else if place_head {
        ev.place = 3;
    } else {
        if !titles.is_empty() || initials > 0 || signature || listed {
            ev.person = 3;
        }
        if names >= 2 && initials == 0 && common == 0 {
            ev.person_weak = 1;
        }
        // "United States", "Tokyo Post": not a person's name.
        if common > 0 && titles.is_empty() {
            ev.place = 2;
        }
        // "the Kuriles", "the Ryukyus": a plural name is a group of places.
        // Not "the Dulles–Chiang talks": two names paired by a dash.
        if titles.is_empty()
            && before == Some("the")
            && words.len() == 1
            && words[0].ends_with('s')
            && !words[0].ends_with("ss")
            && !text[us.list[b].end..].starts_with(['–', '—', '-'])
        {
            ev.place = 2;
        }
        // "Japan", and "Southeast Asia", "Outer Mongolia": a word before
        // a known place stays part of that place's name.
        if known_place && titles.is_empty() {
            ev.place = 3;
        }
        // "Kono said", "Dulles told": someone speaks.
        if next.is_some_and(|w| SPEECH_VERBS.contains(&w)) && us.list[b + 1].joined {
            ev.person_weak += 1;
        }
        // The word before is no part of the name: "in London", not
        // "In" dropped from a sentence's start; "in Kishi's view" is no
        // place.
        let possessive = last.ends_with("’s") || last.ends_with("'s");
        let own_word = a > 0
            && text[us.list[a - 1].start..]
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
        if before.is_some_and(|w| PLACE_BEFORE.contains(&w))
            && titles.is_empty()
            && own_word
            && !possessive
        {
            // "to" and "from" say nothing: "a note from Barnes to Allen",
            // "successor to Hatoyama" (see `coordinate` for "repeated to
            // Ankara, London").
            if !matches!(before, Some("to" | "from")) {
                ev.place = 2;
            }
        }
        // "trip to Hiroshima", "tour of Shikoku", "Repeated to Naha".
        if matches!(before, Some("to" | "of" | "from"))
            && before2.is_some_and(|w| TRAVEL.contains(&w))
            && titles.is_empty()
            && !possessive
        {
            ev.place = 3;
        }
        if words.len() > 1 && PLACE_FIRST.contains(&words[0].as_str()) {
            ev.place = 3;
        }
        if before == Some("of") && before2.is_some_and(|w| PLACE_HEADS.contains(&w)) {
            ev.place = 3;
        }
        if dateline && a == 0 {
            ev.place = 3;
        }
        // "the Pueblo incident": a thing, not a person.
        if before == Some("the")
            && words.len() == 1
            && next.is_some_and(|w| matches!(w, "incident" | "affair" | "episode"))
            && us.list[b + 1].joined
        {
            ev.event = 3;
        }
        // "Matador missiles": a weapon's or a project's name.
        if words.len() == 1
            && next.is_some_and(|w| THING_NOUNS.contains(&w))
            && us.list[b + 1].joined
            && text[us.list[b + 1].start..].starts_with(char::is_lowercase)
            && titles.is_empty()
        {
            ev.object = 3;
        }
        // "Misawa AB", "Iwakuni MCAS": a base.
        if b + 1 < us.list.len()
            && us.list[b + 1].joined
            && BASES.contains(&&text[us.list[b + 1].start..us.list[b + 1].end])
        {
            ev.place = 3;
        }
        // "the Kago Shima prefecture", "Okinawa island": a place's head
        // in lower case after the name.
        if next.is_some_and(|w| PLACE_HEADS.contains(&w))
            && us.list[b + 1].joined
            && text[us.list[b + 1].start..].starts_with(char::is_lowercase)
            && titles.is_empty()
        {
            ev.place = 3;
        }
    }
    out.push(Occurrence {
        doc: di,
        paragraph: pi,
        start,
        end,
        words,
        titles: titles.to_vec(),
        evidence: ev,
    });
}

/// The guessed kind of a group of occurrences' evidence.
pub fn kind_of(ev: &[Evidence]) -> Kind {
    let sum = |f: fn(&Evidence) -> u8| ev.iter().map(|e| u32::from(f(e))).sum::<u32>();
    let (person, weak, place, org) = (
        sum(|e| e.person),
        sum(|e| e.person_weak),
        sum(|e| e.place),
        sum(|e| e.org),
    );
    let document = sum(|e| e.document);
    if org > 0 && org >= person + place {
        Kind::Organization
    } else if document > 0 && document >= person + place + org {
        Kind::Document
    } else if sum(|e| e.event) > person + place {
        Kind::Event
    } else if sum(|e| e.object) > person + weak + place {
        Kind::Object
    } else if place > person + weak && (place >= 2 || person == 0) {
        Kind::Place
    } else {
        Kind::Person
    }
}
