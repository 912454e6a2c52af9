//! Clause register: successive wordings of a clause. (Being written: see issue 5.)

use serde::{Deserialize, Serialize};

/// The clause register (`corpus/clauses.toml`).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Register {}

impl Register {
    /// Reads `clauses.toml`.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_toml(_file: &str, _src: &str) -> Result<Register, Vec<crate::Diagnostic>> {
        Ok(Register {})
    }

    /// Problems of the register against the documents.
    pub fn check(&self, _docs: &[crate::model::Document]) -> Vec<crate::Diagnostic> {
        Vec::new()
    }
}
