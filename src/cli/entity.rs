//! `docent entity` and `docent entities`. (Being written: see issue 4.)

use super::args::Args;
use std::process::ExitCode;

pub fn run(_args: &Args) -> Result<ExitCode, String> {
    Err("entity lookup is not available yet".into())
}

pub fn run_list(_args: &Args) -> Result<ExitCode, String> {
    Err("entity lookup is not available yet".into())
}
