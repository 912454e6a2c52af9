//! The bundle: a collection as bytes, embedded in the page and decoded once.
//!
//! Layout: the 8-byte magic `DOCENT\0\x1a`, a little-endian `u32` format
//! version, then sections, each a little-endian `u32` length and a body: the
//! head (build stamp, the documents each text part holds, whether the parts
//! follow, the base URL), the search index, the passage index, the mentions, the two
//! registers, the documents without their paragraphs, then (in a whole
//! bundle) the text parts: the paragraphs of about [`DOCS_SECTION`] bytes of
//! text each. Bodies are our own small binary codec (`wire`, the layout of
//! each stored type in `schema.rs`), except that a part's body starts with the
//! build stamp (4 bytes, little-endian) so that it can travel alone: the
//! folder form's page gets the bundle without its parts ([`encode_split`]),
//! whose last part is then the passage index, and adds each part when a
//! question needs it ([`add_part`], [`crate::Collection::need`]).
//!
//! Sections let the page copy one part at a time into wasm memory
//! ([`decode_from`]): a 10 MB collection never has its whole bundle and its
//! decoded form there together, which would double the memory it keeps.
//! Encoder and decoder live here together and share one schema: each type's
//! fields are listed once for both. A bundle of another version, or a part
//! of another build, is refused with "rebuild", never read as garbage.
//!
//! ```
//! use docent::format::{decode, encode, VERSION};
//! let bytes = encode(&docent::Collection::default());
//! assert_eq!(&bytes[..8], b"DOCENT\0\x1a");
//! let mut old = bytes.clone();
//! old[8..12].copy_from_slice(&(VERSION - 1).to_le_bytes());
//! assert!(decode(&old).unwrap_err().to_string().contains("rebuild"));
//! let cut = &bytes[..bytes.len() - 1];
//! assert!(decode(cut).unwrap_err().to_string().contains("damaged"));
//! ```

use crate::{model::Document, Collection, Error, Parts};
use wire::{put_len, to_bytes, Cursor, Wire};

mod schema;
pub(crate) mod wire;

/// First bytes of every bundle.
pub const MAGIC: &[u8; 8] = b"DOCENT\0\x1a";
/// Bumped whenever anything serialized below changes shape.
pub const VERSION: u32 = 11;

/// Text bytes per part, about.
pub const DOCS_SECTION: usize = 1 << 20;

struct Head {
    stamp: u32,
    /// First document of each part, then the number of documents.
    bounds: Vec<u32>,
    /// Whether the parts follow in this bundle (otherwise the passage
    /// index is a part of its own too, the one after the text parts).
    parts_follow: bool,
    /// The collection's [`Collection::base_url`]: in the head, so that the
    /// folder form's page has it before any part.
    base_url: Option<String>,
}

/// Encodes a whole collection as one bundle, text parts included.
pub fn encode(c: &Collection) -> Vec<u8> {
    let (mut out, parts) = encode_with(c, true, DOCS_SECTION);
    for p in parts {
        out.extend_from_slice(&p[12..]);
    }
    out
}

/// Encodes a collection as a bundle without its parts, and the parts one by
/// one (each with the magic and version in front), for [`add_part`]: text
/// parts of whole documents, about `part_bytes` of text each
/// ([`DOCS_SECTION`] in a whole bundle), then the passage index ("Compare
/// with…", a quarter of a large collection's indexes).
pub fn encode_split(c: &Collection, part_bytes: usize) -> (Vec<u8>, Vec<Vec<u8>>) {
    encode_with(c, false, part_bytes)
}

