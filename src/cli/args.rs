//! A small argument parser: `--flag`, `--opt VALUE` (or `--opt=VALUE`), positionals.

use std::path::PathBuf;

/// Options that take a value.
const VALUED: &[&str] = &[
    "corpus",
    "out",
    "limit",
    "ignore",
    "engine",
    "base",
    "base-url",
    "format",
    "paragraph",
    "sort",
    "entity",
    "clause",
];
/// Options that are switches.
const SWITCHES: &[&str] = &["json", "shards", "csv", "suggest"];

/// Parsed command-line arguments of one subcommand.
#[derive(Debug, Default)]
pub struct Args {
    pub corpus: PathBuf,
    pub json: bool,
    /// `--shards` (build): the folder form, texts in on-demand script files.
    pub shards: bool,
    /// `--csv` (kwic): comma-separated values with a header row.
    pub csv: bool,
    /// `--suggest` (entities): a TOML draft of the names found in the text.
    pub suggest: bool,
    options: Vec<(String, String)>,
    pub positional: Vec<String>,
}

impl Args {
    pub fn parse(argv: &[String]) -> Result<Args, String> {
        let mut a = Args {
            corpus: PathBuf::from("corpus"),
            ..Default::default()
        };
        let mut it = argv.iter();
        let mut only_positional = false;
        while let Some(arg) = it.next() {
            if only_positional || !arg.starts_with("--") {
                a.positional.push(arg.clone());
                continue;
            }
            if arg == "--" {
                only_positional = true;
                continue;
            }
            let body = &arg[2..];
            let (name, inline) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (body, None),
            };
            if SWITCHES.contains(&name) {
                match name {
                    "shards" => a.shards = true,
                    "csv" => a.csv = true,
                    "suggest" => a.suggest = true,
                    _ => a.json = true,
                }
            } else if VALUED.contains(&name) {
                let value = match inline {
                    Some(v) => v,
                    None => it
                        .next()
                        .cloned()
                        .ok_or_else(|| format!("--{name} needs a value"))?,
                };
                if name == "corpus" {
                    a.corpus = PathBuf::from(&value);
                } else {
                    a.options.push((name.to_string(), value));
                }
            } else {
                return Err(format!("unknown option --{name}"));
            }
        }
        Ok(a)
    }

    /// The value of `--name`, if given.
    pub fn opt(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The value of `--name` as a whole number, if given.
    pub fn number(&self, name: &str) -> Result<Option<usize>, String> {
        self.opt(name)
            .map(|v| {
                v.parse::<usize>()
                    .map_err(|_| format!("--{name} must be a whole number, got `{v}`"))
            })
            .transpose()
    }

    /// Exactly `n` positional arguments, or a usage message naming `what`.
    pub fn expect_positional(&self, n: usize, what: &str) -> Result<&[String], String> {
        if self.positional.len() == n {
            Ok(&self.positional)
        } else {
            Err(format!(
                "expected {what} ({n} argument{}), got {}",
                if n == 1 { "" } else { "s" },
                self.positional.len()
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &[&str]) -> Result<Args, String> {
        Args::parse(&s.iter().map(|x| x.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn parses_options_and_positionals() {
        let a = parse(&["--json", "--corpus", "c", "--limit=5", "hello", "--", "--x"]).unwrap();
        assert!(a.json);
        assert_eq!(a.corpus, PathBuf::from("c"));
        assert_eq!(a.opt("limit"), Some("5"));
        assert_eq!(a.positional, ["hello", "--x"]);
        assert!(!a.shards);
        let b = parse(&["--shards", "--out", "o"]).unwrap();
        assert!(b.shards && !b.json);
        assert!(parse(&["--bogus"]).unwrap_err().contains("--bogus"));
        assert!(parse(&["--out"]).unwrap_err().contains("needs a value"));
    }
}
