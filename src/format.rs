//! The bundle: a collection as bytes, embedded in the page and decoded once.
//!
//! Layout: the 8-byte magic `DOCENT\0\x1a`, a little-endian `u32` format
//! version, then the postcard encoding of [`Bundle`]. Encoder and decoder live
//! here together and share one schema (the serde derives). A bundle of another
//! version is refused with "rebuild", never read as garbage.
//!
//! ```
//! use docent::format::{decode, encode, VERSION};
//! let bytes = encode(&docent::Collection::default());
//! assert_eq!(&bytes[..8], b"DOCENT\0\x1a");
//! let mut old = bytes.clone();
//! old[8..12].copy_from_slice(&(VERSION - 1).to_le_bytes());
//! assert!(decode(&old).unwrap_err().to_string().contains("rebuild"));
//! ```

use crate::{clauses, diff, entities, model::Document, search, Collection, Error};
use serde::{Deserialize, Serialize};

/// First bytes of every bundle.
pub const MAGIC: &[u8; 8] = b"DOCENT\0\x1a";
/// Bumped whenever anything serialized below changes shape.
pub const VERSION: u32 = 3;

/// What a bundle holds.
#[derive(Serialize, Deserialize)]
struct Bundle {
    docs: Vec<Document>,
    entities: entities::Register,
    clauses: clauses::Register,
    mentions: entities::Mentions,
    index: search::Index,
    passages: diff::passages::Index,
}

/// Encodes a collection as a bundle.
pub fn encode(c: &Collection) -> Vec<u8> {
    let bundle = Bundle {
        docs: c.docs.clone(),
        entities: c.entities.clone(),
        clauses: c.clauses.clone(),
        mentions: c.mentions.clone(),
        index: c.index.clone(),
        passages: c.passages.clone(),
    };
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&VERSION.to_le_bytes());
    // Serializing plain owned data into a Vec cannot fail.
    let body = postcard::to_allocvec(&bundle).unwrap_or_default();
    out.extend_from_slice(&body);
    out
}

/// Decodes a bundle made by [`encode`] of the same [`VERSION`].
pub fn decode(bytes: &[u8]) -> Result<Collection, Error> {
    if bytes.len() < 12 || &bytes[..8] != MAGIC {
        return Err(Error::new(
            "this is not a Docent bundle (bad magic bytes): rebuild the reader with `docent build`",
        ));
    }
    let version = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
    if version != VERSION {
        return Err(Error::new(format!(
            "bundle format version {version} is not the version {VERSION} this engine reads: rebuild the reader with `docent build`"
        )));
    }
    let b: Bundle = postcard::from_bytes(&bytes[12..]).map_err(|e| {
        Error::new(format!(
            "the bundle is damaged ({e}): rebuild the reader with `docent build`"
        ))
    })?;
    Ok(Collection {
        docs: b.docs,
        entities: b.entities,
        clauses: b.clauses,
        mentions: b.mentions,
        index: b.index,
        passages: b.passages,
    })
}