fn encode_with(c: &Collection, parts_follow: bool, part_bytes: usize) -> (Vec<u8>, Vec<Vec<u8>>) {
    let mut bounds = vec![0u32];
    let mut size = 0;
    for (i, d) in c.docs.iter().enumerate() {
        size += d.paragraphs.iter().map(|p| p.text.len()).sum::<usize>();
        if size >= part_bytes || i + 1 == c.docs.len() {
            bounds.push(i as u32 + 1);
            size = 0;
        }
    }
    let mut bodies: Vec<Vec<u8>> = bounds
        .windows(2)
        .enumerate()
        .map(|(k, w)| {
            // The paragraphs of each document of the part.
            let docs = &c.docs[w[0] as usize..w[1] as usize];
            let mut b = to_bytes(&(k as u32));
            put_len(docs.len(), &mut b);
            for d in docs {
                d.paragraphs.put(&mut b);
            }
            b
        })
        .collect();
    let empty = crate::diff::passages::PassageIndex::default();
    let passages = if parts_follow {
        &c.passages
    } else {
        let mut b = to_bytes(&(bodies.len() as u32));
        c.passages.put(&mut b);
        bodies.push(b);
        &empty
    };
    let stamp = bodies.iter().fold(0x811c_9dc5u32, |h, b| fnv(h, b));
    let heads: Vec<Document> = c
        .docs
        .iter()
        .map(|d| Document {
            paragraphs: Vec::new(),
            ..d.clone()
        })
        .collect();
    let mut out = start();
    let head = Head {
        stamp,
        bounds,
        parts_follow,
        base_url: c.base_url.clone(),
    };
    // Largest parts first: each section's copy is freed before the next.
    for b in [
        to_bytes(&head),
        to_bytes(&c.index),
        to_bytes(passages),
        to_bytes(&c.mentions),
        to_bytes(&c.entities),
        to_bytes(&c.clauses),
        to_bytes(&heads),
    ] {
        section(&mut out, &[], &b);
    }
    let parts = bodies
        .iter()
        .map(|b| {
            let mut p = start();
            section(&mut p, &stamp.to_le_bytes(), b);
            p
        })
        .collect();
    (out, parts)
}

fn fnv(mut h: u32, bytes: &[u8]) -> u32 {
    for &b in bytes {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h
}

fn start() -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&VERSION.to_le_bytes());
    out
}

fn section(out: &mut Vec<u8>, prefix: &[u8], body: &[u8]) {
    out.extend_from_slice(&((prefix.len() + body.len()) as u32).to_le_bytes());
    out.extend_from_slice(prefix);
    out.extend_from_slice(body);
}

/// Decodes a bundle made by [`encode`] or [`encode_split`] of the same
/// [`VERSION`].
pub fn decode(bytes: &[u8]) -> Result<Collection, Error> {
    decode_from(bytes.len(), |at, buf| {
        buf.copy_from_slice(&bytes[at..at + buf.len()])
    })
}

/// Decodes a bundle of `len` bytes read piece by piece: `read(at, buf)` fills
/// `buf` with the bytes from offset `at` (never past `len`). The wasm
/// boundary reads one section at a time out of a JS array this way.
pub fn decode_from(len: usize, read: impl FnMut(usize, &mut [u8])) -> Result<Collection, Error> {
    let mut r = Reader { len, at: 0, read };
    r.start()?;
    let head: Head = r.section("head")?;
    if head.bounds.first() != Some(&0) || !head.bounds.windows(2).all(|w| w[0] < w[1]) {
        return Err(damaged("its text parts are out of order"));
    }
    let mut c = Collection {
        index: r.section("search index")?,
        passages: r.section("passage index")?,
        mentions: r.section("mentions")?,
        entities: r.section("entity register")?,
        clauses: r.section("clause register")?,
        docs: r.section("documents")?,
        parts: Parts {
            // One more part when the passage index is one.
            loaded: vec![false; head.bounds.len() - usize::from(head.parts_follow)],
            bounds: head.bounds,
            stamp: head.stamp,
        },
        base_url: head.base_url,
    };
    if c.parts.bounds.last().map_or(0, |&n| n as usize) != c.docs.len() {
        return Err(damaged("its text parts do not cover its documents"));
    }
    c.index.set_aliases(&c.entities.alias_groups());
    if head.parts_follow {
        for _ in 1..c.parts.bounds.len() {
            let body = r.raw_section()?;
            fill(&mut c, &body)?;
        }
        if c.parts.loaded.contains(&false) {
            return Err(damaged("a text part is missing"));
        }
    }
    // Every unit names a document; their paragraphs were checked part by
    // part as each text part arrived (above, or later by `add_part`).
    if !c.index.fits(&c.docs, |_| false) {
        return Err(damaged("the search index does not match the documents"));
    }
    if r.at != len {
        return Err(damaged("bytes after the last section"));
    }
    c.parts.settle();
    Ok(c)
}

/// Adds one part made by [`encode_split`] to a collection decoded without
/// its parts. Adding a part twice changes nothing.
pub fn add_part(c: &mut Collection, bytes: &[u8]) -> Result<(), Error> {
    let mut r = Reader {
        len: bytes.len(),
        at: 0,
        read: |at: usize, buf: &mut [u8]| buf.copy_from_slice(&bytes[at..at + buf.len()]),
    };
    r.start()?;
    let body = r.raw_section()?;
    if r.at != bytes.len() {
        return Err(damaged("bytes after the part"));
    }
    fill(c, &body)?;
    c.parts.settle();
    Ok(())
}

