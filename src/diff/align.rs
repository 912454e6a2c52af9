//! Aligning more than two versions, and lists item by item.
//!
//! [`table`] puts three or more versions in one table against a base of the
//! reader's choice: each column is a stretch of the base, and each version's
//! cell holds what that version has in its place. Columns where every
//! version agrees are merged; where they differ, the column spans the union
//! of every version's change so that no cell is cut in the middle of a change.
//!
//! [`lists`] aligns two lists (agendas, conditions, provisions) item by item:
//! items are paired by the content words they share, then an unpaired item
//! whose words are contained in a paired one is *merged* (A side) or *split*
//! (B side); the rest are *dropped* or *added*; paired items are *same* or
//! *reworded*.
//!
//! ```
//! use docent::diff::align::{lists, ItemChange};
//! use docent::diff::Variants;
//! let a = ["termination of the legal state of war".to_string(), "mutual establishment of embassies".into()];
//! let b = ["Ending of legal state of war".to_string(), "support for the United Nations bid".into()];
//! let links = lists(&a, &b, &Variants::default());
//! assert_eq!(links[0].change, ItemChange::Reworded);
//! assert!(links.iter().any(|l| l.change == ItemChange::Dropped && l.a == [1]));
//! assert!(links.iter().any(|l| l.change == ItemChange::Added && l.b == [1]));
//! ```

use super::raw::{absorb, raw, Seg};
use super::units::Units;
use super::{common_sorted, Diff, Ignore, Options, Variants, STOP};
use crate::sort::StableSort;
use crate::text::{term, words};
use serde::{Deserialize, Serialize};

/// How a cell compares with the base.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CellState {
    Base,
    Same,
    Changed,
    /// The base has nothing here; this version adds words.
    Added,
    /// This version has nothing where the base has words.
    Missing,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub text: String,
    pub state: CellState,
}

/// One stretch of the base and what each version has in its place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Column {
    /// Some version differs from the base here.
    pub changed: bool,
    /// One cell per version, in the order the versions were given.
    pub cells: Vec<Cell>,
}

/// Several versions aligned against one of them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub base: usize,
    pub columns: Vec<Column>,
}

/// Base-unit boundary → unit index in one version, before and after any
/// insertion at that boundary.
fn boundary_maps(segs: &[Seg], n: usize) -> (Vec<usize>, Vec<usize>) {
    let mut before: Vec<Option<usize>> = vec![None; n + 1];
    let mut after: Vec<Option<usize>> = vec![None; n + 1];
    for s in segs {
        match s {
            Seg::Equal { a, b } => {
                for k in 0..=a.len() {
                    before[a.start + k].get_or_insert(b.start + k);
                    after[a.start + k] = Some(b.start + k);
                }
            }
            Seg::Change { a, b } => {
                before[a.start].get_or_insert(b.start);
                after[a.end] = Some(b.end);
                after[a.start].get_or_insert(b.start);
            }
        }
    }
    let fill = |v: Vec<Option<usize>>| {
        let mut last = 0;
        v.into_iter()
            .map(|x| {
                last = x.unwrap_or(last);
                last
            })
            .collect()
    };
    (fill(before), fill(after))
}

fn slice<'t>(text: &'t str, u: &Units, r: std::ops::Range<usize>) -> &'t str {
    if r.is_empty() || r.end > u.units.len() {
        return "";
    }
    &text[u.units[r.start].start..u.units[r.end - 1].end]
}

