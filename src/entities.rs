//! Entity register and mention detection. (Being written: see issue 4.)

use crate::model::Document;
use serde::{Deserialize, Serialize};

/// The entity register (`corpus/entities.toml`).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Register {}

/// Where each entity is mentioned.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Mentions {}

impl Mentions {
    pub fn build(_register: &Register, _docs: &[Document]) -> Mentions {
        Mentions {}
    }
}

impl Register {
    /// Reads `entities.toml`.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_toml(_file: &str, _src: &str) -> Result<Register, Vec<crate::Diagnostic>> {
        Ok(Register {})
    }

    /// Problems of the register against the documents.
    pub fn check(&self, _docs: &[Document]) -> Vec<crate::Diagnostic> {
        Vec::new()
    }
}

impl Register {
    /// Every entity's id with all its names (canonical name first), for
    /// search's alias expansion and the diff's spelling normalization.
    pub fn alias_groups(&self) -> Vec<(String, Vec<String>)> {
        Vec::new()
    }
}