/// Puts a part's body where it belongs: paragraphs into their documents, or
/// the passage index.
fn fill(c: &mut Collection, body: &[u8]) -> Result<(), Error> {
    let Some((stamp, rest)) = body.split_first_chunk::<4>() else {
        return Err(damaged("a part is cut short"));
    };
    if c.parts.bounds.is_empty() {
        return Ok(()); // everything is loaded already
    }
    if u32::from_le_bytes(*stamp) != c.parts.stamp {
        return Err(Error::new(
            "this part belongs to another build of the reader: copy the whole folder again (the page with its shards/ folder), or rebuild it with `docent build --shards`",
        ));
    }
    let mut r = Cursor(rest);
    let k = u32::get(&mut r).map_err(|e| damaged(format_args!("a part: {e}")))? as usize;
    match c.parts.loaded.get(k) {
        None => return Err(damaged("a part has an unknown number")),
        Some(true) => return Ok(()),
        Some(false) => {}
    }
    if Some(k as u32) == c.parts.passages_part() {
        c.passages = parse(r, "passage index part")?;
        c.parts.loaded[k] = true;
        return Ok(());
    }
    let paras: Vec<Vec<_>> = parse(r, "text part")?;
    let (a, b) = (c.parts.bounds[k], c.parts.bounds[k + 1]);
    if paras.len() != (b - a) as usize {
        return Err(damaged("a text part holds the wrong documents"));
    }
    let range = a as usize..b as usize;
    for (d, p) in c.docs[range.clone()].iter_mut().zip(paras) {
        d.paragraphs = p;
    }
    if !c.index.fits(&c.docs, |d| range.contains(&d)) {
        for d in &mut c.docs[range] {
            d.paragraphs = Vec::new();
        }
        return Err(damaged(
            "the search index does not match a text part's documents",
        ));
    }
    c.parts.loaded[k] = true;
    Ok(())
}

/// The value a section's bytes hold, all of them; errors name the section.
fn parse<T: Wire>(mut r: Cursor, name: &str) -> Result<T, Error> {
    let value = T::get(&mut r).and_then(|v| match r.is_empty() {
        true => Ok(v),
        false => Err("it has bytes left over"),
    });
    value.map_err(|e| damaged(format_args!("its {name}: {e}")))
}

fn not_a_bundle() -> Error {
    Error::new(
        "this is not a Docent bundle (bad magic bytes): rebuild the reader with `docent build`",
    )
}

fn damaged(what: impl std::fmt::Display) -> Error {
    Error::new(format!(
        "the bundle is damaged ({what}): rebuild the reader with `docent build`"
    ))
}

struct Reader<F> {
    len: usize,
    at: usize,
    read: F,
}

impl<F: FnMut(usize, &mut [u8])> Reader<F> {
    /// The next `n` bytes, if there are that many.
    fn take(&mut self, n: usize) -> Result<Vec<u8>, Error> {
        if n > self.len - self.at {
            return Err(damaged("it ends early"));
        }
        let mut buf = vec![0; n];
        (self.read)(self.at, &mut buf);
        self.at += n;
        Ok(buf)
    }

    /// Magic and version.
    fn start(&mut self) -> Result<(), Error> {
        let head = self.take(12).map_err(|_| not_a_bundle())?;
        if &head[..8] != MAGIC {
            return Err(not_a_bundle());
        }
        let version = u32::from_le_bytes([head[8], head[9], head[10], head[11]]);
        if version != VERSION {
            return Err(Error::new(format!(
                "bundle format version {version} is not the version {VERSION} this engine reads: rebuild the reader with `docent build`"
            )));
        }
        Ok(())
    }

    /// The next section's body.
    fn raw_section(&mut self) -> Result<Vec<u8>, Error> {
        let n = self.take(4)?;
        let n = u32::from_le_bytes([n[0], n[1], n[2], n[3]]) as usize;
        self.take(n)
    }

