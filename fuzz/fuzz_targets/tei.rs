//! The TEI reader on arbitrary bytes: never panics, and every document it
//! returns is well formed (spans inside their paragraph, on char
//! boundaries, sorted; footnote markers point at notes; the tokenizer stays
//! lossless); a refused file yields no document and an error with a line.
#![no_main]

use docent::import::tei;
use docent::SpanKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (file, diags) = tei::parse_file("documents/fuzz.xml", data);
    let failed = diags.iter().any(|d| d.is_error());
    for d in &diags {
        assert_eq!(d.file, "documents/fuzz.xml");
        assert!(!d.message.is_empty() && d.help.is_some(), "{d}");
    }
    if failed {
        assert!(file.documents.is_empty() && file.entities.is_empty(), "half-read");
        assert!(diags.iter().any(|d| d.is_error() && d.line.is_some()));
    }
    for doc in &file.documents {
        assert!(!doc.id.is_empty() && !doc.title.is_empty());
        for (i, p) in doc.paragraphs.iter().enumerate() {
            let mut last = 0;
            for s in &p.spans {
                let (a, b) = (s.start as usize, s.end as usize);
                assert!(a <= b && b <= p.text.len(), "p{i}: span {a}..{b} outside");
                assert!(p.text.is_char_boundary(a) && p.text.is_char_boundary(b));
                assert!(a >= last, "p{i}: spans not sorted by start");
                last = a;
                if let SpanKind::FootnoteRef(n) = s.kind {
                    assert!(doc.footnote(n).is_some(), "p{i}: marker {n} has no note");
                }
            }
            let rebuilt: String = docent::text::tokenize(&p.text)
                .iter()
                .map(|t| &p.text[t.start..t.end])
                .collect();
            assert_eq!(rebuilt, p.text);
        }
    }
});
