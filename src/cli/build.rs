//! `docent build`: write the single-file reader. (Being written: see issue 2.)

use super::args::Args;
use std::process::ExitCode;

pub fn run(args: &Args) -> Result<ExitCode, String> {
    let _ = super::corpus::load_valid(&args.corpus)?;
    let _out = args.opt("out").unwrap_or("dist");
    Err("not built yet".into())
}
