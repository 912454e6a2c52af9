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
mod emit;
mod english;
mod lexicon;
mod places;
mod words;

use super::mentions::units;
use super::{Kind, Mention};
use crate::model::{Document, ParaKind, SpanKind};
use context::{coordinate, reference, title_case};
use emit::{emit, head_word};
pub use lexicon::is_title;
use lexicon::{common_shaped, PLACE_BEFORE, TITLE_TAILS};
pub(crate) use lexicon::{PARTICLES, PLACE_HEADS};
use places::is_place;
pub use words::Stats;
use words::{bare, breaks, classes, Class};

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
    let classes = classes(text, &us, &headline, stats);
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
                && head_word(us.key(k + 1))
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
                // "Karl-Heinz Narjes": two given names before a surname.
                && !(k + 1 < n
                    && us.list[k + 1].joined
                    && classes[k + 1] == Class::Name
                    && !head_word(us.key(k + 1)))
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
            // "Baron von Welck": and after a title.
            let particle_first = classes[a] == Class::Particle
                && (a == k || !titled.is_empty())
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
            // "with McNamara Congressional increases": an adjective after
            // a name is no part of it.
            while b > a
                && classes[b] == Class::Cap
                && classes[b - 1] == Class::Name
                && common_shaped(bare(us.key(b)))
                && !head_word(us.key(b))
            {
                b -= 1;
            }
            // "Chancellor Adenauer of Germany", "Bundy of Defense": a
            // person's country or department is no part of the name.
            if b > a {
                if let Some(of) = (a + 1..b).find(|&m| us.key(m) == "of") {
                    let country = !titled.is_empty() && is_place(us.key(of + 1));
                    let department = classes[of + 1] == Class::Cap;
                    if (a..of).all(|m| classes[m] == Class::Name)
                        && !head_word(us.key(of - 1))
                        && (country || department)
                        && of + 1 == b
                    {
                        // The rest ("of", "Germany") is read after it.
                        b = of - 1;
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
            // "*Sengo Nihon Gaikoshi*": a work's title in italics.
            let work = p.spans.iter().any(|s| {
                matches!(s.kind, SpanKind::Emphasis) && s.start <= o.start && o.end <= s.end
            });
            if work && o.evidence.person < 3 {
                continue;
            }
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
