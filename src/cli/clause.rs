//! `docent clauses`, `docent clause`, `docent diff`. (Being written: see issue 5.)

use super::args::Args;
use std::process::ExitCode;

pub fn run_list(_args: &Args) -> Result<ExitCode, String> {
    Err("clauses are not available yet".into())
}

pub fn run(_args: &Args) -> Result<ExitCode, String> {
    Err("clauses are not available yet".into())
}

pub fn run_diff(_args: &Args) -> Result<ExitCode, String> {
    Err("diff is not available yet".into())
}
