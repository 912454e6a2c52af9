//! The concordance against search: every occurrence once, the paragraphs
//! search finds, stable sorts, CSV that parses back.

mod common;

use docent::search::kwic::{Concordance, Sort};
use docent::{Collection, Document, ParaKind, Paragraph, Speaker, SpeechMode};
use std::collections::BTreeSet;

fn collection() -> Collection {
    common::collection()
}

/// For `query`: every line once, the (doc, paragraph) set search finds,
/// each sort stable over collection order.
fn check(c: &Collection, query: &str) {
    let k = c.kwic(query, usize::MAX, Sort::Text).unwrap();
    assert_eq!(k.total, k.lines.len(), "{query}: all listed");
    let at: Vec<_> = k
        .lines
        .iter()
        .map(|l| (l.doc, l.paragraph, l.start))
        .collect();
    let unique: BTreeSet<_> = at.iter().collect();
    assert_eq!(unique.len(), at.len(), "{query}: each occurrence once");
    for l in &k.lines {
        let d = c.doc(l.doc).unwrap();
        let text = &d.paragraphs[l.paragraph as usize].text;
        assert_eq!(&text[l.start as usize..l.end as usize], l.matched);
        let piece = format!("{}{}{}", l.left, l.matched, l.right);
        assert!(
            text.contains(&piece),
            "{query}: {piece:?} is a piece of the paragraph"
        );
        assert!(l.left.chars().count() <= 60 && l.right.chars().count() <= 60);
    }
    let r = c.search(query, 1000).unwrap();
    let found: BTreeSet<_> = r.hits.iter().map(|h| (h.doc, h.paragraph)).collect();
    let listed: BTreeSet<_> = k.lines.iter().map(|l| (l.doc, l.paragraph)).collect();
    assert_eq!(listed, found, "{query}: the paragraphs search finds");
    // Collection order is the tie-break of every sort.
    let pos = |k: &Concordance, i: usize| {
        let l = &k.lines[i];
        at.iter()
            .position(|a| *a == (l.doc, l.paragraph, l.start))
            .unwrap()
    };
    for sort in [
        Sort::Left,
        Sort::Right,
        Sort::Date,
        Sort::Doc,
        Sort::Speaker,
    ] {
        let s = c.kwic(query, usize::MAX, sort).unwrap();
        assert_eq!(s.total, k.total);
        let key = |i: usize| {
            let l = &s.lines[i];
            match sort {
                Sort::Date => {
                    let d = c.doc(l.doc).unwrap().date;
                    (d.is_none(), d.map(|d| d.iso()).unwrap_or_default())
                }
                Sort::Doc => (false, l.doc.to_string()),
                Sort::Speaker => (
                    l.speaker.is_none(),
                    docent::text::fold(l.speaker.unwrap_or("")),
                ),
                Sort::Left => (
                    false,
                    docent::text::fold(l.left.split_whitespace().last().unwrap_or("")),
                ),
                _ => (
                    false,
                    docent::text::fold(l.right.split_whitespace().next().unwrap_or("")),
                ),
            }
        };
        for i in 1..s.lines.len() {
            if sort == Sort::Left || sort == Sort::Right {
                continue; // checked on the fixture below, word by word
            }
            assert!(key(i - 1) <= key(i), "{query} {sort:?}: sorted");
            if key(i - 1) == key(i) {
                assert!(pos(&s, i - 1) < pos(&s, i), "{query} {sort:?}: stable");
            }
        }
        let limited = c.kwic(query, 3, sort).unwrap();
        assert_eq!(
            limited.lines,
            s.lines[..s.lines.len().min(3)],
            "limit cuts after sorting"
        );
    }
}

#[test]
fn occurrences_match_search() {
    let c = collection();
    for q in [
        "Shikotan",
        "\"Habomai and Shikotan\"",
        "treaty",
        "kruschev",
        "хрущев",
        "peace treaty speaker:Khrushchev",
        "nothingatall",
    ] {
        check(&c, q);
    }
}

fn para(text: &str, speaker: Option<&str>) -> Paragraph {
    Paragraph {
        kind: ParaKind::Body,
        speaker: speaker.map(|s| Speaker {
            name: s.into(),
            mode: SpeechMode::Direct,
        }),
        text: text.into(),
        spans: vec![],
        line: 1,
    }
}

#[test]
fn left_and_right_sorts_read_outwards_and_keep_ties() {
    let doc = Document {
        id: "d".into(),
        title: "T".into(),
        paragraphs: vec![
            para("the big war ended", Some("Zed")),
            para("a small war began, \"quoted\"\nline", None),
            para("the big war began", Some("Amy")),
        ],
        ..Default::default()
    };
    let c = Collection::build(vec![doc], Default::default(), Default::default());
    let order = |sort| -> Vec<u32> {
        c.kwic("war", 10, sort)
            .unwrap()
            .lines
            .iter()
            .map(|l| l.paragraph)
            .collect()
    };
    assert_eq!(order(Sort::Text), [0, 1, 2]);
    assert_eq!(
        order(Sort::Left),
        [0, 2, 1],
        "big < small; the two bigs keep their order"
    );
    assert_eq!(
        order(Sort::Right),
        [2, 1, 0],
        "began < began, quoted < ended"
    );
    assert_eq!(order(Sort::Speaker), [2, 0, 1], "no speaker last");
    // CSV: a field with a comma, a quote and a line break parses back.
    let csv = c.kwic("war", 10, Sort::Text).unwrap().csv();
    let rows = parse_csv(&csv);
    assert_eq!(
        rows[0],
        [
            "doc",
            "date",
            "paragraph",
            "speaker",
            "left",
            "match",
            "right",
            "start",
            "end"
        ]
    );
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[2][6], " began, \"quoted\"\nline");
    assert_eq!(rows[2][4], "a small ");
}

/// RFC 4180: quoted fields with doubled quotes, CRLF between records.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CRLF");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(field.is_empty() && row.is_empty(), "ends with CRLF");
    rows
}
