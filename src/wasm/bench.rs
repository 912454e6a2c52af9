//! The tagging benchmark's methods (bench/entities.mjs): re-tag the
//! collection, compile the register, tag free text. Built only with the
//! `tagging-bench` feature (`scripts/build-engine.sh bench`): the reader
//! never tags, mentions are found at `docent build`.

use super::{core_err, err, Docent};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Docent {
    /// Re-detects every mention in the collection and returns how many
    /// there are (the tagging benchmark). The first call also compiles the
    /// register; later calls reuse it.
    pub fn retag(&self) -> Result<u32, JsValue> {
        self.core.need(0..self.core.docs.len()).map_err(core_err)?;
        Ok(crate::entities::Mentions::build(&self.core.entities, &self.core.docs).len() as u32)
    }

    /// Compiles the register afresh and returns its number of entities
    /// (the benchmark's measure of compile time).
    pub fn compile_register(&self) -> u32 {
        let m = crate::entities::Matcher::new(&self.core.entities);
        std::hint::black_box(&m);
        self.core.entities.entities.len() as u32
    }

    /// Tags free text (paragraphs separated by blank lines) with the
    /// register and returns the number of mentions. At most 64 MB of text.
    pub fn tag_text(&self, text: &str) -> Result<u32, JsValue> {
        if text.len() > 64 << 20 {
            return Err(err("the text is over 64 MB; tag it in parts"));
        }
        Ok(crate::entities::tag_paragraphs(self.core.entities.matcher(), text) as u32)
    }
}
