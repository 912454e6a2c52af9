//! Diff engine: properties over any input, bad input, and the JSON snapshot.

mod common;

use docent::diff::{diff, Diff, Granularity, Ignore, OpKind, Options, Variants};
use proptest::prelude::*;

fn ignore_of(bits: u8) -> Ignore {
    Ignore {
        case: bits & 1 != 0,
        punct: bits & 2 != 0,
        spelling: bits & 4 != 0,
    }
}

/// The contract: ops rebuild both texts exactly, similarity in [0, 1],
/// ops never empty, moved ids paired.
fn check(a: &str, b: &str, opts: &Options, v: &Variants) -> Diff {
    let d = diff(a, b, opts, v);
    assert_eq!(d.text_a(), a, "text A not rebuilt");
    assert_eq!(d.text_b(), b, "text B not rebuilt");
    assert!(
        (0.0..=1.0).contains(&d.similarity),
        "similarity {}",
        d.similarity
    );
    for o in &d.ops {
        assert!(!(o.a.is_empty() && o.b.is_empty()), "empty op");
        match o.op {
            OpKind::Insert => assert!(o.a.is_empty()),
            OpKind::Delete => assert!(o.b.is_empty()),
            OpKind::Equal => {}
        }
        if let Some(m) = o.moved {
            assert!(o.op != OpKind::Equal);
            let other = if o.op == OpKind::Delete {
                OpKind::Insert
            } else {
                OpKind::Delete
            };
            assert!(
                d.ops.iter().any(|p| p.moved == Some(m) && p.op == other),
                "unpaired move {m}"
            );
        }
    }
    if a == b {
        assert_eq!(d.similarity, 1.0);
        assert!(d.ops.iter().all(|o| o.op == OpKind::Equal));
    }
    d
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Habomai".to_string()),
        Just("Habomaï".to_string()),
        Just("Habomais".to_string()),
        Just("Shikoton [sic]".to_string()),
        Just("Shikotan".to_string()),
        Just("the".to_string()),
        Just("Peace Treaty".to_string()),
        Just("Хрущёв".to_string()),
        Just("Хрущев".to_string()),
        Just("🙂".to_string()),
        Just("a\u{0301}".to_string()),
        Just("e\u{0308}\u{0301}".to_string()),
        Just("日本".to_string()),
        Just(",".to_string()),
        Just(".".to_string()),
        Just("“".to_string()),
        Just("’s".to_string()),
        Just(" ".to_string()),
        Just("\n\n".to_string()),
        Just("\t".to_string()),
        "[a-zA-Z]{1,6}",
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(fragment(), 0..40).prop_map(|v| v.join(" ")),
        prop::collection::vec(fragment(), 0..40).prop_map(|v| v.concat()),
        ".{0,60}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn ops_rebuild_both_texts(a in text(), b in text(), bits in 0u8..8, small in any::<bool>()) {
        let opts = Options {
            ignore: ignore_of(bits),
            // Sometimes force the coarse paths too.
            max_units: if small { 7 } else { docent::diff::MAX_UNITS },
            ..Options::default()
        };
        check(&a, &b, &opts, &common::variants());
    }

    #[test]
    fn a_text_against_itself_is_all_equal(a in text(), bits in 0u8..8) {
        let opts = Options { ignore: ignore_of(bits), ..Options::default() };
        check(&a, &a, &opts, &common::variants());
    }

    #[test]
    fn edited_copy_rebuilds(a in text(), cut in 0usize..60, ins in text()) {
        let mut b = a.clone();
        let mut at = cut.min(b.len());
        while !b.is_char_boundary(at) { at -= 1; }
        b.insert_str(at, &ins);
        check(&a, &b, &Options::default(), &Variants::default());
    }
}

/// A collation table's invariants: every row rebuilds its text; cells
/// inside a rewording are empty and the spans of each row add up to the
/// columns; the base row is all base; a version equal to the base is all
/// same; unchanged columns are those where every version agrees.
fn check_table(versions: &[String], base: usize, opts: &Options) -> docent::diff::align::Table {
    use docent::diff::align::{table, CellState};
    let refs: Vec<&str> = versions.iter().map(String::as_str).collect();
    let t = table(&refs, base, opts, &common::variants());
    let base = t.base;
    for (i, v) in versions.iter().enumerate() {
        let row: String = t.columns.iter().map(|c| c.cells[i].text.as_str()).collect();
        assert_eq!(&row, v, "row {i} of {versions:?}");
        let spans: u32 = t.columns.iter().map(|c| c.cells[i].span).sum();
        assert_eq!(spans as usize, t.columns.len(), "row {i} spans");
        for c in &t.columns {
            let cell = &c.cells[i];
            assert!(
                cell.span > 0 || cell.text.is_empty(),
                "a covered cell has text"
            );
            if i == base {
                assert!(
                    matches!(cell.state, CellState::Base | CellState::Same),
                    "{cell:?}"
                );
            }
            if *v == versions[base] {
                assert!(
                    matches!(cell.state, CellState::Base | CellState::Same),
                    "{cell:?}"
                );
            }
        }
    }
    for c in &t.columns {
        let agree = c
            .cells
            .iter()
            .all(|x| matches!(x.state, CellState::Base | CellState::Same));
        assert_eq!(c.changed, !agree, "{c:?}");
    }
    t
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_families_align_and_rebuild(
        base_text in text(),
        edits in prop::collection::vec((0usize..60, 0usize..20, text()), 1..6),
        base in 0usize..6,
        bits in 0u8..8,
    ) {
        // Versions: the base text, then copies with a stretch replaced.
        let mut versions = vec![base_text.clone()];
        for (at, len, ins) in edits {
            let mut v = base_text.clone();
            let mut a = at.min(v.len());
            while !v.is_char_boundary(a) { a -= 1; }
            let mut b = (a + len).min(v.len());
            while !v.is_char_boundary(b) { b += 1; }
            v.replace_range(a..b, &ins);
            versions.push(v);
        }
        let opts = Options { ignore: ignore_of(bits), ..Options::default() };
        check_table(&versions, base, &opts);
    }
}

