//! TEI P5 import over the FRUS fixtures (tests/fixtures/tei/, copied
//! verbatim from FRUS 1955–57 vol. XXIII part 1) and hostile XML.
//!
//! * Fidelity: every word of every document body, notes included, is in
//!   the imported document (title, paragraphs), for one file per document
//!   and for one volume file holding all eight.
//! * Names: the edition's `persName` markup becomes mentions of the right
//!   entities (the floor is 95%; the figure is printed).
//! * Hostile input: refused with file:line:column, or inert, in bounded time.

use docent::import::tei::{self, TeiFile};
use docent::model::{Document, ParaKind, SpanKind};
use docent::text::words;
use docent::{entities, Collection, Diagnostic};
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tei")
}

/// The fixture files: (name, text), documents first, the persons list last.
fn files() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".xml"))
        .map(|n| {
            let text = std::fs::read_to_string(fixtures().join(&n)).unwrap();
            (n, text)
        })
        .collect();
    out.sort_by_key(|(n, _)| (n.contains("persons"), n.clone()));
    assert_eq!(
        out.len(),
        9,
        "the fixtures are eight documents and the persons list"
    );
    out
}

fn parse(name: &str, text: &str) -> (TeiFile, Vec<Diagnostic>) {
    tei::parse_file(&format!("documents/{name}"), text.as_bytes())
}

fn parse_ok(name: &str, text: &str) -> TeiFile {
    let (f, diags) = parse(name, text);
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:?}");
    f
}

/// One volume file holding the `<div type="document">`s of all eight
/// fixtures, inside the first fixture's TEI root and header.
fn volume() -> String {
    let files = files();
    let first = &files[0].1;
    let open_end = first.find("<body>").unwrap() + "<body>".len();
    let mut out = first[..open_end].to_string();
    for (_, text) in files.iter().filter(|(n, _)| !n.contains("persons")) {
        let start = text.find("<div type=\"document\"").unwrap();
        let end = text.rfind("</div>").unwrap() + "</div>".len();
        out.push_str(&text[start..end]);
        out.push('\n');
    }
    out.push_str("</body></text></TEI>\n");
    out
}

/// The words of a document div's XML text, notes included (tags removed).
fn source_words(div: roxmltree::Node) -> Vec<String> {
    let mut text = String::new();
    let mut in_note = false;
    for n in div.descendants().filter(|n| n.is_text()) {
        // Adjacent text nodes join as they are ("Robertson" + "’s"), but a
        // note is apart from the text it is attached to.
        let note = n.ancestors().any(|a| a.tag_name().name() == "note");
        if note != in_note {
            text.push(' ');
            in_note = note;
        }
        text.push_str(n.text().unwrap());
    }
    words(&text)
        .map(|w| text[w.start..w.end].to_string())
        .collect()
}

fn doc_words(d: &Document) -> HashMap<String, usize> {
    let mut all = d.title.clone();
    for p in &d.paragraphs {
        all.push(' ');
        all.push_str(&p.text);
    }
    for (_, v) in &d.fields {
        all.push(' ');
        all.push_str(v);
    }
    let mut counts = HashMap::new();
    for w in words(&all) {
        *counts.entry(all[w.start..w.end].to_string()).or_insert(0) += 1;
    }
    counts
}

/// Every word of each document div is in its imported document, as often.
fn check_fidelity(name: &str, text: &str, file: &TeiFile) {
    let xml = roxmltree::Document::parse(text).unwrap();
    let divs: Vec<roxmltree::Node> = xml
        .descendants()
        .filter(|n| n.tag_name().name() == "div" && n.attribute("type") == Some("document"))
        .collect();
    assert_eq!(
        divs.len(),
        file.documents.len(),
        "{name}: one document per div"
    );
    for (div, doc) in divs.iter().zip(&file.documents) {
        let have = doc_words(doc);
        let mut need: HashMap<String, usize> = HashMap::new();
        for w in source_words(*div) {
            *need.entry(w).or_insert(0) += 1;
        }
        let mut missing: Vec<String> = need
            .iter()
            .filter(|(w, n)| have.get(*w).copied().unwrap_or(0) < **n)
            .map(|(w, n)| format!("{w} ×{n} (have {})", have.get(w).copied().unwrap_or(0)))
            .collect();
        missing.sort();
        assert!(
            missing.is_empty(),
            "{name} {}: words lost: {missing:?}",
            doc.id
        );
    }
}

