//! The word diff of two arbitrary texts under arbitrary toggles: never panics,
//! the ops rebuild both inputs exactly, inserts carry no A text and deletes no
//! B text, similarity is a number in [0, 1], each moved id marks one deletion
//! and one insertion. Small `max_units` values drive the sentence and
//! whole-text fallbacks too. Spelling variants come from the real register.
#![no_main]

use docent::diff::{diff, Granularity, Ignore, OpKind, Options, Variants, MAX_UNITS};
use docent::entities::Register;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn variants() -> &'static Variants {
    static V: OnceLock<Variants> = OnceLock::new();
    V.get_or_init(|| {
        let src = include_str!("../../corpus/entities.toml");
        let register =
            Register::from_toml("entities.toml", src).expect("the corpus register parses");
        Variants::new(&register.alias_groups())
    })
}

fuzz_target!(|input: (u8, u8, u16, &str, &str)| {
    let (toggles, moved, units, a, b) = input;
    let opts = Options {
        ignore: Ignore {
            case: toggles & 1 != 0,
            punct: toggles & 2 != 0,
            spelling: toggles & 4 != 0,
        },
        min_moved_words: u32::from(moved % 8),
        max_units: if units & 0x8000 == 0 {
            MAX_UNITS
        } else {
            1 + usize::from(units & 0xff)
        },
    };
    let empty = Variants::default();
    let v = if toggles & 8 != 0 { variants() } else { &empty };
    let d = diff(a, b, &opts, v);
    assert_eq!(d.text_a(), a, "ops do not rebuild A");
    assert_eq!(d.text_b(), b, "ops do not rebuild B");
    assert!(
        (0.0..=1.0).contains(&d.similarity),
        "similarity {}",
        d.similarity
    );
    let mut moves = std::collections::BTreeMap::new();
    for o in &d.ops {
        match o.op {
            OpKind::Insert => assert!(o.a.is_empty(), "insert with A text"),
            OpKind::Delete => assert!(o.b.is_empty(), "delete with B text"),
            OpKind::Equal => assert!(o.moved.is_none(), "a moved equal op"),
        }
        if let Some(id) = o.moved {
            let e = moves.entry(id).or_insert((0, 0));
            if o.op == OpKind::Delete {
                e.0 += 1
            } else {
                e.1 += 1
            }
        }
    }
    for (id, (del, ins)) in &moves {
        assert!(
            *del >= 1 && *ins >= 1,
            "move {id}: {del} deletions, {ins} insertions"
        );
    }
    assert_eq!(d.moves as usize, moves.len(), "moves count");
    if a == b && d.granularity == Granularity::Word {
        assert!(
            d.ops.iter().all(|o| o.op == OpKind::Equal),
            "identical texts differ"
        );
    }
});
