//! Full-text search. (Being written: see issue 3.)

use crate::{entities, model::Document};
use serde::{Deserialize, Serialize};

/// The search index.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Index {}

impl Index {
    pub fn build(_docs: &[Document], _entities: &entities::Register) -> Index {
        Index {}
    }
}
