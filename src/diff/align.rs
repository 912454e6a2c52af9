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

use super::raw::{absorb, raw, Raw, Seg};
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
    /// The id of a phrase this version moves (the same id where it left and
    /// where it arrives), 0 when the words stay in place.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub moved: u32,
    /// How many columns the cell covers: 1, more for a rewording that
    /// replaces several base words at once, 0 for a column inside such a
    /// cell (its text is empty).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub span: u32,
}

fn one() -> u32 {
    1
}

fn is_one(x: &u32) -> bool {
    *x == 1
}

fn is_zero(x: &u32) -> bool {
    *x == 0
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

/// What one version has in the place of one base unit.
#[derive(Clone)]
enum Slot {
    /// Its unit `j` (the same word, or a word for word replacement).
    Word(usize),
    /// Its units `r` replace this base unit and the `cols - 1` after it.
    Replaced(std::ops::Range<usize>, usize),
    /// Inside a replacement that started at an earlier base unit.
    Covered,
    /// Nothing: the version omits the base unit.
    Omitted,
}

/// Where one version's units stand against the base's: per base unit what
/// the version has in its place, and per slot before base unit `k` (`k == n`
/// after the last) the units it adds there.
struct Placement {
    at: Vec<Slot>,
    added: Vec<std::ops::Range<usize>>,
}

fn place(segs: &[Seg], n: usize) -> Placement {
    let mut p = Placement {
        at: vec![Slot::Omitted; n],
        added: vec![0..0; n + 1],
    };
    for s in segs {
        match s {
            Seg::Equal { a, b } => {
                for k in 0..a.len() {
                    p.at[a.start + k] = Slot::Word(b.start + k);
                }
            }
            Seg::Change { a, b } if a.is_empty() => p.added[a.start] = b.clone(),
            Seg::Change { b, .. } if b.is_empty() => {}
            Seg::Change { a, b } if a.len() == b.len() => {
                // As many words for as many: word for word.
                for k in 0..a.len() {
                    p.at[a.start + k] = Slot::Word(b.start + k);
                }
            }
            Seg::Change { a, b } => {
                // A rewording: one cell across the base words it replaces.
                p.at[a.start] = Slot::Replaced(b.clone(), a.len());
                for k in a.start + 1..a.end {
                    p.at[k] = Slot::Covered;
                }
            }
        }
    }
    p
}

fn slice<'t>(text: &'t str, u: &Units, r: std::ops::Range<usize>) -> &'t str {
    if r.is_empty() || r.end > u.units.len() {
        return "";
    }
    &text[u.units[r.start].start..u.units[r.end - 1].end]
}

/// One version's cut against the base: its units, its diff, its placement
/// and which of its units (and of the base's) are moved phrases.
struct Row<'t> {
    text: &'t str,
    raw: Raw,
    place: Placement,
    moved_b: Vec<u32>,
    moved_a: Vec<u32>,
}

