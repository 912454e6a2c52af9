//! The clause register against the real corpus: every quote found, every
//! family diffs, the expected moves and hidden counts.

mod common;

use docent::clauses::{Form, Kind};
use docent::diff::align::ItemChange;
use docent::diff::{Ignore, OpKind, Options};

#[test]
fn every_quote_is_in_its_document() {
    let reg = common::clause_register();
    let docs = common::documents();
    let problems = reg.check(&docs);
    assert!(problems.is_empty(), "{problems:#?}");
    let mut reg = reg;
    reg.locate(&docs);
    for f in &reg.families {
        for v in &f.versions {
            assert!(v.paragraph.is_some(), "{}/{} not located", f.id, v.id);
        }
    }
}

#[test]
fn register_covers_the_brief() {
    let reg = common::clause_register();
    let t = reg.family("territorial").unwrap();
    assert!(t.versions.len() >= 7);
    assert_eq!(t.versions.first().unwrap().date.year, 1955);
    assert_eq!(t.versions.last().unwrap().date.year, 1961);
    for doc in [
        "1956-10-19-joint-declaration",
        "1956-10-19-joint-declaration-fr-unts",
        "1960-01-24-khrushchev-note",
        "1961-09-14-yamada-reception",
        "1956-10-17-khrushchev-kono",
    ] {
        assert!(
            t.versions.iter().any(|v| v.doc == doc),
            "territorial lacks {doc}"
        );
    }
    let p = reg.family("proviso").unwrap();
    let omitted = p.versions.iter().find(|v| v.form == Form::Omitted).unwrap();
    assert_eq!(omitted.speaker, "Bulganin");
    assert!(omitted.text().is_empty());
    assert!(p
        .versions
        .iter()
        .any(|v| v.doc == "1956-09-29-matsumoto-letter-to-gromyko"));
    let lists = reg.family("agendas").unwrap();
    assert_eq!(lists.kind, Kind::List);
    let sizes: Vec<usize> = lists.versions.iter().map(|v| v.items.len()).collect();
    assert_eq!(sizes, [8, 5, 4, 10]);
    assert!(reg.family("repatriation").is_some());
}

/// Every consecutive pair of every family, under every toggle set.
#[test]
fn every_step_diffs_and_rebuilds() {
    let reg = common::clause_register();
    let v = common::variants();
    for bits in 0u8..8 {
        let opts = Options {
            ignore: Ignore {
                case: bits & 1 != 0,
                punct: bits & 2 != 0,
                spelling: bits & 4 != 0,
            },
            ..Options::default()
        };
        for f in &reg.families {
            let view = reg.view(&f.id, &opts, &v).unwrap();
            assert_eq!(view.steps.len(), f.versions.len() - 1);
            for s in &view.steps {
                let (a, b) = (&f.versions[s.from], &f.versions[s.to]);
                assert_eq!(s.diff.text_a(), a.text(), "{} {}", f.id, a.id);
                assert_eq!(s.diff.text_b(), b.text(), "{} {}", f.id, b.id);
                assert!((0.0..=1.0).contains(&s.diff.similarity));
                assert_eq!(s.items.is_some(), f.kind == Kind::List);
            }
            for base in 0..f.versions.len() {
                let t = reg.table(&f.id, base, &opts, &v).unwrap();
                for (i, ver) in f.versions.iter().enumerate() {
                    let s: String = t.columns.iter().map(|c| c.cells[i].text.as_str()).collect();
                    assert_eq!(s, ver.text(), "table {} base {base} version {i}", f.id);
                }
            }
        }
    }
}

fn step(family: &str, a: &str, b: &str, ignore: &str) -> docent::clauses::Step {
    let reg = common::clause_register();
    let f = reg.family(family).unwrap();
    let ia = f.versions.iter().position(|v| v.id == a).unwrap();
    let ib = f.versions.iter().position(|v| v.id == b).unwrap();
    let opts = Options {
        ignore: Ignore::parse(ignore).unwrap(),
        ..Options::default()
    };
    reg.step(family, ia, ib, &opts, &common::variants())
        .unwrap()
}

#[test]
fn kono_to_article_9_moves_the_soviet_union_and_japan_after_the_treaty() {
    let s = step("territorial", "kono-proposal", "article-9-en", "");
    let moved: Vec<(OpKind, &str)> = s
        .diff
        .ops
        .iter()
        .filter(|o| o.moved.is_some())
        .map(|o| {
            (
                o.op,
                if o.op == OpKind::Delete {
                    o.a.trim()
                } else {
                    o.b.trim()
                },
            )
        })
        .collect();
    assert!(
        moved.contains(&(OpKind::Delete, "Soviet Socialist Republics and Japan"))
            && moved.contains(&(OpKind::Insert, "Soviet Socialist Republics and Japan")),
        "{moved:?}"
    );
    assert!(s.diff.moves >= 1);
}

