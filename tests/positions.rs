//! The positions grid against the answers it is built from: every paragraph
//! that search (or the entity's mentions, or the clause's located versions)
//! finds is in exactly one cell — of its speaker's row when it is a turn,
//! of its document's narrator otherwise — and rows and cells are in order.

mod common;
use docent::positions::{Ask, Grid};
use docent::Collection;
use std::collections::BTreeSet;

fn collection() -> Collection {
    Collection::build(
        common::documents(),
        common::entity_register(),
        common::clause_register(),
    )
}

/// One case: what the grid must hold, as (doc, paragraph) pairs.
fn check<'a>(c: &'a Collection, ask: Ask, expected: BTreeSet<(String, u32)>) -> Grid<'a> {
    let g = c.positions(ask).unwrap();
    let mut seen: BTreeSet<(String, u32)> = BTreeSet::new();
    for r in &g.rows {
        for cell in &r.cells {
            assert!(
                seen.insert((cell.doc.to_string(), cell.paragraph)),
                "{ask:?}: {} ¶{} twice",
                cell.doc,
                cell.paragraph
            );
            let doc = c.doc(cell.doc).unwrap();
            let p = &doc.paragraphs[cell.paragraph as usize];
            match &p.speaker {
                Some(s) => {
                    assert!(
                        !r.narration && r.speaker == s.name,
                        "{ask:?}: {} ¶{} is {}'s turn, in {}'s row",
                        cell.doc,
                        cell.paragraph,
                        s.name,
                        r.speaker
                    );
                    assert_eq!(cell.reported, s.mode == docent::SpeechMode::Reported);
                }
                None => assert!(
                    r.narration,
                    "{ask:?}: {} ¶{} is narration",
                    cell.doc, cell.paragraph
                ),
            }
            assert!(!cell.text.is_empty());
        }
        // Cells by date, undated last.
        let dates: Vec<(bool, Option<String>)> = r
            .cells
            .iter()
            .map(|c| (c.date.is_none(), c.date.clone()))
            .collect();
        assert!(
            dates.windows(2).all(|w| w[0] <= w[1]),
            "{ask:?} {}: {dates:?}",
            r.speaker
        );
    }
    assert_eq!(seen, expected, "{ask:?}");
    assert_eq!(g.total, expected.len());
    // Rows by side, then first date.
    let order = ["soviet", "japanese", "us", "other", "unknown"];
    let sides: Vec<usize> = g
        .rows
        .iter()
        .map(|r| order.iter().position(|s| *s == r.side).unwrap())
        .collect();
    assert!(sides.windows(2).all(|w| w[0] <= w[1]), "{ask:?}: {sides:?}");
    g
}

#[test]
fn the_grid_holds_what_search_entity_and_clause_find() {
    let c = collection();
    for q in ["Habomai", "\"peace treaty\"", "Okinawa 1956", "Kunashir"] {
        let r = c.search(q, docent::search::MAX_LIMIT).unwrap();
        assert!(r.total < docent::search::MAX_LIMIT);
        let expected = r
            .hits
            .iter()
            .map(|h| (h.doc.to_string(), h.paragraph))
            .collect();
        check(&c, Ask::Query(q), expected);
    }
    for e in ["habomai", "Hatoyama", "Kono"] {
        let r = c.lookup_entity(e).unwrap().unwrap();
        let expected = r
            .mentions
            .iter()
            .map(|m| (m.doc.clone(), m.paragraph))
            .collect();
        check(&c, Ask::Entity(e), expected);
    }
    for f in &c.clauses.families {
        let expected = f
            .versions
            .iter()
            .filter_map(|v| Some((v.doc.clone(), v.paragraph?)))
            .collect();
        let g = check(&c, Ask::Clause(&f.id), expected);
        // Each cell knows the wording it holds, for "compare".
        assert!(g
            .rows
            .iter()
            .flat_map(|r| &r.cells)
            .all(|c| c.clause.first() == Some(&f.id.as_str()) || !c.clause.is_empty()));
    }
}

#[test]
fn speakers_have_sides_and_the_two_yamadas_stay_apart() {
    let c = collection();
    let g = c.positions(Ask::Query("Habomai")).unwrap();
    let side = |name: &str| g.rows.iter().find(|r| r.speaker == name).map(|r| r.side);
    assert_eq!(side("Khrushchev"), Some("soviet"));
    assert_eq!(side("Kono"), Some("japanese"));
    // "Yamada" is ambiguous in the register; the 1961 reception mentions the ambassador.
    let y = g.rows.iter().find(|r| r.speaker == "Yamada").unwrap();
    assert_eq!(y.entity, Some("h-yamada"));
    assert!(y.cells.iter().all(|c| c.reported));
    // The chapter's narration is its author's.
    assert!(g
        .rows
        .iter()
        .any(|r| r.narration && r.speaker == "Motohide Saito"));
    assert!(c.positions(Ask::Entity("nobody at all")).is_err());
    assert!(c.positions(Ask::Clause("nope")).is_err());
}
