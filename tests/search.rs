//! Search behaviour on a small hand-built collection: one table of queries
//! and the paragraphs they must find, in order, through one `check()`; plus
//! a snapshot of the JSON that crosses the boundary.

use docent::search::SearchIndex;
use docent::{
    Collection, Date, Document, ParaKind, Paragraph, Span, SpanKind, Speaker, SpeechMode,
};

fn para(kind: ParaKind, who: Option<&str>, text: &str) -> Paragraph {
    let mut spans = Vec::new();
    let mut text = text.to_string();
    // "Name. …" opens a direct speech turn: the label is a span.
    if let Some(name) = who {
        let label = format!("{name}. ");
        if text.starts_with(&label) {
            spans.push(Span {
                start: 0,
                end: name.len() as u32 + 1,
                kind: SpanKind::SpeakerLabel,
            });
        }
    }
    text.shrink_to_fit();
    Paragraph {
        kind,
        speaker: who.map(|n| Speaker {
            name: n.into(),
            mode: SpeechMode::Direct,
        }),
        text,
        spans,
        line: 1,
    }
}

fn doc(
    id: &str,
    title: &str,
    date: Option<(u16, u8, u8)>,
    kind: &str,
    paras: Vec<Paragraph>,
) -> Document {
    Document {
        id: id.into(),
        source_file: format!("documents/{id}.txt"),
        title: title.into(),
        date: date.map(|(year, month, day)| Date { year, month, day }),
        kind: kind.into(),
        paragraphs: paras,
        ..Default::default()
    }
}

fn collection() -> Collection {
    use ParaKind::*;
    let docs = vec![
        doc(
            "memo",
            "Memorandum of Conversation of N. S. Khrushchev with I. Kono",
            Some((1956, 10, 17)),
            "memorandum",
            vec![
                para(Body, Some("Kono"), "Kono. I will not debate too much today about Habomai and Shikotan."),
                para(Body, Some("Khrushchev"), "Khrushchev. The transfer of Habomai and Shikotan will pressure the USA over Okinawa."),
                para(Body, Some("Khrushchev"), "Khrushchev. Shikotan is small, and far from it lies Habomai, so they say."),
                para(Body, Some("Kono"), "Kono. We hope the treaties will be signed."),
                para(Footnote(1), None, "Iturup was not discussed at this meeting."),
            ],
        ),
        doc(
            "chapter",
            "Chapter 3 Negotiations to Normalize Relations",
            None,
            "chapter",
            vec![
                para(Heading(2), None, "Section 2 The London Talks"),
                para(Body, None, "In 1956 Хрущёв received the delegation; the treaty was near."),
                para(Body, None, "Хрущев treats the question as settled, and the treaty too."),
                para(Body, None, "Kōno and Matsumoto negotiated the peace treaty in Moscow."),
                para(Gap, None, "[[GAP: pages missing]]"),
                para(Body, None, "Etorofu and Kunashiri remained in dispute in 1955."),
            ],
        ),
        doc(
            "note",
            "Soviet note on the treaty",
            Some((1960, 1, 24)),
            "note",
            vec![para(Body, None, "The Soviet Government cannot agree to the treaty being used against it.")],
        ),
    ];
    let mut c = Collection::build(docs, Default::default(), Default::default());
    let groups = vec![
        (
            "iturup".to_string(),
            vec![
                "Iturup".to_string(),
                "Etorofu".to_string(),
                "Итуруп".to_string(),
            ],
        ),
        (
            "khrushchev".to_string(),
            vec![
                "Khrushchev".to_string(),
                "Хрущёв".to_string(),
                "N. S. Khrushchev".to_string(),
            ],
        ),
    ];
    c.index = SearchIndex::build_with_aliases(&c.docs, &groups);
    c
}

/// A collection of one document `d` whose body paragraphs are `texts`.
fn one_doc(texts: &[&str]) -> Collection {
    let paras = texts
        .iter()
        .map(|t| para(ParaKind::Body, None, t))
        .collect();
    Collection::build(
        vec![doc("d", "", None, "", paras)],
        Default::default(),
        Default::default(),
    )
}

/// The hits as `doc#paragraph`, in rank order.
fn found(c: &Collection, query: &str) -> String {
    let r = c.search(query, 50).unwrap();
    assert_eq!(r.total, r.hits.len(), "total of {query:?}");
    let got: Vec<String> = r
        .hits
        .iter()
        .map(|h| format!("{}#{}", h.doc, h.paragraph))
        .collect();
    got.join(" ")
}

