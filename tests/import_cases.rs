//! The importer's explicit cases: one table through one [`check`], over
//! the corpus's records, the FRUS fixtures (`tests/fixtures/frus-archive/`)
//! and an inline record ([`common::INLINE_RECORD`]). Page-break repairs,
//! headings, speakers, brackets, closing matter, source errors, footnotes
//! and gaps; the structure plain records keep (issue #14: lists, labels,
//! datelines, signatures, kinds from titles). Regressions are named after
//! the bug.

use docent::{Document, ParaKind, SpanKind, SpeechMode};
mod common;

/// What a case expects of the paragraph it finds.
enum Expect {
    Kind(ParaKind),
    Speaker(Option<(&'static str, SpeechMode)>),
    /// A span over exactly this text, of this kind.
    Span(&'static str, SpanKind),
    /// A [`SpanKind::Sic`] span over exactly this text, whatever its note.
    Sic(&'static str),
    /// The paragraph's text is exactly this (nothing joined to it).
    Text(&'static str),
    /// The text contains this (a repaired page break or hard wrap).
    Contains(&'static str),
    /// Footnote marker `n` is in the paragraph and note `n` exists.
    Linked(u32),
    /// The document's kind (`find` is not used).
    DocKind(&'static str),
}

struct Case {
    name: &'static str,
    /// The document's id.
    doc: &'static str,
    /// Finds the paragraph: the first whose text starts with this, else the
    /// first that contains it (a repaired page break inside a paragraph).
    find: &'static str,
    expect: Expect,
}

fn check(docs: &[Document], c: &Case) -> Result<(), String> {
    let d = docs
        .iter()
        .find(|d| d.id == c.doc)
        .ok_or_else(|| format!("{}: no document {}", c.name, c.doc))?;
    if let Expect::DocKind(k) = c.expect {
        return match d.kind == k {
            true => Ok(()),
            false => Err(format!("{}: kind {:?}, want {k:?}", c.name, d.kind)),
        };
    }
    let p = d
        .paragraphs
        .iter()
        .find(|p| p.text.starts_with(c.find))
        .or_else(|| d.paragraphs.iter().find(|p| p.text.contains(c.find)))
        .ok_or_else(|| {
            format!(
                "{}: no paragraph of {} contains {:?}",
                c.name, c.doc, c.find
            )
        })?;
    let fail = |what: String| Err(format!("{}: {what}\n  in: {:?}", c.name, p.text));
    let over = |text: &str, kind: &dyn Fn(&SpanKind) -> bool| {
        p.spans
            .iter()
            .any(|s| kind(&s.kind) && &p.text[s.start as usize..s.end as usize] == text)
    };
    match &c.expect {
        Expect::Kind(k) if p.kind != *k => fail(format!("kind {:?}, want {k:?}", p.kind)),
        Expect::Speaker(want) => {
            let got = p.speaker.as_ref().map(|s| (s.name.as_str(), s.mode));
            match got == *want {
                true => Ok(()),
                false => fail(format!("speaker {got:?}, want {want:?}")),
            }
        }
        Expect::Span(text, kind) if !over(text, &|k| k == kind) => fail(format!(
            "no {kind:?} span over {text:?}; spans: {:?}",
            p.spans
        )),
        Expect::Sic(text) if !over(text, &|k| matches!(k, SpanKind::Sic(_))) => {
            fail(format!("no Sic span over {text:?}; spans: {:?}", p.spans))
        }
        Expect::Text(t) if p.text != *t => fail(format!("text is not exactly {t:?}")),
        Expect::Contains(t) if !p.text.contains(t) => fail(format!("does not contain {t:?}")),
        Expect::Linked(n) => {
            let marked = p.spans.iter().any(|s| s.kind == SpanKind::FootnoteRef(*n));
            match d.footnote(*n) {
                Some(i) if marked && d.paragraphs[i].kind == ParaKind::Footnote(*n) => Ok(()),
                _ => fail(format!(
                    "marker {n} not linked (marked: {marked}, note: {:?})",
                    d.footnote(*n)
                )),
            }
        }
        _ => Ok(()),
    }
}

// The corpus.
const KONO: &str = "1956-10-17-khrushchev-kono";
const DELEGATION: &str = "1955-09-21-parliamentary-delegation";
const YAMADA: &str = "1961-09-14-yamada-reception";
const NOTE: &str = "1960-01-24-khrushchev-note";
const SAITO: &str = "saito-normalization-chapter";
const FR: &str = "1956-10-19-joint-declaration-fr-unts";
const LETTER: &str = "1956-09-29-matsumoto-letter-to-gromyko";
const SF: &str = "1951-09-08-san-francisco-peace-treaty-art2";
// The FRUS fixtures, and the inline record.
const D90: &str = "1956-08-22-frus-d90";
const D93: &str = "1956-08-27-frus-d93";
const D95: &str = "1956-08-30-frus-d95";
const D97: &str = "1956-09-03-frus-d97";
const D101: &str = "1956-09-frus-d101";
const INLINE: &str = "inline";

#[rustfmt::skip]
const CASES: &[Case] = &[
    // Page-break repairs.
    Case { name: "page break: territorial / question", doc: KONO, find: "for resolving the territorial", expect: Expect::Contains("the territorial question would be quite acceptable") },
    Case { name: "regression: \"Federal Republic.\" after a page break is not a speaker label", doc: DELEGATION, find: "government of the German", expect: Expect::Contains("the German Federal Republic. Negotiations") },
    Case { name: "page break: from 11 / years", doc: DELEGATION, find: "carry-over from 11", expect: Expect::Contains("from 11 years in the past") },
    Case { name: "page break: need a / meeting", doc: KONO, find: "if you need a", expect: Expect::Contains("if you need a meeting, I am always ready") },
    Case { name: "page break: Friendship, / Alliance", doc: SAITO, find: "Treaty of Friendship,", expect: Expect::Contains("Friendship, Alliance and Mutual Assistance") },
    Case { name: "page break: Cyrillic (Николай / Булганин)", doc: SAITO, find: "(Николай", expect: Expect::Contains("Nikolai Bulganin (Николай Булганин) accepted") },
    Case { name: "page break: to the / USSR", doc: SAITO, find: "dispatched to the", expect: Expect::Contains("dispatched to the USSR in order") },
    Case { name: "page break: repeats / that", doc: YAMADA, find: "N.S. Khrushchev repeats", expect: Expect::Contains("repeats that the Ambassador") },
    Case { name: "no join after an unpunctuated end", doc: DELEGATION, find: "If my answers are satisfactory", expect: Expect::Speaker(Some(("Khrushchev", SpeechMode::Continued))) },
    // Headings are never joined.
    Case { name: "section heading", doc: SAITO, find: "Section 3 Silent Political Coup", expect: Expect::Kind(ParaKind::Heading(2)) },
    Case { name: "notes heading", doc: SAITO, find: "Notes", expect: Expect::Kind(ParaKind::Heading(2)) },
    Case { name: "inner title block 1", doc: YAMADA, find: "Reception", expect: Expect::Kind(ParaKind::Heading(1)) },
    Case { name: "inner title block 2", doc: YAMADA, find: "by N.S. Khrushchev of Japanese Ambassador H. Yamada", expect: Expect::Kind(ParaKind::Heading(1)) },
    Case { name: "inner title block 3", doc: DELEGATION, find: "of comrades Bulganin N.A.", expect: Expect::Kind(ParaKind::Heading(1)) },
    Case { name: "inner title: Memorandum", doc: KONO, find: "Memorandum", expect: Expect::Kind(ParaKind::Heading(1)) },
    Case { name: "markdown heading without space", doc: "1951-09-08-san-francisco-peace-treaty-art2", find: "Territory", expect: Expect::Kind(ParaKind::Heading(4)) },
    // Speakers.
    Case { name: "direct: Kono.", doc: KONO, find: "Kono. I will not debate", expect: Expect::Speaker(Some(("Kono", SpeechMode::Direct))) },
    Case { name: "direct label span", doc: KONO, find: "Kono. I will not debate", expect: Expect::Span("Kono.", SpanKind::SpeakerLabel) },
    Case { name: "direct: Comrade Bulganin.", doc: DELEGATION, find: "We welcome you", expect: Expect::Speaker(Some(("Bulganin", SpeechMode::Direct))) },
    Case { name: "direct: role in parentheses", doc: DELEGATION, find: "Kitamura (leader of the delegation).", expect: Expect::Span("Kitamura (leader of the delegation).", SpanKind::SpeakerLabel) },
    Case { name: "direct: full name", doc: DELEGATION, find: "Masaru Nomizo.", expect: Expect::Speaker(Some(("Masaru Nomizo", SpeechMode::Direct))) },
    Case { name: "direct: From the floor:", doc: DELEGATION, find: "From the floor:", expect: Expect::Speaker(Some(("From the floor", SpeechMode::Direct))) },
    Case { name: "continued turn", doc: KONO, find: "Such was the general outline", expect: Expect::Speaker(Some(("Kono", SpeechMode::Continued))) },
    Case { name: "no label: Comrade Khrushchev explained", doc: DELEGATION, find: "Comrade Khrushchev explained very well", expect: Expect::Speaker(Some(("Bulganin", SpeechMode::Continued))) },
    Case { name: "reported: Yamada says", doc: YAMADA, find: "Yamada says that he regards", expect: Expect::Speaker(Some(("Yamada", SpeechMode::Reported))) },
    Case { name: "reported: inverted", doc: YAMADA, find: "It cannot be said, says Yamada", expect: Expect::Speaker(Some(("Yamada", SpeechMode::Reported))) },
    Case { name: "reported: N.S. Khrushchev answers", doc: YAMADA, find: "N.S. Khrushchev answers that he is happy", expect: Expect::Speaker(Some(("Khrushchev", SpeechMode::Reported))) },
    Case { name: "reported: after a participle", doc: YAMADA, find: "Noting that N.S. Khrushchev referred", expect: Expect::Speaker(Some(("Yamada", SpeechMode::Reported))) },
    Case { name: "reported then continued", doc: YAMADA, find: "If this issue were settled", expect: Expect::Speaker(Some(("Khrushchev", SpeechMode::Continued))) },
    Case { name: "no speakers in a chapter", doc: SAITO, find: "Plenipotentiary Malik replied", expect: Expect::Speaker(None) },
    Case { name: "no speaker before the first turn", doc: KONO, find: "(The conversation began", expect: Expect::Speaker(None) },
    // Brackets, emphasis.
    Case { name: "bracket inside a word", doc: NOTE, find: "H[abomai]", expect: Expect::Span("[abomai]", SpanKind::Editorial) },
    Case { name: "bracket: illegible", doc: DELEGATION, find: "[illegible]", expect: Expect::Span("[illegible]", SpanKind::Editorial) },
    Case { name: "bracket: handwritten", doc: YAMADA, find: "[Handwritten", expect: Expect::Span("[Handwritten at the bottom of page one]", SpanKind::Editorial) },
    Case { name: "emphasis, asterisks removed", doc: YAMADA, find: "Not reviewed by Comrade Khrushchev.", expect: Expect::Span("Not reviewed by Comrade Khrushchev.", SpanKind::Emphasis) },
    Case { name: "bracket: [sic] of the quotation", doc: "1956-10-19-joint-declaration", find: "Shikoton", expect: Expect::Span("[sic]", SpanKind::Editorial) },
    // Closing matter.
    Case { name: "closing: recorded", doc: KONO, find: "Rozhetskin recorded", expect: Expect::Kind(ParaKind::Closing) },
    Case { name: "closing: True", doc: YAMADA, find: "True", expect: Expect::Kind(ParaKind::Closing) },
    Case { name: "closing: signature", doc: YAMADA, find: "Prokhorov [signature]", expect: Expect::Kind(ParaKind::Closing) },
    Case { name: "closing: /V. Prokhorov/", doc: YAMADA, find: "/V. Prokhorov/", expect: Expect::Kind(ParaKind::Closing) },
    Case { name: "closing: date", doc: YAMADA, find: "September 23", expect: Expect::Kind(ParaKind::Closing) },
    // Source errors kept, annotated.
    Case { name: "sic: 1965", doc: KONO, find: "Rozhetskin recorded", expect: Expect::Sic("October 17, 1965") },
    Case { name: "sic: Masumoto", doc: DELEGATION, find: "Mr. Masumoto", expect: Expect::Sic("Masumoto") },
    // Footnotes and Cyrillic.
    Case { name: "superscript marker linked", doc: SAITO, find: "momentous normalization of two nations", expect: Expect::Linked(1) },
    Case { name: "plain marker (3) linked", doc: SAITO, find: "free world (3)", expect: Expect::Linked(3) },
    Case { name: "list item (1) is not a marker", doc: SAITO, find: "(1) termination of", expect: Expect::Linked(11) },
    Case { name: "Cyrillic name kept", doc: SAITO, find: "Никита Хрущёв", expect: Expect::Contains("Nikita Khrushchev (Никита Хрущёв)") },
    Case { name: "Cyrillic note", doc: SAITO, find: "Известия, 1956. 3. 21", expect: Expect::Kind(ParaKind::Footnote(24)) },
    Case { name: "source typo kept", doc: SAITO, find: "Ичшков", expect: Expect::Contains("Александр Ичшков") },
    // Gaps.
    Case { name: "gap is not text", doc: FR, find: "scan page 1 ends here", expect: Expect::Kind(ParaKind::Gap) },
    Case { name: "text before a gap stays body", doc: FR, find: "prendra fin le", expect: Expect::Kind(ParaKind::Body) },
    // Structure of plain records (issue #14).
    // Lists: one item a line, labels over the markers, nesting by style.
    Case { name: "numbered item", doc: D97, find: "(1) That you call", expect: Expect::Kind(ParaKind::Item(1)) },
    Case { name: "numbered item label", doc: D97, find: "(1) That you call", expect: Expect::Span("(1)", SpanKind::Label) },
    Case { name: "hard-wrapped item keeps its last line", doc: D97, find: "(1) That you call", expect: Expect::Contains("giving him the aide-mémoire. (Tab A)") },
    Case { name: "lettered item under \"orally:\" is a level down", doc: D97, find: "(a) The Government", expect: Expect::Kind(ParaKind::Item(2)) },
    Case { name: "lettered item across a page break", doc: D97, find: "(d) The record", expect: Expect::Kind(ParaKind::Item(2)) },
    Case { name: "\"3.\" after (a)…(f) is back at the top", doc: D97, find: "3. That Ambassador", expect: Expect::Span("3.", SpanKind::Label) },
    Case { name: "\"3.\" depth", doc: D97, find: "3. That Ambassador", expect: Expect::Kind(ParaKind::Item(1)) },
    Case { name: "Tab B list is a list of its own", doc: D97, find: "(c) A potential", expect: Expect::Kind(ParaKind::Item(1)) },
    Case { name: "regression: treaty items (a). were body", doc: SF, find: "(b).  Japan renounces", expect: Expect::Span("(b).", SpanKind::Label) },
    Case { name: "regression: a) items were body", doc: FR, find: "b) S'abstenir", expect: Expect::Kind(ParaKind::Item(1)) },
    Case { name: "regression: participants were one paragraph", doc: FR, find: "M. N. S. Khrouchtchev", expect: Expect::Text("M. N. S. Khrouchtchev, Membre du Présidium du Soviet suprême de l'URSS,") },
    Case { name: "participant after \"et\"", doc: FR, find: "M. Shunichi Matsumoto", expect: Expect::Kind(ParaKind::Item(1)) },
    Case { name: "participants after a label alone", doc: INLINE, find: "Ambassador Tani", expect: Expect::Kind(ParaKind::Item(1)) },
    Case { name: "participant with a title", doc: INLINE, find: "Mr. Robertson", expect: Expect::Text("Mr. Robertson, Assistant Secretary of State") },
    Case { name: "numbered item, inline", doc: INLINE, find: "1. The Secretary", expect: Expect::Text("1. The Secretary said that the talks should go on.") },
    // Labels, datelines, file numbers.
    Case { name: "regression: SUBJECT swallowed its value", doc: D97, find: "SUBJECT", expect: Expect::Text("SUBJECT") },
    Case { name: "label alone is a line", doc: D97, find: "SUBJECT", expect: Expect::Span("SUBJECT", SpanKind::Label) },
    Case { name: "a label's value is a line", doc: D97, find: "United States Position on Japanese-Soviet", expect: Expect::Kind(ParaKind::Line) },
    Case { name: "label with its value", doc: INLINE, find: "SUBJECT:", expect: Expect::Span("SUBJECT:", SpanKind::Label) },
    Case { name: "label line", doc: INLINE, find: "SUBJECT:", expect: Expect::Kind(ParaKind::Line) },
    Case { name: "file number", doc: INLINE, find: "USDel/MC/48", expect: Expect::Kind(ParaKind::Line) },
    Case { name: "dateline", doc: D90, find: "London, August", expect: Expect::Kind(ParaKind::Line) },
    Case { name: "dateline with a query", doc: D93, find: "Washington, August 27?", expect: Expect::Kind(ParaKind::Line) },
    Case { name: "regression: the note's title swallowed its date", doc: NOTE, find: "Comrade N.S. Khrushchev's Note", expect: Expect::Text("Comrade N.S. Khrushchev's Note on a Memorandum to Japan") },
    Case { name: "the note's date line", doc: NOTE, find: "January 25, 1960", expect: Expect::Kind(ParaKind::Line) },
    Case { name: "Yamada: heading", doc: YAMADA, find: "by N.S. Khrushchev", expect: Expect::Kind(ParaKind::Heading(1)) },
    Case { name: "Yamada: date line", doc: YAMADA, find: "September 14, 1961", expect: Expect::Kind(ParaKind::Line) },
    // Headings, salutations, signatures.
    Case { name: "numbered document title is a heading", doc: D90, find: "90. Telegram", expect: Expect::Kind(ParaKind::Heading(1)) },
    Case { name: "regression: first paragraph after the dateline was a title", doc: D90, find: "Dulte 20.", expect: Expect::Kind(ParaKind::Body) },
    Case { name: "capitals heading not joined to the text", doc: D97, find: "DRAFT AIDE-MÉMOIRE", expect: Expect::Text("DRAFT AIDE-MÉMOIRE") },
    Case { name: "italic subheading", doc: D97, find: "What Can the United States", expect: Expect::Kind(ParaKind::Heading(3)) },
    Case { name: "regression: Sincerely, joined the signature", doc: D97, find: "Sincerely,", expect: Expect::Text("Sincerely,") },
    Case { name: "signature", doc: D97, find: "Raddy", expect: Expect::Kind(ParaKind::Closing) },
    Case { name: "bold signature stays closing", doc: D95, find: "Allison", expect: Expect::Kind(ParaKind::Closing) },
    Case { name: "regression: salutation joined the letter", doc: LETTER, find: "Excellency,", expect: Expect::Text("Excellency,") },
    Case { name: "regression: signature name joined its title", doc: LETTER, find: "S. Matsumoto", expect: Expect::Text("S. Matsumoto") },
    Case { name: "signature title across lines", doc: LETTER, find: "Plenipotentiary", expect: Expect::Text("Plenipotentiary Representative of the Japanese Government") },
    Case { name: "regression: an editor's bracket was closing", doc: D93, find: "[Here follows", expect: Expect::Kind(ParaKind::Body) },
    // Hard wraps and page breaks.
    Case { name: "hard wrap after a full stop", doc: D97, find: "In the course of the London", expect: Expect::Contains("two countries. The Japanese have held out") },
    Case { name: "page break: comparatively / little", doc: D97, find: "Disunity", expect: Expect::Contains("comparatively little public indignation") },
    Case { name: "page break: such a / resolution", doc: D97, find: "The Japanese were told", expect: Expect::Contains("if such a resolution is possible") },
    Case { name: "page break: as / was stated", doc: D97, find: "With respect to the territorial", expect: Expect::Contains("as was stated by the Delegate") },
    Case { name: "page break: work out / better deal", doc: D90, find: "Shigemitsu apparently", expect: Expect::Contains("work out better deal") },
    Case { name: "page break: clarification / at the", doc: D93, find: "Rarely have we", expect: Expect::Contains("clarification at the Secretary") },
    Case { name: "regression: page break after \"of\" before a name with a full stop", doc: D95, find: "Our previous line", expect: Expect::Contains("ouster of Shigemitsu. I think") },
    Case { name: "quotation paragraphs stay apart", doc: D101, find: "“The Government of the United States", expect: Expect::Kind(ParaKind::Body) },
    // Kinds from titles.
    Case { name: "kind: telegram", doc: D90, find: "", expect: Expect::DocKind("telegram") },
    Case { name: "kind: notes", doc: D93, find: "", expect: Expect::DocKind("notes") },
    Case { name: "kind: telegram (embassy)", doc: D95, find: "", expect: Expect::DocKind("telegram") },
    Case { name: "kind: memorandum", doc: D97, find: "", expect: Expect::DocKind("memorandum") },
    Case { name: "kind: editorial note", doc: D101, find: "", expect: Expect::DocKind("editorial note") },
    Case { name: "kind: memorandum of conversation", doc: INLINE, find: "", expect: Expect::DocKind("memorandum of conversation") },
];

#[test]
fn cases() {
    let mut docs = common::documents();
    docs.extend(common::load_docs_from(
        &common::root().join("tests/fixtures/frus-archive/documents"),
    ));
    docs.push(common::inline_record());
    let failures: Vec<String> = CASES.iter().filter_map(|c| check(&docs, c).err()).collect();
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
