//! Found names grouped into entities: "Masayuki Tani", "Ambassador Tani",
//! "Mr. Tani" and "Tani" are one person, across documents too.
//!
//! - **Full names** (two words or more: given names, initials, surname) of
//!   persons are one person when they share the surname and their first
//!   given names agree ("John Foster Dulles", "John Dulles", "J. F. Dulles").
//! - **A surname alone** ("Tani", "Mr. Tani") joins the one person with that
//!   surname; when two persons share it (the two Yamadas) it is declared
//!   ambiguous on both, and each mention is resolved by the nearest full
//!   name in its document (the mention matcher's rule), else left ambiguous.
//! - **Variant spellings**: a form one letter or one transposition off a
//!   commoner form of the same kind ("Mamoro Shigemitsu" beside "Mamoru
//!   Shigemitsu", "Hatayoma" beside "Hatoyama") joins it as a `variant`
//!   name (mentions flagged, the text never corrected) when a document has
//!   both ("Kiesinger" elsewhere is another man); a form that close to
//!   a registered name is kept apart and its note names the registered one.
//! - Places and organizations are grouped by their words.
//!
//! Each group becomes an [`Entity`] with `registered: false`, appended after
//! the register's own, so the register's mentions stay as they are.

use super::detect::{kind_of, occurrences, Evidence, Occurrence, PLACE_HEADS};
use super::mentions::name_key;
use super::{Entity, Kind, Mention, Name, NameKind, Register};
use crate::model::Document;
use crate::sort::StableSort;
use index::KeyIndex;
use std::collections::{HashMap, HashSet};

/// A found entity with what the suggestion draft and `docent check` print.
#[derive(Clone, Debug)]
pub struct Found {
    pub entity: Entity,
    /// Occurrences found by detection.
    pub count: usize,
    /// Documents they are in.
    pub docs: usize,
    /// Each form with its count, commonest first.
    pub forms: Vec<(String, usize)>,
    /// The first few occurrences in context: (document id, paragraph, text).
    pub contexts: Vec<(String, u32, String)>,
    /// Where the first occurrence is: (source file, line).
    pub at: (String, u32),
}

/// A group under construction: the keys of its forms.
#[derive(Default, Debug)]
struct Group {
    keys: Vec<String>,
    variants: Vec<String>,
    /// Surnames shared with another person: ambiguous names.
    shared: Vec<String>,
    kind: Option<Kind>,
}

