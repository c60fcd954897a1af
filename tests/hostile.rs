//! The hostile-text fixture (tests/common/hostile.rs) through every command of the real
//! binary: nothing that acts on a terminal reaches stdout or stderr, and an exported brief
//! keeps its structure. The same fixture goes through every screen in tests/tui_hostile.rs.

mod common;

use common::hostile;
use common::renderers::{autolinks_in, gfm_autolinks, yaml_problems};

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
fn every_command_prints_hostile_text_inertly() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("notebook");
    hostile::build_notebook(&data, false);
    let name = hostile::investigation_name();
    let mut commands: Vec<Vec<String>> = Vec::new();
    for json in [false, true] {
        let mut with = |args: &[&str]| {
            let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
            if json {
                args.push("--json".into());
            }
            commands.push(args);
        };
        with(&["search", "zebra", "--limit", "100"]);
        with(&["search", "type:transcript zebra", "--limit", "100"]);
        with(&["search", "theme:hostile-theme"]);
        for chunk in 0..hostile::chunks() {
            with(&["show", &hostile::clip_id(chunk)]);
        }
        for id in [
            "hostile-page",
            "mallory",
            "wide-voice",
            "hostile-source",
            "hostile-theme",
        ] {
            with(&["show", id]);
        }
        with(&["pages"]);
        with(&["inv", "list"]);
        with(&["inv", "show", &name]);
        with(&["compare", &name]);
        with(&["compare", "--page", "hostile-page"]);
        with(&["transcript", "show", "hostile-source"]);
        with(&["digest", "--since", "1d"]);
    }
    commands.push(vec!["export".into(), name.clone()]);
    commands.push(vec!["check".into()]);
    for args in &commands {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = common::run(&data, &args);
        assert!(
            out.status.success(),
            "dossier {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_inert(&args, &out);
    }

    // JSON keeps the text itself, escaped, so a program reading it gets the payloads back.
    let out = common::run(&data, &["show", &hostile::clip_id(0), "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let quote = json.to_string();
    assert!(quote.contains("\\u001b]52;c;"), "{quote}");

    // Errors that quote hostile input are inert too.
    for args in [
        vec!["show", "no-such-\u{1b}[2J-\u{202E}"],
        vec!["inv", "show", "\u{1b}]52;c;cm0=\u{7}"],
        vec!["search", "speaker:\u{1b}[2J\u{9b}"],
    ] {
        let out = common::run(&data, &args);
        assert_inert(&args, &out);
    }
}

#[test]
fn a_file_that_is_not_utf8_is_refused_with_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = hostile::write_invalid_utf8(&tmp.path().join("bad"));
    let data = tmp.path().join("notebook");
    let args = ["import", dir.to_str().unwrap()];
    let out = common::run(&data, &args);
    assert!(!out.status.success());
    assert_inert(&args, &out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not-utf8.toml:3"), "{stderr}");
    let show = common::run(&data, &["show", "bad"]);
    assert!(!show.status.success(), "nothing was imported");
}

#[test]
fn a_ten_megabyte_line_is_imported_searched_and_shown() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("notebook");
    hostile::build_notebook(&data, true);
    let out = common::run(&data, &["search", "aardwolf"]);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("huge-line"), "{stdout}");
    assert!(
        stdout.len() < 10_000,
        "a search result shows a snippet, not the line"
    );
    let out = common::run(&data, &["show", "huge-line", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let gist = json["gist"].as_str().or(json["record"]["gist"].as_str());
    assert!(
        gist.is_some_and(|g| g.len() > 10_000_000),
        "the line is kept whole"
    );
}

#[test]
fn an_exported_brief_keeps_its_structure() {
    use pulldown_cmark::{Event, Parser, Tag};
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("notebook");
    hostile::build_notebook(&data, false);
    let path = tmp.path().join("brief.md");
    let out = common::run(
        &data,
        &[
            "export",
            &hostile::investigation_name(),
            "-o",
            path.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = std::fs::read_to_string(&path).unwrap();
    let problems = hostile::output_problems(md.as_bytes());
    assert!(problems.is_empty(), "{problems:?}");
    // Under GitHub-flavoured and linkifying renderers the brief has the links CommonMark
    // finds and no more: no bare URL, `www.` host or e-mail address in its text.
    let added = gfm_autolinks(&md);
    assert!(
        added.is_empty(),
        "links a GFM renderer would add: {added:?}"
    );
    assert!(
        common::renderers::commonmark_links(&md) > 0,
        "the deep links are there"
    );
    // The front matter is YAML 1.2: only printable characters.
    let front = common::renderers::front_matter(&md);
    let problems = yaml_problems(front);
    assert!(problems.is_empty(), "not YAML: {problems:?}\n{front}");

    let mut heading = None::<String>;
    let mut headings = Vec::new();
    for event in Parser::new(&md) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(pulldown_cmark::TagEnd::Heading(_)) => headings.extend(heading.take()),
            Event::Text(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML in the brief: {h}"),
            Event::Start(Tag::CodeBlock(_)) => panic!("a code block opened in the brief"),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                assert!(
                    dest_url.starts_with("https://example.com/")
                        || dest_url.starts_with("https://www.youtube.com/"),
                    "a link the corpus did not give: {dest_url}"
                );
            }
            _ => {}
        }
    }
    assert!(
        !headings.iter().any(|h| h.contains("Injected")),
        "a payload made a heading: {headings:?}"
    );
    // Each clip is still one numbered evidence section: the structure is the brief's own.
    let evidence = headings
        .iter()
        .filter(|h| {
            h.split_once(". ")
                .is_some_and(|(n, _)| n.parse::<usize>().is_ok())
        })
        .count();
    assert_eq!(evidence, hostile::chunks(), "{headings:#?}");
}

/// The renderer checkers of tests/common/renderers.rs find what they are there to find.
#[test]
fn the_checkers_find_what_renderers_link() {
    let found = autolinks_in("see https://e.x/a, www.e.org, a.b@e.com and e.com or //h.io");
    assert!(found.iter().any(|f| f == "https://e.x"), "{found:?}");
    assert!(found.iter().any(|f| f == "www.e.org"), "{found:?}");
    assert!(found.iter().any(|f| f == "a.b@e.com"), "{found:?}");
    assert!(found.iter().any(|f| f == "//h.io"), "{found:?}");
    assert!(autolinks_in("e.g. 3.5, C# and i.e.").is_empty());
    assert_eq!(
        gfm_autolinks("`https://e.x` and [a](https://e.x)"),
        Vec::<String>::new()
    );
    assert!(
        !gfm_autolinks("https\\://e\\.x").is_empty(),
        "escapes hide nothing"
    );
    assert_eq!(yaml_problems("a: \"\u{FFFE}\""), ["U+FFFE at byte 4"]);
}
