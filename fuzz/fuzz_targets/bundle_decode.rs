//! The bundle decoder on arbitrary bytes: never panics; garbage is refused
//! with a message that says to rebuild; what decodes answers searches
//! (every walk of the search index) without a panic, and re-encodes to a
//! bundle that decodes to the same documents and index.
#![no_main]

use docent::format;
use libfuzzer_sys::fuzz_target;

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
});
