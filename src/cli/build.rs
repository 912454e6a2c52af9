//! `docent build [--corpus DIR] [--out DIR] [--engine DIR] [--shards] [--base-url URL]`:
//! write the reader (`--base-url`: where it is published, kept in the bundle
//! for permalinks and citations).
//!
//! Loads and validates the corpus (a broken corpus is refused), encodes the
//! bundle, reads the engine (default `target/engine`, made by
//! `scripts/build-engine.sh`) and `www/`, and writes `OUT/docent.html`
//! atomically: a temporary file in OUT renamed over the old one, so an error
//! never leaves a half-written reader behind. Prints the absolute path. Beside
//! it goes `docent-embed.js`, the script a host page includes to embed the
//! reader with a script tag.
//!
//! With `--shards` it writes the folder form for large collections:
//! `OUT/docent.html` holds the engine and the library rows,
//! `OUT/shards/NNN.js` the (packed) bundle without the documents' texts and
//! the passage index in pieces of [`SHARD_BYTES`], classic scripts the page
//! adds once the library is on screen (file:// allows neither `fetch` nor
//! module `src`, but it runs classic scripts), and `OUT/shards/part-NNN.js`
//! the texts in parts of about [`TEXT_PART_BYTES`] and last the passage
//! index, which the page adds when a question reads them (opening a
//! document, a search hit's snippet, "Compare with…"). The new
//! shards are written into a temporary folder renamed over the old one
//! before the page is replaced, so page and shards always match.

use super::args::Args;
use super::site;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(args: &Args) -> Result<ExitCode, String> {
    let mut collection = super::corpus::load_valid(&args.corpus)?;
    if let Some(url) = args.opt("base-url") {
        collection.base_url = Some(docent::cite::check_base_url(url).map_err(|e| e.to_string())?);
    }
    let out_dir = PathBuf::from(args.opt("out").unwrap_or("dist"));
    let engine = PathBuf::from(args.opt("engine").unwrap_or("target/engine"));
    let www = www_dir()?;
    let mut parts = site::read_parts(&www, &engine)?;
    parts.bundle = docent::format::encode(&collection);
    parts.library = serde_json::to_string(&collection.library())
        .map_err(|e| format!("cannot encode the library rows: {e}"))?;
    let html = if args.shards {
        let (head, on_demand) = docent::format::encode_split(&collection, TEXT_PART_BYTES);
        let mut shards = site::shards(&site::pack(&head), SHARD_BYTES);
        let count = shards.len();
        shards.extend(site::part_shards(&on_demand));
        let html = site::assemble_sharded(&parts, count, on_demand.len())?;
        write_shards(&out_dir, &shards)?;
        html
    } else {
        site::assemble(&parts)?
    };
    let embed = std::fs::read(www.join(EMBED_SCRIPT))
        .map_err(|e| format!("cannot read www/{EMBED_SCRIPT}: {e}"))?;
    write_atomic(&out_dir, EMBED_SCRIPT, &embed)?;
    let path = write_atomic(&out_dir, "docent.html", html.as_bytes())?;
    outln!("{}", path.display());
    Ok(ExitCode::SUCCESS)
}

/// The script a host page includes to embed the reader with a script tag
/// (`www/docent-embed.js`, copied next to the page).
pub const EMBED_SCRIPT: &str = "docent-embed.js";

/// Bytes of (packed) bundle head per shard script, 683 KiB of base64: a
/// 10 MB collection's indexes deflate to about 4 of them, few enough to add
/// at once.
pub const SHARD_BYTES: usize = 1 << 19;

/// Text bytes per text part of the folder form (before packing): a question
/// loads the parts holding the documents it reads, 20 or so for 10 MB.
pub const TEXT_PART_BYTES: usize = 1 << 19;

/// Writes `dir/shards/` through a temporary folder renamed over the old one.
fn write_shards(dir: &Path, shards: &[(String, String)]) -> Result<(), String> {
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("cannot create the output directory {}: {e}", dir.display()))?;
    let target = dir.join(site::SHARD_DIR);
    let tmp = dir.join(format!(".{}.{}.tmp", site::SHARD_DIR, std::process::id()));
    let old = dir.join(format!(".{}.{}.old", site::SHARD_DIR, std::process::id()));
    let result = (|| {
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(&tmp)?;
        for (name, script) in shards {
            std::fs::write(tmp.join(name), script)?;
        }
        if target.exists() {
            std::fs::rename(&target, &old)?;
        }
        std::fs::rename(&tmp, &target)?;
        let _ = std::fs::remove_dir_all(&old);
        Ok::<(), std::io::Error>(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(format!("cannot write {}: {e}", target.display()));
    }
    Ok(())
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
    use super::{write_atomic, write_shards};

    #[test]
    fn shards_replace_the_old_folder_whole() {
        let dir = std::env::temp_dir().join(format!("docent-shards-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let two = [
            ("000.js".to_string(), "a".to_string()),
            ("001.js".into(), "b".into()),
        ];
        write_shards(&dir, &two).unwrap();
        write_shards(&dir, &two[..1]).unwrap();
        let mut names: Vec<_> = std::fs::read_dir(dir.join("shards"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["000.js"]);
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            1,
            "temp folders left"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

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
