//! Joins what a collection's TEI files hold to the rest of it: the
//! editions' register entries to `entities.toml` (an entry that claims a TEI
//! id with `refs` *is* that person), `#d89` references to the documents
//! they name, and the name forms the markup uses to their entities (so
//! "Ambassador Tani" finds Masayuki Tani).

use super::write::normalize_ref;
use crate::diag::Diagnostic;
use crate::entities::{Entity, Name, NameKind};
use crate::model::{Document, SpanKind};
use std::collections::{HashMap, HashSet};

/// Words that are roles or grammar, not names, besides the titles the
/// entity matcher already skips ([`crate::entities::is_title`]): a marked
/// form made only of these ("The Secretary") is not added as an alias.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "miss",
    "ms",
    "dr",
    "sir",
    "admiral",
    "deputy",
    "assistant",
    "under",
    "state",
    "director",
    "counselor",
    "consul",
    "embassy",
    "governor",
    "senator",
    "representative",
    "delegate",
    "delegation",
    "party",
    "government",
    "emperor",
    "king",
    "queen",
    "prince",
    "her",
    "majesty",
    "lord",
    "lady",
    "professor",
    "colonel",
    "captain",
    "marshal",
    "second",
    "third",
    "he",
    "she",
    "they",
    "we",
    "i",
];

/// Links the TEI side of a collection. `tei` holds each TEI file's entities
/// with the file they came from; `anchors` every document's `xml:id`.
pub fn link(
    docs: &mut [Document],
    entities: &mut Vec<Entity>,
    register_file: &str,
    tei: Vec<(String, Entity)>,
    anchors: &[(String, String)],
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for e in entities.iter_mut() {
        for r in &mut e.refs {
            *r = normalize_ref(r);
        }
    }
    // 1. The editions' entries: merged into the entity that claims them, else added.
    for (file, t) in tei {
        let claimed = entities
            .iter()
            .position(|e| e.refs.iter().any(|r| t.refs.contains(r)));
        match claimed {
            Some(i) => {
                let e = &mut entities[i];
                for n in &t.names {
                    add_name(e, &n.text);
                }
                if e.note.is_none() && !t.description.is_empty() {
                    e.note = Some(format!("The edition's register: {}", t.description));
                }
            }
            None => {
                let twin = entities
                    .iter()
                    .find(|e| e.kind == t.kind && e.refs.is_empty() && same_name(&e.name, &t.name));
                if let Some(twin) = twin {
                    diags.push(
                        Diagnostic::warning(
                            register_file,
                            Some(twin.line),
                            format!(
                                "`{}` ({}) looks like the edition's `{}` ({}, in {file})",
                                twin.id, twin.name, t.refs[0], t.name
                            ),
                        )
                        .help(format!(
                            "if they are one {}, add `refs = [\"#{}\"]` to `{}`",
                            t.kind.as_str(),
                            t.refs[0],
                            twin.id
                        )),
                    );
                }
                let mut t = t;
                let taken: HashSet<String> = entities.iter().flat_map(keys).collect();
                t.names
                    .retain(|n| !taken.contains(&crate::entities::person_key(&n.text)));
                if t.names.is_empty() {
                    continue;
                }
                if t.names[0].kind != NameKind::Canonical {
                    t.names[0].kind = NameKind::Canonical;
                    t.name = t.names[0].text.clone();
                }
                while entities.iter().any(|e| e.id == t.id) {
                    t.id.push_str("-tei");
                }
                entities.push(t);
            }
        }
    }
    // 2. References between documents.
    let by_anchor: HashMap<&str, &str> = anchors
        .iter()
        .map(|(a, d)| (a.as_str(), d.as_str()))
        .collect();
    for d in docs.iter_mut() {
        for p in &mut d.paragraphs {
            for s in &mut p.spans {
                if let SpanKind::DocLink(raw) = &s.kind {
                    s.kind = match by_anchor.get(normalize_ref(raw).as_str()) {
                        Some(id) => SpanKind::DocLink(id.to_string()),
                        None => SpanKind::Link(raw.clone()),
                    };
                }
            }
        }
    }
    // 3. The name forms the markup uses, as aliases of their entities.
    let by_ref: HashMap<String, usize> = entities
        .iter()
        .enumerate()
        .flat_map(|(i, e)| e.refs.iter().map(move |r| (r.clone(), i)))
        .collect();
    let mut owner: HashMap<String, usize> = HashMap::new();
    for (i, e) in entities.iter().enumerate() {
        for k in keys(e) {
            owner.entry(k).or_insert(i);
        }
    }
    for d in docs.iter() {
        for p in &d.paragraphs {
            for s in &p.spans {
                let SpanKind::Name(key) = &s.kind else {
                    continue;
                };
                let Some(&i) = by_ref.get(key) else { continue };
                let form = p.text[s.start as usize..s.end as usize].trim();
                if !is_name_form(form) {
                    continue;
                }
                let k = crate::entities::person_key(form);
                match owner.get(&k) {
                    Some(&o) if o != i => continue,
                    Some(_) => {}
                    None => {
                        owner.insert(k, i);
                        add_name(&mut entities[i], form);
                    }
                }
            }
        }
    }
    diags
}

/// Whether a marked form can serve as a name: a capitalised word that is
/// not a title, and no footnote marker or line break inside.
fn is_name_form(form: &str) -> bool {
    form.chars().count() >= 2
        && !form.contains(['⁽', '\t', '[', '('])
        && form.split(|c: char| !c.is_alphabetic()).any(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().count() >= 2
                && !crate::entities::is_title(&w.to_lowercase())
                && !NOT_NAMES.contains(&w.to_lowercase().as_str())
        })
}

fn keys(e: &Entity) -> Vec<String> {
    e.names
        .iter()
        .map(|n| crate::entities::person_key(&n.text))
        .filter(|k| !k.is_empty())
        .collect()
}

/// Adds `text` as an alias unless the entity has that name already.
fn add_name(e: &mut Entity, text: &str) {
    let key = crate::entities::person_key(text);
    if key.is_empty()
        || e.names
            .iter()
            .any(|n| crate::entities::person_key(&n.text) == key)
    {
        return;
    }
    e.names.push(Name {
        text: text.to_string(),
        kind: NameKind::Alias,
        line: 0,
    });
}

/// Two names for one person: the same surname and the same first initial
/// (or no given name on one side).
fn same_name(a: &str, b: &str) -> bool {
    let wa: Vec<String> = crate::entities::person_key(a)
        .split(' ')
        .map(str::to_string)
        .collect();
    let wb: Vec<String> = crate::entities::person_key(b)
        .split(' ')
        .map(str::to_string)
        .collect();
    match (wa.last(), wb.last()) {
        (Some(x), Some(y)) if x == y && !x.is_empty() => {
            wa.len() == 1 || wb.len() == 1 || wa[0].chars().next() == wb[0].chars().next()
        }
        _ => false,
    }
}
