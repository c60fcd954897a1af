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

/// Source and reference URLs an import refuses, each with its file and line: whitespace,
/// a line break, an escape, bidi controls, a format character, no http(s), too long.
#[test]
fn import_refuses_bad_urls_with_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let long = format!("https://example.com/{}", "a".repeat(2100));
    let bad = [
        "https://example.com/a b",
        "https://example.com/a\\nb",
        "https://example.com/\\u001b]52;c;cm0=\\u0007",
        "https://evil.example/report\\u202Efdp.exe?t=60",
        "https://evil.example/\\u2066x\\u2069",
        "https://evil.example/\\u200Bx",
        "javascript:alert(1)",
        long.as_str(),
    ];
    let mut toml = String::new();
    let mut lines = Vec::new();
    for (i, url) in bad.iter().enumerate() {
        toml.push_str(&format!(
            "[[source]]\nid = \"s{i}\"\nkind = \"talk\"\ntitle = \"T{i}\"\nurl = \"{url}\"\n\n"
        ));
        lines.push(6 * i + 5);
    }
    let page = hostile::ENTITY_PAGE.replace(
        "+++\n\n## Question",
        "[[reference]]\ntitle = \"R\"\nurl = \"https://evil.example/\\u202Eexe\"\n+++\n\n## Question",
    );
    let corpus = common::write_files(
        &tmp.path().join("c"),
        &[("urls.toml", &toml), ("pages/entity-page.md", &page)],
    );
    let data = tmp.path().join("notebook");
    let args = ["import", corpus.to_str().unwrap()];
    let out = common::run(&data, &args);
    assert_eq!(out.status.code(), Some(1));
    assert_inert(&args, &out);
    let stderr = String::from_utf8(out.stderr).unwrap();
    for line in lines {
        assert!(
            stderr.contains(&format!("urls.toml:{line}: source url")),
            "line {line}: {stderr}"
        );
    }
    assert!(
        stderr.contains("entity-page.md:7: reference url"),
        "{stderr}"
    );
    assert!(stderr.contains("2048"), "{stderr}");
    assert!(
        common::run(&data, &["show", "s0"]).status.code() == Some(1),
        "nothing was imported"
    );
}

/// `dossier add` and `transcript import` take the same URL type: a bidi override, an
/// escape or a space in the link is refused, so no brief or `o` ever gets one.
#[test]
fn add_and_transcript_import_refuse_what_import_refuses() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("notebook");
    for url in [
        "https://evil.example/report\u{202E}fdp.exe?t=60",
        "https://evil.example/\u{2067}x?t=60",
        "https://evil.example/\u{1b}]52;c;cm0=\u{7}?t=60",
        "https://evil.example/\u{FEFF}?t=60",
    ] {
        let args = ["add", url, "--voice", "V", "--gist", "g", "--inv", "Links"];
        let out = common::run(&data, &args);
        assert_eq!(out.status.code(), Some(1), "{url:?} was accepted");
        assert_inert(&args, &out);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("character"), "{stderr}");
    }
    let vtt = common::write_files(
        &tmp.path().join("t"),
        &[("a.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nhello\n")],
    );
    let file = vtt.join("a.vtt");
    let args = [
        "transcript",
        "import",
        "https://evil.example/\u{202E}x",
        file.to_str().unwrap(),
    ];
    let out = common::run(&data, &args);
    assert_eq!(out.status.code(), Some(1));
    assert_inert(&args, &out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bidi"), "{stderr}");
    // What was refused left nothing behind to link to.
    let inv = common::run(&data, &["inv", "show", "Links"]);
    assert_eq!(inv.status.code(), Some(1));
}

/// WebVTT allows CRLF, LF or a lone CR between lines; cues must come in time order, and a
/// time past 99:59:59.999 is refused at import, with the line, before any clip is cut.
#[test]
fn transcripts_take_every_line_ending_and_refuse_disorder_and_far_times() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("notebook");
    let lf = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ada>zebra one\n\n00:03.000 --> 00:04.000\nzebra two\n";
    let dir = tmp.path().join("t");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in [
        ("cr.vtt", lf.replace('\n', "\r")),
        ("crlf.vtt", lf.replace('\n', "\r\n")),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let url = format!("https://example.com/{name}");
        let report = common::run_json(
            &data,
            &[
                "transcript",
                "import",
                &url,
                path.to_str().unwrap(),
                "--json",
            ],
        );
        assert_eq!(report["cues"], 2, "{name}: {report}");
        let shown = common::run_json(&data, &["transcript", "show", &url, "--json"]);
        assert_eq!(shown["cues"][1]["text"], "zebra two", "{name}");
        assert_eq!(shown["cues"][0]["voice"], "Ada", "{name}");
    }

    for (name, text, line, says) in [
        (
            "order.vtt",
            "WEBVTT\n\n10:00.000 --> 10:01.000\nlate\n\n00:01.000 --> 00:02.000\nearly\n",
            6,
            "before the cue on line 3",
        ),
        (
            "far.vtt",
            "WEBVTT\n\n00:01.000 --> 00:02.000\nnear\n\n999999:59:59.999 --> 999999:59:59.999\nfar\n",
            6,
            "99:59:59.999",
        ),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let url = format!("https://example.com/{name}");
        let args = ["transcript", "import", &url, path.to_str().unwrap()];
        let out = common::run(&data, &args);
        assert_eq!(out.status.code(), Some(1), "{name} was accepted");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&format!("{name}:{line}")), "{stderr}");
        assert!(stderr.contains(says), "{stderr}");
    }
}
