//! The bundle: a collection as bytes, embedded in the page and decoded once.
//!
//! Layout: the 8-byte magic `DOCENT\0\x1a`, a little-endian `u32` format
//! version, then sections, each a little-endian `u32` length and the postcard
//! encoding of one part: the number of document sections, the search index,
//! the passage index, the mentions, the two registers, then the documents in
//! groups of about [`DOCS_SECTION`] bytes of text. Sections let the page copy
//! one part at a time into wasm memory ([`decode_from`]): a 10 MB collection
//! never has its whole bundle and its decoded form there together, which
//! would double the memory it keeps. Encoder and decoder live here together
//! and share one schema (the serde derives). A bundle of another version is
//! refused with "rebuild", never read as garbage.
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

use crate::{model::Document, Collection, Error};
use serde::Serialize;

/// First bytes of every bundle.
pub const MAGIC: &[u8; 8] = b"DOCENT\0\x1a";
/// Bumped whenever anything serialized below changes shape.
pub const VERSION: u32 = 6;

/// Text bytes per document section, about.
pub const DOCS_SECTION: usize = 1 << 20;

/// Encodes a collection as a bundle.
pub fn encode(c: &Collection) -> Vec<u8> {
    let mut groups: Vec<&[Document]> = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, d) in c.docs.iter().enumerate() {
        size += d.paragraphs.iter().map(|p| p.text.len()).sum::<usize>();
        if size >= DOCS_SECTION || i + 1 == c.docs.len() {
            groups.push(&c.docs[start..=i]);
            (start, size) = (i + 1, 0);
        }
    }
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&VERSION.to_le_bytes());
    section(&mut out, &(groups.len() as u32));
    // Largest parts first: each section's copy is freed before the next.
    section(&mut out, &c.index);
    section(&mut out, &c.passages);
    section(&mut out, &c.mentions);
    section(&mut out, &c.entities);
    section(&mut out, &c.clauses);
    for g in groups {
        section(&mut out, &g);
    }
    out
}

fn section<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    // Serializing plain owned data into a Vec cannot fail.
    let body = postcard::to_allocvec(value).unwrap_or_default();
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(&body);
}

/// Decodes a bundle made by [`encode`] of the same [`VERSION`].
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
    let head = r.take(12).map_err(|_| not_a_bundle())?;
    if &head[..8] != MAGIC {
        return Err(not_a_bundle());
    }
    let version = u32::from_le_bytes([head[8], head[9], head[10], head[11]]);
    if version != VERSION {
        return Err(Error::new(format!(
            "bundle format version {version} is not the version {VERSION} this engine reads: rebuild the reader with `docent build`"
        )));
    }
    let groups: u32 = r.section()?;
    let mut c = Collection {
        index: r.section()?,
        passages: r.section()?,
        mentions: r.section()?,
        entities: r.section()?,
        clauses: r.section()?,
        docs: Vec::new(),
    };
    for _ in 0..groups {
        let mut docs: Vec<Document> = r.section()?;
        c.docs.append(&mut docs);
    }
    c.index.set_aliases(&c.entities.alias_groups());
    if !c.index.fits(&c.docs) {
        return Err(damaged("the search index does not match the documents"));
    }
    if r.at != len {
        return Err(damaged("bytes after the last section"));
    }
    Ok(c)
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

    /// The next section, decoded; its bytes are freed on return.
    fn section<T: serde::de::DeserializeOwned>(&mut self) -> Result<T, Error> {
        let n = self.take(4)?;
        let n = u32::from_le_bytes([n[0], n[1], n[2], n[3]]) as usize;
        let body = self.take(n)?;
        match postcard::take_from_bytes(&body) {
            Ok((value, [])) => Ok(value),
            Ok(_) => Err(damaged("a section has bytes left over")),
            Err(e) => Err(damaged(e)),
        }
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

    #[test]
    fn documents_go_in_sections_read_one_at_a_time() {
        let c = Collection {
            docs: vec![
                doc("a", 60_000),
                doc("b", 10),
                doc("c", 100_000),
                doc("d", 100_000),
            ],
            ..Default::default()
        };
        let bytes = encode(&c);
        // The first section: one byte, postcard's varint of the group count.
        assert_eq!(
            bytes[12..17],
            [1, 0, 0, 0, 2],
            "a+b+c ≥ 1 MiB of text, then d"
        );
        let mut largest = 0;
        let back = decode_from(bytes.len(), |at, buf| {
            largest = largest.max(buf.len());
            buf.copy_from_slice(&bytes[at..at + buf.len()]);
        })
        .unwrap();
        assert_eq!(back.docs, c.docs);
        assert!(
            largest < bytes.len() * 2 / 3,
            "read in pieces ({largest} of {})",
            bytes.len()
        );
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
        for (bad, want) in [
            (&bytes[..5], "bad magic"),
            (&bytes[..bytes.len() - 2], "ends early"),
            (&long[..], "bytes after the last section"),
            (&huge[..], "ends early"),
        ] {
            let e = decode(bad).unwrap_err().to_string();
            assert!(e.contains(want) && e.contains("rebuild"), "{e}");
        }
    }
}
