use super::*;
use crate::import::parse_document;

fn collection(base: Option<&str>) -> Collection {
    let wilson = "\n\nOctober 17, 1956\nMemorandum of Conversation\n\nCitation:\n\n\"Memorandum of Conversation\", October 17, 1956, Wilson Center Digital Archive, RGANI, f. 52. Contributed by S. R.\n<https://example.org/208806>\n\nContents:\n\nTranslation - English\n\nKono. I will not debate too much today.\n\nKhrushchev. Good.\n";
    let chapter = "---\nkind: chapter\ncontainer: A History of Things\neditor: Ann Lee; Bo Ng\npublisher: Brill\nplace: Leiden\nyear: 2019\npages: 3-40\n---\nChapter 3 Negotiations\n\nMotohide Saito\n\nSome text & more, 100% {braced}.\n";
    let treaty = "---\nkind: treaty\n---\nTitle: Joint Declaration\nDate: 1956-10-19\nSource: https://example.org/t\nPublisher: United Nations\n\nArticle 9 text.\n";
    let docs = vec![
        parse_document("documents/memo.txt", wilson.as_bytes()).unwrap(),
        parse_document("documents/saito.txt", chapter.as_bytes()).unwrap(),
        parse_document("documents/treaty.txt", treaty.as_bytes()).unwrap(),
    ];
    let mut c = Collection::build(docs, Default::default(), Default::default());
    c.base_url = base.map(str::to_string);
    c
}

/// The citation of `id` (paragraph `p`) in `format` is `expect`.
fn check(base: Option<&str>, id: &str, p: Option<usize>, format: &str, expect: &str) {
    let c = collection(base);
    let f = Format::parse(format).unwrap();
    let csl = |items: &[CslItem]| format!("{items:?}");
    let got = c.cite(id, p, f, csl).unwrap();
    assert_eq!(got.text, expect, "{id} {format}");
    assert_eq!((got.format, got.mime), (f.name(), f.mime()));
}

#[test]
fn formats() {
    let web = Some("https://ex.org/docent.html");
    check(None, "memo", Some(1), "chicago",
        "“Memorandum of Conversation,” October 17, 1956, Wilson Center Digital Archive, RGANI, f. 52. Contributed by S. R, para. 1, docent.html#doc=memo&p=1.");
    check(web, "memo", None, "chicago-bib",
        "“Memorandum of Conversation.” October 17, 1956. Wilson Center Digital Archive, RGANI, f. 52. Contributed by S. R. https://ex.org/docent.html#doc=memo.");
    check(web, "saito", Some(0), "chicago",
        "Motohide Saito, “Chapter 3 Negotiations,” in A History of Things, ed. Ann Lee and Bo Ng (Leiden: Brill, 2019), 3-40, para. 0, https://ex.org/docent.html#doc=saito&p=0.");
    check(web, "saito", None, "chicago-bib",
        "Saito, Motohide. “Chapter 3 Negotiations.” In A History of Things, edited by Ann Lee and Bo Ng, 3-40. Leiden: Brill, 2019. https://ex.org/docent.html#doc=saito.");
    check(
        web,
        "treaty",
        None,
        "chicago",
        "“Joint Declaration,” 1956-10-19, United Nations, https://ex.org/docent.html#doc=treaty.",
    );
    check(web, "saito", None, "bibtex",
        "@incollection{saito,\n  author = {Saito, Motohide},\n  title = {{Chapter 3 Negotiations}},\n  booktitle = {{A History of Things}},\n  editor = {Lee, Ann and Ng, Bo},\n  publisher = {Brill},\n  address = {Leiden},\n  date = {2019},\n  year = {2019},\n  pages = {3--40},\n  url = {https://ex.org/docent.html#doc=saito},\n}\n");
    check(None, "memo", Some(1), "ris",
        "TY  - MANSCPT\nTI  - Memorandum of Conversation\nPY  - 1956\nDA  - 1956/10/17/\nAN  - Wilson Center Digital Archive, RGANI, f. 52. Contributed by S. R\nUR  - docent.html#doc=memo&p=1\nN1  - Paragraph 1. Original: https://example.org/208806\nER  - \n");
    check(
        None,
        "treaty",
        None,
        "csl-json",
        &format!(
            "{:?}",
            [CslItem {
                id: "treaty".into(),
                kind: "treaty",
                title: "Joint Declaration",
                author: vec![],
                editor: vec![],
                container_title: None,
                publisher: Some("United Nations"),
                publisher_place: None,
                issued: Some(CslDate {
                    date_parts: [vec![1956, 10, 19]]
                }),
                page: None,
                number: None,
                archive: None,
                url: "docent.html#doc=treaty".into(),
                note: Some("Original: https://example.org/t".into()),
            }]
        ),
    );
}

#[test]
fn errors_meta_and_escapes() {
    let c = collection(None);
    let csl = |_: &[CslItem]| String::new();
    let e = c
        .cite("memo", Some(9), Format::Bibtex, csl)
        .unwrap_err()
        .to_string();
    assert!(e.contains("paragraphs 0 to 1"), "{e}");
    assert!(c.cite("nope", None, Format::Ris, csl).is_err());
    assert_eq!(tex_of("a & b_{c}"), "a \\& b\\_\\{c\\}");
    let tags = c.meta_tags("saito").unwrap();
    for want in [
        ("citation_author", "Saito, Motohide"),
        ("citation_inbook_title", "A History of Things"),
        ("citation_date", "2019"),
        ("citation_firstpage", "3"),
        ("citation_lastpage", "40"),
        ("citation_public_url", "docent.html#doc=saito"),
    ] {
        assert!(
            tags.iter().any(|(n, v)| (*n, v.as_str()) == want),
            "{want:?} in {tags:?}"
        );
    }
    assert_eq!(
        permalink(None, "a b/ü", None),
        "docent.html#doc=a%20b%2F%C3%BC"
    );
}

fn tex_of(s: &str) -> String {
    let mut doc = collection(None).docs[0].clone();
    doc.title = s.into();
    let text = machine::bibtex(&Record::new(&doc, None, None));
    let line = text
        .lines()
        .find(|l| l.contains("title"))
        .unwrap()
        .to_string();
    line.trim()
        .trim_start_matches("title = {{")
        .trim_end_matches("}},")
        .to_string()
}
