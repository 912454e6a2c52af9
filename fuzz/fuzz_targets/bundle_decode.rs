//! The bundle decoder on arbitrary bytes: never panics; garbage is refused
//! with a message that says to rebuild; what decodes answers searches
//! (every walk of the search index) without a panic, and re-encodes to a
//! bundle that decodes to the same documents and index. The same bytes as a
//! part of a bundle split into parts (the folder form): refused the same way,
//! or added.
#![no_main]

use docent::{format, import, Collection};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// A two-document collection's head (the bundle without its text parts).
fn head() -> &'static [u8] {
    static HEAD: OnceLock<Vec<u8>> = OnceLock::new();
    HEAD.get_or_init(|| {
        let doc = |id: &str, body: &str| {
            let raw = format!("Title: {id}\nDate: 1956-10-19\n\n{body}\n");
            import::parse_document(&format!("documents/{id}.txt"), raw.as_bytes()).unwrap()
        };
        let c = Collection::build(
            vec![doc("a", "Habomai and Shikotan."), doc("b", "Kono. Iturup.")],
            Default::default(),
            Default::default(),
        );
        format::encode_split(&c, 1).0
    })
}

fuzz_target!(|data: &[u8]| {
    match format::decode(data) {
        Err(e) => assert!(e.message().contains("rebuild"), "{}", e.message()),
        Ok(c) => {
            for q in ["treaty", "treat", "treety", "\"the treaty\"", "хрущёв", "kono 1956"] {
                let _ = c.search(q, 10);
            }
            let again = format::decode(&format::encode(&c)).expect("re-encoded bundle decodes");
            assert_eq!(again.docs, c.docs);
            assert_eq!(again.index, c.index);
        }
    }
    let mut lazy = format::decode(head()).expect("the head decodes");
    if let Err(e) = format::add_part(&mut lazy, data) {
        assert!(e.message().contains("rebuild"), "{}", e.message());
        assert!(lazy.need([0, 1]).is_err(), "a refused part adds nothing");
    }
});
