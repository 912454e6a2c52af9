//! One run of words made an occurrence, or not: the checks that a run is
//! a name, and the evidence of its kind it gives.

use super::super::mentions::Units;
use super::lexicon::{
    common_shaped, describes, ADJECTIVES, BASES, DOCUMENT_HEADS, EVENT_HEADS, ORG_FIRST, ORG_HEADS,
    PLACE_BEFORE, PLACE_FIRST, PLACE_HEADS, PRESS, SPEECH_VERBS, THING_NOUNS, TITLE_TAILS, TRAVEL,
    WEAPONS,
};
use super::places::is_place;
use super::words::{bare, Class, Stats};
use super::{Evidence, Occurrence};

/// A last word that makes a run a place, a body, a document or an event.
pub(super) fn head_word(key: &str) -> bool {
    [PLACE_HEADS, ORG_HEADS, DOCUMENT_HEADS, EVENT_HEADS]
        .iter()
        .any(|h| h.contains(&key))
}

/// Records the name at units `a..=b`, if it is one.
#[allow(clippy::too_many_arguments)]
pub(super) fn emit(
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
    // "members: Douglas Dillon, Robert Kennedy": two names after a colon
    // are a given name and a surname.
    let listed_full = b == a + 1
        && classes[a] == Class::Name
        && classes[b] == Class::Name
        && text[..us.list[a].start].trim_end().ends_with(':');
    if sentence_initial
        && !parenthesized
        && !given
        && !listed_full
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
        // "Ziegler, Kissinger, and Morgan attended": the first of a list
        // of names.
        && !(a == b
            && b + 2 < us.list.len()
            && text[us.list[b].end..us.list[b + 1].start].trim() == ","
            && classes[b + 1] == Class::Name
            && (text[us.list[b + 1].end..us.list[b + 2].start].trim() == ","
                || us.key(b + 2) == "and"))
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
    // "the Secretary of the Interior": a portfolio, not a name.
    if words.len() == 1
        && TITLE_TAILS.contains(&words[0].as_str())
        && a > 2
        && us.key(a - 1) == "the"
        && us.key(a - 2) == "of"
        && classes[a - 3] == Class::Title
    {
        return;
    }
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
    // "A. Listing of …": an outline's letter before a heading's word.
    if a == 0 && names == 0 && initials == 1 && titles.is_empty() && !org && !place_head {
        return;
    }
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
        && (last_key.strip_suffix('s').is_some_and(is_place)
            || last_key
                .strip_suffix("ies")
                .is_some_and(|w| is_place(&format!("{w}y"))))
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
        // "at Couve de Murville": a particle between names is a person's,
        // more than a place's "at".
        if (a..=b).any(|k| classes[k] == Class::Particle) && names >= 2 {
            ev.person_weak = 2;
        }
        // "United States", "Tokyo Post": not a person's name; but "George
        // Ball", "Dave Bell" are given name and surname, the surname a
        // common word.
        let surname_common = words.len() == 2
            && classes[a] == Class::Name
            && classes[b] == Class::Cap
            && !is_place(&words[0])
            && !describes(last_key)
            && !common_shaped(last_key);
        if common > 0 && titles.is_empty() {
            if surname_common {
                ev.person_weak = 1;
            } else {
                ev.place = 2;
            }
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
        let thing_after = next.is_some_and(|w| THING_NOUNS.contains(&w))
            && us.list[b + 1].joined
            && text[us.list[b + 1].start..].starts_with(char::is_lowercase);
        if words.len() == 1
            && titles.is_empty()
            && (thing_after || WEAPONS.contains(&words[0].as_str()))
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