#[test]
fn every_word_of_every_fixture_is_imported() {
    for (name, text) in files().iter().filter(|(n, _)| !n.contains("persons")) {
        let f = parse_ok(name, text);
        assert_eq!(f.documents.len(), 1, "{name}");
        assert_eq!(
            f.documents[0].id,
            name.trim_end_matches(".xml"),
            "a single document takes the stem"
        );
        check_fidelity(name, text, &f);
    }
}

#[test]
fn a_volume_is_one_document_per_div_in_order() {
    let v = volume();
    let f = parse_ok("frus-v23p1-excerpt.xml", &v);
    let ids: Vec<&str> = f.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "frus-v23p1-excerpt-d101",
            "frus-v23p1-excerpt-d105",
            "frus-v23p1-excerpt-d106",
            "frus-v23p1-excerpt-d90",
            "frus-v23p1-excerpt-d91",
            "frus-v23p1-excerpt-d93",
            "frus-v23p1-excerpt-d95",
            "frus-v23p1-excerpt-d97",
        ],
        "file order (the fixtures sorted by name)"
    );
    check_fidelity("volume", &v, &f);
    // The fixtures cite documents outside them (#d89, #d102 …): shown as
    // written, not links.
    let mut docs = f.documents;
    tei::link(
        &mut docs,
        &mut Vec::new(),
        "entities.toml",
        Vec::new(),
        &f.anchors,
    );
    let spans = |docs: &[Document]| -> Vec<SpanKind> {
        docs.iter()
            .flat_map(|d| d.paragraphs.iter().flat_map(|p| p.spans.iter()))
            .filter(|s| matches!(s.kind, SpanKind::DocLink(_) | SpanKind::Link(_)))
            .map(|s| s.kind.clone())
            .collect()
    };
    let refs = spans(&docs);
    assert_eq!(refs.len(), 7, "{refs:?}");
    assert!(
        refs.iter()
            .all(|k| matches!(k, SpanKind::Link(t) if t.starts_with("#d"))),
        "{refs:?}"
    );
    // A reference to another document of the same file is an internal link.
    let two = parse_ok(
        "vol.xml",
        &tei(
            r##"<div type="document" xml:id="d1"><p>See <ref target="#d2">Document 2</ref>.</p></div>
<div type="document" xml:id="d2"><p>Text.</p></div>"##,
        ),
    );
    let mut docs = two.documents;
    tei::link(
        &mut docs,
        &mut Vec::new(),
        "entities.toml",
        Vec::new(),
        &two.anchors,
    );
    assert_eq!(spans(&docs), [SpanKind::DocLink("vol-d2".into())]);
}

/// One explicit case: a document of a fixture and what must hold of it.
fn check(name: &str, what: &str, ok: impl Fn(&Document) -> bool) {
    let text = std::fs::read_to_string(fixtures().join(name)).unwrap();
    let f = parse_ok(name, &text);
    assert!(ok(&f.documents[0]), "{name}: {what}");
}

fn texts(d: &Document, kind: fn(ParaKind) -> bool) -> Vec<&str> {
    d.paragraphs
        .iter()
        .filter(|p| kind(p.kind))
        .map(|p| p.text.as_str())
        .collect()
}

