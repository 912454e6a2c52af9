//! The register against the real corpus: it parses, `check` finds no
//! error and few uncovered names, lookups resolve every spelling.

mod common;
use common::*;

#[test]
fn register_checks_clean_against_the_corpus() {
    let reg = entity_register();
    let docs = documents();
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
    let reg = entity_register();
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
    let groups = entity_register().alias_groups();
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
    let c = docent::Collection::build(docs, entity_register(), Default::default());
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

#[test]
fn cli_entity_json_resolves_any_spelling() {
    let (code, out, err) = docent(&["entity", "--json", "etorofu"]).parts();
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["id"], "iturup");
    assert_eq!(v["name"], "Iturup");
    assert_eq!(v["kind"], "place");
    assert!(v["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a == "Etorofu"));
    let ms = v["mentions"].as_array().unwrap();
    let texts: Vec<&str> = ms.iter().map(|m| m["text"].as_str().unwrap()).collect();
    assert!(
        texts.contains(&"Iturup") && texts.contains(&"Etorofu"),
        "{texts:?}"
    );
    for m in ms {
        assert!(m["context"]
            .as_str()
            .unwrap()
            .contains(m["text"].as_str().unwrap()));
        assert!(m["doc"].is_string() && m["paragraph"].is_u64());
    }
    // Dated documents first, in date order; the undated chapter last.
    let dates: Vec<Option<&str>> = ms.iter().map(|m| m["date"].as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by_key(|d| (d.is_none(), *d));
    assert_eq!(dates, sorted);
}

#[test]
fn cli_unknown_name_suggests_and_exits_1() {
    let (code, _, err) = docent(&["entity", "Khrushchov"]).parts();
    assert_eq!(code, 1);
    assert!(err.contains("no entity is called `Khrushchov`"), "{err}");
    assert!(
        err.lines().nth(1).unwrap_or("").contains("khrushchev"),
        "{err}"
    );
    let (code, out, _) = docent(&["entity", "--json", "Yamada"]).parts();
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["error"], "ambiguous");
    assert_eq!(v["candidates"].as_array().unwrap().len(), 2);
}

#[test]
fn cli_entities_lists_all_with_counts() {
    let (code, out, err) = docent(&["entities", "--json"]).parts();
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = v.as_array().unwrap();
    // The register's entities, then the edition's (FRUS's list of persons)
    // that no register entry claims.
    let register = entity_register();
    for e in &register.entities {
        assert!(
            rows.iter().any(|r| r["id"] == e.id.as_str()),
            "{} missing",
            e.id
        );
    }
    let claimed = register
        .entities
        .iter()
        .filter(|e| !e.refs.is_empty())
        .count();
    // Names found in the text come after, marked `"registered": false`.
    let registered = rows
        .iter()
        .filter(|r| r.get("registered").is_none())
        .count();
    assert_eq!(registered, register.entities.len() + 115 - claimed);
    assert!(rows
        .iter()
        .all(|r| r.get("registered").is_none_or(|v| v == false)));
    assert!(rows.len() > registered, "no name found in the text");
    let tani = rows.iter().find(|r| r["name"] == "Masayuki Tani").unwrap();
    assert!(tani["count"].as_u64().unwrap() >= 2, "{tani}");
    let k = rows.iter().find(|r| r["id"] == "khrushchev").unwrap();
    assert!(k["count"].as_u64().unwrap() > 100);
}

/// The JSON that crosses the wasm boundary (and `docent entity --json`
/// prints), for one entity. `UPDATE_SNAPSHOTS=1` rewrites it.
#[test]
fn snapshot_entity_report_json() {
    let c = collection();
    let r = c.lookup_entity("Kunashiri").unwrap().unwrap();
    let json = serde_json::to_string_pretty(&r).unwrap() + "\n";
    let path = corpus_dir().join("../tests/snapshots/entity-kunashir.json");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() || !path.exists() {
        std::fs::write(&path, &json).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        json,
        "run with UPDATE_SNAPSHOTS=1 if the change is intended"
    );
}

#[test]
fn register_and_mentions_survive_the_bundle() {
    let c = collection();
    let back = docent::format::decode(&docent::format::encode(&c)).unwrap();
    assert_eq!(back.entities, c.entities);
    assert_eq!(back.mentions, c.mentions);
    // The decoded register compiles to the same detector.
    let again = docent::entities::Mentions::build(&back.entities, &back.docs);
    assert_eq!(again, c.mentions);
}
