//! Rules that read a whole paragraph around its names: Title Case
//! stretches, a title's portfolio, bibliographic references, and names
//! listed together.

use super::lexicon::{PLACE_HEADS, STOP};
use super::words::Class;
use super::Occurrence;
use crate::entities::mentions::Units;
use crate::model::{ParaKind, Paragraph, SpanKind};

/// Is unit `k` inside a Title Case stretch: a heading, or a paragraph, an
/// italic span or a quotation where (almost) every word of four letters or
/// more, function words aside, is capitalized ("United States Position on Japanese-Soviet Peace
/// Treaty Negotiations", *Record of Proceedings*)?
pub(super) fn title_case(text: &str, us: &Units, p: &Paragraph) -> Vec<bool> {
    let n = us.list.len();
    let cased = |r: std::ops::Range<usize>| -> bool {
        let (mut long, mut caps) = (0, 0);
        for k in r {
            let u = &us.list[k];
            let w = &text[u.start..u.end];
            if w.chars().filter(|c| c.is_alphabetic()).count() >= 4 && !STOP.contains(&us.key(k)) {
                long += 1;
                if w.chars().next().is_some_and(char::is_uppercase) {
                    caps += 1;
                }
            }
        }
        long >= 2 && caps * 10 >= long * 9
    };
    // Whole paragraphs: headings, list items and lines ("SUBJECT" items);
    // not running text or notes, whose "Source: … Drafted by Martin." is
    // mostly capitals too.
    let short = matches!(p.kind, ParaKind::Item(_) | ParaKind::Line);
    let mut out =
        vec![matches!(p.kind, ParaKind::Heading(_)) || (short && n > 0 && cased(0..n)); n];
    let units_in = |s: usize, e: usize| -> std::ops::Range<usize> {
        let a = us.list.iter().position(|u| u.start >= s).unwrap_or(n);
        let b = us.list.iter().position(|u| u.start >= e).unwrap_or(n);
        a..b.max(a)
    };
    let mut stretches: Vec<(usize, usize)> = p
        .spans
        .iter()
        .filter(|s| matches!(s.kind, SpanKind::Emphasis))
        .map(|s| (s.start as usize, s.end as usize))
        .collect();
    let mut from = 0;
    while let Some(o) = text[from..].find(['“', '"']).map(|i| from + i) {
        let body = o + text[o..].chars().next().map_or(1, char::len_utf8);
        let Some(c) = text[body..].find(['”', '"']).map(|i| body + i) else {
            break;
        };
        stretches.push((body, c));
        from = c + text[c..].chars().next().map_or(1, char::len_utf8);
    }
    for (s, e) in stretches {
        let r = units_in(s, e);
        if r.len() > 1 && cased(r.clone()) {
            for k in r {
                out[k] = true;
            }
        }
    }
    out
}

/// "Minister of Agriculture, Forestry and Fisheries Kono": the capitalized
/// words listed after a title's "of" are its portfolio, part of the title;
/// a last word joined by a space alone is the holder's name.
pub(super) fn portfolios(text: &str, us: &Units, classes: &mut [Class]) {
    let n = us.list.len();
    let between = |k: usize| text[us.list[k - 1].end..us.list[k].start].trim();
    for k in 0..n.saturating_sub(2) {
        // "Secretary of State", "Assistant for National Security Affairs".
        if classes[k] != Class::Title
            || !matches!(us.key(k + 1), "of" | "for")
            || !us.list[k + 1].joined
        {
            continue;
        }
        let mut stretch: Vec<usize> = Vec::new();
        // Where the list goes on after a comma, and whether an "and"
        // closed it.
        let (mut comma, mut and) = (None, false);
        let mut j = k + 2;
        while j < n && matches!(classes[j], Class::Name | Class::Cap | Class::Title) {
            // A second title starts another person ("… State Dulles,
            // Ambassador Allison").
            let named = stretch.iter().any(|&u| classes[u] != Class::Title);
            if !stretch.is_empty()
                && (!matches!(between(j), "," | "") || named && classes[j] == Class::Title)
            {
                break;
            }
            if between(j) == "," && comma.is_none() {
                comma = Some(stretch.len());
            }
            stretch.push(j);
            j += 1;
            // "and" between two words of the portfolio.
            if j + 1 < n
                && us.key(j) == "and"
                && between(j).is_empty()
                && classes[j + 1] != Class::Other
            {
                j += 1;
                and = true;
            }
        }
        // "Prime Minister of Japan, Shigeru Yoshida": a list of portfolios
        // ends with "and"; without one the comma ends the title.
        if let (Some(c), false) = (comma, and) {
            stretch.truncate(c);
        }
        // The holder: the last word joined by a space alone, and the
        // given names and initials before it ("Secretary of State William
        // Rogers"); never the first word of the portfolio, nor a word
        // after its "and" ("… Forestry and Fisheries Kono").
        let mut end = stretch.len();
        while end > 1 {
            let (u, before) = (stretch[end - 1], stretch[end - 2]);
            let spaced =
                between(u).is_empty() || (between(u) == "." && classes[before] == Class::Initial);
            let last = end == stretch.len();
            let name = last || matches!(classes[u], Class::Name | Class::Initial);
            if spaced && before + 1 == u && name && (last || classes[u] != Class::Title) {
                end -= 1;
            } else {
                break;
            }
        }
        for &u in &stretch[..end] {
            classes[u] = Class::Title;
        }
    }
}

