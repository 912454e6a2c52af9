//! The register against the real corpus: it parses, `check` finds no
//! error and few uncovered names, lookups resolve every spelling.

mod entities_common;
use entities_common::*;

#[test]
fn register_checks_clean_against_the_corpus() {
    let reg = register();
    let docs = load_docs_from(&corpus_dir().join("documents"));
    let diags = reg.check(&docs);
    for d in &diags {
        eprintln!("{d}");
    }
    assert!(
        diags.iter().all(|d| !d.is_error()),
        "the register has errors"
    );
    assert!(reg.entities.len() > 100, "{} entities", reg.entities.len());
}

/// `query` resolves to `expect` (an id, `?` for ambiguous, `!closest` for
/// not found with `closest` first among the suggestions).
fn check(reg: &docent::entities::Register, query: &str, expect: &str) {
    use docent::entities::Lookup;
    let got = match reg.lookup(query) {
        Lookup::Found(i) => reg.entities[i].id.clone(),
        Lookup::Ambiguous(_) => "?".into(),
        Lookup::NotFound(c) => format!("!{}", reg.entities[c[0]].id),
    };
    assert_eq!(got, expect, "lookup of {query:?}");
}

#[test]
fn lookup_table() {
    let reg = register();
    for (q, id) in [
        ("Iturup", "iturup"),
        ("Etorofu", "iturup"),
        ("etorofu", "iturup"),
        ("Kunashiri", "kunashir"),
        ("хрущев", "khrushchev"),
        ("Хрущёв", "khrushchev"),
        ("KHRUSHCHEV", "khrushchev"),
        ("Comrade Khrushchev", "khrushchev"),
        ("N. S. Khrushchev", "khrushchev"),
        ("Mr. Masumoto", "matsumoto"),
        ("Masumoto", "matsumoto"),
        ("Hatayoma", "hatoyama"),
        ("H[abomai]", "habomai"),
        ("habomaï", "habomai"),
        ("the Habomais", "!habomai"),
        ("Ичшков", "ishkov"),
        ("правда", "pravda"),
        ("ldp", "ldp"),
        ("Malik", "malik"),
        ("Yamada", "?"),
        ("Ambassador Yamada", "h-yamada"),
        ("Major General Otozo Yamada", "otozo-yamada"),
        ("bulganin-line", "bulganin-line"),
        ("Khrushchov", "!khrushchev"),
        ("Shikotann", "!shikotan"),
    ] {
        check(&reg, q, id);
    }
}

#[test]
fn alias_groups_list_every_name_canonical_first() {
    let groups = register().alias_groups();
    let (_, names) = groups.iter().find(|(id, _)| id == "iturup").unwrap();
    assert_eq!(names[0], "Iturup");
    assert!(names.contains(&"Etorofu".to_string()));
    let (_, names) = groups.iter().find(|(id, _)| id == "matsumoto").unwrap();
    assert!(
        names.contains(&"Masumoto".to_string()),
        "variants are names too"
    );
}

#[test]
fn a_new_record_is_tagged_without_code_change() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/new-record/documents");
    let docs = load_docs_from(&dir);
    let c = docent::Collection::build(docs, register(), Default::default());
    let found: Vec<(String, String, bool)> = c
        .mentions
        .of_doc(0)
        .iter()
        .map(|m| {
            let p = &c.docs[0].paragraphs[m.paragraph as usize].text;
            (
                p[m.start as usize..m.end as usize].to_string(),
                c.entities.entities[m.entities[0] as usize].id.clone(),
                m.variant,
            )
        })
        .collect();
    for (surface, id, variant) in [
        ("Gromyko", "gromyko", false),
        ("N.S. Khrushchev", "khrushchev", false),
        ("Kōno", "kono", false),
        ("Joint Declaration", "joint-declaration", false),
        ("Moscow", "moscow", false),
        ("Etorofu", "iturup", false),
        ("Kunashiri", "kunashir", false),
        ("H[abomai]", "habomai", false),
        ("S[hikotan]", "shikotan", false),
        ("Kuriles", "kurile-islands", false),
        ("Masumoto", "matsumoto", true),
        ("London", "london", false),
        ("Хрущёв", "khrushchev", false),
        ("Hatayoma", "hatoyama", true),
    ] {
        assert!(
            found.contains(&(surface.to_string(), id.to_string(), variant)),
            "{surface} → {id} (variant {variant}) not in {found:#?}"
        );
    }
}
