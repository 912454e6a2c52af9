//! What lookup answers: an entity's card, its mentions in context, the
//! entities named beside it and a timeline. The CLI prints these structs as
//! JSON and the wasm boundary passes the same structs to the page.

use super::{Kind, Mention, NameKind};
use crate::sort::StableSort;
use crate::{Collection, Error};
use serde::Serialize;
use std::collections::BTreeMap;

/// Bytes of paragraph text shown on each side of a mention.
const CONTEXT: usize = 80;

/// One mention in context.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MentionReport {
    pub doc: String,
    pub doc_title: String,
    pub date: Option<String>,
    pub paragraph: u32,
    /// The surface form exactly as in the source.
    pub text: String,
    /// A window of the paragraph around the mention (`before + text + after`).
    pub context: String,
    pub before: String,
    pub after: String,
    /// Byte range of `text` in the paragraph (UTF-16 once it crosses to JS).
    pub start: u32,
    pub end: u32,
    /// Matched through a variant spelling.
    pub variant: bool,
    /// Ids of all candidates when the mention is ambiguous.
    pub candidates: Vec<String>,
    /// An ambiguous name resolved by a nearby mention.
    pub by_context: bool,
}

/// An entity named in the same paragraphs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CoMention {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    /// Paragraphs naming both.
    pub paragraphs: usize,
}

/// Mentions per document, in date order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocCount {
    pub doc: String,
    pub title: String,
    pub date: Option<String>,
    pub count: usize,
}

/// Mentions per year (`year` is null for undated documents).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct YearCount {
    pub year: Option<u16>,
    pub count: usize,
}

/// Everything about one entity.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntityReport {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    pub aliases: Vec<String>,
    pub variants: Vec<String>,
    /// Names shared with other entities.
    pub ambiguous: Vec<String>,
    pub description: String,
    pub dates: Option<String>,
    pub wikidata: Option<String>,
    pub note: Option<String>,
    pub count: usize,
    /// Grouped by document in date order, then paragraph order.
    pub mentions: Vec<MentionReport>,
    pub co_mentioned: Vec<CoMention>,
    pub timeline: Vec<DocCount>,
    pub years: Vec<YearCount>,
    /// False for a name found in the text, not in the register (only then serialized).
    #[serde(skip_serializing_if = "super::is_true")]
    pub registered: bool,
}

/// One row of the index of entities.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntitySummary {
    pub id: String,
    pub name: String,
    /// The folded key the index is sorted by (a person's last name).
    pub sort: String,
    pub kind: Kind,
    pub description: String,
    pub count: usize,
    pub docs: usize,
    /// False for a name found in the text, not in the register (only then serialized).
    #[serde(skip_serializing_if = "super::is_true")]
    pub registered: bool,
}

/// A mention for highlighting in the reader.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParaMention {
    pub paragraph: u32,
    pub start: u32,
    pub end: u32,
    /// Entity ids: one, or every candidate of an ambiguous mention.
    pub ids: Vec<String>,
    pub kind: Kind,
    pub name: String,
    pub variant: bool,
    pub ambiguous: bool,
    /// False for a name found in the text, not in the register (only then serialized).
    #[serde(skip_serializing_if = "super::is_true")]
    pub registered: bool,
}

/// A lookup that found no single entity: the query, why, and the
/// candidates (the entities sharing the name, or the closest names).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LookupMiss {
    /// `"ambiguous"` or `"not found"`.
    pub error: &'static str,
    pub query: String,
    pub candidates: Vec<EntitySummary>,
}

/// The largest char boundary of `s` at or below `i`.
fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Text before and after a range, cut at word boundaries, with ellipses.
fn window(text: &str, start: usize, end: usize) -> (String, String) {
    let mut a = floor(text, start.saturating_sub(CONTEXT));
    if a > 0 {
        if let Some(sp) = text[a..start].find(' ') {
            a += sp + 1;
        }
    }
    let mut b = ceil(text, end + CONTEXT);
    if b < text.len() {
        if let Some(sp) = text[end..b].rfind(' ') {
            b = end + sp;
        }
    }
    let before = format!("{}{}", if a > 0 { "…" } else { "" }, &text[a..start]);
    let after = format!("{}{}", &text[end..b], if b < text.len() { "…" } else { "" });
    (before, after)
}

