//! The term dictionary (`search::dict`) against the `fst` crate, the
//! dictionary it replaced: the same keys, ids and walks, in the same order,
//! for lookups, prefixes and the typo automaton; its bytes survive a round
//! trip and damaged bytes are refused without a panic.

use docent::search::dict::{Automaton, Dict};
use docent::search::typo::Typo;
use fst::automaton::Automaton as _;
use fst::{IntoStreamer, Map, Streamer};
use proptest::prelude::*;

/// One of our automata as an `fst` one.
struct AsFst<'a, A>(&'a A);

impl<A: Automaton> fst::Automaton for AsFst<'_, A> {
    type State = A::State;
    fn start(&self) -> A::State {
        self.0.start()
    }
    fn is_match(&self, s: &A::State) -> bool {
        self.0.is_match(s)
    }
    fn can_match(&self, s: &A::State) -> bool {
        self.0.can_match(s)
    }
    fn accept(&self, s: &A::State, b: u8) -> A::State {
        self.0.accept(s, b)
    }
}

fn from_fst(mut s: impl for<'a> Streamer<'a, Item = (&'a [u8], u64)>) -> Vec<(Vec<u8>, u32)> {
    let mut out = Vec::new();
    while let Some((k, v)) = s.next() {
        out.push((k.to_vec(), v as u32));
    }
    out
}

fn walk(f: impl FnOnce(&mut dyn FnMut(&[u8], u32) -> bool)) -> Vec<(Vec<u8>, u32)> {
    let mut out = Vec::new();
    f(&mut |k, id| {
        out.push((k.to_vec(), id));
        true
    });
    out
}

fn check(mut keys: Vec<String>, words: &[String]) {
    keys.sort();
    keys.dedup();
    let dict = Dict::from_sorted(&keys);
    let map = Map::from_iter(keys.iter().enumerate().map(|(i, k)| (k, i as u64))).unwrap();
    assert_eq!(dict.len() as usize, keys.len());
    assert_eq!(Dict::from_bytes(dict.as_bytes()).unwrap(), dict);
    for w in words.iter().chain(&keys) {
        assert_eq!(
            dict.get(w.as_bytes()),
            map.get(w).map(|v| v as u32),
            "get {w}"
        );
        let want = from_fst(
            map.search(fst::automaton::Str::new(w).starts_with())
                .into_stream(),
        );
        assert_eq!(walk(|f| dict.prefixed(w.as_bytes(), f)), want, "prefix {w}");
        for max in [1, 2] {
            for fixed_first in [true, false] {
                let Some(aut) = Typo::with_first(w, max, fixed_first) else {
                    continue;
                };
                let want = from_fst(map.search(AsFst(&aut)).into_stream());
                let got = walk(|f| dict.search(&aut, f));
                assert_eq!(got, want, "typo {w} ±{max} fixed first {fixed_first}");
            }
        }
    }
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[abk][a-e]{0,7}",
        "[хр][уеёщ]{0,6}",
        "[a-c]{0,3}ö[a-c]{0,3}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn dict_walks_as_the_fst_does(keys in prop::collection::vec(word(), 0..300), words in prop::collection::vec(word(), 1..6)) {
        check(keys, &words);
    }

    #[test]
    fn damaged_dict_bytes_are_refused_or_read(bytes in prop::collection::vec(prop_oneof![Just(0u8), Just(1u8), Just(b'a'), Just(b'b'), any::<u8>()], 0..64)) {
        if let Ok(d) = Dict::from_bytes(&bytes) {
            // Whatever reads is a sorted dictionary that walks in order.
            let keys = walk(|f| d.prefixed(b"", f));
            prop_assert_eq!(keys.len() as u32, d.len());
            prop_assert!(keys.windows(2).all(|w| w[0].0 < w[1].0));
            for (k, id) in &keys {
                prop_assert_eq!(d.get(k), Some(*id));
            }
        }
    }
}

#[test]
fn long_shared_prefixes_and_blocks() {
    let long = "x".repeat(300);
    let mut keys: Vec<String> = (0..100).map(|i| format!("{long}{i:03}")).collect();
    keys.extend((0..100).map(|i| format!("k{i:03}")));
    check(
        keys,
        &[format!("{long}05"), "k05".into(), "k0".into(), long],
    );
}
