//! Hostile text through the real binary in a pseudo-terminal: nothing from the corpus,
//! a transcript or an investigation reaches the terminal as anything but drawing.

mod common;

#[path = "common/pty.rs"]
mod pty;

use pty::Pty;
use pty::contains;

/// Headings the page parser decoded from entities show their stand-ins on the page
/// screen, where ratatui used to drop the controls silently.
#[test]
fn entity_headings_show_stand_ins_on_the_page_screen() {
    use dossier::tui::headless::Headless;
    use ratatui::crossterm::event::KeyCode::{Down, Tab};
    let tmp = tempfile::tempdir().unwrap();
    let mut lib = common::open(tmp.path());
    let corpus = common::write_files(
        &tmp.path().join("c"),
        &[("pages/entity-page.md", common::hostile::ENTITY_PAGE)],
    );
    lib.import(&corpus).unwrap();
    let mut h = Headless::new(lib, 160, 48);
    let index = h
        .app
        .pages
        .iter()
        .position(|p| p.id.as_str() == "entity-page")
        .unwrap();
    for _ in 0..index {
        h.key(Down);
    }
    h.key(Tab);
    let screen = h.render();
    assert!(
        screen.contains("Notes ␛]0;pwned-title␇ <U+202E>evil"),
        "{screen}"
    );
    assert!(screen.contains("Choose A␛]0;opt␇ when"), "{screen}");
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = common::write_files(
        &tmp.path().join("c"),
        &[("awkward.toml", &common::awkward_corpus())],
    );
    let import = common::bin()
        .arg("--data-dir")
        .arg(tmp.path())
        .arg("import")
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );

    let mut pty = Pty::spawn(tmp.path());
    pty.wait_for("Comparisons (4)");
    pty.send("/zebra");
    pty.wait_for("Hostile zebra");
    pty.send("\r");
    pty.wait_for("<U+202E>evil");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    let raw = pty.raw();
    assert!(!contains(&raw, b"\x1b]52"), "no OSC 52 clipboard write");
    assert!(!contains(&raw, b"\x1b]8;"), "no OSC 8 link");
    assert!(
        !contains(&raw, b"\x1b[2J"),
        "no screen clear from the corpus"
    );
    assert!(!contains(&raw, "\u{202E}".as_bytes()), "no bidi override");
    assert!(!contains(&raw, "\u{9b}".as_bytes()), "no C1 CSI");
    pty.assert_restored();
}

/// The hostile fixture (tests/common/hostile.rs: 59 payloads in every field, a 10 MB line,
/// a transcript) through every screen: pages, a page's compare, search, each clip, help,
/// the new-clip form and the picker, a transcript and a clip cut from it, the huge line,
/// investigations with notes, compare and side by side, the export preview and the digest.
/// Nothing but drawing reaches the terminal.
#[test]
fn every_screen_shows_the_hostile_fixture_inertly() {
    use common::hostile;
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("notebook");
    hostile::build_notebook(&data, true);
    let mut pty = Pty::spawn(&data);
    pty.wait_for("Comparisons (5)");
    // The hostile page and its compare: third in the list, after the featured page
    // (listed first) and "Graph RAG…".
    pty.send("jj");
    pty.wait_for("A vs B");
    pty.send("?");
    pty.wait_for("Keys · ");
    pty.send("\x1b");
    pty.send("\t");
    pty.send("jjjjjjjjjj");
    pty.send("c");
    pty.wait_for("Compare · Hostile page");
    pty.send("\x1b");
    // Every clip of payloads, found by its word; on one of them help, form and picker.
    pty.send("/");
    for (chunk, word) in hostile::CHUNK_WORDS
        .iter()
        .enumerate()
        .take(hostile::chunks())
    {
        pty.send("\x15");
        pty.send(&format!("zebra {word}"));
        pty.wait_for(&format!("zebra {word} payloads"));
        pty.send("\r");
        // The clip opens at its top; G scrolls through all of it to the related clips.
        pty.wait_for("┌ Clip");
        pty.send("G");
        pty.wait_for("Other clips on the same themes");
        if chunk == 0 {
            pty.send("?");
            pty.wait_for("Keys · Clip");
            pty.send("\x1b");
            pty.send("n");
            pty.wait_for("New clip");
            pty.send("\x1b");
            pty.send("a");
            pty.wait_for("new investigation");
            pty.send("\x1b");
        }
        pty.send("\x1b");
        pty.wait_for("/ zebra");
    }
    // The transcript, and a clip cut from two of its cues.
    pty.send("\x15");
    pty.send("type:transcript zebra");
    pty.wait_for(&format!("{} results", hostile::payloads().len()));
    pty.send("\r");
    pty.wait_for(&format!("transcript, {} cues", hostile::payloads().len()));
    pty.send("vjc");
    pty.wait_for("New clip");
    // Closing the form (cut text is not typed text, so nothing to confirm), dropping the
    // selection, back to search.
    pty.send("\x1b");
    pty.send("\x1b");
    pty.send("\x1b");
    // The 10 MB line (the screen lays out its first 64 KiB; tui::text tests the cut).
    pty.wait_for("/ type:transcript");
    pty.send("\x15");
    pty.send("aardwolf");
    pty.wait_for("1 result");
    pty.send("\r");
    pty.wait_for("aardwolf megabytes of one line");
    pty.send("jjj");
    // Back out one Esc at a time: two sent at once while the 10 MB clip is drawn can
    // arrive as one key.
    pty.back_to("Comparisons (5)");
    // Investigations: notes, compare, side by side, the export preview.
    pty.send("i");
    pty.wait_for(&format!("{} clips", hostile::chunks()));
    pty.send("c");
    pty.wait_for("Compare · # Hostile");
    pty.send("\r");
    pty.send("\x1b");
    pty.send("v");
    pty.back_to("┌ Investigations");
    pty.send("e");
    pty.wait_for("preview (e writes it to a file)");
    pty.send("\x1b[6~\x1b[6~\x1b[6~");
    pty.back_to("Comparisons (5)");
    pty.send("N");
    pty.wait_for("What's new");
    pty.send("\x1b");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();

    let problems = common::hostile::terminal_problems(&pty.raw());
    assert!(problems.is_empty(), "reached the terminal: {problems:?}");
}

