//! `docent search`. (Being written: see issue 3.)

use super::args::Args;
use std::process::ExitCode;

pub fn run(args: &Args) -> Result<ExitCode, String> {
    args.expect_positional(1, "a QUERY")?;
    Err("search is not available yet".into())
}