/// Aligns `versions` in one table against `versions[base]`.
pub fn table(versions: &[&str], base: usize, opts: &Options, v: &Variants) -> Table {
    let base = base.min(versions.len().saturating_sub(1));
    let Some(&btext) = versions.get(base) else {
        return Table {
            base,
            columns: Vec::new(),
        };
    };
    let mut raws = Vec::with_capacity(versions.len());
    for (i, t) in versions.iter().enumerate() {
        let mut r = raw(btext, t, opts, v);
        if i != base {
            absorb(btext, t, &mut r);
        }
        raws.push(r);
    }
    // The base as cut for each comparison is the same text with the same
    // options, but granularity may differ with the other side's length: use
    // the base units of the coarsest comparison for all.
    let n = raws[base].ua.units.len();
    if raws.iter().any(|r| r.ua.units.len() != n) {
        // Mixed granularity: one column per version, whole texts.
        let cells = versions
            .iter()
            .enumerate()
            .map(|(i, t)| Cell {
                text: t.to_string(),
                state: if i == base {
                    CellState::Base
                } else if *t == btext {
                    CellState::Same
                } else {
                    CellState::Changed
                },
            })
            .collect();
        return Table {
            base,
            columns: vec![Column {
                changed: true,
                cells,
            }],
        };
    }
    // Union of all changes, in base coordinates (touching ones merged).
    let mut spans: Vec<(usize, usize)> = raws
        .iter()
        .flat_map(|r| r.segs.iter())
        .filter_map(|s| match s {
            Seg::Change { a, .. } => Some((a.start, a.end)),
            Seg::Equal { .. } => None,
        })
        .collect();
    spans.stable_sort();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    let maps: Vec<(Vec<usize>, Vec<usize>)> =
        raws.iter().map(|r| boundary_maps(&r.segs, n)).collect();
    let mut bounds: Vec<(usize, usize, bool)> = Vec::new();
    let mut pos = 0;
    for &(s, e) in &merged {
        if s > pos {
            bounds.push((pos, s, false));
        }
        bounds.push((s, e, true));
        pos = e;
    }
    if pos < n || bounds.is_empty() {
        bounds.push((pos, n, false));
    }
    let columns = bounds
        .into_iter()
        .map(|(p, q, changed)| {
            let cells: Vec<Cell> = versions
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let (before, after) = &maps[i];
                    let r = if changed {
                        before[p]..after[q]
                    } else {
                        after[p]..before[q]
                    };
                    let r = r.start..r.end.max(r.start);
                    let text = slice(t, &raws[i].ub, r.clone()).to_string();
                    let keys_v: Vec<u32> = raws[i].ub.units[r].iter().map(|u| u.key).collect();
                    let keys_b: Vec<u32> = raws[i].ua.units[p..q].iter().map(|u| u.key).collect();
                    let state = if i == base {
                        CellState::Base
                    } else if keys_v == keys_b {
                        CellState::Same
                    } else if keys_b.is_empty() {
                        CellState::Added
                    } else if keys_v.is_empty() {
                        CellState::Missing
                    } else {
                        CellState::Changed
                    };
                    Cell { text, state }
                })
                .collect();
            let changed = cells
                .iter()
                .any(|c| !matches!(c.state, CellState::Base | CellState::Same));
            Column { changed, cells }
        })
        .filter(|c| c.cells.iter().any(|x| !x.text.is_empty()))
        .collect();
    Table { base, columns }
}

/// What became of a list item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemChange {
    Same,
    Reworded,
    /// Several items of A became one item of B.
    Merged,
    /// One item of A became several items of B.
    Split,
    Added,
    Dropped,
}

/// A link between items of list A and list B (0-based item numbers).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemLink {
    pub a: Vec<usize>,
    pub b: Vec<usize>,
    pub change: ItemChange,
    /// Share of content words in common (Dice), 0..1.
    pub score: f64,
    /// Word diff of the linked items (A items and B items each joined by "; ").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub diff: Option<Diff>,
}

/// Content words of an item (folded, possessive and plural dropped), with
/// adjacent pairs joined so "non-interference" meets "noninterference";
/// sorted and distinct (a set without a hash table of its own).
fn content(text: &str, v: &Variants) -> Vec<String> {
    let mut ws: Vec<String> = Vec::new();
    for t in words(text) {
        let mut w = term(&text[t.start..t.end]);
        if let Some(c) = v.class_of(&w) {
            w = format!("#{c}");
        } else if w.len() > 4 && w.ends_with('s') && !w.ends_with("ss") {
            w.pop();
        }
        ws.push(w);
    }
    let mut set: Vec<String> = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        if !STOP.contains(&w.as_str()) {
            set.push(w.clone());
        }
        if let Some(n) = ws.get(i + 1) {
            if !STOP.contains(&w.as_str()) || !STOP.contains(&n.as_str()) {
                set.push(format!("{w}{n}"));
            }
        }
    }
    set.retain(|w| !w.is_empty());
    set.stable_sort();
    set.dedup();
    set
}

fn dice(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * common_sorted(a, b) as f64 / (a.len() + b.len()) as f64
}

/// Share of `a`'s words found in `b`.
fn contained(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() {
        return 0.0;
    }
    common_sorted(a, b) as f64 / a.len() as f64
}

/// The paired item of `others` that best contains `item`'s words, if it
/// contains at least [`CONTAIN`] of them: (share, index).
fn container(
    item: &[String],
    others: &[Vec<String>],
    paired: &[Option<usize>],
) -> Option<(f64, usize)> {
    (0..others.len())
        .filter(|&k| paired[k].is_some())
        .map(|k| (contained(item, &others[k]), k))
        .max_by(|x, y| x.0.total_cmp(&y.0))
        .filter(|(c, _)| *c >= CONTAIN)
}

/// Pairs scoring below this are not the same item.
const PAIR: f64 = 0.2;
/// An item this much contained in a paired item was merged/split into it.
const CONTAIN: f64 = 0.5;