/// Detects and groups the names `register` does not cover in `docs`.
pub fn detect(docs: &[Document], register: &Register) -> Vec<Found> {
    let registered: Vec<Vec<Mention>> = if register.entities.is_empty() {
        Vec::new()
    } else {
        let m = register.matcher();
        docs.iter().map(|d| m.document(d)).collect()
    };
    let mut occs = occurrences(docs, &registered);
    places_by_stem(&mut occs);
    // Forms: key -> occurrence indexes.
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    for (i, o) in occs.iter().enumerate() {
        let key = o.words.join(" ");
        by_key
            .entry(key.clone())
            .or_insert_with(|| {
                order.push(key.clone());
                Vec::new()
            })
            .push(i);
    }
    let evidence =
        |k: &str| -> Vec<Evidence> { by_key[k].iter().map(|&i| occs[i].evidence).collect() };
    let kind = |k: &str| kind_of(&evidence(k));
    let count = |k: &str| by_key[k].len();
    // "Mao Tse-tung", "Pak Chung-hui": the surname comes first.
    let surname_first: HashSet<&str> = order
        .iter()
        .filter(|k| {
            by_key[k.as_str()]
                .iter()
                .any(|&i| surname_first(occs[i].surface(docs)))
        })
        .map(String::as_str)
        .collect();

    // A variant spelling stands beside its name, in a document that also
    // has the name: "Kiesinger" of 1968 is no misspelt "Kissinger" of 1970.
    let beside = |gr: &Grouping, g: usize, k: &str| {
        let docs: HashSet<usize> = by_key[k].iter().map(|&i| occs[i].doc).collect();
        gr.groups[g].keys.iter().any(|o| {
            by_key[o.as_str()]
                .iter()
                .any(|&i| docs.contains(&occs[i].doc))
        })
    };
    let mut gr = Grouping::default();
    // 1. Persons' full names, by surname and first given name.
    let mut fulls: Vec<&String> = order
        .iter()
        .filter(|k| words(k).len() > 1 && kind(k) == Kind::Person)
        .collect();
    fulls.stable_sort_by(|a, b| {
        count(b)
            .cmp(&count(a))
            .then(words(b).len().cmp(&words(a).len()))
    });
    for k in &fulls {
        let w = words(k);
        let target = gr.index.by_last(w[w.len() - 1]).find(|&g| {
            gr.person(g)
                && gr.groups[g].keys.iter().any(|o| {
                    let v = words(o);
                    v.len() > 1 && v.last() == w.last() && given_agrees(v[0], w[0])
                })
        });
        let variant_of = gr
            .index
            .variant_of_full(&w, |g| gr.person(g))
            .filter(|&g| beside(&gr, g, k));
        gr.add(k, target, variant_of, Kind::Person);
    }
    // 2. Single words: a known person's surname, else their own group.
    let mut singles: Vec<&String> = order.iter().filter(|k| words(k).len() == 1).collect();
    singles.stable_sort_by(|a, b| count(b).cmp(&count(a)));
    for k in singles {
        // "Sir Roger" is Roger Makins: "Sir" goes with a given name.
        let given_only = by_key[k.as_str()]
            .iter()
            .all(|&i| occs[i].titles.iter().any(|t| t == "sir" || t == "dame"));
        let mut owners: Vec<usize> = if given_only {
            gr.index.by_first(k).filter(|&g| gr.person(g)).collect()
        } else {
            gr.index.by_last(k).filter(|&g| gr.person(g)).collect()
        };
        if !given_only {
            // "Mao" of Mao Tse-tung, "Chiang" of Chiang Kai-shek.
            owners.extend(gr.index.by_first(k).filter(|&g| {
                gr.person(g)
                    && gr.groups[g]
                        .keys
                        .iter()
                        .any(|o| surname_first.contains(o.as_str()) && words(o)[0] == k.as_str())
            }));
            owners.stable_sort();
            owners.dedup();
        }
        let untitled = by_key[k.as_str()]
            .iter()
            .all(|&i| occs[i].titles.is_empty());
        if owners.is_empty() && untitled {
            // "Averell is the logical man" beside "Averell Harriman": a
            // given name alone is the one person of its document with it
            // ("General Marshall" is a surname, not Marshall Green's).
            let by_given: Vec<usize> = gr
                .index
                .by_first(k)
                .filter(|&g| gr.person(g) && beside(&gr, g, k))
                .collect();
            if by_given.len() == 1 && kind(k) == Kind::Person {
                gr.join(by_given[0], k);
                continue;
            }
        }
        match owners.len() {
            0 => {}
            1 => {
                gr.join(owners[0], k);
                continue;
            }
            _ => {
                for &g in &owners {
                    gr.groups[g].shared.push(k.clone());
                }
                continue;
            }
        }
        let kd = kind(k);
        let variant_of = gr
            .index
            .variant_of_single(k, kd == Kind::Person)
            .filter(|&g| beside(&gr, g, k));
        gr.add(k, None, variant_of, kd);
    }
    // 3. Other multi-word names: places and organizations.
    let rest: Vec<&String> = order
        .iter()
        .filter(|k| !gr.group_of.contains_key(*k) && words(k).len() > 1)
        .collect();
    for k in rest {
        let shared = gr.groups.iter().any(|g| g.shared.contains(k));
        if shared {
            continue;
        }
        gr.add(k, None, None, kind(k));
    }
    build(docs, register, &occs, &by_key, gr.groups)
}

mod index;

