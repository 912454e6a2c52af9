//! A document's kind from its title, for records without a `kind:`.

/// Title phrases and the kind they give, most specific first: the first
/// phrase found (as whole words, any case) wins.
const KINDS: &[(&str, &str)] = &[
    ("memorandum of conversation", "memorandum of conversation"),
    ("memorandum of a conversation", "memorandum of conversation"),
    ("record of conversation", "record of conversation"),
    ("record of a conversation", "record of conversation"),
    ("minutes of", "minutes"),
    ("editorial note", "editorial note"),
    ("aide-mémoire", "aide-mémoire"),
    ("aide-memoire", "aide-mémoire"),
    ("joint declaration", "declaration"),
    ("declaration", "declaration"),
    ("peace treaty", "treaty"),
    ("treaty", "treaty"),
    ("agreement", "agreement"),
    ("telegram", "telegram"),
    ("cable", "telegram"),
    ("despatch", "despatch"),
    ("dispatch", "despatch"),
    ("letter", "letter"),
    ("memorandum", "memorandum"),
    ("note", "note"),
    ("notes", "notes"),
    ("minutes", "minutes"),
    ("speech", "speech"),
    ("address", "speech"),
    ("statement", "statement"),
    ("communiqué", "communiqué"),
    ("communique", "communiqué"),
    ("report", "report"),
    ("conversation", "record of conversation"),
    ("reception", "record of conversation"),
    ("diary", "diary"),
    ("chapter", "chapter"),
];

/// The kind a title names ("Telegram From the Embassy…" → "telegram"), or
/// "document" when it names none.
pub fn kind_from_title(title: &str) -> &'static str {
    let words: Vec<String> = title
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == 'é'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    let mut best: Option<(usize, usize)> = None; // (table rank, word position)
    for (rank, (phrase, _)) in KINDS.iter().enumerate() {
        let p: Vec<&str> = phrase.split(' ').collect();
        if let Some(at) = words
            .windows(p.len())
            .position(|w| w.iter().zip(&p).all(|(a, b)| a == b))
        {
            // The earliest phrase in the title names the document; the
            // table's order breaks ties (a longer phrase at the same place).
            if best.map_or(true, |(r, pos)| at < pos || (at == pos && rank < r)) {
                best = Some((rank, at));
            }
        }
    }
    best.map_or("document", |(rank, _)| KINDS[rank].1)
}

#[cfg(test)]
mod tests {
    use super::kind_from_title;

    #[test]
    fn kinds_come_from_titles() {
        for (title, kind) in [
            ("Telegram From the Secretary of State to the Department of State", "telegram"),
            ("Memorandum From the Acting Director of the Office of Northeast Asian Affairs (Hemmendinger) to the Assistant Secretary", "memorandum"),
            ("Memorandum of a Conversation, Ministry of International Trade and Industry, Tokyo", "memorandum of conversation"),
            ("Notes Prepared in the Office of Northeast Asian Affairs", "notes"),
            ("Editorial Note", "editorial note"),
            ("Letter of S. Matsumoto to A. Gromyko", "letter"),
            ("Treaty of Saint Petersburg, Article 2", "treaty"),
            ("Reception by N.S. Khrushchev of Japanese Ambassador H. Yamada", "record of conversation"),
            ("Negotiations to Normalize Japan-Soviet Diplomatic Relations", "document"),
        ] {
            assert_eq!(kind_from_title(title), kind, "{title}");
        }
    }
}
