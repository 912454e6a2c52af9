//! `docent search`. (Being written: see issue 3.)

use super::args::Args;
use std::process::ExitCode;

pub fn run(_args: &Args) -> Result<ExitCode, String> {
    Err("search is not available yet".into())
}