    /// The next section, decoded; its bytes are freed on return.
    fn section<T: Wire>(&mut self, name: &str) -> Result<T, Error> {
        parse(Cursor(&self.raw_section()?), name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::parse_document;

    fn doc(id: &str, words: usize) -> Document {
        let body = "treaty ".repeat(words);
        let raw = format!("Title: {id}\nDate: 1956-10-19\n\n{body}\n\nLast words.\n");
        parse_document(&format!("documents/{id}.txt"), raw.as_bytes()).unwrap()
    }

    fn four() -> Collection {
        Collection {
            docs: vec![
                doc("a", 60_000),
                doc("b", 10),
                doc("c", 100_000),
                doc("d", 100_000),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn documents_go_in_sections_read_one_at_a_time() {
        let c = four();
        let bytes = encode(&c);
        let mut largest = 0;
        let back = decode_from(bytes.len(), |at, buf| {
            largest = largest.max(buf.len());
            buf.copy_from_slice(&bytes[at..at + buf.len()]);
        })
        .unwrap();
        assert_eq!(back.docs, c.docs);
        assert_eq!(back.parts, Parts::default(), "everything is loaded");
        assert!(
            largest < bytes.len() * 2 / 3,
            "read in pieces ({largest} of {})",
            bytes.len()
        );
    }

    #[test]
    fn parts_load_on_demand() {
        let c = four();
        let (head, parts) = encode_split(&c, DOCS_SECTION);
        assert_eq!(
            parts.len(),
            3,
            "a+b+c reach 1 MiB of text, then d, then passages"
        );
        let mut back = decode(&head).unwrap();
        assert_eq!(back.parts.bounds, [0, 3, 4]);
        assert!(back.docs.iter().all(|d| d.paragraphs.is_empty()));
        assert_eq!(back.docs[3].title, "d", "metadata is there at once");
        assert_eq!(back.need([0, 1]).unwrap_err().parts(), [0]);
        let e = back.need([3, 0, 2]).unwrap_err();
        assert_eq!(e.parts(), [0, 1]);
        assert!(e.message().contains("add part(s) 0, 1"), "{e}");
        add_part(&mut back, &parts[1]).unwrap();
        assert!(back.need([3]).is_ok());
        assert_eq!(back.docs[3], c.docs[3]);
        add_part(&mut back, &parts[1]).unwrap(); // twice: nothing changes
        add_part(&mut back, &parts[0]).unwrap();
        assert_eq!(back.docs, c.docs);
        assert_eq!(back.parts.need_passages().unwrap_err().parts(), [2]);
        add_part(&mut back, &parts[2]).unwrap();
        assert_eq!(back.passages, c.passages);
        assert_eq!(
            back.parts,
            Parts::default(),
            "all in: nothing left to ask for"
        );
        add_part(&mut back, &parts[2]).unwrap(); // harmless after all
                                                 // A whole bundle is the head's sections followed by the parts'.
        let whole = encode(&c);
        assert_eq!(decode(&whole).unwrap().docs, c.docs);
    }

    #[test]
    fn a_whole_bundle_with_a_part_twice_and_one_missing_is_damaged() {
        let (mut out, parts) = encode_with(&four(), true, DOCS_SECTION);
        out.extend_from_slice(&parts[0][12..]);
        out.extend_from_slice(&parts[0][12..]);
        let e = decode(&out).unwrap_err().to_string();
        assert!(
            e.contains("a text part is missing") && e.contains("rebuild"),
            "{e}"
        );
    }

    #[test]
    fn parts_of_another_build_are_refused() {
        let (head, _) = encode_split(&four(), DOCS_SECTION);
        let mut other = four();
        other.docs[3].title = "changed".into();
        other.docs[3].paragraphs[0].text.push('!');
        let (_, parts) = encode_split(&other, DOCS_SECTION);
        let mut back = decode(&head).unwrap();
        let e = add_part(&mut back, &parts[1]).unwrap_err().to_string();
        assert!(e.contains("another build"), "{e}");
        for bad in [&parts[1][..5], &parts[1][..20], &[]] {
            let e = add_part(&mut back, bad).unwrap_err().to_string();
            assert!(e.contains("rebuild"), "{e}");
        }
        assert!(back.need([3]).is_err(), "nothing was half-added");
    }

    #[test]
    fn damaged_bundles_say_rebuild() {
        let bytes = encode(&Collection {
            docs: vec![doc("a", 3)],
            ..Default::default()
        });
        let mut long = bytes.clone();
        long.push(0);
        let mut huge = bytes.clone();
        huge[12..16].copy_from_slice(&u32::MAX.to_le_bytes());
        // The head section one byte shorter: its last field is cut off.
        let mut short = bytes.clone();
        let n = u32::from_le_bytes(short[12..16].try_into().unwrap());
        short[12..16].copy_from_slice(&(n - 1).to_le_bytes());
        for (bad, want) in [
            (&bytes[..5], "bad magic"),
            (&bytes[..bytes.len() - 2], "ends early"),
            (&long[..], "bytes after the last section"),
            (&huge[..], "ends early"),
            (&short[..], "its head: it ends early"),
        ] {
            let e = decode(bad).unwrap_err().to_string();
            assert!(e.contains(want) && e.contains("rebuild"), "{e}");
        }
    }
}
