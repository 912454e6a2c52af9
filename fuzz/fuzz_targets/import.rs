//! The importer on arbitrary bytes: never panics, and every document it
//! returns is well formed (spans inside their paragraph, on char boundaries,
//! sorted; footnote markers point at notes; the tokenizer stays lossless).
#![no_main]

use docent::{import, ParaKind, SpanKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (doc, diags) = import::parse_record("documents/fuzz.txt", data);
    for d in &diags {
        assert_eq!(d.file, "documents/fuzz.txt");
        assert!(!d.message.is_empty());
    }
    let Some(doc) = doc else {
        assert!(
            diags.iter().any(|d| d.is_error()),
            "no document and no error"
        );
        return;
    };
    let has_error = diags.iter().any(|d| d.is_error());
    for (i, p) in doc.paragraphs.iter().enumerate() {
        let mut last = 0;
        for s in &p.spans {
            let (a, b) = (s.start as usize, s.end as usize);
            assert!(
                a <= b && b <= p.text.len(),
                "p{i}: span {a}..{b} outside {} bytes",
                p.text.len()
            );
            assert!(
                p.text.is_char_boundary(a) && p.text.is_char_boundary(b),
                "p{i}: span {a}..{b} not on a char boundary of {:?}",
                p.text
            );
            assert!(a >= last, "p{i}: spans not sorted by start");
            last = a;
            if let SpanKind::FootnoteRef(n) = s.kind {
                assert!(
                    has_error || doc.footnote(n).is_some(),
                    "p{i}: marker {n} points at no note and no error was reported"
                );
            }
        }
        let rebuilt: String = docent::text::tokenize(&p.text)
            .iter()
            .map(|t| &p.text[t.start..t.end])
            .collect();
        assert_eq!(rebuilt, p.text);
        if let ParaKind::Heading(level) = p.kind {
            assert!(level >= 1, "heading level 0");
        }
    }
    // parse_document agrees with parse_record.
    let strict = import::parse_document("documents/fuzz.txt", data);
    assert_eq!(strict.is_ok(), !has_error);
});
