//! Round two of hostile text through the real binary (issue #20): every way text reaches
//! a terminal from the command line goes through one output gate, so what the corpus, the
//! user or the shell hands dossier comes back as visible stand-ins, never as a control.

mod common;

use common::hostile;

fn assert_inert(args: &[&str], out: &std::process::Output) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let problems = hostile::output_problems(bytes);
        assert!(
            problems.is_empty(),
            "dossier {args:?} wrote to {stream}: {problems:?}"
        );
    }
}

#[test]
fn show_page_prints_entity_headings_and_option_names_as_stand_ins() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = common::write_files(
        &tmp.path().join("c"),
        &[("pages/entity-page.md", hostile::ENTITY_PAGE)],
    );
    let data = tmp.path().join("notebook");
    common::run_ok(&data, &["import", corpus.to_str().unwrap()]);
    let args = ["show", "entity-page"];
    let out = common::run(&data, &args);
    assert!(out.status.success());
    assert_inert(&args, &out);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("Notes ␛]0;pwned-title␇ <U+202E>evil"),
        "{stdout}"
    );
    assert!(stdout.contains("Choose A␛]0;opt␇ when"), "{stdout}");
    assert!(stdout.contains("options: A␛]0;opt␇ | B"), "{stdout}");
}

#[test]
fn paths_the_user_typed_are_echoed_through_the_gate() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("note\u{1b}]0;book\u{7}\u{202E}");
    common::run_ok(&data, &["inv", "new", "Paths"]);
    let args = ["reindex"];
    let out = common::run(&data, &args);
    assert!(out.status.success());
    assert_inert(&args, &out);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("note␛]0;book␇<U+202E>"), "{stdout}");

    let brief = tmp.path().join("brief\u{1b}[2J\u{9b}.md");
    let args = ["export", "Paths", "-o", brief.to_str().unwrap()];
    let out = common::run(&data, &args);
    assert!(out.status.success());
    assert_inert(&args, &out);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("brief␛[2J<U+009B>.md"), "{stdout}");
    assert!(brief.exists(), "the file itself has the name typed");

    // Refused again: the error quotes the path through the gate too.
    let out = common::run(&data, &args);
    assert!(!out.status.success());
    assert_inert(&args, &out);
}

/// clap strips escape sequences when it renders a message for a pipe, but would print
/// them on a terminal; the gate takes what is left (a C1 control) either way.
#[test]
fn argument_errors_quote_what_was_typed_inertly() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("notebook");
    for args in [
        vec!["show", "a", "\u{1b}]52;c;cm0=\u{7}"],
        vec!["--no-such-flag\u{1b}[2J"],
        vec!["search", "x", "--limit", "\u{9b}31m"],
    ] {
        let out = common::run(&data, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: a usage error");
        assert_inert(&args, &out);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("unexpected argument") || stderr.contains("invalid value"),
            "{stderr}"
        );
    }
}
