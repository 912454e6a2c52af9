//! The collection in text parts (the folder form): a bundle without its
//! parts answers every question either exactly as the whole collection does
//! or with an error naming the parts to add, and once they are added, with
//! the same answer. One `check()` runs each question through both.

mod common;

use docent::format::{add_part, decode, encode_split};
use docent::{Collection, Error};
use std::fmt::Debug;

/// Parts of about 5 KB of text: the collection's documents spread over several.
const PART_BYTES: usize = 5_000;

fn split() -> (Collection, Collection, Vec<Vec<u8>>) {
    let whole = common::collection();
    let (head, parts) = encode_split(&whole, PART_BYTES);
    let lazy = decode(&head).unwrap();
    (whole, lazy, parts)
}

/// A search's answer as its JSON (an answer borrows from its collection).
fn owned(r: docent::search::Results<'_>) -> serde_json::Value {
    serde_json::to_value(&r).unwrap()
}

/// Asks `ask` of the part-loaded collection until it stops asking for parts
/// (adding what it names each time) and compares with the whole collection.
/// Returns the parts it asked for, in order.
fn check<T: PartialEq + Debug>(
    what: &str,
    whole: &Collection,
    lazy: &mut Collection,
    parts: &[Vec<u8>],
    ask: impl Fn(&Collection) -> Result<T, Error>,
) -> Vec<u32> {
    let want = ask(whole).unwrap_or_else(|e| panic!("{what}: whole collection: {e}"));
    let mut asked = Vec::new();
    for _ in 0..=parts.len() {
        match ask(lazy) {
            Ok(got) => {
                assert_eq!(got, want, "{what}: answer after adding parts {asked:?}");
                return asked;
            }
            Err(e) => {
                assert!(!e.parts().is_empty(), "{what}: {e}");
                assert!(e.message().contains("not loaded yet"), "{what}: {e}");
                for &k in e.parts() {
                    assert!(!asked.contains(&k), "{what}: part {k} asked for twice");
                    asked.push(k);
                    add_part(lazy, &parts[k as usize]).unwrap();
                }
            }
        }
    }
    panic!("{what}: still asking for parts after all were added");
}

#[test]
fn the_collection_spreads_over_several_parts() {
    let (whole, lazy, parts) = split();
    assert!(parts.len() >= 5, "{} parts", parts.len());
    assert_eq!(lazy.parts.passages_part(), Some(parts.len() as u32 - 1));
    assert_eq!(lazy.library(), whole.library(), "the library needs no text");
    assert_eq!(lazy.entity_summaries(), whole.entity_summaries());
    assert_eq!(lazy.clauses.summaries(), whole.clauses.summaries());
}

#[test]
fn questions_ask_for_the_parts_they_read_then_answer_as_the_whole() {
    let (whole, mut lazy, parts) = split();
    let asked = check("search", &whole, &mut lazy, &parts, |c| {
        c.search("Habomai Shikotan", 5).map(owned)
    });
    assert!(!asked.is_empty(), "a search reads the texts of its hits");
    // Counts and "did you mean" need no text: a query without hits asks nothing.
    let (_, mut fresh, _) = split();
    let asked = check("no hits", &whole, &mut fresh, &parts, |c| {
        c.search("zzqqxxkk", 10).map(owned)
    });
    assert_eq!(asked, [] as [u32; 0]);
    check("more hits", &whole, &mut lazy, &parts, |c| {
        c.search("treaty", 60).map(owned)
    });
    let doc = whole.docs[whole.docs.len() / 2].id.clone();
    check("highlights", &whole, &mut lazy, &parts, |c| {
        c.highlights("islands", &doc)
    });
    check("entity", &whole, &mut lazy, &parts, |c| {
        c.lookup_entity("Kunashiri")
    });
    let asked = check("passages", &whole, &mut lazy, &parts, |c| {
        c.passages
            .similar_to_paragraphs(&c.docs, &c.parts, 0, 0, 2, 8)
            .map(|h| serde_json::to_string(&h).unwrap())
    });
    assert_eq!(
        asked.first(),
        Some(&(parts.len() as u32 - 1)),
        "the passage index is the last part, asked for first"
    );
    check("text", &whole, &mut lazy, &parts, |c| {
        c.passages
            .similar_to_text(&c.docs, &c.parts, "the islands of Habomai and Shikotan", 8)
            .map(|h| serde_json::to_string(&h).unwrap())
    });
    for part in &parts {
        add_part(&mut lazy, part).unwrap();
    }
    assert_eq!(
        lazy.docs, whole.docs,
        "every part added: the same documents"
    );
    assert!(lazy.need(0..lazy.docs.len()).is_ok());
}
