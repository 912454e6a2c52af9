//! What one source line is, read alone: a list item, a label line, a
//! dateline, a file number, a salutation, a complimentary close, a name with
//! a title; and whether a line is a hard wrap of the one before (rules 1 and
//! 8 in the docs of [`crate::import`]).

use super::header::{parse_written_date, unmark, Line};

/// A line that starts a unit of its own, whatever the line before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// A list item: its marker's counter style and the marker's length.
    Item(Style),
    /// `SUBJECT: …`, `PARTICIPANTS`: `alone` when no value follows on the line;
    /// `people` when the lines after it list persons.
    Label { alone: bool, people: bool },
    /// "Tokyo, August 30, 1956—11 a.m.", "January 25, 1960".
    Dateline,
    /// `USDel/MC/48`.
    FileNumber,
    /// "Excellency,", "Dear Sir:".
    Salutation,
    /// "Sincerely,", "Respectfully yours,".
    Close,
}

/// The counter of a list marker: items of one style are one level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Number,
    Lower,
    Upper,
    Bullet,
}

/// The marker that opens a list item (`1.`, `(2)`, `(a).`, `b)`, `-`) and its
/// style, if `t` opens with one. Numbers have at most two digits: "513.
/// Deptel 442." opens a telegram, not a list.
pub fn item_marker(t: &str) -> Option<(usize, Style)> {
    if t.starts_with("- ") || t.starts_with("• ") {
        return Some((t.chars().next()?.len_utf8(), Style::Bullet));
    }
    let (paren, rest) = t.strip_prefix('(').map_or((false, t), |r| (true, r));
    let label: &str = {
        let n = rest
            .char_indices()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(rest.len(), |(i, _)| i);
        &rest[..n]
    };
    let after = &rest[label.len()..];
    let style =
        if !label.is_empty() && label.len() <= 2 && label.bytes().all(|b| b.is_ascii_digit()) {
            Style::Number
        } else if label.chars().count() == 1 && label.chars().all(|c| c.is_lowercase()) {
            Style::Lower
        } else if label.chars().count() == 1 && label.chars().all(|c| c.is_uppercase()) {
            Style::Upper
        } else {
            return None;
        };
    let close = if paren {
        after.strip_prefix(')')?
    } else if style == Style::Number && after.starts_with(". ") {
        &after[1..]
    } else if style != Style::Upper {
        // "a) S'abstenir", "2) …"; "A) " is too often an initial.
        after.strip_prefix(')').filter(|r| r.starts_with(' '))?
    } else {
        return None;
    };
    // "(a).  Japan renounces": the dot after the bracket is the marker's.
    let close = close.strip_prefix('.').unwrap_or(close);
    if !close.starts_with(' ') || close.trim().is_empty() {
        return None;
    }
    Some((t.len() - close.len(), style))
}

/// Labels that stand alone on a line in a record's opening ("SUBJECT"), and
/// the title-case ones that need a colon ("Participants: …").
const LABELS: &[&str] = &[
    "SUBJECT",
    "SUBJECTS",
    "SUBJECT DISCUSSED",
    "SUBJECTS DISCUSSED",
    "PARTICIPANTS",
    "PRESENT",
    "ATTENDEES",
    "DISTRIBUTION",
    "COPIES TO",
    "REFERENCE",
    "PLACE",
    "TIME",
    "DATE",
];
const TITLED_LABELS: &[&str] = &[
    "Subject",
    "Subjects",
    "Subject discussed",
    "Subjects discussed",
    "Participants",
    "Present",
    "Attendees",
    "Distribution",
    "Copies to",
    "Place",
    "Time",
];
/// Labels after which the lines list persons, one a line.
const PEOPLE: &[&str] = &[
    "PARTICIPANTS",
    "PRESENT",
    "ATTENDEES",
    "Participants",
    "Present",
    "Attendees",
];

/// The label opening `t` (`SUBJECT:`, `PARTICIPANTS`, `Participants:`) and
/// its length in `t`, with `alone` when nothing follows.
pub fn label(t: &str) -> Option<(usize, bool, bool)> {
    let u = unmark(t);
    let (head, colon) = match u.split_once(':') {
        Some((h, _)) => (h.trim_end(), true),
        None => (u, false),
    };
    let caps = head.chars().any(char::is_alphabetic)
        && head
            .chars()
            .all(|c| c.is_uppercase() || c == ' ' || c == '/' || c == '-');
    let known = LABELS.contains(&head) || TITLED_LABELS.contains(&head) && colon;
    // Any short capitals with a colon ("REF:", "SUBJECT DISCUSSED:") too.
    let caps_colon = caps && colon && head.len() <= 30 && head.split(' ').count() <= 3;
    if !(known || caps_colon) {
        return None;
    }
    let end = t.find(':').map_or_else(|| t.trim_end().len(), |i| i + 1);
    let alone = t[end..].trim().trim_matches('*').is_empty();
    Some((end, alone, PEOPLE.contains(&head)))
}

