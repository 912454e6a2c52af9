//! The judged query set (tests/search_queries.toml), resolved against a
//! collection, and the measures computed on it. Shared by
//! tests/search_quality.rs and the benchmark helper bench/corpus.rs.

use docent::Collection;
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
struct File {
    q: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    query: String,
    kind: String,
    #[serde(default)]
    needs: Option<String>,
    relevant: Vec<Vec<String>>,
}

/// A query with its relevant paragraphs as (document id, paragraph index).
#[derive(Clone, Debug, Serialize)]
pub struct Judged {
    pub query: String,
    pub kind: String,
    /// Only answerable once the entity register has alias groups.
    pub needs_aliases: bool,
    pub relevant: Vec<(String, u32)>,
}

/// Parses the set and resolves each [doc, substring] against `c`; every
/// reference that names no paragraph is an error (the importer changed, or
/// the judgment is wrong).
pub fn load(c: &Collection, toml_src: &str) -> Result<Vec<Judged>, Vec<String>> {
    let file: File = toml::from_str(toml_src).map_err(|e| vec![e.to_string()])?;
    let mut errors = Vec::new();
    let mut out = Vec::new();
    for e in file.q {
        let mut relevant = Vec::new();
        for r in &e.relevant {
            let Some(doc) = r.first().and_then(|id| c.doc(id)) else {
                errors.push(format!("{:?}: no document {:?}", e.query, r.first()));
                continue;
            };
            let before = relevant.len();
            for (i, p) in doc.paragraphs.iter().enumerate() {
                if r.get(1).map_or(true, |s| p.text.contains(s.as_str())) {
                    relevant.push((doc.id.clone(), i as u32));
                }
            }
            if relevant.len() == before {
                errors.push(format!(
                    "{:?}: no paragraph of {} contains {:?}",
                    e.query,
                    doc.id,
                    r.get(1)
                ));
            }
        }
        relevant.sort();
        relevant.dedup();
        out.push(Judged {
            query: e.query,
            kind: e.kind,
            needs_aliases: e.needs.as_deref() == Some("aliases"),
            relevant,
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Reciprocal rank of the first relevant hit in `ranked`.
pub fn reciprocal_rank(ranked: &[(String, u32)], relevant: &[(String, u32)]) -> f64 {
    ranked
        .iter()
        .position(|h| relevant.contains(h))
        .map_or(0.0, |i| 1.0 / (i + 1) as f64)
}

/// nDCG@10 with binary gains.
pub fn ndcg10(ranked: &[(String, u32)], relevant: &[(String, u32)]) -> f64 {
    let dcg: f64 = ranked
        .iter()
        .take(10)
        .enumerate()
        .filter(|(_, h)| relevant.contains(h))
        .map(|(i, _)| 1.0 / ((i + 2) as f64).log2())
        .sum();
    let ideal: f64 = (0..relevant.len().min(10))
        .map(|i| 1.0 / ((i + 2) as f64).log2())
        .sum();
    if ideal == 0.0 {
        0.0
    } else {
        dcg / ideal
    }
}
