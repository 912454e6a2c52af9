//! Common English words, for collections too small to show their own
//! words in lower case: "State", "Defense" or "Water" is then a capitalized
//! common word (a name only after a title or an initial, or inside a
//! place's or a body's name), as it is in any collection that also writes
//! it in lower case.
//! The list (english.txt) is generated from the State of the Union
//! addresses by `scripts/english-words.mjs`, which says how.

use super::places::is_place;
use std::collections::HashSet;
use std::sync::OnceLock;

/// Is a folded word a common English word (and no known place: "China",
/// "Turkey" stay names)?
pub(super) fn common_word(key: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| include_str!("english.txt").lines().collect())
        .contains(key)
        && !is_place(key)
}
