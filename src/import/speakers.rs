//! Who speaks: direct labels ("Kono.", "Comrade Bulganin.", "From the
//! floor:") and reported speech ("Yamada says that…", "It cannot be said,
//! says Yamada, …").

/// Capitalised words that are not names when they open a paragraph.
const NOT_NAMES: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "St",
    "Gen",
    "Maj",
    "Col",
    "Lt",
    "Capt",
    "Prof",
    "No",
    "Nos",
    "Art",
    "Vol",
    "Ibid",
    "Yes",
    "True",
    "Now",
    "Then",
    "Thus",
    "However",
    "Therefore",
    "Article",
    "Section",
    "Chapter",
    "Notes",
    "Note",
    "See",
    "Excellency",
    "It",
    "The",
    "This",
    "That",
    "There",
    "He",
    "She",
    "They",
    "We",
    "I",
];

/// Titles dropped from a speaker's name.
const TITLES: &[&str] = &["Comrade", "Comrades", "Tovarishch", "Citizen"];

/// Verbs of reported speech, third person present.
const SPEECH_VERBS: &[&str] = &[
    "says",
    "answers",
    "notes",
    "indicates",
    "adds",
    "asks",
    "expresses",
    "repeats",
    "states",
    "replies",
    "remarks",
    "responds",
    "declares",
    "emphasizes",
    "emphasises",
    "stresses",
    "explains",
    "agrees",
    "objects",
    "proposes",
    "suggests",
    "continues",
    "insists",
];

/// Adverbs allowed between a name and its verb ("N.S. Khrushchev further says").
const ADVERBS: &[&str] = &["further", "also", "again", "then", "once"];

fn is_name_word(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase)
        && w.chars().count() >= 2
        && cs.all(|c| c.is_lowercase() || c == '-' || c == '\'')
        && !NOT_NAMES.contains(&w)
}

/// Initials "N.S. ", "N. S. " at the start of `s`: their length in bytes.
fn initials(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    loop {
        let c = s[i..].chars().next();
        match c {
            Some(c) if c.is_uppercase() && s[i + c.len_utf8()..].starts_with('.') => {
                i += c.len_utf8() + 1;
                while b.get(i) == Some(&b' ') {
                    i += 1;
                }
            }
            _ => return i,
        }
    }
}

/// Parses a name at the start of `s`: optional initials, then 1..=`max`
/// capitalised words. Returns (bytes used, the name without initials).
fn name(s: &str, max: usize) -> Option<(usize, String)> {
    let start = initials(s);
    let mut end = start;
    let mut pos = start;
    let mut words = Vec::new();
    while words.len() < max {
        let rest = &s[pos..];
        let len = rest
            .find(|c: char| !(c.is_alphabetic() || c == '-' || c == '\''))
            .unwrap_or(rest.len());
        let word = &rest[..len];
        if !is_name_word(word) {
            break;
        }
        words.push(word);
        end = pos + len;
        if !s[end..].starts_with(' ') {
            break;
        }
        pos = end + 1;
    }
    if words.is_empty() {
        return None;
    }
    Some((end, words.join(" ")))
}

/// A direct-speech label opening `text`: (label length in bytes including
/// its `.` or `:`, the speaker's name). The name drops "Comrade" and a
/// parenthesised role: "Kitamura (leader of the delegation)." → "Kitamura".
pub fn direct_label(text: &str) -> Option<(usize, String)> {
    period_label(text).or_else(|| colon_label(text))
}

/// "Kono. …", "Comrade Bulganin. …", "Masaru Nomizo. …",
/// "Kitamura (leader of the delegation). …".
fn period_label(text: &str) -> Option<(usize, String)> {
    let mut i = 0;
    for t in TITLES {
        if let Some(rest) = text.strip_prefix(t).filter(|r| r.starts_with(' ')) {
            i = text.len() - rest.len() + 1;
            break;
        }
    }
    let (len, who) = name(&text[i..], 3)?;
    let mut end = i + len;
    if text[end..].starts_with(" (") {
        let close = text[end..].find(')')?;
        if close > 80 {
            return None;
        }
        end += close + 1;
    }
    if !text[end..].starts_with(". ") {
        return None;
    }
    let after = text[end + 2..].chars().next()?;
    if !(after.is_uppercase() || after == '“' || after == '"' || after == '(' || after == '[') {
        return None;
    }
    Some((end + 1, who))
}