/// "London, August 22, 1956—Noon.", "Washington, August 27?, 1956.",
/// "January 25, 1960": a place (optional) and a full date, nothing else.
pub fn dateline(t: &str) -> bool {
    let u = unmark(t).trim_matches('*').trim_end_matches('.');
    if u.chars().count() > 60 {
        return false;
    }
    let u = u.split('—').next().unwrap_or(u).replace('?', "");
    let full = |s: &str| parse_written_date(s).is_some_and(|d| d.month > 0 && d.day > 0);
    full(&u)
        || u.split_once(", ").is_some_and(|(place, d)| {
            place.split(' ').count() <= 3
                && place.starts_with(|c: char| c.is_uppercase())
                && full(d)
        })
}

/// `USDel/MC/48`, `Secto 33`-like file numbers with a slash: one or two
/// tokens, a capital first, a slash and a digit in them.
pub fn file_number(t: &str) -> bool {
    let u = unmark(t);
    u.len() <= 40
        && u.split(' ').count() <= 2
        && u.starts_with(|c: char| c.is_ascii_uppercase())
        && u.contains('/')
        && u.contains(|c: char| c.is_ascii_digit())
        && !u.ends_with(['.', ','])
}

/// A salutation alone on its line: "Excellency,", "Dear Sir:", "Gentlemen:".
pub fn salutation(t: &str) -> bool {
    let u = unmark(t);
    let Some(body) = u.strip_suffix(',').or_else(|| u.strip_suffix(':')) else {
        return false;
    };
    let words: Vec<&str> = body.split(' ').collect();
    body.len() <= 40
        && (words[0] == "Dear"
            || (words.len() <= 4
                && words
                    .iter()
                    .all(|w| w.starts_with(|c: char| c.is_uppercase()))
                && ["Excellency", "Sir", "Sirs", "Gentlemen", "Madam"]
                    .iter()
                    .any(|s| words.contains(s))))
}

/// A complimentary close alone on its line: "Sincerely,", "Very truly yours,".
pub fn close(t: &str) -> bool {
    let u = crate::text::lowercase(unmark(t));
    let Some(body) = u.strip_suffix(',') else {
        return false;
    };
    body.len() <= 30
        && [
            "sincerely",
            "faithfully",
            "respectfully",
            "truly",
            "cordially",
            "yours",
        ]
        .iter()
        .any(|w| body.split(' ').any(|x| x == *w))
}

/// What `t` starts, if it starts a unit of its own.
pub fn unit(t: &str) -> Option<Unit> {
    if let Some((_, style)) = item_marker(t) {
        Some(Unit::Item(style))
    } else if let Some((_, alone, people)) = label(t) {
        Some(Unit::Label { alone, people })
    } else if dateline(t) {
        Some(Unit::Dateline)
    } else if file_number(t) {
        Some(Unit::FileNumber)
    } else if salutation(t) {
        Some(Unit::Salutation)
    } else if close(t) {
        Some(Unit::Close)
    } else {
        None
    }
}

/// "Walter S. Robertson, Assistant Secretary of State", "M. N. S.
/// Khrouchtchev, Membre du Présidium …": up to five capitalised words (one
/// of them a name, not an initial), a comma, a capitalised title.
pub fn name_and_title(t: &str) -> bool {
    let Some((name, rest)) = t.split_once(", ") else {
        return false;
    };
    let words: Vec<&str> = name.split(' ').collect();
    (1..=5).contains(&words.len())
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()))
        && words
            .iter()
            .any(|w| w.chars().count() > 2 && !w.ends_with('.'))
        && rest.starts_with(|c: char| c.is_uppercase())
        && !dateline(t)
}

/// Lines of a hard-wrapped block are at most this many characters, and the
/// longest at least this many ("Sincerely," / "Raddy" is no wrap).
pub const MAX_WRAP: usize = 100;
pub const MIN_WRAP: usize = 40;

/// Is `next` the rest of a line wrapped after `prev`? When the block's
/// lines are short (`width`, its longest, in [`MIN_WRAP`]..=[`MAX_WRAP`]) and the first
/// word of `next` would not have fitted on `prev`: a printer's or
/// typewriter's wrap, not a line the author ended.
pub fn wrapped(prev: &str, next: &str, width: usize) -> bool {
    let first = next.split_whitespace().next().unwrap_or("");
    (MIN_WRAP..=MAX_WRAP).contains(&width)
        && prev.chars().count() + 1 + first.chars().count() > width
}

