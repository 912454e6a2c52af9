//! Names found in the text never change what the register finds: over
//! corpus/documents/*.txt, the mentions of registered entities are the same
//! with the found entities appended (as `docent build` does) as with the
//! register alone (as before detection existed), field for field.

mod common;
use common::*;
use docent::entities::{self, Register};
use docent::Collection;

#[test]
fn registered_mentions_unchanged_by_found_names() {
    let docs = documents();
    let register = entity_register();
    let n = register.entities.len();
    let alone = Collection::build(docs.clone(), register.clone(), Default::default());

    let found = entities::detect(&docs, &register);
    assert!(
        !found.is_empty(),
        "the corpus should have names its register lacks"
    );
    let mut list = register.entities.clone();
    list.extend(found.iter().map(|f| f.entity.clone()));
    let with = Collection::build(
        docs.clone(),
        Register::new(list, register.ignore.clone(), "entities.toml"),
        Default::default(),
    );
    assert_eq!(with.entities.first_found(), n);

    let mut found_mentions = 0;
    for (di, d) in docs.iter().enumerate() {
        let (reg, extra): (Vec<_>, Vec<_>) = with
            .mentions
            .of_doc(di)
            .iter()
            .cloned()
            .partition(|m| m.entities.iter().all(|&e| (e as usize) < n));
        assert!(
            extra
                .iter()
                .all(|m| m.entities.iter().all(|&e| e as usize >= n)),
            "{}: a mention mixes registered and found entities",
            d.id
        );
        assert_eq!(
            reg,
            alone.mentions.of_doc(di),
            "{}: registered mentions changed by found names",
            d.id
        );
        // A found name never overlaps a registered one.
        for m in &extra {
            assert!(
                !reg.iter()
                    .any(|r| r.paragraph == m.paragraph && r.start < m.end && m.start < r.end),
                "{}: found mention overlaps a registered one",
                d.id
            );
        }
        found_mentions += extra.len();
    }
    assert!(found_mentions > 0, "no found name was matched");
}
