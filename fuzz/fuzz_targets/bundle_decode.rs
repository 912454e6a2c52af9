//! The bundle decoder on arbitrary bytes: never panics; garbage is refused
//! with a message that says to rebuild; what decodes re-encodes to a bundle
//! that decodes to the same documents.
#![no_main]

use docent::format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match format::decode(data) {
        Err(e) => assert!(e.message().contains("rebuild"), "{}", e.message()),
        Ok(c) => {
            let again = format::decode(&format::encode(&c)).expect("re-encoded bundle decodes");
            assert_eq!(again.docs, c.docs);
        }
    }
});