#[test]
fn structure_is_read_from_the_markup() {
    check(
        "frus1955-57v23p1-d105.xml",
        "the participants are five list items",
        |d| {
            let items = texts(d, |k| k == ParaKind::Item(1));
            items.len() >= 6 && items[0].starts_with("Tanzan Ishibashi, President")
        },
    );
    check(
        "frus1955-57v23p1-d105.xml",
        "PARTICIPANTS and SUBJECT are lines",
        |d| {
            let lines = texts(d, |k| k == ParaKind::Line);
            lines.contains(&"PARTICIPANTS") && lines.contains(&"SUBJECT")
        },
    );
    check(
        "frus1955-57v23p1-d105.xml",
        "kind, date and title come from the markup",
        |d| {
            d.kind == "memorandum of conversation"
                && d.date.map(|x| x.iso()) == Some("1956-12-19".into())
                && d.title
                    .starts_with("Memorandum of a Conversation, Ministry")
                && d.field("Document") == Some("105")
        },
    );
    check(
        "frus1955-57v23p1-d97.xml",
        "lettered items nest in item (2)",
        |d| {
            let at = d
                .paragraphs
                .iter()
                .position(|p| p.text.starts_with("(2) That the following"))
                .unwrap();
            d.paragraphs[at].kind == ParaKind::Item(1)
                && d.paragraphs[at + 1].kind == ParaKind::Item(2)
                && d.paragraphs[at + 1].text.starts_with("(a) The Government")
                && d.paragraphs[at + 1]
                    .spans
                    .iter()
                    .any(|s| s.kind == SpanKind::Label && s.start == 0 && s.end == 3)
        },
    );
    check(
        "frus1955-57v23p1-d97.xml",
        "the attachments have their own headings",
        |d| {
            let heads = texts(d, |k| matches!(k, ParaKind::Heading(_)));
            heads.contains(&"DRAFT AIDE-MÉMOIRE")
                && heads
                    .iter()
                    .any(|h| h.starts_with("Letter From the Chairman"))
        },
    );
    check(
        "frus1955-57v23p1-d97.xml",
        "an inline note is a line where it stands",
        |d| texts(d, |k| k == ParaKind::Line).contains(&"[Tab A]"),
    );
    check(
        "frus1955-57v23p1-d90.xml",
        "footnotes keep their @n and markers point at them",
        |d| {
            let notes: Vec<u32> = d
                .paragraphs
                .iter()
                .filter_map(|p| match p.kind {
                    ParaKind::Footnote(n) => Some(n),
                    _ => None,
                })
                .collect();
            let refs: Vec<u32> = d
                .paragraphs
                .iter()
                .flat_map(|p| &p.spans)
                .filter_map(|s| match s.kind {
                    SpanKind::FootnoteRef(n) => Some(n),
                    _ => None,
                })
                .collect();
            notes == [1, 2, 3, 4] && refs == [2, 3, 4]
        },
    );
    check(
        "frus1955-57v23p1-d90.xml",
        "the closer's signature is closing matter in bold",
        |d| {
            let last = d
                .paragraphs
                .iter()
                .rfind(|p| !matches!(p.kind, ParaKind::Footnote(_)))
                .unwrap();
            last.kind == ParaKind::Closing
                && last.text == "Dulles"
                && last.spans.iter().any(|s| s.kind == SpanKind::Strong)
        },
    );
    check(
        "frus1955-57v23p1-d90.xml",
        "persName corresp is a marked name",
        |d| {
            d.paragraphs
                .iter()
                .flat_map(|p| &p.spans)
                .any(|s| s.kind == SpanKind::Name("p_SM1".into()))
        },
    );
    check(
        "frus1955-57v23p1-d90.xml",
        "a telegram's dateline gives its date words",
        |d| d.kind == "telegram" && d.date_label == "August 22, 1956—Noon",
    );
}

/// A small TEI file around `body` (the document's div content).
fn tei(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt></fileDesc></teiHeader>\n<text><body>\n{body}\n</body></text></TEI>\n"
    )
}

