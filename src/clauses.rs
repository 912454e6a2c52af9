//! Clause register: the successive wordings of a clause, and their diffs.
//!
//! `corpus/clauses.toml` holds *families* (one clause, or one agenda list),
//! each with *versions* in date order: who said or wrote it, when, in which
//! document, a short label, and the quote in the source's own words. The
//! register is checked against the documents ([`ClauseRegister::check`]): every
//! quote must occur in its document once white space is normalized, and when
//! it does not, the diagnostic shows the nearest text the document does have.
//! [`ClauseRegister::locate`] records the paragraph each quote starts in, so every
//! version is one click from its source (`#doc=ID&p=N`).
//!
//! A version's [`Form`] keeps the evidence honest: a historian's summary is
//! not a treaty text, and an omission (Bulganin's reply left Hatoyama's
//! proviso out) is a version whose compared wording is empty while its quote
//! is what the source says about the omission.
//!
//! ```
//! use docent::clauses::ClauseRegister;
//! use docent::model::{Document, Paragraph, ParaKind};
//! let toml = r#"
//! [[family]]
//! id = "t"
//! title = "Territory"
//! [[family.version]]
//! id = "one"
//! date = "1956-10-17"
//! doc = "memo"
//! speaker = "Kono"
//! label = "Kono's proposal"
//! quote = "transfers the islands of Habomai"
//! "#;
//! let reg = ClauseRegister::from_toml("clauses.toml", toml).unwrap();
//! let para = Paragraph { kind: ParaKind::Body, speaker: None, spans: vec![], line: 9,
//!     text: "the Union transfers the  islands of Habomay to Japan".into() };
//! let doc = Document { id: "memo".into(), source_file: "documents/memo.txt".into(), paragraphs: vec![para], ..Default::default() };
//! let problems = reg.check(&[doc]);
//! assert_eq!(problems.len(), 1);
//! assert!(problems[0].message.contains("transfers the islands of Habomay"));
//! assert_eq!(problems[0].line, Some(5));
//! ```

use crate::diag::Diagnostic;
use crate::diff::align::{self, ItemLink, Table};
use crate::diff::{self, Diff, Options, Variants};
use crate::model::{Date, Document};
use crate::text::{fold, squash_space, words};
use serde::Serialize;
use std::collections::HashMap;

/// What kind of text a version's quote is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    /// The words of the clause itself (a draft, a treaty text).
    #[default]
    Wording,
    /// Someone's words about the clause, or indirect speech.
    Reported,
    /// A historian's summary.
    Summary,
    /// The source says the wording was left out; compared text is empty.
    Omitted,
}

/// A family is one clause or one list of points.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Clause,
    List,
}

/// One wording of a clause.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Version {
    pub id: String,
    /// Date of the wording (not of the document reporting it).
    pub date: Date,
    /// Document id the quote comes from.
    pub doc: String,
    /// Party or speaker.
    pub speaker: String,
    pub label: String,
    pub form: Form,
    /// The source's words, white space squashed.
    pub quote: String,
    /// For list families: each item's own words (inside the quote).
    pub items: Vec<String>,
    pub note: Option<String>,
    /// Line of the version in `clauses.toml`.
    pub line: u32,
    /// Paragraph of `doc` where the quote starts (set by [`ClauseRegister::locate`]).
    pub paragraph: Option<u32>,
}

impl Version {
    /// The text compared with other versions: the quote, or nothing for an
    /// omission; a list's items one per line.
    pub fn text(&self) -> String {
        match (self.form, self.items.is_empty()) {
            (Form::Omitted, _) => String::new(),
            (_, true) => self.quote.clone(),
            (_, false) => self.items.join("\n"),
        }
    }
}

/// A clause and its versions in date order.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Family {
    pub id: String,
    pub title: String,
    pub kind: Kind,
    pub about: String,
    pub line: u32,
    pub versions: Vec<Version>,
}

/// The clause register (`corpus/clauses.toml`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ClauseRegister {
    pub families: Vec<Family>,
}