/// `rows`: (query, hits as `doc#paragraph` in rank order, "" for none).
/// Every row is run; the failure lists every wrong row.
fn check(c: &Collection, rows: &[(&str, &str)]) {
    let wrong: Vec<String> = rows
        .iter()
        .filter_map(|(q, expect)| {
            let got = found(c, q);
            (got != *expect).then(|| format!("{q:?}: expected {expect:?}, got {got:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn ranking_table() {
    let c = collection();
    #[rustfmt::skip]
    let rows = [
    // Documents are sorted by date: memo (1956), note (1960), chapter (undated).
    ("okinawa", "memo#1"),
    // Phrases are positional: paragraph 2 has both words, not the phrase.
    ("\"Habomai and Shikotan\"", "memo#0 memo#1"),
    // Proximity: adjacent words (0, 1) before words far apart (2).
    ("habomai shikotan ", "memo#0 memo#1 memo#2"),
    // Exact form before folded: ё as typed first.
    ("Хрущёв", "chapter#1 chapter#2"),
    ("хрущев", "chapter#2 chapter#1"),
    // The exact form first, then stems (the note's title counts for it).
    ("treaties ", "memo#3 note#0 chapter#3 chapter#1 chapter#2"),
    // Diacritics: Kono finds Kōno; the speaker label "Kono." is not text.
    ("kono ", "chapter#3"),
    // Typos: edit distance 1 from 5 letters, 2 from 8.
    ("Shikotn ", "memo#0 memo#1 memo#2"),
    ("Matsumotto ", "chapter#3"),
    ("kno ", ""),
    // Prefix on the last word while typing, not once a space follows.
    ("Matsu", "chapter#3"),
    ("Matsu ", ""),
    // Aliases from the entity register (both ways, across scripts).
    ("Etorofu ", "chapter#5 memo#4"),
    ("итуруп ", "chapter#5 memo#4"),
    ("Khrushchev delegation ", "chapter#1"),
    // Exclusion.
    ("treaty -peace -Soviet ", "chapter#1 chapter#2 memo#3"),
    // Filters.
    ("speaker:khrushchev", "memo#1 memo#2"),
    ("speaker:хрущев", "memo#1 memo#2"),
    ("habomai speaker:Kono ", "memo#0"),
    ("habomai -speaker:Kono ", "memo#1 memo#2"),
    ("treaty kind:note ", "note#0"),
    ("iturup kind:footnote ", "memo#4"),
    ("treaty doc:chap ", "chapter#3 chapter#1 chapter#2"),
    ("treaty 1960 ", "note#0"),
    // An undated document never passes a year filter (issue #16): the
    // chapter names 1955 and 1956 in its text, but that is not its date.
    ("treaty 1955..1956 ", "memo#3"),
    ("dispute 1955 ", ""),
    ("dispute 1956 ", ""),
    // The title is a field every paragraph shares; headings count double.
    ("soviet ", "note#0"),
    ("london ", "chapter#0"),
    // Nothing, and bad input, without panics.
    ("", ""),
    ("\"", ""),
    ("-", ""),
    ("speaker:", ""),
    ("zzzz", ""),
    ("\u{fffd}\u{0}🙂\u{202e}", ""),
    ];
    check(&c, &rows);
}

/// OR joins words and phrases into alternatives (issue #16): either may
/// match, a paragraph with both first; it binds tighter than the AND
/// between the other pieces.
#[test]
fn or_table() {
    let c = collection();
    #[rustfmt::skip]
    let rows = [
    // Paragraphs with one side only are found; the one with both first.
    ("shikotan OR okinawa ", "memo#1 memo#0 memo#2"),
    ("Okinawa OR Matsumoto ", "chapter#3 memo#1"),
    // Rarer and shorter first, as for any word; documents by their best.
    // A chain, with a phrase (a heading weighs double).
    ("okinawa OR \"peace treaty\" OR london ", "chapter#0 chapter#3 memo#1"),
    ("\"Habomai and Shikotan\" OR Kunashiri ", "chapter#5 memo#0 memo#1"),
    // treaty AND (Okinawa OR Moscow): memo#1 has Okinawa but no treaty.
    ("treaty Okinawa OR Moscow ", "chapter#3"),
    ("Okinawa OR Moscow treaty ", "chapter#3"),
    // Each side keeps its own alternatives: aliases (Etorofu, ranked below
    // exact words), typos, the prefix.
    ("Iturup OR Matsumoto ", "chapter#3 chapter#5 memo#4"),
    ("Shikotn OR Okinawa ", "memo#1 memo#0 memo#2"),
    ("okinawa OR matsu", "memo#1 chapter#3"),
    // With filters and exclusions, which apply to the whole.
    ("shikotan OR okinawa -pressure ", "memo#0 memo#2"),
    ("habomai OR iturup speaker:khrushchev ", "memo#1 memo#2"),
    ("shikotan OR london 1956 ", "memo#0 memo#1 memo#2"),
    // A dangling OR is left out.
    ("okinawa OR ", "memo#1"),
    ("OR okinawa ", "memo#1"),
    ];
    check(&c, &rows);
    // Lower-case "or" is a word of the sources like any other.
    let c = one_doc(&["war or peace", "war and peace", "peace", "war"]);
    check(
        &c,
        &[
            ("war or peace ", "d#0"),
            ("war OR peace ", "d#0 d#1 d#2 d#3"),
        ],
    );
}

#[test]
fn names_are_never_stemmed() {
    let c = one_doc(&["They met on Negotiating Street."]);
    check(&c, &[("negotiated ", "")]);
    let c = one_doc(&["They kept negotiating in Moscow."]);
    check(&c, &[("negotiated ", "d#0")]);
}

/// Regression: stem groups are no longer stored but found at query time by
/// a prefix walk; forms whose stem drops or changes a letter still meet.
#[test]
fn stems_found_at_query_time() {
    let c = one_doc(&[
        "it was possible",
        "the possibility",
        "they were dying",
        "we will die",
        "stating facts",
        "the treaty",
        "the treaties",
    ]);
    check(
        &c,
        &[
            ("possible ", "d#0 d#1"),
            ("die ", "d#3 d#2"),
            ("states ", "d#4"),
            ("treaty ", "d#5 d#6"),
        ],
    );
}

#[test]
fn exact_then_folded_then_stemmed_then_typo() {
    let c = one_doc(&[
        "the treats text",
        "the treaties text",
        "the trëaty text",
        "the treaty text",
        "the Khrushchev text",
    ]);
    // A word found as typed gets its typo alternatives too ("treats", one
    // edit from "treaty"), ranked last; the first letter must be right
    // unless the word matches nothing otherwise.
    check(
        &c,
        &[
            ("treaty ", "d#3 d#2 d#1 d#0"),
            ("trëaty ", "d#2 d#3 d#1 d#0"),
            ("traets ", "d#0"),
            ("treat ", "d#0 d#2 d#3"),
            ("Chrushchev ", "d#4"),
            ("Rreaty ", "d#2 d#3"),
        ],
    );
}

#[test]
fn did_you_mean_when_nothing_matches() {
    let c = collection();
    let r = c.search("kno okinawa", 10).unwrap();
    assert!(r.notices[0].contains("some of them"));
    assert_eq!(r.did_you_mean.as_deref(), Some("kono okinawa"));
    assert_eq!(c.search("okinawa", 10).unwrap().did_you_mean, None);
    assert_eq!(c.search("qqqqqqq", 10).unwrap().did_you_mean, None);
}

#[test]
fn some_words_when_not_all_match() {
    let c = collection();
    let r = c.search("okinawa zzzzzz", 10).unwrap();
    assert_eq!(r.hits[0].paragraph, 1);
    assert!(r.notices[0].contains("some of them"));
}

#[test]
fn filters_alone_list_paragraphs() {
    let c = collection();
    check(
        &c,
        &[
            ("speaker:kono", "memo#0 memo#3"),
            ("kind:heading", "chapter#0"),
            ("1960", "note#0"),
        ],
    );
}

#[test]
fn hits_are_grouped_by_document() {
    let c = collection();
    let r = c.search("treaty", 3).unwrap();
    assert_eq!(r.total, 5);
    let docs: Vec<&str> = r.hits.iter().map(|h| h.doc).collect();
    let mut seen: Vec<&str> = docs.clone();
    seen.dedup();
    let mut uniq = seen.clone();
    uniq.sort();
    uniq.dedup();
    assert_eq!(
        seen.len(),
        uniq.len(),
        "hits of one document stay together: {docs:?}"
    );
    let counts: Vec<(String, usize)> = r.docs.iter().map(|d| (d.doc.to_string(), d.hits)).collect();
    assert_eq!(counts.iter().map(|c| c.1).sum::<usize>(), 5);
}

#[test]
fn highlights_cover_every_match_in_a_document() {
    let c = collection();
    let h = c.highlights("habomai shikotan", "memo").unwrap();
    let got: Vec<(u32, Vec<[u32; 2]>)> = h
        .paragraphs
        .iter()
        .map(|p| (p.paragraph, p.ranges.clone()))
        .collect();
    let text = &c.doc("memo").unwrap().paragraphs[0].text;
    assert_eq!(
        &text[got[0].1[0][0] as usize..got[0].1[0][1] as usize],
        "Habomai"
    );
    assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), [0, 1, 2]);
    assert_eq!(h.total, 6);
    let e = c.highlights("habomai", "nope").unwrap_err().to_string();
    assert!(e.contains("no document with id `nope`"), "{e}");
}

#[test]
fn or_marks_either_side() {
    let c = collection();
    let h = c.highlights("shikotan OR okinawa", "memo").unwrap();
    let marked: Vec<(u32, Vec<&str>)> = h
        .paragraphs
        .iter()
        .map(|p| {
            let text = &c.doc("memo").unwrap().paragraphs[p.paragraph as usize].text;
            let words = p.ranges.iter().map(|r| &text[r[0] as usize..r[1] as usize]);
            (p.paragraph, words.collect())
        })
        .collect();
    assert_eq!(
        marked,
        [
            (0, vec!["Shikotan"]),
            (1, vec!["Shikotan", "Okinawa"]),
            (2, vec!["Shikotan"])
        ]
    );
}

/// Compares `value`'s pretty JSON with tests/snapshots/NAME.json;
/// `UPDATE_SNAPSHOTS=1 cargo test` rewrites the file.
fn snapshot<T: serde::Serialize>(name: &str, value: &T) {
    let json = serde_json::to_string_pretty(value).unwrap() + "\n";
    let path = format!("{}/tests/snapshots/{name}.json", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(std::path::Path::new(&path).parent().unwrap()).unwrap();
        std::fs::write(&path, &json).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(json, want, "snapshot {path} (UPDATE_SNAPSHOTS=1 to accept)");
}

#[test]
fn search_json_snapshots() {
    let c = collection();
    snapshot(
        "search-phrase-speaker-year",
        &c.search("\"habomai and shikotan\" speaker:khrushchev 1956", 5)
            .unwrap(),
    );
    snapshot("search-did-you-mean", &c.search("kno", 5).unwrap());
    snapshot("search-cyrillic-alias", &c.search("хрущёв", 5).unwrap());
    snapshot(
        "search-bad-input",
        &c.search("speaker: \"unbalanced -", 5).unwrap(),
    );
    snapshot(
        "search-or",
        &c.search("treaty Okinawa OR \"peace treaty\" OR Moscow", 5)
            .unwrap(),
    );
    snapshot(
        "highlights-memo",
        &c.highlights("habomai okinawa", "memo").unwrap(),
    );
}

/// Queries touching every part of the index: exact forms, folding, stems,
/// prefixes, typos, phrases, filters.
const PROBES: [&str; 8] = [
    "хрущёв",
    "хрущев treaty",
    "treat",
    "shiko",
    "habomi",
    "\"habomai and shikotan\"",
    "speaker:kono kind:footnote 1956",
    "kunashir -etorofu",
];

#[test]
fn index_survives_the_bundle() {
    let c = collection();
    let mut back = docent::format::decode(&docent::format::encode(&c)).unwrap();
    // The alias groups come from the entity register at decode; this
    // collection sets its own by hand.
    let mut want = c.index.clone();
    want.set_aliases(&[]);
    assert_eq!(back.index, want);
    back.index = c.index.clone();
    for q in PROBES {
        let (a, b) = (c.search(q, 10).unwrap(), back.search(q, 10).unwrap());
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            serde_json::to_string(&b).unwrap(),
            "{q}"
        );
    }
}

/// Every byte of the index section changed, and the section cut short:
/// the bundle is refused with "rebuild" or searches without a panic.
#[test]
fn damaged_index_section_errors_never_panics() {
    let bytes = docent::format::encode(&collection());
    // Magic and version, the head's section, then the index's.
    let head = u32::from_le_bytes(bytes[12..16].try_into().unwrap()) as usize;
    let at = 12 + 4 + head;
    let len = u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
    let body = at + 4..at + 4 + len;
    let (mut refused, mut read) = (0, 0);
    let mut outcome = |bad: &[u8]| match docent::format::decode(bad) {
        Err(e) => {
            assert!(e.to_string().contains("rebuild"), "{e}");
            refused += 1;
        }
        Ok(c) => {
            for q in PROBES {
                let _ = c.search(q, 10);
                let _ = c.highlights(q, "memo");
            }
            read += 1;
        }
    };
    for i in body.clone() {
        for flip in [0x01, 0x80, 0xff] {
            let mut bad = bytes.clone();
            bad[i] ^= flip;
            outcome(&bad);
        }
    }
    for cut in (0..len).step_by(7) {
        let mut bad = bytes[..at].to_vec();
        bad.extend_from_slice(&(cut as u32).to_le_bytes());
        bad.extend_from_slice(&bytes[body.start..body.start + cut]);
        bad.extend_from_slice(&bytes[body.end..]);
        outcome(&bad);
    }
    assert!(refused > len && read > 0, "refused {refused}, read {read}");
}