/// "From the floor: …", "Exclamations from Members of the delegation: …".
fn colon_label(text: &str) -> Option<(usize, String)> {
    let colon = text.find(':')?;
    let label = &text[..colon];
    let words: Vec<&str> = label.split(' ').collect();
    let ok = (2..=7).contains(&words.len())
        && label.len() <= 60
        && words[0].starts_with(|c: char| c.is_uppercase())
        && !NOT_NAMES.contains(&words[0])
        && words
            .iter()
            .all(|w| !w.is_empty() && w.chars().all(char::is_alphabetic))
        && text[colon + 1..].starts_with(' ')
        && text[colon + 1..].trim_start().chars().next().is_some();
    ok.then(|| (colon + 1, label.to_string()))
}

/// The first sentence of `text` (up to ". " + capital), at most 400 bytes.
fn first_sentence(text: &str) -> &str {
    let mut end = text.len().min(400);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = text[..end]
        .match_indices(". ")
        .find(|(i, _)| {
            text[i + 2..].starts_with(|c: char| c.is_uppercase())
                && !text[..*i].ends_with(|c: char| c.is_uppercase()) // "N.S. Khrushchev"
        })
        .map_or(end, |(i, _)| i + 1);
    &text[..cut]
}

/// Reported speech in the first sentence: "Yamada says that…",
/// "N.S. Khrushchev further says…", "Noting that …, Yamada says, …",
/// "It cannot be said, says Yamada, that…". Returns the speaker's name.
pub fn reported(text: &str) -> Option<String> {
    let s = first_sentence(text);
    // Clause starts: the paragraph start and after each ", ".
    let starts = std::iter::once(0).chain(s.match_indices(", ").map(|(i, _)| i + 2));
    for at in starts {
        let clause = &s[at..];
        if let Some((len, who)) = name(clause, 2) {
            let mut rest = clause[len..].trim_start().split(' ');
            let mut verb = rest.next().unwrap_or("");
            if ADVERBS.contains(&verb) {
                verb = rest.next().unwrap_or("");
            }
            if SPEECH_VERBS.contains(&verb.trim_end_matches([',', '.'])) {
                return Some(who);
            }
        }
        // Inverted: "…, says Yamada, …".
        let mut words = clause.split(' ');
        let verb = words.next().unwrap_or("");
        if at > 0 && SPEECH_VERBS.contains(&verb) {
            let after = &clause[verb.len()..].trim_start();
            if let Some((len, who)) = name(after, 2) {
                if after[len..].starts_with(',') {
                    return Some(who);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        let table: &[(&str, Option<(&str, &str)>)] = &[
            (
                "Kono. I will not debate too much today.",
                Some(("Kono.", "Kono")),
            ),
            (
                "Comrade Bulganin. We welcome you.",
                Some(("Comrade Bulganin.", "Bulganin")),
            ),
            (
                "Kitamura (leader of the delegation). Allow me to thank you.",
                Some(("Kitamura (leader of the delegation).", "Kitamura")),
            ),
            (
                "Masaru Nomizo. Allow me.",
                Some(("Masaru Nomizo.", "Masaru Nomizo")),
            ),
            (
                "Tanaka Hajime. Unfortunately.",
                Some(("Tanaka Hajime.", "Tanaka Hajime")),
            ),
            (
                "From the floor: there will be no other questions.",
                Some(("From the floor:", "From the floor")),
            ),
            (
                "Exclamations from Members of the delegation: Completely.",
                Some((
                    "Exclamations from Members of the delegation:",
                    "Exclamations from Members of the delegation",
                )),
            ),
            ("Mr. Bulganin then stated to me the following.", None),
            ("N.S. Khrushchev answers that he is happy.", None),
            ("Comrade Khrushchev explained very well our position.", None),
            ("If we move to concrete issues, they are such:", None),
            ("True", None),
            ("Section 3 Silent Political Coup", None),
            ("Yes. That is so.", None),
        ];
        for (text, want) in table {
            let got = direct_label(text).map(|(len, n)| (&text[..len], n));
            assert_eq!(got, want.map(|(l, n)| (l, n.to_string())), "{text}");
        }
    }

    #[test]
    fn reported_speech() {
        let table = [
            ("Yamada says that he regards his reception as a great honor.", Some("Yamada")),
            ("N.S. Khrushchev answers that he is happy.", Some("Khrushchev")),
            ("N.S. Khrushchev further says that he read over the letter.", Some("Khrushchev")),
            ("It cannot be said, says Yamada, that presently there are no issues.", Some("Yamada")),
            (
                "Noting that N.S. Khrushchev referred to the development of trade, Yamada says, that in connection with this.",
                Some("Yamada"),
            ),
            ("Mr. Bulganin then stated to me the following.", None),
            ("Khrushchev initially prepared three cards.", None),
            ("If this issue were settled, then trade would occur. Yamada says so.", None),
        ];
        for (text, want) in table {
            assert_eq!(reported(text).as_deref(), want, "{text}");
        }
    }
}
