//! Importer: archive records as exported, to [`Document`]s. (Being written: see issue 2.)

use crate::diag::Diagnostic;
use crate::model::Document;

/// Parses one record. `path` is relative to the corpus dir and names the
/// document (its stem is the id).
pub fn parse_document(path: &str, bytes: &[u8]) -> Result<Document, Vec<Diagnostic>> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| vec![Diagnostic::new(path, None, format!("not UTF-8: {e}"))])?;
    let stem = path.rsplit('/').next().unwrap_or(path);
    let id = stem.rsplit_once('.').map_or(stem, |(s, _)| s).to_string();
    Ok(Document {
        id,
        source_file: path.to_string(),
        title: text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .to_string(),
        ..Default::default()
    })
}
