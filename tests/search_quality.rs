//! Search quality on the real corpus: the judged query set keeps a floor
//! (MRR ≥ 0.9), and queries that should find nothing find nothing.

#[allow(dead_code)]
#[path = "../src/cli/corpus.rs"]
mod corpus;
#[path = "support/judged.rs"]
mod judged;

use std::path::Path;

const FLOOR_MRR: f64 = 0.9;

#[test]
fn judged_queries_keep_the_floor() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let c = corpus::load(&root.join("corpus")).unwrap().collection;
    let src = std::fs::read_to_string(root.join("tests/search_queries.toml")).unwrap();
    let set = judged::load(&c, &src).unwrap_or_else(|e| panic!("judged set:\n{}", e.join("\n")));
    assert!(set.len() >= 80, "the judged set has {} queries", set.len());
    let have_aliases = !c.entities.alias_groups().is_empty();
    let (mut rr_sum, mut ndcg_sum, mut n) = (0.0, 0.0, 0);
    let mut report = Vec::new();
    let mut wrong_none = Vec::new();
    for j in &set {
        let r = c.search(&j.query, 20).unwrap();
        let ranked: Vec<(String, u32)> = r
            .hits
            .iter()
            .map(|h| (h.doc.to_string(), h.paragraph))
            .collect();
        if j.relevant.is_empty() {
            if r.total != 0 {
                wrong_none.push(format!("{:?} found {} paragraphs", j.query, r.total));
            }
            continue;
        }
        if j.needs_aliases && !have_aliases {
            continue;
        }
        let rr = judged::reciprocal_rank(&ranked, &j.relevant);
        rr_sum += rr;
        ndcg_sum += judged::ndcg10(&ranked, &j.relevant);
        n += 1;
        if rr < 1.0 {
            let top: Vec<String> = ranked
                .iter()
                .take(3)
                .map(|(d, p)| format!("{d}#{p}"))
                .collect();
            report.push(format!(
                "  rr {rr:.2} {:<40} top: {}",
                format!("{:?}", j.query),
                top.join(" ")
            ));
        }
    }
    let mrr = rr_sum / n as f64;
    eprintln!(
        "judged set: {} queries, {n} scored, MRR {mrr:.3}, nDCG@10 {:.3}{}\n{}",
        set.len(),
        ndcg_sum / n as f64,
        if have_aliases {
            ""
        } else {
            " (alias queries skipped: no alias groups yet)"
        },
        report.join("\n")
    );
    assert!(
        wrong_none.is_empty(),
        "should find nothing:\n{}",
        wrong_none.join("\n")
    );
    assert!(
        mrr >= FLOOR_MRR,
        "MRR {mrr:.3} is under the floor {FLOOR_MRR}"
    );
}