/// "Amami Island" is named in the collection, so "Amami" and "Amami
/// Oshima" are that place too: a name whose first word begins a name
/// with a place's head ("Yoron Island", "Kago Shima prefecture") is a
/// place unless a title, initials or a list say person; so is the plural
/// of such a first word ("the Paracels").
fn places_by_stem(occs: &mut [Occurrence]) {
    let stems: HashSet<String> = occs
        .iter()
        .filter(|o| o.words.len() > 1 && o.evidence.place >= 3)
        .filter(|o| {
            o.words
                .last()
                .is_some_and(|w| PLACE_HEADS.contains(&w.as_str()))
        })
        .map(|o| o.words[0].clone())
        .collect();
    for o in occs {
        let headed = o
            .words
            .last()
            .is_some_and(|w| PLACE_HEADS.contains(&w.as_str()));
        // "the Paracels" of the Paracel Islands.
        let plural = o.words.len() == 1
            && o.words[0]
                .strip_suffix('s')
                .is_some_and(|w| stems.contains(w));
        if !headed && o.evidence.person == 0 && (stems.contains(&o.words[0]) || plural) {
            o.evidence.place = o.evidence.place.max(2);
        }
    }
}

/// A full name written surname first, before a hyphenated given name
/// whose second half is in lower case ("Mao Tse-tung", "Chiang-Kai-shek",
/// "Kim Il-sung"); not "Chong-pil Kim".
fn surname_first(surface: &str) -> bool {
    surface.rsplit_once('-').is_some_and(|(head, tail)| {
        tail.starts_with(char::is_lowercase) && head.split([' ', '-']).count() == 2
    })
}

fn words(k: &str) -> Vec<&str> {
    k.split(' ').collect()
}

/// The groups under construction, with the index of their keys.
#[derive(Default)]
struct Grouping {
    groups: Vec<Group>,
    group_of: HashMap<String, usize>,
    index: KeyIndex,
}

impl Grouping {
    /// Adds `key` to group `target`, else as a variant of `variant_of`,
    /// else as a new group of `kind`.
    fn add(&mut self, key: &str, target: Option<usize>, variant_of: Option<usize>, kind: Kind) {
        if let Some(g) = target {
            self.join(g, key);
        } else if let Some(g) = variant_of {
            self.groups[g].variants.push(key.to_string());
            self.group_of.insert(key.to_string(), g);
        } else {
            self.groups.push(Group {
                kind: Some(kind),
                ..Default::default()
            });
            self.join(self.groups.len() - 1, key);
        }
    }

    /// Makes `key` one of group `g`'s forms (variants are not forms: no
    /// other name is grouped through them).
    fn join(&mut self, g: usize, key: &str) {
        self.groups[g].keys.push(key.to_string());
        self.group_of.insert(key.to_string(), g);
        self.index.add(g, key);
    }

    fn person(&self, g: usize) -> bool {
        self.groups[g].kind == Some(Kind::Person)
    }
}

/// Two first given names of one person: equal, one the other's initial,
/// or two transliterations one letter apart ("Anatoliy", "Anatoli").
fn given_agrees(a: &str, b: &str) -> bool {
    a == b
        || (a.chars().count() == 1 && b.starts_with(a))
        || (b.chars().count() == 1 && a.starts_with(b))
        || near(a, b)
}

/// One letter off (inserted, dropped, changed), or two letters swapped
/// ("Etoforu" for Etorofu),
/// in words of six letters or more (short surnames differ by one letter
/// and are other people: Chang and Chung, Kim and Kin).
pub fn near(a: &str, b: &str) -> bool {
    let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a == b || x.len().min(y.len()) < 6 {
        return false;
    }
    if x.len() == y.len() {
        let diff: Vec<usize> = (0..x.len()).filter(|&i| x[i] != y[i]).collect();
        return diff.len() == 1
            || (diff.len() == 2 && x[diff[0]] == y[diff[1]] && x[diff[1]] == y[diff[0]]);
    }
    if x.len().abs_diff(y.len()) != 1 {
        return false;
    }
    let (s, l) = if x.len() < y.len() {
        (&x, &y)
    } else {
        (&y, &x)
    };
    let p = (0..s.len()).find(|&i| s[i] != l[i]).unwrap_or(s.len());
    s[p..] == l[p + 1..]
}