/// A family with its versions, for listings.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FamilySummary<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub kind: Kind,
    pub about: &'a str,
    pub versions: Vec<VersionSummary<'a>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VersionSummary<'a> {
    pub n: usize,
    pub id: &'a str,
    pub date: String,
    pub doc: &'a str,
    pub paragraph: Option<u32>,
    pub speaker: &'a str,
    pub label: &'a str,
    pub form: Form,
}

/// The diff between two versions of a family.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Step {
    pub from: usize,
    pub to: usize,
    pub diff: Diff,
    /// For list families: the items aligned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<ItemLink>>,
}

/// A family with every version and the diffs between consecutive ones.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClauseView<'a> {
    pub family: &'a Family,
    pub steps: Vec<Step>,
}

impl ClauseRegister {
    pub fn family(&self, id: &str) -> Option<&Family> {
        self.families.iter().find(|f| f.id == id)
    }

    /// A family by id, or an error listing the families there are.
    pub fn find(&self, id: &str) -> Result<&Family, crate::Error> {
        self.family(id).ok_or_else(|| {
            let ids: Vec<&str> = self.families.iter().map(|f| f.id.as_str()).collect();
            crate::Error::new(format!(
                "no clause family `{id}`; the families are: {}",
                ids.join(", ")
            ))
        })
    }