/// Where a paragraph's bibliographic reference is ("Kazuto Ishimaru,
/// *Sengo Nihon Gaikoshi*, Vol. II, Sansendo, 1983, p. 38"), if it has
/// one: the sentence or the parenthesis holding its first page or volume
/// mark, so that prose before it ("…, for Seaborg later recounted: “…”
/// (Stemming the Tide, p. 225)") reads as prose. There only the first
/// name of each entry is an author; titles of works, publishers and
/// journals are capitalized too, and "Boston:" is where it was published.
pub(super) fn reference(text: &str) -> Option<std::ops::Range<usize>> {
    let year = text.as_bytes().windows(4).any(|w| {
        (w.starts_with(b"19") || w.starts_with(b"20")) && w.iter().all(u8::is_ascii_digit)
    });
    // "p. 38", "pp. 72-73", "Vol. II": the mark, standing alone, then a number.
    let marks = |m: &'static str, roman: bool| {
        text.match_indices(m).filter_map(move |(i, _)| {
            let next = text[i + m.len()..].trim_start();
            ((next.starts_with(|c: char| c.is_ascii_digit())
                || (roman && next.starts_with(['I', 'V', 'X'])))
                && !text[..i].ends_with(char::is_alphabetic))
            .then_some(i)
        })
    };
    let numbered = |m: &'static str, roman: bool| marks(m, roman).next();
    let paged = ["p.", "pp.", "с."]
        .iter()
        .filter_map(|m| numbered(m, false))
        .min();
    // Not "Ibid.": FRUS's source notes cite it beside running prose.
    // A journal's "…, No. 4", not "letter No. 33" in prose.
    let issue = marks("No.", false).find(|&i| text[..i].trim_end().ends_with(','));
    let cited = [numbered("Vol.", true), issue, text.find("op. cit")]
        .into_iter()
        .flatten()
        .min()
        .filter(|_| year);
    let mark = paged.into_iter().chain(cited).min()?;
    let start = citation_start(text, mark);
    // A parenthesis ends at its ")": prose may follow.
    let end = if text[start..].starts_with('(') {
        text[mark..]
            .find(')')
            .map_or(text.len(), |at| mark + at + 1)
    } else {
        text.len()
    };
    Some(start..end)
}

/// The start of the sentence or the parenthesis that holds byte `at`.
fn citation_start(text: &str, at: usize) -> usize {
    let head = &text[..at];
    let mut depth = 0;
    for (i, c) in head.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => return i,
            '(' => depth -= 1,
            // ". Then": a sentence ends, unless after an initial ("John
            // B. Hollister") or an abbreviation's lower-case tail ("et. al.").
            '.' | '?' | '!' if depth == 0 => {
                let after = head[i + 1..].trim_start();
                let word = head[..i]
                    .rsplit(|c: char| !c.is_alphabetic())
                    .next()
                    .unwrap_or("");
                if head[i + 1..].starts_with(' ')
                    && after.starts_with(char::is_uppercase)
                    && word.chars().count() > 1
                {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    0
}

/// Names listed together are of one kind: in "Athens, Ankara, and London"
/// or "repeated to Ankara, London, Paris" the known places make Ankara
/// one. Only a known place's evidence spreads, and never to a titled name,
/// nor to a full name unless "and" or "or" pairs it with a place named by
/// its head ("Okino Erabu and Yoron Island").
pub(super) fn coordinate(text: &str, occs: &mut [Occurrence]) {
    let linked = |a: &Occurrence, b: &Occurrence| {
        let between = text[a.end as usize..b.start as usize].trim();
        matches!(between, "," | "and" | ", and" | "or" | ", or" | "&")
    };
    let mut s = 0;
    while s < occs.len() {
        let mut e = s + 1;
        while e < occs.len() && linked(&occs[e - 1], &occs[e]) {
            e += 1;
        }
        let places = occs[s..e].iter().filter(|o| o.evidence.place >= 3).count();
        let headed = occs[s..e].iter().any(|o| {
            o.words
                .last()
                .is_some_and(|w| PLACE_HEADS.contains(&w.as_str()))
        });
        let paired = e - s == 2 && {
            let between = text[occs[s].end as usize..occs[s + 1].start as usize].trim();
            matches!(between, "and" | "or")
        };
        if e - s > 1 && places > 0 {
            for o in &mut occs[s..e] {
                // "Herbert Spielman, Policy Studies Branch": a full name
                // in apposition stays a person's.
                let plain =
                    o.titles.is_empty() && (o.evidence.person_weak == 0 || (headed && paired));
                if plain && o.evidence.person == 0 && o.evidence.org == 0 {
                    o.evidence.place = o.evidence.place.max(2);
                }
            }
        }
        s = e;
    }
}