#[test]
fn spelling_toggle_hides_shikoton_sic() {
    let plain = step("territorial", "kono-proposal", "article-9-en", "");
    let spelled = step("territorial", "kono-proposal", "article-9-en", "spelling");
    assert_eq!(plain.diff.hidden.spelling, 0);
    // "Shikotan" = "Shikoton" and the "[sic]" mark.
    assert_eq!(spelled.diff.hidden.spelling, 2);
    assert_eq!(spelled.diff.hidden.summary, "2 spelling differences hidden");
    assert!(spelled.diff.ops.iter().any(|o| o.op == OpKind::Equal
        && o.a.starts_with("Shikotan")
        && o.b.starts_with("Shikoton [sic]")));
    assert!(spelled.diff.similarity > plain.diff.similarity);
}

#[test]
fn bulganin_reply_drops_the_proviso_and_matsumoto_restores_it() {
    let dropped = step("proviso", "hatoyama-condition", "bulganin-reply", "");
    assert!(dropped.diff.ops.iter().all(|o| o.op == OpKind::Delete));
    assert_eq!(dropped.diff.similarity, 0.0);
    let restored = step("proviso", "matsumoto-gromyko", "soviet-draft", "");
    assert!(restored.diff.similarity > 0.4);
    assert!(restored
        .diff
        .ops
        .iter()
        .any(|o| o.op == OpKind::Equal && o.a.contains("inclusive of the territorial problem")));
}

#[test]
fn agendas_align_item_by_item() {
    let s = step("agendas", "hatoyama-five", "joint-declaration-ten", "");
    let items = s.items.unwrap();
    let link = |a: usize| items.iter().find(|l| l.a.contains(&a)).unwrap();
    // (1) termination of the legal state of the war → (1) Ending of legal state of war
    assert_eq!(
        (link(0).b.clone(), link(0).change),
        (vec![0], ItemChange::Reworded)
    );
    // (4) effectuation of the Fishing Convention → (8) … signed in May 1956
    assert_eq!(link(3).b, [7]);
    // (5) Soviet support for Japan's bid → (4) support by the USSR for Japan's bid
    assert_eq!(link(4).b, [3]);
    // (3) immediate repatriation → (5) release and repatriation …
    assert_eq!(link(2).b, [4]);
    // The ten provisions add, among others, reparations and ratification.
    assert!(items
        .iter()
        .any(|l| l.change == ItemChange::Added && l.b == [9]));
    let s = step("agendas", "soviet-draft-1955", "hatoyama-five", "");
    let items = s.items.unwrap();
    // The straits and the Kuriles are dropped from Hatoyama's conditions.
    assert!(items
        .iter()
        .any(|l| l.change == ItemChange::Dropped && l.a == [1]));
    assert!(items
        .iter()
        .any(|l| l.change == ItemChange::Dropped && l.a == [3]));
}

#[test]
fn check_reports_a_bad_quote_with_the_nearest_text() {
    let src = std::fs::read_to_string(common::corpus_dir().join("clauses.toml")).unwrap();
    let bad = src.replacen(
        "we have no intention of going beyond the transfer of the Habomais and Shikotan",
        "we have no intention to go beyond the transfer of the Habomai and Shikotan",
        1,
    );
    assert_ne!(bad, src);
    let reg = docent::clauses::ClauseRegister::from_toml("clauses.toml", &bad).unwrap();
    let problems = reg.check(&common::documents());
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let p = &problems[0];
    assert_eq!(p.file, "clauses.toml");
    let line = src[..src.find("id = \"khrushchev-shigemitsu\"").unwrap()]
        .lines()
        .count() as u32;
    assert_eq!(p.line, Some(line));
    assert!(
        p.message
            .contains("family `territorial`, version 4 `khrushchev-shigemitsu`"),
        "{}",
        p.message
    );
    assert!(
        p.message.contains("«Concerning the territory problem, we have no intention of going beyond the transfer of the Habomais and Shikotan"),
        "{}",
        p.message
    );
    // An unknown document is named with the nearest id.
    let bad = src.replacen(
        "doc = \"1960-01-24-khrushchev-note\"",
        "doc = \"1960-01-24-khrushchev\"",
        1,
    );
    let problems = docent::clauses::ClauseRegister::from_toml("clauses.toml", &bad)
        .unwrap()
        .check(&common::documents());
    assert!(
        problems[0]
            .message
            .contains("nearest id: `1960-01-24-khrushchev-note`"),
        "{}",
        problems[0].message
    );
}
