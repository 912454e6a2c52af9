//! Reading and checking the register; resolving a name to an entity.

use super::mentions::{name_key, strip_titles};
use super::{Entity, Kind, Mention, NameKind, Register};
use crate::model::Document;
use crate::sort::StableSort;
use crate::Diagnostic;
use std::collections::{HashMap, HashSet};

/// What a looked-up name resolves to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// One entity (index into [`Register::entities`]).
    Found(usize),
    /// A name shared by several entities.
    Ambiguous(Vec<usize>),
    /// No entity by that name: the closest ones, best first.
    NotFound(Vec<usize>),
}

/// Longest name accepted by [`Register::lookup`] (bounded work).
pub const MAX_QUERY: usize = 200;

impl Register {
    /// Reads `entities.toml` (the schema is in the module docs). Every
    /// problem is reported with its line; the register is returned only if
    /// there is none.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_toml(file: &str, src: &str) -> Result<Register, Vec<Diagnostic>> {
        toml_reader::read(file, src)
    }

    /// Index of an entity by id.
    pub fn by_id(&self, id: &str) -> Option<usize> {
        self.entities.iter().position(|e| e.id == id)
    }

    /// Every entity's id with all its names (canonical name first), for
    /// search's alias expansion and the diff's spelling normalization.
    pub fn alias_groups(&self) -> Vec<(String, Vec<String>)> {
        self.entities
            .iter()
            .map(|e| {
                // Few names each: a linear check, no hash set.
                let mut names: Vec<String> = Vec::new();
                for n in &e.names {
                    if !names.contains(&n.text) {
                        names.push(n.text.clone());
                    }
                }
                (e.id.clone(), names)
            })
            .collect()
    }

    /// Resolves a name (any alias, case- and diacritic-insensitively, titles
    /// allowed: "comrade хрущев") or an id.
    pub fn lookup(&self, query: &str) -> Lookup {
        match self.lookup_known(query) {
            Lookup::NotFound(_) => {
                let query: String = query.chars().take(MAX_QUERY).collect();
                Lookup::NotFound(self.closest(&name_key(&query), 5))
            }
            found => found,
        }
    }

    /// [`Register::lookup`] without the closest names of a miss (for
    /// callers that only need to know: the positions grid's speakers).
    pub fn lookup_known(&self, query: &str) -> Lookup {
        let query: String = query.chars().take(MAX_QUERY).collect();
        if let Some(i) = self.by_id(query.trim()) {
            return Lookup::Found(i);
        }
        let key = name_key(&query);
        let ix = self.name_index();
        for k in [key.as_str(), strip_titles(&key)] {
            let hits = ix
                .exact
                .get(k)
                .filter(|h| !h.is_empty())
                .or_else(|| ix.untitled.get(k));
            match hits.map(Vec::as_slice) {
                None | Some([]) => continue,
                Some([one]) => return Lookup::Found(*one),
                Some(many) => return Lookup::Ambiguous(many.to_vec()),
            }
        }
        Lookup::NotFound(Vec::new())
    }

    /// The `n` entities with a name closest to `key` (edit distance on folded names).
    pub fn closest(&self, key: &str, n: usize) -> Vec<usize> {
        let q: Vec<char> = key.chars().collect();
        let mut scored: Vec<(usize, usize)> = self
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let d = e
                    .names
                    .iter()
                    .map(|nm| {
                        let k: Vec<char> = name_key(&nm.text).chars().collect();
                        edit_distance(&q, &k)
                    })
                    .min()
                    .unwrap_or(usize::MAX);
                (d, i)
            })
            .collect();
        scored.stable_sort();
        scored.into_iter().take(n).map(|(_, i)| i).collect()
    }

    /// Problems of the register, alone and against the documents: names
    /// shared without being declared ambiguous (errors), capitalized
    /// name-like words no entity covers and entities never mentioned
    /// (warnings).
    /// An empty register (none, or one that failed to load: its errors are
    /// reported already) checks nothing.
    pub fn check(&self, docs: &[Document]) -> Vec<Diagnostic> {
        if self.entities.is_empty() {
            return Vec::new();
        }
        let mut out = self.duplicates();
        let matcher = self.matcher();
        let mentions: Vec<Vec<Mention>> = docs.iter().map(|d| matcher.document(d)).collect();
        let mut mentioned = vec![false; self.entities.len()];
        for m in mentions.iter().flatten() {
            for &e in &m.entities {
                mentioned[e as usize] = true;
            }
        }
        if !docs.is_empty() {
            // An edition's register lists its whole volume's people: only
            // the register's own entries are expected to be mentioned.
            let unmentioned = self.entities.iter().zip(&mentioned);
            for (e, _) in unmentioned.filter(|(e, m)| !**m && e.refs.is_empty()) {
                out.push(
                    Diagnostic::warning(
                        &self.file,
                        Some(e.line),
                        format!(
                            "entity `{}` ({}) is never mentioned in the documents",
                            e.id, e.name
                        ),
                    )
                    .help(
                        "add the spelling the documents use to its aliases, or remove the entity",
                    ),
                );
            }
        }
        out
    }

    fn duplicates(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        // folded key (titles stripped for persons) -> (entity, line, ambiguous)
        let mut seen: HashMap<String, Vec<(usize, u32, bool)>> = HashMap::new();
        for (i, e) in self.entities.iter().enumerate() {
            let mut own = HashSet::new();
            for n in &e.names {
                let key = name_key(&n.text);
                let key = if e.kind == Kind::Person {
                    strip_titles(&key).to_string()
                } else {
                    key
                };
                if key.is_empty() || !own.insert(key.clone()) {
                    continue;
                }
                seen.entry(key)
                    .or_default()
                    .push((i, n.line, n.kind == NameKind::Ambiguous));
            }
        }
        let mut keys: Vec<&String> = seen.keys().collect();
        keys.stable_sort();
        for k in keys {
            let users = &seen[k];
            if users.len() < 2 || users.iter().all(|u| u.2) {
                continue;
            }
            let (a, la, _) = users[0];
            for &(b, lb, _) in &users[1..] {
                out.push(
                    Diagnostic::new(
                        &self.file,
                        Some(lb),
                        format!(
                            "the name `{k}` belongs to both `{}` (line {la}) and `{}` (line {lb})",
                            self.entities[a].id, self.entities[b].id
                        ),
                    )
                    .help("remove it from one entity, or list it under `ambiguous = [...]` on both to mark a deliberate ambiguity"),
                );
            }
        }
        out
    }
}