impl Collection {
    fn mention_report(&self, doc: usize, m: &Mention) -> MentionReport {
        let d = &self.docs[doc];
        let text = d
            .paragraphs
            .get(m.paragraph as usize)
            .map_or("", |p| p.text.as_str());
        let (s, e) = (m.start as usize, (m.end as usize).min(text.len()));
        let (before, after) = window(text, s, e);
        let surface = text.get(s..e).unwrap_or("").to_string();
        MentionReport {
            doc: d.id.clone(),
            doc_title: d.title.clone(),
            date: d.date.map(|x| x.iso()),
            paragraph: m.paragraph,
            context: format!("{before}{surface}{after}"),
            text: surface,
            before,
            after,
            start: m.start,
            end: m.end,
            variant: m.variant,
            candidates: if m.is_ambiguous() {
                m.entities
                    .iter()
                    .map(|&i| self.entities.entities[i as usize].id.clone())
                    .collect()
            } else {
                Vec::new()
            },
            by_context: m.by_context,
        }
    }

    /// Every mention naming entity `i` (ambiguous ones included), with its document index.
    fn mentions_of(&self, i: usize) -> Vec<(usize, &Mention)> {
        let mut out = Vec::new();
        for (di, (_, ms)) in self.mentions.docs.iter().enumerate() {
            for m in ms {
                if m.entities.contains(&(i as u32)) {
                    out.push((di, m));
                }
            }
        }
        out
    }

    /// The full report on entity `i` (an index into the register). Fails
    /// only when the text of a document naming it is not loaded yet
    /// ([`Collection::need`]).
    pub fn entity_report(&self, i: usize) -> Result<EntityReport, Error> {
        let e = &self.entities.entities[i];
        let found = self.mentions_of(i);
        self.need(found.iter().map(|(di, _)| *di))?;
        let mentions: Vec<MentionReport> = found
            .iter()
            .filter(|(di, _)| *di < self.docs.len())
            .map(|(di, m)| self.mention_report(*di, m))
            .collect();
        // Co-mentions: other entities in the same paragraphs.
        // (Sets as sorted vectors: no hash table instantiated for them.)
        let mut paras: Vec<(usize, u32)> = found.iter().map(|(d, m)| (*d, m.paragraph)).collect();
        paras.stable_sort();
        paras.dedup();
        // (other entity, document, paragraph), each once.
        let mut seen: Vec<(u32, usize, u32)> = Vec::new();
        for (di, (_, ms)) in self.mentions.docs.iter().enumerate() {
            for m in ms {
                if m.entities.len() == 1
                    && m.entities[0] as usize != i
                    && paras.binary_search(&(di, m.paragraph)).is_ok()
                {
                    seen.push((m.entities[0], di, m.paragraph));
                }
            }
        }
        seen.stable_sort();
        seen.dedup();
        // (paragraphs, entity) per co-mentioned entity.
        let mut co: Vec<(usize, u32)> = Vec::new();
        for (k, _, _) in seen {
            match co.last_mut() {
                Some((n, last)) if *last == k => *n += 1,
                _ => co.push((1, k)),
            }
        }
        co.stable_sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let co_mentioned = co
            .into_iter()
            .take(12)
            .map(|(n, k)| {
                let o = &self.entities.entities[k as usize];
                CoMention {
                    id: o.id.clone(),
                    name: o.name.clone(),
                    kind: o.kind,
                    paragraphs: n,
                }
            })
            .collect();
        let mut timeline: Vec<DocCount> = Vec::new();
        let mut years: BTreeMap<(bool, Option<u16>), usize> = BTreeMap::new();
        for (di, _) in &found {
            let d = &self.docs[*di];
            match timeline.last_mut() {
                Some(t) if t.doc == d.id => t.count += 1,
                _ => timeline.push(DocCount {
                    doc: d.id.clone(),
                    title: d.title.clone(),
                    date: d.date.map(|x| x.iso()),
                    count: 1,
                }),
            }
            let y = d.date.map(|x| x.year);
            *years.entry((y.is_none(), y)).or_default() += 1;
        }
        Ok(EntityReport {
            id: e.id.clone(),
            name: e.name.clone(),
            kind: e.kind,
            aliases: e.other_names(NameKind::Alias),
            variants: e.other_names(NameKind::Variant),
            ambiguous: e.other_names(NameKind::Ambiguous),
            description: e.description.clone(),
            dates: e.dates.clone(),
            wikidata: e.wikidata.clone(),
            note: e.note.clone(),
            count: mentions.len(),
            mentions,
            co_mentioned,
            timeline,
            years: years
                .into_iter()
                .map(|((_, year), count)| YearCount { year, count })
                .collect(),
            registered: e.registered,
        })
    }

