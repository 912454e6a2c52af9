//! The `docent` command: check and build a collection, and ask it questions.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main(std::env::args().skip(1).collect())
}
