//! The search query parser and search on arbitrary query text, over a small
//! real collection (three documents, the hostile record, the entity register
//! for aliases): never panics, results stay in bounds, snippets and
//! highlights are cut on char boundaries of their paragraphs.
#![no_main]

use docent::entities::Register;
use docent::{import, Collection};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn collection() -> &'static Collection {
    static C: OnceLock<Collection> = OnceLock::new();
    C.get_or_init(|| {
        let docs = [
            (
                "documents/1956-10-17-khrushchev-kono.txt",
                include_bytes!("../../corpus/documents/1956-10-17-khrushchev-kono.txt").as_slice(),
            ),
            (
                "documents/1956-10-19-joint-declaration.txt",
                include_bytes!("../../corpus/documents/1956-10-19-joint-declaration.txt")
                    .as_slice(),
            ),
            (
                "documents/1960-01-24-khrushchev-note.txt",
                include_bytes!("../../corpus/documents/1960-01-24-khrushchev-note.txt").as_slice(),
            ),
            (
                "documents/1956-01-01-script-record.txt",
                include_bytes!("../../tests/hostile/documents/1956-01-01-script-record.txt")
                    .as_slice(),
            ),
        ]
        .iter()
        .map(|(path, bytes)| import::parse_document(path, bytes).expect("seed document parses"))
        .collect();
        let register =
            Register::from_toml("entities.toml", include_str!("../../corpus/entities.toml"))
                .expect("the corpus register parses");
        Collection::build(docs, register, Default::default())
    })
}

fuzz_target!(|data: &[u8]| {
    let q = String::from_utf8_lossy(data);
    let c = collection();
    let r = c.search(&q, 20).unwrap();
    assert!(
        r.hits.len() <= 20 && r.hits.len() <= r.total,
        "{} hits of {}",
        r.hits.len(),
        r.total
    );
    assert_eq!(
        r.docs.iter().map(|d| d.hits).sum::<usize>(),
        r.total,
        "per-document counts"
    );
    for hit in &r.hits {
        let doc = c.doc(&hit.doc).expect("a hit names a document");
        assert!(
            (hit.paragraph as usize) < doc.paragraphs.len(),
            "hit paragraph out of range"
        );
        assert!(hit.score.is_finite(), "score {}", hit.score);
    }
    for doc in &c.docs {
        let h = c
            .highlights(&q, &doc.id)
            .expect("highlights for an existing, loaded document");
        for p in &h.paragraphs {
            let text = &doc.paragraphs[p.paragraph as usize].text;
            for &[a, b] in &p.ranges {
                let (a, b) = (a as usize, b as usize);
                assert!(
                    a <= b && b <= text.len(),
                    "range {a}..{b} of {} bytes",
                    text.len()
                );
                assert!(
                    text.is_char_boundary(a) && text.is_char_boundary(b),
                    "range {a}..{b} splits a character"
                );
            }
        }
    }
});