/// Lower-case ASCII id: letters and digits of the folded name, hyphens between.
fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in crate::text::fold_text(name).chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c);
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    while s.ends_with('-') {
        s.pop();
    }
    s
}

fn build(
    docs: &[Document],
    register: &Register,
    occs: &[Occurrence],
    by_key: &HashMap<String, Vec<usize>>,
    groups: Vec<Group>,
) -> Vec<Found> {
    let mut ids: Vec<String> = register.entities.iter().map(|e| e.id.clone()).collect();
    let reg_keys: Vec<(String, usize)> = register
        .entities
        .iter()
        .enumerate()
        .flat_map(|(i, e)| e.names.iter().map(move |n| (name_key(&n.text), i)))
        .collect();
    let mut out = Vec::new();
    for g in groups {
        // The kind of all its forms' evidence (a variant joins its group's).
        let ev: Vec<_> = g
            .keys
            .iter()
            .chain(&g.variants)
            .flat_map(|k| by_key[k].iter().map(|&i| occs[i].evidence))
            .collect();
        let mut kind = match g.kind {
            Some(Kind::Person) if g.keys.iter().any(|k| k.contains(' ')) => Kind::Person,
            _ => kind_of(&ev),
        };
        // The commonest surface of each key.
        let surface = |k: &str| -> (String, usize) {
            let mut seen: Vec<(String, usize)> = Vec::new();
            for &i in &by_key[k] {
                let s = occs[i].surface(docs).to_string();
                match seen.iter_mut().find(|x| x.0 == s) {
                    Some(x) => x.1 += 1,
                    None => seen.push((s, 1)),
                }
            }
            seen.stable_sort_by(|a, b| b.1.cmp(&a.1));
            (seen[0].0.clone(), by_key[k].len())
        };
        let mut forms: Vec<(String, usize, usize)> = g
            .keys
            .iter()
            .map(|k| {
                let (s, n) = surface(k);
                (s, n, k.split(' ').count())
            })
            .collect();
        forms.stable_sort_by(|a, b| (b.2, b.1).cmp(&(a.2, a.1)));
        let name = forms[0].0.clone();
        let mut id = slug(&name);
        if id.is_empty() {
            id = "name".into();
        }
        let base = id.clone();
        let mut n = 2;
        while ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        ids.push(id.clone());
        let mut names: Vec<Name> = forms
            .iter()
            .enumerate()
            .map(|(i, f)| Name {
                text: f.0.clone(),
                kind: if i == 0 {
                    NameKind::Canonical
                } else {
                    NameKind::Alias
                },
                line: 0,
            })
            .collect();
        let variants: Vec<(String, usize)> = g.variants.iter().map(|k| surface(k)).collect();
        for (v, _) in &variants {
            names.push(Name {
                text: v.clone(),
                kind: NameKind::Variant,
                line: 0,
            });
        }
        for k in &g.shared {
            names.push(Name {
                text: surface(k).0,
                kind: NameKind::Ambiguous,
                line: 0,
            });
        }
        let mut all: Vec<usize> = g
            .keys
            .iter()
            .chain(&g.variants)
            .chain(&g.shared)
            .flat_map(|k| by_key[k].iter().copied())
            .collect();
        all.stable_sort();
        let mut doc_set: Vec<usize> = all.iter().map(|&i| occs[i].doc).collect();
        doc_set.dedup();
        let first = &occs[all[0]];
        let mut notes: Vec<String> = Vec::new();
        if !variants.is_empty() {
            let v: Vec<String> = variants.iter().map(|v| format!("“{}”", v.0)).collect();
            notes.push(format!(
                "variant spelling(s) proposed, not corrected: {}",
                v.join(", ")
            ));
        }
        if !g.shared.is_empty() {
            notes.push(format!(
                "“{}” may also name another person",
                g.shared
                    .iter()
                    .map(|k| surface(k).0)
                    .collect::<Vec<_>>()
                    .join("”, “")
            ));
        }
        for k in &g.keys {
            let last = k.rsplit(' ').next().unwrap_or(k);
            if let Some((rk, ri)) = reg_keys
                .iter()
                .find(|(rk, _)| near(rk, k) || near(rk.rsplit(' ').next().unwrap_or(rk), last))
            {
                notes.push(format!(
                    "possibly a variant spelling of the register's `{}` ({rk})",
                    register.entities[*ri].id
                ));
                // "Etoforu" beside the register's Etorofu is a place too.
                kind = register.entities[*ri].kind;
                break;
            }
        }
        let mut all_forms: Vec<(String, usize)> =
            forms.iter().map(|f| (f.0.clone(), f.1)).collect();
        all_forms.extend(variants);
        all_forms.stable_sort_by(|a, b| b.1.cmp(&a.1));
        let contexts = all
            .iter()
            .take(3)
            .map(|&i| {
                let o = &occs[i];
                let p = &docs[o.doc].paragraphs[o.paragraph as usize];
                (
                    docs[o.doc].id.clone(),
                    o.paragraph,
                    snippet(&p.text, o.start as usize, o.end as usize),
                )
            })
            .collect();
        let count = all.len();
        out.push(Found {
            entity: Entity {
                id,
                kind,
                name,
                names,
                description: format!(
                    "Found in the text: {count} mention(s) in {} document(s); not in the register.",
                    doc_set.len()
                ),
                dates: None,
                wikidata: None,
                note: (!notes.is_empty()).then(|| notes.join("; ")),
                sort: None,
                line: 0,
                refs: Vec::new(),
                side: None,
                registered: false,
            },
            count,
            docs: doc_set.len(),
            forms: all_forms,
            contexts,
            at: (
                docs[first.doc].source_file.clone(),
                docs[first.doc].paragraphs[first.paragraph as usize].line,
            ),
        });
    }
    out.stable_sort_by(|a, b| b.count.cmp(&a.count));
    out
}

