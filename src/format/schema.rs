//! What a bundle stores of each type: its fields in order (see `wire.rs` for
//! how each is written). Any change here changes the bundle's shape: bump
//! [`super::VERSION`].

use super::wire::{wire_enum, wire_struct, Bad, Cursor, Wire};
use crate::clauses::{self, Family, Form, Version};
use crate::diff::passages::{self, Entry};
use crate::entities::{self, Entity, Mention, Mentions, Name, NameKind};
use crate::model::{Date, Document, ParaKind, Paragraph, Span, SpanKind, Speaker, SpeechMode};
use crate::search::index::stored::Stored;
use crate::search::SearchIndex;

wire_struct!(super::Head {
    stamp,
    bounds,
    parts_follow,
    base_url
});

// Documents (the heads without their paragraphs; the text parts hold these).
wire_struct!(Date { year, month, day });
wire_struct!(Document {
    id,
    source_file,
    title,
    date,
    date_label,
    kind,
    fields,
    partial,
    paragraphs
});
wire_struct!(Paragraph {
    kind,
    speaker,
    text,
    spans,
    line
});
wire_enum!(ParaKind {
    0 => Heading(level),
    1 => Body,
    2 => Footnote(n),
    3 => Closing,
    4 => Gap,
    5 => Item(depth),
    6 => Row(role),
    7 => Line,
});
wire_struct!(Speaker { name, mode });
wire_enum!(SpeechMode { 0 => Direct, 1 => Reported, 2 => Continued });
wire_struct!(Span { start, end, kind });
wire_enum!(SpanKind {
    0 => SpeakerLabel,
    1 => Editorial,
    2 => FootnoteRef(n),
    3 => Emphasis,
    4 => Strong,
    5 => Sic(note),
    6 => Underline,
    7 => SmallCaps,
    8 => Superscript,
    9 => Deleted(note),
    10 => Added(note),
    11 => Unclear,
    12 => Label,
    13 => Cell,
    14 => DocLink(id),
    15 => Link(target),
    16 => Name(key),
});

// The search index, as `search/index/stored.rs` lays it out.
wire_struct!(Stored {
    pos,
    gaps,
    counts,
    df,
    terms,
    exact,
    names,
    doc_units,
    kinds,
    paras,
    speaker_of,
    lens,
    speakers,
});

impl Wire for SearchIndex {
    fn put(&self, out: &mut Vec<u8>) {
        Stored::from(self.clone()).put(out);
    }
    fn get(r: &mut Cursor) -> Result<SearchIndex, Bad> {
        SearchIndex::try_from(Stored::get(r)?)
    }
}

// The passage index.
wire_struct!(passages::PassageIndex { entries });
wire_struct!(Entry {
    doc,
    paragraph,
    shingles,
    sig
});

// Entities: the register and the mentions.
impl Wire for entities::Register {
    fn put(&self, out: &mut Vec<u8>) {
        self.entities.put(out);
        self.ignore.put(out);
        self.file.put(out);
    }
    fn get(r: &mut Cursor) -> Result<Self, Bad> {
        let entities = Vec::get(r)?;
        let ignore = Vec::get(r)?;
        Ok(entities::Register::new(entities, ignore, &String::get(r)?))
    }
}
wire_struct!(Entity {
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
    registered
});
wire_enum!(entities::Kind {
    0 => Person,
    1 => Place,
    2 => Organization,
    3 => Document,
    4 => Event,
    5 => Concept,
    6 => Object,
});
wire_struct!(Name { text, kind, line });
wire_enum!(NameKind { 0 => Canonical, 1 => Alias, 2 => Variant, 3 => Ambiguous });
wire_struct!(Mentions { docs });
wire_struct!(Mention {
    paragraph,
    start,
    end,
    entities,
    variant,
    by_context
});

// The clause register.
wire_struct!(clauses::ClauseRegister { families });
wire_struct!(Family {
    id,
    title,
    kind,
    about,
    line,
    versions
});
wire_enum!(clauses::Kind { 0 => Clause, 1 => List });
wire_struct!(Version {
    id,
    date,
    doc,
    speaker,
    label,
    form,
    quote,
    items,
    note,
    line,
    paragraph
});
wire_enum!(Form { 0 => Wording, 1 => Reported, 2 => Summary, 3 => Omitted });