/// Levenshtein distance over chars.
pub(crate) fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

impl Entity {
    /// The names other than the canonical one, each once.
    pub fn other_names(&self, kind: NameKind) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for n in &self.names {
            if n.kind == kind && n.text != self.name && !out.contains(&n.text) {
                out.push(n.text.clone());
            }
        }
        out
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod toml_reader {
    use super::super::{Entity, Kind, Name, NameKind, Register};
    use crate::model::Date;
    use crate::Diagnostic;
    use std::collections::HashMap;
    use toml::{Spanned, Table, Value};

    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct RawFile {
        #[serde(default)]
        entity: Vec<Spanned<Table>>,
        #[serde(default)]
        check: Option<Table>,
    }

    const FIELDS: &[&str] = &[
        "id",
        "kind",
        "name",
        "aliases",
        "variants",
        "ambiguous",
        "description",
        "dates",
        "wikidata",
        "note",
        "sort",
        "refs",
        "side",
    ];

    /// The sides a person or body may speak for (the positions grid).
    const SIDES: &[&str] = &["soviet", "japanese", "us", "other"];

    fn line_at(src: &str, offset: usize) -> u32 {
        src[..offset.min(src.len())].matches('\n').count() as u32 + 1
    }

    pub fn read(file: &str, src: &str) -> Result<Register, Vec<Diagnostic>> {
        let raw: RawFile = toml::from_str(src).map_err(|e| {
            let line = e.span().map(|s| line_at(src, s.start));
            vec![Diagnostic::new(file, line, format!("invalid register: {}", e.message()))
                .help("each entity is an [[entity]] table; see the schema at the top of entities.toml")]
        })?;
        let mut errors = Vec::new();
        let mut entities = Vec::new();
        let mut ids: HashMap<String, u32> = HashMap::new();
        for table in &raw.entity {
            let span = table.span();
            let line = line_at(src, span.start);
            let body = &src[span.clone()];
            // Line of `key = ...` inside this entity, or of a string value.
            let field_line = |key: &str| {
                body.lines()
                    .position(|l| {
                        let l = l.trim_start();
                        l.starts_with(key) && l[key.len()..].trim_start().starts_with('=')
                    })
                    .map_or(line, |i| line + i as u32)
            };
            let value_line = |v: &str| {
                let quoted = format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""));
                body.find(&quoted)
                    .map_or(line, |at| line + body[..at].matches('\n').count() as u32)
            };
            let t = table.get_ref();
            let mut err = |l: u32, msg: String, help: &str| {
                errors.push(Diagnostic::new(file, Some(l), msg).help(help.to_string()));
            };
            for k in t.keys() {
                if !FIELDS.contains(&k.as_str()) {
                    err(field_line(k), format!("unknown field `{k}` in an entity"), "the fields are: id, kind, name, aliases, variants, ambiguous, description, dates, wikidata, note, sort, refs, side");
                }
            }
            let string = |key: &str,
                          required: bool,
                          err: &mut dyn FnMut(u32, String, &str)|
             -> Option<String> {
                match t.get(key) {
                    Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
                    Some(Value::String(_)) => {
                        err(
                            field_line(key),
                            format!("`{key}` is empty"),
                            "give it a value or remove the line",
                        );
                        None
                    }
                    Some(_) => {
                        err(
                            field_line(key),
                            format!("`{key}` must be a string"),
                            "write it in double quotes",
                        );
                        None
                    }
                    None if required => {
                        err(
                            line,
                            format!("the entity has no `{key}`"),
                            "every entity needs id, kind, name and description",
                        );
                        None
                    }
                    None => None,
                }
            };
            let list = |key: &str, err: &mut dyn FnMut(u32, String, &str)| -> Vec<String> {
                match t.get(key) {
                    None => Vec::new(),
                    Some(Value::Array(a)) => a
                        .iter()
                        .filter_map(|v| match v {
                            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
                            _ => {
                                err(
                                    field_line(key),
                                    format!("`{key}` holds a value that is not a non-empty string"),
                                    "write each name in double quotes",
                                );
                                None
                            }
                        })
                        .collect(),
                    Some(_) => {
                        err(
                            field_line(key),
                            format!("`{key}` must be a list of strings"),
                            "write it as [\"…\", \"…\"]",
                        );
                        Vec::new()
                    }
                }
            };
            let id = string("id", true, &mut err);
            let kind = string("kind", true, &mut err);
            let name = string("name", true, &mut err);
            let description = string("description", true, &mut err);
            let dates = string("dates", false, &mut err);
            let wikidata = string("wikidata", false, &mut err);
            let note = string("note", false, &mut err);
            let sort = string("sort", false, &mut err);
            let aliases = list("aliases", &mut err);
            let variants = list("variants", &mut err);
            let ambiguous = list("ambiguous", &mut err);
            let refs = list("refs", &mut err);
            let side = string("side", false, &mut err);
            if let Some(s) = &side {
                if !SIDES.contains(&s.as_str()) {
                    err(
                        field_line("side"),
                        format!("unknown side `{s}`"),
                        "side is one of: soviet, japanese, us, other",
                    );
                }
            }
            if let Some(id) = &id {
                if !id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                {
                    err(
                        field_line("id"),
                        format!("id `{id}` must use only a-z, 0-9 and -"),
                        "ids appear in links; keep them plain",
                    );
                }
                if let Some(first) = ids.insert(id.clone(), line) {
                    err(
                        field_line("id"),
                        format!("duplicate id `{id}` (first at line {first})"),
                        "give each entity its own id",
                    );
                }
            }
            let kind = kind.and_then(|k| {
                let parsed = Kind::parse(&k);
                if parsed.is_none() {
                    err(field_line("kind"), format!("unknown kind `{k}`"), "kind is one of: person, place, organization, document, event, concept, object");
                }
                parsed
            });
            if let Some(d) = &dates {
                if !d.split('/').all(|p| Date::parse_iso(p).is_some()) || d.split('/').count() > 2 {
                    err(
                        field_line("dates"),
                        format!("`dates = \"{d}\"` is not an ISO date or interval"),
                        "write YYYY, YYYY-MM-DD or START/END (e.g. 1894/1971)",
                    );
                }
            }
            if let Some(w) = &wikidata {
                if !(w.starts_with('Q')
                    && w.len() > 1
                    && w[1..].chars().all(|c| c.is_ascii_digit()))
                {
                    err(
                        field_line("wikidata"),
                        format!("`wikidata = \"{w}\"` is not a Wikidata id"),
                        "write it as Q followed by digits, or leave it out",
                    );
                }
            }
            let (Some(id), Some(kind), Some(name), Some(description)) =
                (id, kind, name, description)
            else {
                continue;
            };
            let mut names = vec![Name {
                text: name.clone(),
                kind: NameKind::Canonical,
                line: field_line("name"),
            }];
            for (list, k) in [
                (aliases, NameKind::Alias),
                (variants, NameKind::Variant),
                (ambiguous, NameKind::Ambiguous),
            ] {
                for text in list {
                    if super::name_key(&text).is_empty() {
                        err(
                            value_line(&text),
                            format!("the name `{text}` has no letters or digits"),
                            "remove it",
                        );
                        continue;
                    }
                    let line = value_line(&text);
                    names.push(Name {
                        text,
                        kind: k,
                        line,
                    });
                }
            }
            entities.push(Entity {
                id,
                kind,
                name,
                names,
                description,
                dates,
                wikidata,
                note,
                sort,
                line,
                refs,
                side,
                registered: true,
            });
        }
        let mut ignore = Vec::new();
        if let Some(check) = &raw.check {
            for (k, v) in check {
                match (k.as_str(), v) {
                    ("ignore", Value::Array(a)) => {
                        ignore.extend(a.iter().filter_map(|v| v.as_str()).map(crate::text::term))
                    }
                    _ => errors.push(
                        Diagnostic::new(file, None, format!("unknown setting `{k}` in [check]"))
                            .help("[check] takes `ignore = [\"Word\", …]`"),
                    ),
                }
            }
        }
        if errors.is_empty() {
            Ok(Register::new(entities, ignore, file))
        } else {
            Err(errors)
        }
    }
}