/// The citations `y` put on the clipboard, decoded from the OSC 52 sequences in `raw`.
fn copied(raw: &[u8]) -> Vec<String> {
    use base64::Engine;
    let mut out = Vec::new();
    let start = b"\x1b]52;c;";
    let mut i = 0;
    while let Some(at) = raw[i..].windows(start.len()).position(|w| w == start) {
        let from = i + at + start.len();
        let Some(len) = raw[from..].iter().position(|&b| b == 0x07) else {
            break;
        };
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&raw[from..from + len])
            .expect("base64");
        out.push(String::from_utf8(bytes).expect("UTF-8"));
        i = from + len;
    }
    out
}

/// `y` on clips whose quotes hold Markdown (a heading, HTML, a link, a fence, an image, a
/// table), bare URLs, `www.` hosts and e-mail addresses, and on the 10 MB line: each
/// citation is one Markdown block with no structure, HTML or link of its own but the
/// deep link, no address a GFM renderer would link, and at most a few kilobytes, saying
/// so (and the screen too) when its text was cut.
#[test]
fn y_copies_one_escaped_capped_block() {
    use common::hostile;
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("notebook");
    hostile::build_notebook(&data, true);
    let mut pty = Pty::spawn(&data);
    pty.wait_for("Comparisons (5)");
    pty.send("/");
    let words = ["india", "juliet", "kilo", "lima"];
    for word in words {
        pty.send("\x15");
        pty.send(&format!("zebra {word}"));
        pty.wait_for(&format!("zebra {word} payloads"));
        pty.send("\r");
        // The clip opens at its top; G scrolls through all of it to the related clips.
        pty.wait_for("┌ Clip");
        pty.send("G");
        pty.wait_for("Other clips on the same themes");
        pty.send("y");
        pty.wait_for("citation copied");
        pty.send("\x1b");
        pty.wait_for("/ zebra");
    }
    pty.send("\x15");
    pty.send("aardwolf");
    // The snippet of the one result: "1 result" alone could still be the last query's.
    pty.wait_for("megabytes of one line");
    pty.send("\r");
    pty.wait_for("Paraphrased: aardwolf");
    pty.send("y");
    pty.wait_for("its text cut to 1000 characters");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);

    let citations = copied(&pty.raw());
    assert_eq!(citations.len(), words.len() + 1, "{citations:#?}");
    let huge = citations.last().unwrap();
    assert!(huge.len() < 8_000, "{} bytes", huge.len());
    assert!(
        huge.contains("cut; \\`dossier show\\` prints it all"),
        "{huge}"
    );
    for c in &citations {
        let problems = hostile::output_problems(c.as_bytes());
        assert!(problems.is_empty(), "{problems:?}: {c}");
        let added = common::renderers::gfm_autolinks(c);
        assert!(added.is_empty(), "links GFM would add: {added:?}\n{c}");
        let mut depth = 0usize;
        let mut blocks = 0;
        let mut links = 0;
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        for event in Parser::new_ext(c, options) {
            match event {
                Event::Start(tag) => {
                    if depth == 0 {
                        blocks += 1;
                    }
                    depth += 1;
                    match tag {
                        Tag::Link { dest_url, .. } => {
                            links += 1;
                            assert!(dest_url.starts_with("https://example.com/"), "{c}");
                        }
                        Tag::Heading { .. }
                        | Tag::Image { .. }
                        | Tag::Table(_)
                        | Tag::CodeBlock(_)
                        | Tag::HtmlBlock
                        | Tag::List(_) => panic!("{tag:?} in a citation: {c}"),
                        _ => {}
                    }
                }
                Event::End(_) => depth -= 1,
                Event::Html(h) | Event::InlineHtml(h) => panic!("HTML {h} in a citation: {c}"),
                _ => {}
            }
        }
        assert_eq!(blocks, 1, "one block: {c}");
        assert!(links <= 1, "only the deep link: {c}");
    }
}