/// Aligns two lists item by item. Bounded: lists are compared pairwise
/// (at most 200 items a side are aligned; the rest are dropped/added).
pub fn lists(a: &[String], b: &[String], v: &Variants) -> Vec<ItemLink> {
    let (a, b) = (&a[..a.len().min(200)], &b[..b.len().min(200)]);
    let ca: Vec<Vec<String>> = a.iter().map(|x| content(x, v)).collect();
    let cb: Vec<Vec<String>> = b.iter().map(|x| content(x, v)).collect();
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, x) in ca.iter().enumerate() {
        for (j, y) in cb.iter().enumerate() {
            let s = dice(x, y);
            if s >= PAIR {
                pairs.push((s, i, j));
            }
        }
    }
    // Best pairs first; ties keep list order.
    pairs.stable_sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let mut pa: Vec<Option<usize>> = vec![None; a.len()];
    let mut pb: Vec<Option<usize>> = vec![None; b.len()];
    let mut links: Vec<ItemLink> = Vec::new();
    for (s, i, j) in pairs {
        if pa[i].is_none() && pb[j].is_none() {
            pa[i] = Some(links.len());
            pb[j] = Some(links.len());
            links.push(ItemLink {
                a: vec![i],
                b: vec![j],
                change: ItemChange::Reworded,
                score: s,
                diff: None,
            });
        }
    }
    // Unpaired A items contained in a paired B item: merged.
    for i in 0..a.len() {
        if pa[i].is_some() {
            continue;
        }
        if let Some((c, j)) = container(&ca[i], &cb, &pb) {
            let l = pb[j].unwrap_or(0);
            links[l].a.push(i);
            links[l].a.stable_sort();
            links[l].change = ItemChange::Merged;
            links[l].score = links[l].score.max(c);
            pa[i] = Some(l);
        }
    }
    // Unpaired B items contained in a paired A item: split.
    for j in 0..b.len() {
        if pb[j].is_some() {
            continue;
        }
        if let Some((c, i)) = container(&cb[j], &ca, &pa) {
            let l = pa[i].unwrap_or(0);
            if links[l].change != ItemChange::Merged {
                links[l].b.push(j);
                links[l].b.stable_sort();
                links[l].change = ItemChange::Split;
                links[l].score = links[l].score.max(c);
                pb[j] = Some(l);
            }
        }
    }
    let opts = Options {
        ignore: Ignore {
            case: true,
            punct: true,
            spelling: false,
        },
        ..Options::default()
    };
    for l in &mut links {
        let ta =
            l.a.iter()
                .map(|&i| a[i].as_str())
                .collect::<Vec<_>>()
                .join("; ");
        let tb =
            l.b.iter()
                .map(|&j| b[j].as_str())
                .collect::<Vec<_>>()
                .join("; ");
        let d = super::diff(&ta, &tb, &opts, v);
        if l.change == ItemChange::Reworded && d.similarity >= 1.0 {
            l.change = ItemChange::Same;
        }
        l.diff = Some(d);
    }
    for (i, p) in pa.iter().enumerate() {
        if p.is_none() {
            links.push(ItemLink {
                a: vec![i],
                b: vec![],
                change: ItemChange::Dropped,
                score: 0.0,
                diff: None,
            });
        }
    }
    for (j, p) in pb.iter().enumerate() {
        if p.is_none() {
            links.push(ItemLink {
                a: vec![],
                b: vec![j],
                change: ItemChange::Added,
                score: 0.0,
                diff: None,
            });
        }
    }
    // Reading order: by B position; a dropped item right after the link of
    // the A item before it.
    let b_pos = |l: &ItemLink, links: &[ItemLink]| -> f64 {
        if let Some(&j) = l.b.first() {
            return j as f64;
        }
        let i = l.a.first().copied().unwrap_or(0);
        (0..i)
            .rev()
            .find_map(|k| {
                links
                    .iter()
                    .find(|x| x.a.contains(&k) && !x.b.is_empty())
                    .map(|x| x.b[0] as f64 + 0.5 + i as f64 * 1e-3)
            })
            .unwrap_or(-1.0 + i as f64 * 1e-3)
    };
    let keys: Vec<f64> = links.iter().map(|l| b_pos(l, &links)).collect();
    let mut order: Vec<usize> = (0..links.len()).collect();
    order.stable_sort_by(|&x, &y| keys[x].total_cmp(&keys[y]));
    order.into_iter().map(|k| links[k].clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_of_three_against_any_base() {
        let vs = [
            "the two countries agree to continue negotiations",
            "the two nations agree to continue negotiations",
            "the two countries will continue talks",
        ];
        let o = Options::default();
        for base in 0..3 {
            let t = table(&vs, base, &o, &Variants::default());
            // Each version is rebuilt by its cells.
            for (i, v) in vs.iter().enumerate() {
                let s: String = t.columns.iter().map(|c| c.cells[i].text.as_str()).collect();
                assert_eq!(&s, v, "version {i}, base {base}");
            }
            assert!(t.columns.iter().any(|c| c.changed));
            assert_eq!(t.columns[0].cells[0].text, "the two ");
        }
    }

    #[test]
    fn merged_and_split_items() {
        let a: Vec<String> = [
            "termination of the state of war",
            "exchange of ambassadors",
            "return of internees",
        ]
        .map(String::from)
        .to_vec();
        let b: Vec<String> = [
            "termination of the state of war and exchange of ambassadors",
            "return of internees",
        ]
        .map(String::from)
        .to_vec();
        let links = lists(&a, &b, &Variants::default());
        assert_eq!(links[0].change, ItemChange::Merged);
        assert_eq!(links[0].a, [0, 1]);
        assert_eq!(links[1].change, ItemChange::Same);
        let back = lists(&b, &a, &Variants::default());
        assert_eq!(back[0].change, ItemChange::Split);
        assert_eq!(back[0].b, [0, 1]);
    }
}