    /// Families and versions, for `docent clauses` and the timeline.
    pub fn summaries(&self) -> Vec<FamilySummary<'_>> {
        self.families
            .iter()
            .map(|f| FamilySummary {
                id: &f.id,
                title: &f.title,
                kind: f.kind,
                about: &f.about,
                versions: f
                    .versions
                    .iter()
                    .enumerate()
                    .map(|(n, v)| VersionSummary {
                        n,
                        id: &v.id,
                        date: v.date.iso(),
                        doc: &v.doc,
                        paragraph: v.paragraph,
                        speaker: &v.speaker,
                        label: &v.label,
                        form: v.form,
                    })
                    .collect(),
            })
            .collect()
    }

    /// Diff between versions `a` and `b` of family `id` (lists also aligned
    /// item by item). `None` when the family or a version does not exist.
    pub fn step(&self, id: &str, a: usize, b: usize, opts: &Options, v: &Variants) -> Option<Step> {
        let f = self.family(id)?;
        let (va, vb) = (f.versions.get(a)?, f.versions.get(b)?);
        let items = (f.kind == Kind::List).then(|| align::lists(&va.items, &vb.items, v));
        Some(Step {
            from: a,
            to: b,
            diff: diff::diff(&va.text(), &vb.text(), opts, v),
            items,
        })
    }

    /// A family with the diffs between consecutive versions.
    pub fn view(&self, id: &str, opts: &Options, v: &Variants) -> Option<ClauseView<'_>> {
        let family = self.family(id)?;
        let steps = (1..family.versions.len())
            .filter_map(|i| self.step(id, i - 1, i, opts, v))
            .collect();
        Some(ClauseView { family, steps })
    }

    /// All versions of a family in one table against version `base`.
    pub fn table(&self, id: &str, base: usize, opts: &Options, v: &Variants) -> Option<Table> {
        let f = self.family(id)?;
        let texts: Vec<String> = f.versions.iter().map(Version::text).collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        Some(align::table(&refs, base, opts, v))
    }

    /// Records the paragraph each quote starts in.
    pub fn locate(&mut self, docs: &[Document]) {
        let mut joined: HashMap<&str, Joined> = HashMap::new();
        for f in &mut self.families {
            for v in &mut f.versions {
                let Some(doc) = docs.iter().find(|d| d.id == v.doc) else {
                    continue;
                };
                let j = joined.entry(&doc.id).or_insert_with(|| Joined::new(doc));
                v.paragraph = j.find(&v.quote).map(|(p, _)| p);
            }
        }
    }

    /// Problems of the register against the documents: unknown documents,
    /// quotes not found (with the nearest text found), items not in their
    /// quote, versions out of date order.
    pub fn check(&self, docs: &[Document]) -> Vec<Diagnostic> {
        const FILE: &str = "clauses.toml";
        let mut out = Vec::new();
        let mut joined: HashMap<&str, Joined> = HashMap::new();
        let mut ids: HashMap<&str, u32> = HashMap::new();
        for f in &self.families {
            if let Some(first) = ids.insert(&f.id, f.line) {
                out.push(
                    Diagnostic::new(
                        FILE,
                        Some(f.line),
                        format!("family id `{}` is used twice (first at line {first})", f.id),
                    )
                    .help("give every family its own id"),
                );
            }
            for (n, v) in f.versions.iter().enumerate() {
                let who = format!("family `{}`, version {n} `{}` ({})", f.id, v.id, v.label);
                if n > 0 && f.versions[n - 1].date > v.date {
                    out.push(
                        Diagnostic::new(
                            FILE,
                            Some(v.line),
                            format!(
                                "{who}: dated {} but follows a version dated {}",
                                v.date.iso(),
                                f.versions[n - 1].date.iso()
                            ),
                        )
                        .help("list the versions of a family in date order"),
                    );
                }
                let Some(doc) = docs.iter().find(|d| d.id == v.doc) else {
                    let near = docs
                        .iter()
                        .map(|d| (common_prefix(&d.id, &v.doc), &d.id))
                        .max()
                        .map(|(_, id)| format!(" (nearest id: `{id}`)"))
                        .unwrap_or_default();
                    out.push(
                        Diagnostic::new(
                            FILE,
                            Some(v.line),
                            format!("{who}: no document with id `{}`{near}", v.doc),
                        )
                        .help("`doc` is a file name in documents/ without its extension"),
                    );
                    continue;
                };
                let j = joined.entry(&doc.id).or_insert_with(|| Joined::new(doc));
                if v.quote.is_empty() {
                    out.push(
                        Diagnostic::new(FILE, Some(v.line), format!("{who}: the quote is empty"))
                            .help("quote the source's words"),
                    );
                } else if j.find(&v.quote).is_none() {
                    out.push(
                        Diagnostic::new(
                            FILE,
                            Some(v.line),
                            format!(
                                "{who}: the quote is not in {}; nearest text there: «{}»",
                                doc.source_file,
                                nearest(&j.text, &v.quote)
                            ),
                        )
                        .help("copy the words exactly as the document has them (only white space may differ)"),
                    );
                }
                if f.kind == Kind::List && v.items.is_empty() {
                    out.push(
                        Diagnostic::new(
                            FILE,
                            Some(v.line),
                            format!("{who}: a list version needs `items`"),
                        )
                        .help("give each item's own words: items = [\"…\", \"…\"]"),
                    );
                }
                for (k, item) in v.items.iter().enumerate() {
                    let item = squash_space(item);
                    if !v.quote.contains(&item) {
                        out.push(
                            Diagnostic::new(
                                FILE,
                                Some(v.line),
                                format!(
                                    "{who}: item {} is not in the quote; nearest text there: «{}»",
                                    k + 1,
                                    nearest(&v.quote, &item)
                                ),
                            )
                            .help("each item must be words of the quote"),
                        );
                    }
                }
            }
        }
        out
    }

    /// Reads `clauses.toml`; every problem names its line.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_toml(file: &str, src: &str) -> Result<ClauseRegister, Vec<Diagnostic>> {
        toml_in::parse(file, src)
    }
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// A document's paragraphs squashed and joined by one space, with the
/// offset where each paragraph starts.
struct Joined {
    text: String,
    starts: Vec<usize>,
}

impl Joined {
    fn new(doc: &Document) -> Joined {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(doc.paragraphs.len());
        for p in &doc.paragraphs {
            if !text.is_empty() {
                text.push(' ');
            }
            starts.push(text.len());
            text.push_str(&squash_space(&p.text));
        }
        Joined { text, starts }
    }

    /// (paragraph, byte offset) where `quote` (squashed) starts.
    fn find(&self, quote: &str) -> Option<(u32, usize)> {
        let q = squash_space(quote);
        if q.is_empty() {
            return None;
        }
        let at = self.text.find(&q)?;
        let p = self.starts.partition_point(|&s| s <= at).saturating_sub(1);
        Some((p as u32, at))
    }
}

