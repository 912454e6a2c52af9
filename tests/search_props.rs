//! Property tests: any query string, however malformed, parses and searches
//! the real corpus without panicking, within the documented bounds, and
//! every offset it returns lies on the paragraph's character boundaries.

#[allow(dead_code)]
#[path = "../src/cli/corpus.rs"]
mod corpus;

use docent::search::query::{Query, MAX_CLAUSES, MAX_QUERY_BYTES};
use docent::Collection;
use proptest::prelude::*;
use std::sync::OnceLock;

fn collection() -> &'static Collection {
    static C: OnceLock<Collection> = OnceLock::new();
    C.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        corpus::load(&dir).unwrap().collection
    })
}

/// Pieces queries are made of: syntax, real words, and hostile characters.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\"".to_string()),
        Just("-".to_string()),
        Just(" ".to_string()),
        Just(":".to_string()),
        Just("speaker:".to_string()),
        Just("doc:".to_string()),
        Just("kind:".to_string()),
        Just("year:".to_string()),
        Just("..".to_string()),
        Just(" OR ".to_string()),
        Just("1956".to_string()),
        Just("1955..1961".to_string()),
        Just("Habomai".to_string()),
        Just("Хрущёв".to_string()),
        Just("kruschev".to_string()),
        Just("treaties".to_string()),
        Just("Kōno's".to_string()),
        Just("\u{fffd}".to_string()),
        Just("\u{202e}\u{0645}\u{0631}".to_string()),
        Just("🙂👨‍👩‍👧".to_string()),
        Just("\u{0}\u{7}\t\n".to_string()),
        Just("a\u{0301}\u{0301}".to_string()),
        "[a-zё]{1,12}",
        any::<char>().prop_map(String::from),
    ]
}

fn query() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
}

fn check(q: &str) {
    let c = collection();
    let parsed = Query::parse(q);
    assert!(parsed.text.len() <= MAX_QUERY_BYTES);
    assert!(parsed.clauses.len() + parsed.excluded.len() <= MAX_CLAUSES);
    // The page removes a piece (a chip's ×) by its text as written.
    for p in &parsed.parts {
        assert!(parsed.text.contains(&p.text), "{p:?} in {q:?}");
    }
    assert!(parsed.clauses.first().map_or(true, |c| !c.or));
    let r = c.search(q, 10).unwrap();
    assert!(r.hits.len() <= 10 && r.hits.len() <= r.total);
    assert_eq!(r.docs.iter().map(|d| d.hits).sum::<usize>(), r.total);
    for h in &r.hits {
        assert!(h.snippet.iter().all(|f| !f.text.is_empty()));
        assert!(h.score.is_finite());
    }
    if let Some(h) = r.hits.first() {
        let hl = c.highlights(q, h.doc).unwrap();
        let doc = c.doc(h.doc).unwrap();
        for p in &hl.paragraphs {
            let text = &doc.paragraphs[p.paragraph as usize].text;
            for [a, b] in &p.ranges {
                assert!(a < b && (*b as usize) <= text.len());
                assert!(text.is_char_boundary(*a as usize) && text.is_char_boundary(*b as usize));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_query_is_answered(q in query()) {
        check(&q);
    }

    #[test]
    fn any_string_is_answered(q in ".{0,200}") {
        check(&q);
    }
}

#[test]
fn huge_and_degenerate_queries_are_answered() {
    for q in [
        "a".repeat(100_000),
        "\"".repeat(100_000),
        "-".repeat(50_000),
        "speaker:".repeat(10_000),
        "habomai ".repeat(20_000),
        "kruschevvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv".to_string(),
        "1000..2999".to_string(),
        "\u{fffd}".repeat(30_000),
        "e".to_string(),
        "t".to_string(),
    ] {
        check(&q);
    }
}

#[test]
fn the_corpus_index_survives_the_bundle() {
    let c = collection();
    let back = docent::format::decode(&docent::format::encode(c)).unwrap();
    assert_eq!(back.index, c.index);
}
