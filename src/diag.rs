//! Diagnostics: what is wrong with the corpus, where, and what to do.
//!
//! Every problem found while importing or checking names the file (relative
//! to the corpus directory), the line when there is one, and a fix.
//!
//! ```
//! use docent::diag::Diagnostic;
//! let d = Diagnostic::new("documents/a.txt", Some(3), "the record has no title")
//!     .help("put the title on the line after the date");
//! assert_eq!(d.to_string(), "documents/a.txt:3: error: the record has no title (help: put the title on the line after the date)");
//! ```

use serde::{Deserialize, Serialize};
use std::fmt;

/// How bad a problem is: errors stop `docent build`, warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in the corpus.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// File, relative to the corpus directory.
    pub file: String,
    /// 1-based line, when the problem has one.
    pub line: Option<u32>,
    /// 1-based column (in characters) on that line, when known (XML).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error at `file:line`.
    pub fn new(file: impl Into<String>, line: Option<u32>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line,
            column: None,
            message: message.into(),
            help: None,
        }
    }

    /// A warning at `file:line`.
    pub fn warning(file: impl Into<String>, line: Option<u32>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::new(file, line, message)
        }
    }

    /// Adds the column on the line.
    pub fn column(mut self, column: u32) -> Self {
        self.column = Some(column);
        self
    }

    /// Adds what to do about it.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {sev}: {}", self.message)?;
        if let Some(h) = &self.help {
            write!(f, " (help: {h})")?;
        }
        Ok(())
    }
}

/// The crate's error: an opaque message that says what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    msg: String,
    parts: Vec<u32>,
}

impl Error {
    pub fn new(msg: impl Into<String>) -> Self {
        Error {
            msg: msg.into(),
            parts: Vec::new(),
        }
    }

    /// Parts of the collection that must be loaded before asking again (the
    /// folder form loads texts and the passage index on demand, see
    /// [`crate::Parts`]).
    pub fn not_loaded(parts: Vec<u32>) -> Self {
        let list: Vec<String> = parts.iter().map(u32::to_string).collect();
        Error {
            msg: format!(
                "some of the collection is not loaded yet: add part(s) {} and ask again",
                list.join(", ")
            ),
            parts,
        }
    }

    pub fn message(&self) -> &str {
        &self.msg
    }

    /// The parts to load first, when that is what the error is about.
    pub fn parts(&self) -> &[u32] {
        &self.parts
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg)
    }
}

impl std::error::Error for Error {}
