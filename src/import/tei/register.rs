//! An edition's own register → entities: `listPerson`/`person`,
//! `listPlace`/`place`, `listOrg`/`org`, and FRUS's persons list (a `div`
//! with `xml:id="persons"` whose items open with `<persName xml:id>`).
//!
//! Each entity's id comes from its `xml:id` (`p_SM1` → `p-sm1`) and keeps
//! the `xml:id` in `refs`, so the documents' `@corresp="#p_SM1"` find it.
//! Names written "Surname, Given" are shown "Given Surname", with the
//! written form kept as an alias.

use super::{is, plain_text, slug};
use crate::diag::Diagnostic;
use crate::entities::{Entity, Kind, Name, NameKind};
use roxmltree::Node;

pub fn entities(path: &str, xml: &roxmltree::Document, diags: &mut Vec<Diagnostic>) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::new();
    let line = |n: Node| xml.text_pos_at(n.range().start).row;
    for n in xml.root().descendants() {
        let entry = if is(&n, "person") || is(&n, "personGrp") {
            standard(n, Kind::Person, &["persName", "name"])
        } else if is(&n, "place") {
            standard(n, Kind::Place, &["placeName", "geogName", "name"])
        } else if is(&n, "org") {
            standard(n, Kind::Organization, &["orgName", "name"])
        } else if is(&n, "persName")
            && n.attribute((roxmltree::NS_XML_URI, "id")).is_some()
            && n.ancestors().any(|a| is(&a, "item"))
            && n.ancestors().any(|a| {
                is(&a, "div") && a.attribute((roxmltree::NS_XML_URI, "id")) == Some("persons")
            })
        {
            frus_person(n)
        } else {
            None
        };
        let Some((xml_id, mut entity)) = entry else {
            continue;
        };
        entity.line = line(n);
        if let Some(first) = out.iter().find(|e| e.refs.contains(&xml_id)) {
            diags.push(
                Diagnostic::warning(
                    path,
                    Some(entity.line),
                    format!(
                        "xml:id `{xml_id}` names a second register entry (first at line {})",
                        first.line
                    ),
                )
                .help("give each person, place or organization its own xml:id"),
            );
            continue;
        }
        out.push(entity);
    }
    out
}

/// `<person xml:id><persName>…</persName><note>…</note></person>` and kin.
fn standard(n: Node, kind: Kind, name_tags: &[&str]) -> Option<(String, Entity)> {
    let xml_id = n.attribute((roxmltree::NS_XML_URI, "id"))?.to_string();
    let name_els: Vec<Node> = n
        .children()
        .filter(|c| name_tags.iter().any(|t| is(c, t)))
        .collect();
    let mut names: Vec<String> = name_els.iter().map(|e| display_name(*e)).collect();
    names.retain(|s| !s.is_empty());
    let canonical = names.first().cloned()?;
    let mut description = Vec::new();
    for c in n.children().filter(|c| c.is_element()) {
        let tag = c.tag_name().name();
        if name_tags.contains(&tag) || tag == "idno" || tag == "ptr" || tag == "link" {
            continue;
        }
        let t = plain_text(c);
        if !t.is_empty() {
            description.push(t);
        }
    }
    let dates = ["birth", "death"]
        .iter()
        .map(|t| {
            n.children()
                .find(|c| is(c, t))
                .and_then(|c| c.attribute("when"))
        })
        .collect::<Vec<_>>();
    let dates = match (dates[0], dates[1]) {
        (Some(b), Some(d)) => Some(format!(
            "{}/{}",
            &b[..b.len().min(10)],
            &d[..d.len().min(10)]
        )),
        _ => None,
    };
    let mut entity = entity(&xml_id, kind, canonical, names, description.join("; "));
    entity.dates = dates.filter(|d| {
        d.split('/')
            .all(|p| crate::model::Date::parse_iso(p).is_some())
    });
    Some((xml_id, entity))
}

/// `<item><hi><persName xml:id="p_SM1">Shigemitsu, Mamoru</persName>,</hi>
/// Japanese Minister for Foreign Affairs …</item>`.
fn frus_person(n: Node) -> Option<(String, Entity)> {
    let xml_id = n.attribute((roxmltree::NS_XML_URI, "id"))?.to_string();
    let written = plain_text(n);
    let item = n.ancestors().find(|a| is(a, "item"))?;
    let all = plain_text(item);
    let description = all
        .split_once(&written)
        .map(|(_, rest)| rest.trim_start_matches([',', ' ']).trim().to_string())
        .unwrap_or_default();
    let canonical = invert(&written);
    let mut names = vec![canonical.clone()];
    if canonical != written {
        names.push(written);
    }
    let description = if description.is_empty() {
        "In the edition's list of persons.".to_string()
    } else {
        description
    };
    Some((
        xml_id.clone(),
        entity(&xml_id, Kind::Person, canonical, names, description),
    ))
}

/// A name element's text, "Surname, Given" turned to "Given Surname" when
/// it has `surname`/`forename` parts.
fn display_name(n: Node) -> String {
    let part = |t: &str| n.children().find(|c| is(c, t)).map(plain_text);
    match (part("forename"), part("surname")) {
        (Some(f), Some(s)) => format!("{f} {s}"),
        _ => plain_text(n),
    }
}

/// "Shigemitsu, Mamoru" → "Mamoru Shigemitsu"; "Armstrong, W. Park, Jr." →
/// "W. Park Armstrong, Jr."; a name without a comma stays as it is.
pub fn invert(written: &str) -> String {
    let parts: Vec<&str> = written.split(", ").collect();
    match parts.as_slice() {
        [surname, given] => format!("{given} {surname}"),
        [surname, given, suffix] if suffix.len() <= 4 => format!("{given} {surname}, {suffix}"),
        _ => written.to_string(),
    }
}

fn entity(
    xml_id: &str,
    kind: Kind,
    canonical: String,
    names: Vec<String>,
    description: String,
) -> Entity {
    let mut list: Vec<Name> = Vec::new();
    for (i, text) in names.into_iter().enumerate() {
        if list.iter().any(|n| n.text == text) {
            continue;
        }
        list.push(Name {
            text,
            kind: if i == 0 {
                NameKind::Canonical
            } else {
                NameKind::Alias
            },
            line: 0,
        });
    }
    Entity {
        id: slug(xml_id),
        kind,
        name: canonical,
        names: list,
        description,
        dates: None,
        wikidata: None,
        note: None,
        sort: None,
        line: 0,
        refs: vec![xml_id.to_string()],
        side: None,
        registered: true,
    }
}

#[cfg(test)]
mod tests {
    use super::invert;

    #[test]
    fn names_are_turned_to_reading_order() {
        for (written, shown) in [
            ("Shigemitsu, Mamoru", "Mamoru Shigemitsu"),
            ("Armstrong, W. Park, Jr.", "W. Park Armstrong, Jr."),
            ("Bulganin", "Bulganin"),
        ] {
            assert_eq!(invert(written), shown, "{written}");
        }
    }
}