#[test]
fn marks_lists_tables_and_turns() {
    let f = parse_ok(
        "x.xml",
        &tei(r##"<div type="document" xml:id="d1"><head>A Letter</head>
<p>A <hi rend="italic">b</hi> <hi rend="underline">c</hi> <hi rend="small-caps">d</hi> <del hand="#KH">e</del><add place="above">f</add>
<gap reason="illegible"/> <unclear>g</unclear> <choice><sic>Hatayoma</sic><corr>Hatoyama</corr></choice>
<lb/>h<pb n="2"/>i <ref target="https://example.org/">j</ref> <ref target="javascript:alert(1)">k</ref>.</p>
<table><row role="label"><cell>Name</cell><cell>Role</cell></row><row><cell>Tani</cell><cell>Ambassador</cell></row></table>
<sp><speaker>Kono.</speaker><p>I will not debate.</p><p>Second.</p></sp>
<mystery>kept text</mystery>
</div>"##),
    );
    let d = &f.documents[0];
    let p = &d.paragraphs[0];
    // `pb` inside a word does not split it ("h<pb/>i" is "hi").
    assert_eq!(p.text, "A b c d ef [illegible] g Hatayoma hi j k.");
    let marked = |k: &SpanKind| {
        p.spans
            .iter()
            .find(|s| &s.kind == k)
            .map(|s| &p.text[s.start as usize..s.end as usize])
    };
    assert_eq!(marked(&SpanKind::Emphasis), Some("b"));
    assert_eq!(marked(&SpanKind::Underline), Some("c"));
    assert_eq!(marked(&SpanKind::SmallCaps), Some("d"));
    assert_eq!(marked(&SpanKind::Deleted("hand KH".into())), Some("e"));
    assert_eq!(marked(&SpanKind::Added("place: above".into())), Some("f"));
    assert_eq!(marked(&SpanKind::Editorial), Some("[illegible]"));
    assert_eq!(marked(&SpanKind::Unclear), Some("g"));
    assert_eq!(
        marked(&SpanKind::Sic("corrected: Hatoyama".into())),
        Some("Hatayoma")
    );
    assert_eq!(
        marked(&SpanKind::Link("https://example.org/".into())),
        Some("j")
    );
    // Not a document of the collection, and not a web address: shown as written.
    assert_eq!(
        marked(&SpanKind::Link("javascript:alert(1)".into())),
        Some("k")
    );
    assert_eq!(d.paragraphs[1].kind, ParaKind::Row(1));
    assert_eq!(d.paragraphs[1].text, "Name\tRole");
    assert_eq!(d.paragraphs[2].text, "Tani\tAmbassador");
    let cells: Vec<(u32, u32)> = d.paragraphs[2]
        .spans
        .iter()
        .filter(|s| s.kind == SpanKind::Cell)
        .map(|s| (s.start, s.end))
        .collect();
    assert_eq!(cells, [(0, 4), (5, 15)]);
    let turn = &d.paragraphs[3];
    assert_eq!(turn.text, "Kono. I will not debate.");
    assert_eq!(turn.speaker.as_ref().unwrap().name, "Kono");
    assert!(turn
        .spans
        .iter()
        .any(|s| s.kind == SpanKind::SpeakerLabel && s.end == 5));
    assert_eq!(
        d.paragraphs[4].speaker.as_ref().unwrap().mode,
        docent::SpeechMode::Continued
    );
    assert_eq!(d.paragraphs[5].text, "kept text");
    assert_eq!(d.kind, "letter");
}

#[test]
fn unknown_elements_are_warned_with_line_and_column() {
    let (_, diags) = parse(
        "x.xml",
        &tei("<div type=\"document\"><p>a <mystery>b</mystery></p></div>"),
    );
    let w: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert!(
        w.iter()
            .any(|m| m.starts_with("documents/x.xml:4:27: warning: <mystery>")),
        "{w:?}"
    );
}

#[test]
fn the_persons_list_becomes_entities_claimed_by_refs() {
    let files = files();
    let (_, persons) = files.last().unwrap();
    let f = parse_ok("frus1955-57v23p1-persons.xml", persons);
    assert!(f.documents.is_empty(), "a register file adds no document");
    assert_eq!(f.entities.len(), 115);
    let tani = f.entities.iter().find(|e| e.refs == ["p_TM1"]).unwrap();
    assert_eq!(tani.name, "Masayuki Tani");
    assert!(
        tani.description.starts_with("Japanese Ambassador"),
        "{}",
        tani.description
    );
    // entities.toml claims p_SM1 for its `shigemitsu`: one entity, not two.
    let toml = "[[entity]]\nid = \"shigemitsu\"\nkind = \"person\"\nname = \"Mamoru Shigemitsu\"\naliases = [\"Shigemitsu\"]\ndescription = \"Foreign Minister.\"\nrefs = [\"#p_SM1\"]\n";
    let reg = entities::Register::from_toml("entities.toml", toml).unwrap();
    let mut list = reg.entities.clone();
    let tei_entities: Vec<_> = f
        .entities
        .into_iter()
        .map(|e| ("p.xml".to_string(), e))
        .collect();
    let (d90, text) = files.iter().find(|(n, _)| n.ends_with("d90.xml")).unwrap();
    let mut docs = parse_ok(d90, text).documents;
    tei::link(&mut docs, &mut list, "entities.toml", tei_entities, &[]);
    assert_eq!(
        list.iter()
            .filter(|e| e.name.contains("Shigemitsu"))
            .count(),
        1
    );
    assert_eq!(list.len(), 115);
    assert!(
        list[0].note.as_deref().unwrap_or("").contains("Japanese"),
        "the edition's description rides along"
    );
}

/// Loads the fixtures as the CLI does, with the project's register.
fn collection() -> Collection {
    let files = files();
    let mut docs = Vec::new();
    let mut ents = Vec::new();
    let mut anchors = Vec::new();
    for (n, t) in &files {
        let f = parse_ok(n, t);
        docs.extend(f.documents);
        ents.extend(f.entities.into_iter().map(|e| (n.clone(), e)));
        anchors.extend(f.anchors);
    }
    let src = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/entities.toml"),
    )
    .unwrap();
    let reg = entities::Register::from_toml("entities.toml", &src).unwrap();
    let mut list = reg.entities.clone();
    let diags = tei::link(&mut docs, &mut list, "entities.toml", ents, &anchors);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    Collection::build(
        docs,
        entities::Register::new(list, reg.ignore.clone(), "entities.toml"),
        Default::default(),
    )
}