/// Words that end a line in the middle of a phrase.
pub const OPEN_ENDINGS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "and", "or",
    "but", "nor", "that", "as", "into", "than", "not", "about", "between", "over", "under", "his",
    "her", "their", "its", "our", "your", "my", "which", "who", "whose", "whom", "if", "was",
    "were", "is", "are", "be", "de", "la", "le", "les", "du", "des", "et", "à", "au", "aux",
];

/// Capitalised words that usually open a sentence: a paragraph starting
/// with one of them does not continue an unfinished paragraph.
pub const OPENERS: &[&str] = &[
    "I",
    "We",
    "You",
    "He",
    "She",
    "It",
    "They",
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Here",
    "If",
    "But",
    "And",
    "Or",
    "So",
    "As",
    "In",
    "On",
    "At",
    "For",
    "From",
    "To",
    "With",
    "By",
    "After",
    "Before",
    "When",
    "While",
    "Since",
    "Although",
    "Though",
    "However",
    "Therefore",
    "Thus",
    "Then",
    "Now",
    "Yes",
    "No",
    "Our",
    "Your",
    "My",
    "His",
    "Her",
    "Their",
    "Its",
    "What",
    "Who",
    "Why",
    "How",
    "Where",
    "Which",
    "Such",
    "Let",
    "Let's",
    "Of",
    "Also",
    "Not",
    "All",
    "Some",
    "Every",
    "Each",
    "Many",
    "Most",
    "One",
    "First",
    "Second",
    "Third",
    "Finally",
    "Meanwhile",
    "Moreover",
    "Consequently",
    "Accordingly",
    "Yesterday",
    "Today",
    "Le",
    "La",
    "Les",
    "L",
    "Du",
    "Des",
    "Un",
    "Une",
    "Il",
    "Elle",
    "Ils",
    "En",
    "Au",
    "Tous",
    "Considérant",
];

/// Per line, the width (in characters) of the longest line of its block
/// (run of non-blank lines): the measure for [`lines::wrapped`].
pub fn block_widths(lines: &[Line]) -> Vec<usize> {
    let mut out = vec![0; lines.len()];
    let mut start = 0;
    for i in 0..=lines.len() {
        if i == lines.len() || lines[i].1.trim().is_empty() {
            let w = lines[start..i]
                .iter()
                .map(|l| l.1.trim().chars().count())
                .max()
                .unwrap_or(0);
            out[start..i].iter_mut().for_each(|x| *x = w);
            start = i + 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units() {
        let table: &[(&str, Option<Unit>)] = &[
            ("1. The Secretary said", Some(Unit::Item(Style::Number))),
            ("(2) That the following", Some(Unit::Item(Style::Number))),
            ("(a).  Japan renounces", Some(Unit::Item(Style::Lower))),
            ("b) S'abstenir", Some(Unit::Item(Style::Lower))),
            ("513. Deptel 442.", None),
            ("(The conversation began at 10:00)", None),
            ("U.S.S.R. and Japan", None),
            (
                "SUBJECT",
                Some(Unit::Label {
                    alone: true,
                    people: false,
                }),
            ),
            (
                "SUBJECT: Japanese-Soviet Talks",
                Some(Unit::Label {
                    alone: false,
                    people: false,
                }),
            ),
            (
                "PARTICIPANTS:",
                Some(Unit::Label {
                    alone: true,
                    people: true,
                }),
            ),
            (
                "Participants: The Secretary",
                Some(Unit::Label {
                    alone: false,
                    people: true,
                }),
            ),
            (
                "WEEKLY NOTES TO TOKYO FOR WEEK ENDING AUGUST 24, 1956",
                None,
            ),
            ("From the floor: Yes.", None),
            ("Tokyo, August 30, 1956—11 a.m.", Some(Unit::Dateline)),
            ("Washington, August 27?, 1956.", Some(Unit::Dateline)),
            ("January 25, 1960", Some(Unit::Dateline)),
            ("September 23", None),
            ("USDel/MC/48", Some(Unit::FileNumber)),
            ("Excellency,", Some(Unit::Salutation)),
            ("Sincerely,", Some(Unit::Close)),
            ("Moreover,", None),
        ];
        for (t, want) in table {
            assert_eq!(unit(t), *want, "{t}");
        }
        assert_eq!(item_marker("(a).  Japan"), Some((4, Style::Lower)));
        assert!(name_and_title("M. N. S. Khrouchtchev, Membre du Présidium"));
        assert!(name_and_title("Walter S. Robertson, Assistant Secretary"));
        assert!(!name_and_title("However, the Soviets"));
        assert!(!name_and_title("Tokyo, August 30, 1956"));
    }
}