/// Loose word key for finding near text: the first five folded letters
/// (transfer = transfers, Habomai = Habomay).
fn near_key(w: &str) -> String {
    fold(w).chars().take(5).collect()
}

/// The window of `hay` (as many words as `needle`) sharing the most words
/// with it, shortened to 300 characters.
///
/// ```
/// assert_eq!(docent::clauses::nearest("so we will transfer the isles of Habomay now", "transfers the islands of Habomai"), "transfer the isles of Habomay");
/// ```
pub fn nearest(hay: &str, needle: &str) -> String {
    let mut ids: HashMap<String, i32> = HashMap::new();
    let nw: Vec<usize> = words(needle)
        .map(|t| {
            let k = ids.len() as i32;
            *ids.entry(near_key(&needle[t.start..t.end])).or_insert(k) as usize
        })
        .collect();
    let hw: Vec<(usize, usize, Option<usize>)> = words(hay)
        .map(|t| {
            let id = ids
                .get(&near_key(&hay[t.start..t.end]))
                .map(|&k| k as usize);
            (t.start, t.end, id)
        })
        .collect();
    if nw.is_empty() || hw.is_empty() {
        return String::new();
    }
    let w = nw.len().min(hw.len());
    // need[k] = count of word k still wanted in the window (may go negative).
    let mut need = vec![0i32; ids.len()];
    for &k in &nw {
        need[k] += 1;
    }
    let mut score = 0i32;
    let add = |need: &mut Vec<i32>, score: &mut i32, id: Option<usize>, d: i32| {
        if let Some(k) = id {
            if d > 0 {
                if need[k] > 0 {
                    *score += 1;
                }
                need[k] -= 1;
            } else {
                need[k] += 1;
                if need[k] > 0 {
                    *score -= 1;
                }
            }
        }
    };
    for x in &hw[..w] {
        add(&mut need, &mut score, x.2, 1);
    }
    // Ties go to the window whose edges are words of the needle.
    let edges = |at: usize| i32::from(hw[at].2.is_some()) + i32::from(hw[at + w - 1].2.is_some());
    let (mut best, mut best_at) = ((score, edges(0)), 0);
    for i in w..hw.len() {
        add(&mut need, &mut score, hw[i].2, 1);
        add(&mut need, &mut score, hw[i - w].2, -1);
        let at = i + 1 - w;
        if (score, edges(at)) > best {
            best = (score, edges(at));
            best_at = at;
        }
    }
    let (s, e) = (hw[best_at].0, hw[best_at + w - 1].1);
    let text = squash_space(&hay[s..e]);
    match text.char_indices().nth(300) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text,
    }
}