#[test]
fn person_markup_becomes_mentions_of_the_right_entities() {
    let c = collection();
    let (mut marked, mut found) = (0, 0);
    for (di, d) in c.docs.iter().enumerate() {
        let ms = c.mentions.of_doc(di);
        for (pi, p) in d.paragraphs.iter().enumerate() {
            for s in &p.spans {
                let SpanKind::Name(key) = &s.kind else {
                    continue;
                };
                if key.is_empty() || !key.starts_with("p_") {
                    continue;
                }
                marked += 1;
                let hit = ms.iter().any(|m| {
                    m.paragraph as usize == pi
                        && m.start == s.start
                        && m.end == s.end
                        && m.entities
                            .iter()
                            .any(|&e| c.entities.entities[e as usize].refs.contains(key))
                });
                if hit {
                    found += 1;
                } else {
                    eprintln!(
                        "missed: {} ¶{pi} {key} {:?}",
                        d.id,
                        &p.text[s.start as usize..s.end as usize]
                    );
                }
            }
        }
    }
    let share = found as f64 / marked as f64;
    println!("persName with @corresp → mentions of that entity: {found}/{marked} = {share:.3}");
    assert!(marked >= 100, "{marked}");
    assert!(share >= 0.95, "{found}/{marked}");
}

/// A hostile file: refused (the error says where and what to do) or read
/// as plain text, within a second or two.
fn check_hostile(what: &str, xml: &str, expect: Result<&str, &str>) {
    let t = Instant::now();
    let (f, diags) = parse("h.xml", xml);
    let took = t.elapsed();
    assert!(took < Duration::from_secs(3), "{what}: {took:?}");
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    match expect {
        Err(msg) => {
            assert!(f.documents.is_empty(), "{what}: nothing half-read");
            assert!(errors.iter().any(|e| e.contains(msg)), "{what}: {errors:?}");
            assert!(
                errors.iter().all(|e| e.contains("(help: ")),
                "{what}: {errors:?}"
            );
        }
        Ok(text) => {
            assert!(errors.is_empty(), "{what}: {errors:?}");
            let all: Vec<&str> = f
                .documents
                .iter()
                .flat_map(|d| d.paragraphs.iter().map(|p| p.text.as_str()))
                .collect();
            assert!(all.iter().any(|p| p.contains(text)), "{what}: {all:?}");
        }
    }
}

#[test]
fn hostile_xml_is_refused_or_inert() {
    let deep = format!(
        "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body><div type=\"document\"><p>{}x{}</p></div></body></text></TEI>",
        "<hi>".repeat(100_000),
        "</hi>".repeat(100_000)
    );
    let laughs = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE TEI [<!ENTITY a \"lol\">{}]><TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body><p>&j;</p></body></text></TEI>",
        (b'b'..=b'j').map(|c| format!("<!ENTITY {} \"{}\">", c as char, format!("&{};", (c - 1) as char).repeat(10))).collect::<String>()
    );
    for (what, xml, expect) in [
        ("external entity (XXE)", "<?xml version=\"1.0\"?>\n<!DOCTYPE TEI [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body><p>&x;</p></body></text></TEI>".to_string(), Err("h.xml:2:1: error: the file declares a DTD")),
        ("entity expansion (billion laughs)", laughs, Err("declares a DTD")),
        ("an unknown entity without a DTD", tei("<p>&nbsp;</p>"), Err("only &amp; &lt;")),
        ("unclosed tag", tei("<div type=\"document\"><p>open\n</div>"), Err("h.xml:5:1: error: not well-formed XML")),
        ("100,000-deep nesting", deep, Err("nest")),
        ("not TEI", "<html><body>x</body></html>".to_string(), Err("not in the TEI namespace")),
        ("an external DTD is ignored, never fetched", "<?xml version=\"1.0\"?>\n<!DOCTYPE TEI SYSTEM \"http://example.org/tei.dtd\">\n".to_string() + tei("<p>plain</p>").split_once('\n').unwrap().1, Ok("plain")),
        ("markup in text stays text", tei("<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>"), Ok("<script>alert(1)</script> <img src=x onerror=alert(1)>")),
        ("a javascript: target is a plain reference", tei("<p><ref target=\"javascript:alert(1)\">click</ref></p>"), Ok("click")),
    ] {
        check_hostile(what, &xml, expect);
    }
}