/// Aligns `versions` word by word against `versions[base]`, as a collation
/// table: one column per word of the base, and one before a base word where
/// some version adds words there. Each version's cell in a base column holds
/// the word in its place (same or replaced) or nothing (omitted); runs of
/// columns where every version agrees are merged. A phrase a version moves
/// (deleted in one place, inserted in another) carries one `moved` id in
/// both places. Concatenating a version's cells, in order, gives its text
/// back exactly.
pub fn table(versions: &[&str], base: usize, opts: &Options, v: &Variants) -> Table {
    let base = base.min(versions.len().saturating_sub(1));
    let Some(&btext) = versions.get(base) else {
        return Table {
            base,
            columns: Vec::new(),
        };
    };
    // Word by word whatever the length (clause versions are short; a long
    // one costs time, not a coarser table).
    let opts = Options {
        max_units: usize::MAX,
        ..*opts
    };
    let rows: Vec<Row> = versions
        .iter()
        .map(|t| {
            let mut raw = raw(btext, t, &opts, v);
            absorb(btext, t, &mut raw);
            let n = raw.ua.units.len();
            let place = place(&raw.segs, n);
            let (moved_a, moved_b, _) = super::raw::find_moves(&raw, opts.min_moved_words);
            Row {
                text: t,
                raw,
                place,
                moved_b,
                moved_a,
            }
        })
        .collect();
    let n = rows[base].raw.ua.units.len();
    let mut columns: Vec<Column> = Vec::new();
    let mut slots: Vec<bool> = Vec::new();
    for k in 0..=n {
        // The slot before base word k: what versions add there.
        if rows.iter().any(|r| !r.place.added[k].is_empty()) {
            let cells = rows
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let span = r.place.added[k].clone();
                    let moved = span
                        .clone()
                        .map(|j| r.moved_b[j])
                        .find(|&m| m > 0)
                        .unwrap_or(0);
                    Cell {
                        text: slice(r.text, &r.raw.ub, span.clone()).to_string(),
                        state: if i == base || span.is_empty() {
                            CellState::Same
                        } else {
                            CellState::Added
                        },
                        moved,
                        span: 1,
                    }
                })
                .collect();
            columns.push(Column {
                changed: true,
                cells,
            });
            slots.push(true);
        }
        if k == n {
            break;
        }
        let key_b = rows[base].raw.ua.units[k].key;
        let cells: Vec<Cell> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let (text, state, moved, span) = match &r.place.at[k] {
                    _ if i == base => (slice(r.text, &r.raw.ub, k..k + 1), CellState::Base, 0, 1),
                    Slot::Word(j) => {
                        let same = r.raw.ub.units[*j].key == key_b;
                        let state = if same {
                            CellState::Same
                        } else {
                            CellState::Changed
                        };
                        (
                            slice(r.text, &r.raw.ub, *j..*j + 1),
                            state,
                            r.moved_b[*j],
                            1,
                        )
                    }
                    Slot::Replaced(js, cols) => {
                        let moved = js
                            .clone()
                            .map(|j| r.moved_b[j])
                            .find(|&m| m > 0)
                            .unwrap_or(0);
                        (
                            slice(r.text, &r.raw.ub, js.clone()),
                            CellState::Changed,
                            moved,
                            *cols as u32,
                        )
                    }
                    Slot::Covered => ("", CellState::Changed, 0, 0),
                    Slot::Omitted => ("", CellState::Missing, r.moved_a[k], 1),
                };
                Cell {
                    text: text.to_string(),
                    state,
                    moved,
                    span,
                }
            })
            .collect();
        let changed = cells
            .iter()
            .any(|c| !matches!(c.state, CellState::Base | CellState::Same));
        columns.push(Column { changed, cells });
        slots.push(false);
    }
    // A rewording's cell spans the columns of the base words it replaces and
    // the add-columns between them (where this version adds nothing).
    for i in 0..rows.len() {
        let mut c = 0;
        while c < columns.len() {
            let base_cols = columns[c].cells[i].span;
            if base_cols > 1 {
                let (mut left, mut k) = (base_cols - 1, c + 1);
                while left > 0 && k < columns.len() {
                    let cell = &mut columns[k].cells[i];
                    cell.span = 0;
                    cell.state = CellState::Changed;
                    if !slots[k] {
                        left -= 1;
                    }
                    k += 1;
                }
                columns[c].cells[i].span = (k - c) as u32;
                c = k;
            } else {
                c += 1;
            }
        }
    }
    // Text before each version's first word (insignificant to the diff) opens
    // its first non-empty cell, so that every row rebuilds its text.
    for (i, r) in rows.iter().enumerate() {
        let lead = &r.text[r.raw.ub.lead.clone()];
        if lead.is_empty() {
            continue;
        }
        match columns.iter_mut().find(|c| !c.cells[i].text.is_empty()) {
            Some(c) => c.cells[i].text.insert_str(0, lead),
            None => columns.push(Column {
                changed: false,
                cells: (0..rows.len())
                    .map(|j| Cell {
                        text: if j == i {
                            lead.to_string()
                        } else {
                            String::new()
                        },
                        state: CellState::Same,
                        moved: 0,
                        span: 1,
                    })
                    .collect(),
            }),
        }
    }
    Table {
        base,
        columns: merge_agreement(columns),
    }
}

/// Joins runs of neighbouring columns in which every version agrees with the
/// base (and neighbours where one version's moved phrase goes on), so that a
/// shared phrase reads as one cell.
fn merge_agreement(columns: Vec<Column>) -> Vec<Column> {
    let mut out: Vec<Column> = Vec::with_capacity(columns.len());
    for c in columns {
        if let Some(last) = out.last_mut() {
            let joinable = !last.changed && !c.changed;
            if joinable {
                for (a, b) in last.cells.iter_mut().zip(c.cells) {
                    a.text.push_str(&b.text);
                }
                continue;
            }
        }
        out.push(c);
    }
    out
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