    /// Looks up any name or id: the entity's report, or the candidates
    /// (the outer error as in [`Collection::entity_report`]).
    pub fn lookup_entity(&self, query: &str) -> Result<Result<EntityReport, LookupMiss>, Error> {
        use super::Lookup;
        let (error, ids) = match self.entities.lookup(query) {
            Lookup::Found(i) => return self.entity_report(i).map(Ok),
            Lookup::Ambiguous(ids) => ("ambiguous", ids),
            Lookup::NotFound(ids) => ("not found", ids),
        };
        let all = self.entity_summaries();
        let candidates = ids
            .iter()
            .filter_map(|&i| {
                let id = &self.entities.entities[i].id;
                all.iter().find(|s| &s.id == id).cloned()
            })
            .collect();
        Ok(Err(LookupMiss {
            error,
            query: query.chars().take(super::register::MAX_QUERY).collect(),
            candidates,
        }))
    }

    /// Every entity with its mention count, sorted by kind then name (A–Z).
    pub fn entity_summaries(&self) -> Vec<EntitySummary> {
        let n = self.entities.entities.len();
        let mut count = vec![0usize; n];
        // Documents come in order: a new one for `e` is one not seen last.
        let mut docs = vec![0usize; n];
        let mut last_doc = vec![usize::MAX; n];
        for (di, (_, ms)) in self.mentions.docs.iter().enumerate() {
            for m in ms {
                for &e in &m.entities {
                    if let Some(c) = count.get_mut(e as usize) {
                        *c += 1;
                        if last_doc[e as usize] != di {
                            last_doc[e as usize] = di;
                            docs[e as usize] += 1;
                        }
                    }
                }
            }
        }
        let mut out: Vec<EntitySummary> = self
            .entities
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| EntitySummary {
                id: e.id.clone(),
                name: e.name.clone(),
                sort: e.sort_key(),
                kind: e.kind,
                description: e.description.clone(),
                count: count[i],
                docs: docs[i],
                registered: e.registered,
            })
            .collect();
        out.stable_sort_by(|a, b| (a.kind, &a.sort, &a.name).cmp(&(b.kind, &b.sort, &b.name)));
        out
    }

    /// The mentions of one document for highlighting, in text order.
    pub fn doc_mentions(&self, doc: usize) -> Vec<ParaMention> {
        let reg = &self.entities.entities;
        self.mentions
            .of_doc(doc)
            .iter()
            .filter(|m| m.entities.iter().all(|&e| (e as usize) < reg.len()))
            .map(|m| {
                let first = &reg[m.entities[0] as usize];
                ParaMention {
                    paragraph: m.paragraph,
                    start: m.start,
                    end: m.end,
                    ids: m
                        .entities
                        .iter()
                        .map(|&e| reg[e as usize].id.clone())
                        .collect(),
                    kind: first.kind,
                    name: if m.is_ambiguous() {
                        m.entities
                            .iter()
                            .map(|&e| reg[e as usize].name.as_str())
                            .collect::<Vec<_>>()
                            .join(" or ")
                    } else {
                        first.name.clone()
                    },
                    variant: m.variant,
                    ambiguous: m.is_ambiguous(),
                    registered: first.registered,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn window_cuts_at_words() {
        let t = "a ".repeat(60) + "Kono" + &" b".repeat(60);
        let s = t.find("Kono").unwrap();
        let (b, a) = window(&t, s, s + 4);
        assert!(b.starts_with('…') && a.ends_with('…'));
        assert!(b.len() <= 84 && a.len() <= 84);
        assert_eq!(window("Kono.", 0, 4), (String::new(), ".".to_string()));
    }
}
