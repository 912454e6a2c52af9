//! The clause commands as a user runs them.

mod common;
use common::docent;

#[test]
fn diff_json_rebuilds_both_files_under_every_toggle() {
    let dir = std::env::temp_dir().join(format!("docent-diff-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (a, b) = (dir.join("a.txt"), dir.join("b.txt"));
    std::fs::write(
        &a,
        "the Habomai Islands and the island of Shikotan, after the Peace Treaty.\n",
    )
    .unwrap();
    std::fs::write(
        &b,
        "the Habomaï Islands and the island of Shikoton [sic] after the peace treaty\n",
    )
    .unwrap();
    for ignore in ["", "case", "punct", "spelling", "case,punct,spelling"] {
        let (code, out, err) = docent(&[
            "diff",
            "--json",
            "--ignore",
            ignore,
            a.to_str().unwrap(),
            b.to_str().unwrap(),
        ])
        .parts();
        assert_eq!(code, 0, "{err}");
        let d: serde_json::Value = serde_json::from_str(&out).unwrap();
        let ops = d["ops"].as_array().unwrap();
        let side = |skip: &str, key: &str| -> String {
            ops.iter()
                .filter(|o| o["op"] != skip)
                .map(|o| o[key].as_str().unwrap())
                .collect()
        };
        assert_eq!(side("insert", "a"), std::fs::read_to_string(&a).unwrap());
        assert_eq!(side("delete", "b"), std::fs::read_to_string(&b).unwrap());
        let sim = d["similarity"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&sim));
        if ignore == "case,punct,spelling" {
            assert_eq!(sim, 1.0, "{out}");
            assert_eq!(
                d["hidden"]["summary"],
                "2 case, 3 spelling, 2 punctuation differences hidden"
            );
        }
    }
    let (code, _, err) = docent(&[
        "diff",
        "--ignore",
        "colour",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ])
    .parts();
    assert_eq!(code, 1);
    assert!(err.contains("unknown toggle `colour`"), "{err}");
    std::fs::write(&b, [0xff, 0xfe, 0x00]).unwrap();
    let (code, _, err) = docent(&["diff", a.to_str().unwrap(), b.to_str().unwrap()]).parts();
    assert_eq!(code, 1);
    assert!(err.contains("is not UTF-8 text"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn clause_text_marks_changes_and_links_sources() {
    let (code, out, err) = docent(&["clause", "proviso"]).parts();
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("#doc=1956-09-29-matsumoto-letter-to-gromyko&p="),
        "{out}"
    );
    assert!(
        out.contains(
            "[-Negotiations concerning the territorial problem will be continued at a later date-]"
        ),
        "{out}"
    );
    assert!(
        out.contains("{+The two countries agree to continue the+} negotiations"),
        "{out}"
    );
    let (code, out, _) = docent(&["clauses"]).parts();
    assert_eq!(code, 0);
    for id in ["territorial", "proviso", "repatriation", "agendas"] {
        assert!(out.contains(id));
    }
    let (code, _, err) = docent(&["clause", "nonesuch"]).parts();
    assert_eq!(code, 1);
    assert!(
        err.contains("the families are: territorial, proviso, repatriation, agendas"),
        "{err}"
    );
}

/// Regression: `docent search … | head` panicked ("failed printing to
/// stdout: Broken pipe") when the reader closed the pipe first.
#[test]
fn a_closed_stdout_ends_every_command_quietly() {
    use std::process::{Command, Stdio};
    for args in [
        &["search", "treaty"][..],
        &["search", "--json", "treaty"],
        &["entities"],
        &["entity", "Kunashiri"],
        &["clauses"],
        &["clause", "territorial"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_docent"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end before the corpus is loaded and anything printed.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    }
}