#[test]
fn kono_shares_his_words_with_article_9_in_aligned_cells() {
    use docent::diff::align::CellState;
    // Regression: the all-versions table showed Kono's proposal as one
    // changed cell against the signed Article 9.
    let reg = common::clause_register();
    let f = reg.family("territorial").unwrap();
    let texts: Vec<String> = f.versions.iter().map(|v| v.text()).collect();
    let base = f
        .versions
        .iter()
        .position(|v| v.id == "article-9-en")
        .unwrap();
    let kono = f
        .versions
        .iter()
        .position(|v| v.id == "kono-proposal")
        .unwrap();
    let t = check_table(&texts, base, &Options::default());
    let same: Vec<&str> = t
        .columns
        .iter()
        .filter(|c| {
            c.cells[kono].state == CellState::Same && c.cells[base].state == CellState::Base
        })
        .map(|c| c.cells[kono].text.trim())
        .filter(|w| !w.is_empty())
        .collect();
    let shared = same.join(" ");
    assert!(
        shared.contains(
            "meet the wishes of Japan and taking into consideration the interests of the Japanese"
        ),
        "{shared}"
    );
    assert!(shared.contains("Habomai"), "{shared}");
    assert!(same.len() >= 20, "{same:?}");
}

#[test]
fn bad_input_gets_an_answer() {
    let v = common::variants();
    let o = Options::default();
    // Empty, identical, nothing in common.
    assert!(check("", "", &o, &v).ops.is_empty());
    assert_eq!(check("", "", &o, &v).similarity, 1.0);
    assert_eq!(check("same words", "same words", &o, &v).ops.len(), 1);
    let d = check("alpha beta gamma", "дельта эпсилон", &o, &v);
    assert_eq!(d.similarity, 0.0);
    // Binary garbage (lossily decoded, as a page would get it).
    let bytes: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    let g = String::from_utf8_lossy(&bytes).into_owned();
    let mut half = g.len() / 2;
    while !g.is_char_boundary(half) {
        half -= 1;
    }
    check(&g, &g[..half], &o, &v);
    check(&g, "", &o, &v);
    // White space only, punctuation only.
    check(" \n\t ", "   ", &o, &v);
    check(
        "!!!",
        "?",
        &Options {
            ignore: ignore_of(2),
            ..o
        },
        &v,
    );
}

#[test]
fn one_megabyte_is_bounded() {
    let para = "The two countries agree to continue the negotiations concerning the conclusion of a peace treaty. ";
    let a = para.repeat(10_500); // ~1 MB
    let mut b = a.clone();
    b.replace_range(500_000..500_010, "XXXXXXXXXX");
    let d = check(&a, &b, &Options::default(), &Variants::default());
    assert_ne!(d.granularity, Granularity::Word);
    assert!(d.note.is_some());
    assert!(d.similarity > 0.9);
}

#[test]
fn spelling_toggle_hides_variants_and_sic() {
    let v = common::variants();
    let o = Options {
        ignore: ignore_of(4),
        ..Options::default()
    };
    let d = check(
        "the Habomai Islands and the island of Shikotan",
        "the Habomaï Islands and the island of Shikoton [sic]",
        &o,
        &v,
    );
    assert_eq!(d.similarity, 1.0);
    assert_eq!(d.hidden.spelling, 3);
    assert_eq!(d.hidden.summary, "3 spelling differences hidden");
    // Without the toggle they are changes.
    let d = check(
        "the island of Shikotan",
        "the island of Shikoton [sic]",
        &Options::default(),
        &v,
    );
    assert!(d.similarity < 1.0);
    assert_eq!(d.hidden.spelling, 0);
}

/// The JSON crossing the boundary (and printed by `docent diff --json`).
#[test]
fn snapshot_matsumoto_gromyko_to_soviet_draft() {
    let reg = common::clause_register();
    let f = reg.family("proviso").unwrap();
    let a = f
        .versions
        .iter()
        .find(|x| x.id == "matsumoto-gromyko")
        .unwrap();
    let b = f.versions.iter().find(|x| x.id == "soviet-draft").unwrap();
    let d = diff(
        &a.text(),
        &b.text(),
        &Options::default(),
        &Variants::default(),
    );
    let got = serde_json::to_string_pretty(&d).unwrap() + "\n";
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/snapshots/diff_matsumoto_gromyko_soviet_draft.json"
    );
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(std::path::Path::new(path).parent().unwrap()).unwrap();
        std::fs::write(path, &got).unwrap();
    }
    let want =
        std::fs::read_to_string(path).expect("snapshot missing: run with UPDATE_SNAPSHOTS=1");
    assert_eq!(
        got, want,
        "the diff JSON changed; review and rerun with UPDATE_SNAPSHOTS=1"
    );
}
