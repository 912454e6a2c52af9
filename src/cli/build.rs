//! `docent build [--corpus DIR] [--out DIR] [--engine DIR]`: write the single-file reader.
//!
//! Loads and validates the corpus (a broken corpus is refused), encodes the
//! bundle, reads the engine (default `target/engine`, made by
//! `scripts/build-engine.sh`) and `www/`, and writes `OUT/docent.html`
//! atomically: a temporary file in OUT renamed over the old one, so an error
//! never leaves a half-written reader behind. Prints the absolute path.

use super::args::Args;
use super::site;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(args: &Args) -> Result<ExitCode, String> {
    let collection = super::corpus::load_valid(&args.corpus)?;
    let out_dir = PathBuf::from(args.opt("out").unwrap_or("dist"));
    let engine = PathBuf::from(args.opt("engine").unwrap_or("target/engine"));
    let www = www_dir()?;
    let mut parts = site::read_parts(&www, &engine)?;
    parts.bundle = docent::format::encode(&collection);
    let html = site::assemble(&parts)?;
    let path = write_atomic(&out_dir, "docent.html", html.as_bytes())?;
    println!("{}", path.display());
    Ok(ExitCode::SUCCESS)
}

/// `./www`, or the one next to the crate's sources when run from elsewhere.
fn www_dir() -> Result<PathBuf, String> {
    let here = PathBuf::from("www");
    if here.join("index.html").is_file() {
        return Ok(here);
    }
    let beside = Path::new(env!("CARGO_MANIFEST_DIR")).join("www");
    if beside.join("index.html").is_file() {
        return Ok(beside);
    }
    Err("no www/index.html here: run `docent build` from the project's root directory".into())
}

/// Writes `dir/name` through a temporary file and a rename; returns the
/// absolute path. On any error the temporary file is removed.
fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, String> {
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("cannot create the output directory {}: {e}", dir.display()))?;
    let dir =
        std::fs::canonicalize(dir).map_err(|e| format!("cannot resolve {}: {e}", dir.display()))?;
    let target = dir.join(name);
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, &target)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(format!("cannot write {}: {e}", target.display()));
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::write_atomic;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_file() {
        let dir = std::env::temp_dir().join(format!("docent-build-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let p = write_atomic(&dir, "docent.html", b"one").unwrap();
        assert!(p.is_absolute());
        write_atomic(&dir, "docent.html", b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["docent.html"]);
        // A directory in the way of the target: an error, and no temp file left.
        std::fs::create_dir_all(dir.join("blocked.html/x")).unwrap();
        assert!(write_atomic(&dir, "blocked.html", b"x")
            .unwrap_err()
            .contains("cannot write"));
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