/// TOML reading (native only: the page gets the register in the bundle).
#[cfg(not(target_arch = "wasm32"))]
mod toml_in {
    use super::{ClauseRegister, Family, Form, Kind, Version};
    use crate::diag::Diagnostic;
    use crate::model::Date;
    use crate::text::squash_space;
    use serde::Deserialize;
    use std::ops::Range;
    use toml::Spanned;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        #[serde(default)]
        family: Vec<Spanned<RawFamily>>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct RawFamily {
        id: String,
        title: String,
        #[serde(default)]
        kind: Option<Spanned<String>>,
        #[serde(default)]
        about: String,
        #[serde(default)]
        version: Vec<Spanned<RawVersion>>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct RawVersion {
        id: String,
        date: Spanned<String>,
        doc: String,
        speaker: String,
        label: String,
        #[serde(default)]
        form: Option<Spanned<String>>,
        quote: String,
        #[serde(default)]
        items: Vec<String>,
        #[serde(default)]
        note: Option<String>,
    }

    fn line_of(src: &str, span: Range<usize>) -> u32 {
        let at = span.start.min(src.len());
        src.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() as u32 + 1
    }

    pub(super) fn parse(file: &str, src: &str) -> Result<ClauseRegister, Vec<Diagnostic>> {
        let parsed: File = toml::from_str(src).map_err(|e| {
            let line = e.span().map(|s| line_of(src, s));
            vec![Diagnostic::new(file, line, e.message().to_string())
                .help("see the comment at the top of clauses.toml for the fields a family and a version take")]
        })?;
        let mut errors = Vec::new();
        let mut families = Vec::new();
        for sf in parsed.family {
            let fline = line_of(src, sf.span());
            let f = sf.into_inner();
            let kind = match f.kind.as_ref().map(|k| k.get_ref().as_str()) {
                None | Some("clause") => Kind::Clause,
                Some("list") => Kind::List,
                Some(other) => {
                    let line = f.kind.as_ref().map(|k| line_of(src, k.span()));
                    errors.push(
                        Diagnostic::new(
                            file,
                            line,
                            format!("family `{}`: unknown kind `{other}`", f.id),
                        )
                        .help("kind is \"clause\" or \"list\""),
                    );
                    Kind::Clause
                }
            };
            let mut versions = Vec::new();
            for sv in f.version {
                let vline = line_of(src, sv.span());
                let v = sv.into_inner();
                let date = match Date::parse_iso(v.date.get_ref()) {
                    Some(d) => d,
                    None => {
                        errors.push(
                            Diagnostic::new(
                                file,
                                Some(line_of(src, v.date.span())),
                                format!(
                                    "family `{}`, version `{}`: `{}` is not a date",
                                    f.id,
                                    v.id,
                                    v.date.get_ref()
                                ),
                            )
                            .help("write dates as YYYY-MM-DD, YYYY-MM or YYYY"),
                        );
                        Date::default()
                    }
                };
                let form = match v.form.as_ref().map(|x| x.get_ref().as_str()) {
                    None | Some("wording") => Form::Wording,
                    Some("reported") => Form::Reported,
                    Some("summary") => Form::Summary,
                    Some("omitted") => Form::Omitted,
                    Some(other) => {
                        let line = v.form.as_ref().map(|x| line_of(src, x.span()));
                        errors.push(
                            Diagnostic::new(
                                file,
                                line,
                                format!(
                                    "family `{}`, version `{}`: unknown form `{other}`",
                                    f.id, v.id
                                ),
                            )
                            .help("form is \"wording\", \"reported\", \"summary\" or \"omitted\""),
                        );
                        Form::Wording
                    }
                };
                versions.push(Version {
                    id: v.id,
                    date,
                    doc: v.doc,
                    speaker: v.speaker,
                    label: v.label,
                    form,
                    quote: squash_space(&v.quote),
                    items: v.items.iter().map(|i| squash_space(i)).collect(),
                    note: v.note,
                    line: vline,
                    paragraph: None,
                });
            }
            families.push(Family {
                id: f.id,
                title: f.title,
                kind,
                about: f.about,
                line: fline,
                versions,
            });
        }
        if errors.is_empty() {
            Ok(ClauseRegister { families })
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_finds_the_misquoted_window() {
        let hay = "Khrushchev said that we have no intention of going beyond the transfer of the Habomais and Shikotan, and more.";
        assert_eq!(
            nearest(
                hay,
                "we have no intention to go beyond the transfer of Habomai"
            ),
            "we have no intention of going beyond the transfer of the"
        );
        assert_eq!(nearest("", "x"), "");
        assert_eq!(nearest("abc", ""), "");
    }

    #[test]
    fn toml_errors_name_the_line() {
        let bad = "[[family]]\nid = \"x\"\ntitle = \"X\"\n[[family.version]]\nid = \"v\"\ndate = \"Oct 1956\"\ndoc = \"d\"\nspeaker = \"s\"\nlabel = \"l\"\nquote = \"q\"\n";
        let e = ClauseRegister::from_toml("clauses.toml", bad).unwrap_err();
        assert_eq!(e[0].line, Some(6));
        assert!(e[0].message.contains("not a date"));
        let e = ClauseRegister::from_toml("clauses.toml", "[[family]]\nid = 3\n").unwrap_err();
        assert_eq!(e[0].line, Some(2));
    }
}
