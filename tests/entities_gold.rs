//! The detector against hand-labelled mentions (tests/gold/): precision and
//! recall, with a floor of 0.97 for both.

mod common;
use common::*;
use std::collections::HashMap;

/// One labelled or detected mention: paragraph, surface, occurrence of that
/// surface in the paragraph, entity ids (several when ambiguous).
type Key = (usize, String, usize, Vec<String>);

fn gold(doc: &docent::Document, src: &str) -> Vec<Key> {
    let mut out = Vec::new();
    let mut para = 0usize;
    let mut seen: HashMap<(usize, String), usize> = HashMap::new();
    for (n, line) in src.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(anchor) = line.strip_prefix("§ ") {
            para = (para..doc.paragraphs.len())
                .find(|&i| doc.paragraphs[i].text.contains(anchor))
                .unwrap_or_else(|| {
                    panic!(
                        "gold line {}: no paragraph from {para} on contains {anchor:?}",
                        n + 1
                    )
                });
            continue;
        }
        let (surface, ids) = line
            .rsplit_once(" = ")
            .unwrap_or_else(|| panic!("gold line {}: expected `surface = id`", n + 1));
        let mut ids: Vec<String> = ids.split('|').map(str::to_string).collect();
        ids.sort();
        let occ = seen.entry((para, surface.to_string())).or_default();
        out.push((para, surface.to_string(), *occ, ids));
        *occ += 1;
    }
    out
}

fn detected(c: &docent::Collection, di: usize) -> Vec<Key> {
    let doc = &c.docs[di];
    let mut seen: HashMap<(usize, String), usize> = HashMap::new();
    c.mentions
        .of_doc(di)
        .iter()
        .map(|m| {
            let p = m.paragraph as usize;
            let surface = doc.paragraphs[p].text[m.start as usize..m.end as usize].to_string();
            let mut ids: Vec<String> = m
                .entities
                .iter()
                .map(|&e| c.entities.entities[e as usize].id.clone())
                .collect();
            ids.sort();
            let occ = seen.entry((p, surface.clone())).or_default();
            let k = (p, surface, *occ, ids);
            *occ += 1;
            k
        })
        .collect()
}

/// Precision, recall, and the differences, for one document.
fn score(c: &docent::Collection, id: &str) -> (usize, usize, usize, Vec<String>) {
    let di = c.doc_index(id).unwrap();
    let src = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/gold/{id}.txt")),
    )
    .unwrap();
    let g = gold(&c.docs[di], &src);
    let d = detected(c, di);
    let hits = d.iter().filter(|k| g.contains(k)).count();
    let mut diffs = Vec::new();
    for k in d.iter().filter(|k| !g.contains(k)) {
        diffs.push(format!(
            "{id}: false positive ¶{} {:?} #{} {:?}",
            k.0, k.1, k.2, k.3
        ));
    }
    for k in g.iter().filter(|k| !d.contains(k)) {
        diffs.push(format!(
            "{id}: missed ¶{} {:?} #{} {:?}",
            k.0, k.1, k.2, k.3
        ));
    }
    (hits, d.len(), g.len(), diffs)
}

#[test]
fn gold_precision_and_recall() {
    let c = collection();
    let (mut hits, mut det, mut gold) = (0, 0, 0);
    let mut diffs = Vec::new();
    for id in ["1956-10-17-khrushchev-kono", "1961-09-14-yamada-reception"] {
        let (h, d, g, mut x) = score(&c, id);
        println!(
            "{id}: {h} correct of {d} detected, {g} labelled: precision {:.3}, recall {:.3}",
            h as f64 / d.max(1) as f64,
            h as f64 / g.max(1) as f64
        );
        hits += h;
        det += d;
        gold += g;
        diffs.append(&mut x);
    }
    let (p, r) = (
        hits as f64 / det.max(1) as f64,
        hits as f64 / gold.max(1) as f64,
    );
    println!("total: {hits}/{det} detected, {gold} labelled: precision {p:.3}, recall {r:.3}");
    for d in &diffs {
        println!("  {d}");
    }
    assert!(gold >= 140, "the gold set lost its labels ({gold})");
    assert!(
        p >= 0.97 && r >= 0.97,
        "precision {p:.3} / recall {r:.3} under 0.97:\n{}",
        diffs.join("\n")
    );
}