/// About 60 bytes each side of a range, on one line.
fn snippet(text: &str, s: usize, e: usize) -> String {
    let mut a = s.saturating_sub(60);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (e + 60).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    let cut = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    format!(
        "{}{}[{}]{}{}",
        if a > 0 { "…" } else { "" },
        cut(&text[a..s]),
        &text[s..e],
        cut(&text[e..b]),
        if b < text.len() { "…" } else { "" }
    )
}

/// The draft `docent entities --suggest` writes: TOML in the register's format.
pub fn suggest_toml(found: &[Found]) -> String {
    use std::fmt::Write as _;
    let q = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let list = |v: &[String]| v.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ");
    let mut s = String::from(
        "# Names found in the text and not in the register: a draft to review.\n\
         # Kinds are guessed from context; check each, write a description, and\n\
         # paste the entries you keep into entities.toml.\n",
    );
    for f in found {
        let e = &f.entity;
        let _ = writeln!(
            s,
            "\n# {} mention(s) in {} document(s); forms: {}",
            f.count,
            f.docs,
            f.forms
                .iter()
                .map(|(t, n)| format!("{t} ({n})"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        for (doc, p, c) in &f.contexts {
            let _ = writeln!(s, "#   {doc} ¶{p}: {c}");
        }
        if let Some(n) = &e.note {
            let _ = writeln!(s, "# note: {n}");
        }
        let _ = writeln!(
            s,
            "[[entity]]\nid = {}\nkind = {}\nname = {}",
            q(&e.id),
            q(e.kind.as_str()),
            q(&e.name)
        );
        for (field, kind) in [
            ("aliases", NameKind::Alias),
            ("variants", NameKind::Variant),
            ("ambiguous", NameKind::Ambiguous),
        ] {
            let v = e.other_names(kind);
            if !v.is_empty() {
                let _ = writeln!(s, "{field} = [{}]", list(&v));
            }
        }
        let _ = writeln!(
            s,
            "description = \"TODO: who or what this is ({} found in the text)\"",
            e.kind.as_str()
        );
    }
    s
}
