//! End to end: the real binary in a pseudo-terminal, its screen read through a terminal
//! emulator (vt100). Timeouts here only guard against hangs; they judge no speed.

mod common;

#[path = "../benches/synth.rs"]
mod synth;

#[path = "common/pty.rs"]
mod pty;

use pty::Pty;

#[test]
fn search_open_and_quit_in_a_real_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(tmp.path());
    pty.wait_for("Comparisons (4)");
    pty.send("/");
    pty.send("speaker:meryem re-embedding");
    // Results of the whole query, not of a prefix still on its way.
    pty.wait_for("1 result ");
    pty.wait_for("Meryem Arik · Deploying LLMs in Production · 40:46–46:42");
    pty.send("\r");
    pty.wait_for("Clarity  90/100");
    pty.send("?");
    pty.wait_for("Keys · Clip");
    pty.send("\x1b");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}

#[test]
fn signals_restore_the_terminal_with_128_plus_the_signal() {
    for (signal, number) in [("TERM", 15), ("HUP", 1), ("INT", 2)] {
        let tmp = tempfile::tempdir().unwrap();
        let mut pty = Pty::spawn(tmp.path());
        pty.wait_for("Comparisons (4)");
        pty.signal(signal);
        assert_eq!(pty.wait_exit(), 128 + number, "SIG{signal}");
        pty.assert_restored();
    }
}

/// The whole research loop in a real terminal: search, add a clip to a new investigation,
/// write a note, export the brief; then a second process sees all of it.
#[test]
fn investigate_note_and_export_then_a_second_process_sees_it() {
    let tmp = tempfile::tempdir().unwrap();
    // Outside the data folder: a brief is never written inside it.
    let out = tempfile::tempdir().unwrap();
    let brief = out.path().join("support-bot.md");
    let mut pty = Pty::spawn(tmp.path());
    pty.wait_for("Comparisons (4)");
    pty.send("/");
    pty.send("speaker:meryem re-embedding");
    // Results of the whole query, not of a prefix still on its way.
    pty.wait_for("1 result ");
    pty.wait_for("Meryem Arik · Deploying LLMs in Production · 40:46–46:42");
    pty.send("\x01"); // Ctrl-A: add to an investigation
    pty.wait_for("new investigation…");
    pty.send("\r");
    pty.wait_for("New investigation");
    pty.send("Support bot\r");
    pty.wait_for("The question it answers");
    pty.send("RAG or fine-tuning?\r");
    pty.wait_for("with the clip in it");
    pty.send("\x1b");
    pty.send("i");
    pty.wait_for("Support bot · 1 clip ");
    pty.send("\t");
    pty.send("w");
    pty.wait_for("Note on Meryem Arik");
    pty.send("Re-embedding cost decides it.\rSecond line.");
    pty.send("\x1b");
    pty.wait_for("note saved");
    pty.send("e");
    pty.wait_for("Brief · Support bot");
    pty.send("e");
    pty.wait_for("Write the brief to");
    pty.send("\x15"); // Ctrl-U: clear the suggested name
    pty.send(&format!("{}\r", brief.display()));
    pty.wait_for("brief written to");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();

    let written = std::fs::read_to_string(&brief).unwrap();
    assert!(written.contains("Re-embedding cost decides it."));
    assert!(written.contains("Meryem Arik"));

    let out = common::run(tmp.path(), &["inv", "show", "Support bot", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["question"], "RAG or fine-tuning?");
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(
        items[0]["note"],
        "Re-embedding cost decides it.\nSecond line."
    );
    assert_eq!(items[0]["clip"]["voice"]["name"], "Meryem Arik");
}

/// Starts dossier on a library with one investigation of one clip and opens the note
/// editor on that clip with some text typed.
fn typing_a_note(tmp: &std::path::Path, text: &str) -> Pty {
    for args in [
        &["inv", "new", "Support bot"][..],
        &[
            "inv",
            "add",
            "Support bot",
            "arik-reembed-instead-of-retrain",
        ][..],
    ] {
        let out = common::run(tmp, args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut pty = Pty::spawn(tmp);
    pty.wait_for("Comparisons (4)");
    pty.send("i");
    pty.wait_for("Support bot · 1 clip ");
    pty.send("\t");
    pty.send("w");
    pty.wait_for("Note on Meryem Arik");
    pty.send(text);
    pty.wait_for(text);
    pty
}

fn note_of(tmp: &std::path::Path) -> String {
    let out = common::run(tmp, &["inv", "show", "Support bot", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["items"][0]["note"].as_str().unwrap().to_string()
}

#[test]
fn a_note_being_typed_survives_a_signal() {
    let tmp = tempfile::tempdir().unwrap();
    let mut pty = typing_a_note(tmp.path(), "typed, not yet saved");
    pty.signal("TERM");
    assert_eq!(pty.wait_exit(), 143);
    pty.assert_restored();
    assert_eq!(note_of(tmp.path()), "typed, not yet saved");
}

#[test]
fn a_note_being_typed_survives_the_terminal_hanging_up() {
    let tmp = tempfile::tempdir().unwrap();
    let mut pty = typing_a_note(tmp.path(), "typed when the window closed");
    pty.hang_up();
    // The process ends by itself (129: SIGHUP) instead of spinning on a dead terminal.
    assert_eq!(pty.wait_exit(), 129);
    assert_eq!(note_of(tmp.path()), "typed when the window closed");
}

/// Two processes: while the notebook is open, the CLI imports clips and adds to an
/// investigation. Neither hits a lock error, nothing is lost, and the open notebook sees
/// the new clips on its next search and the new clip in the investigation when it
/// reopens the screen.
#[test]
fn the_open_notebook_sees_what_another_process_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let out = common::run(tmp.path(), &["inv", "new", "Shared"]);
    assert!(out.status.success());
    let mut pty = Pty::spawn(tmp.path());
    pty.wait_for("Comparisons (4)");
    pty.send("i");
    pty.wait_for("Shared · 0 clips");

    let corpus = common::write_files(
        &tmp.path().join("mine"),
        &[("mine.toml", common::USER_CORPUS)],
    );
    let import = common::run(tmp.path(), &["import", corpus.to_str().unwrap()]);
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    let add = common::run(
        tmp.path(),
        &["inv", "add", "Shared", "arik-reembed-instead-of-retrain"],
    );
    assert!(
        add.status.success(),
        "{}",
        String::from_utf8_lossy(&add.stderr)
    );

    // The investigation screen reloads when opened again.
    pty.send("\x1b");
    pty.send("i");
    pty.wait_for("Shared · 1 clip ");
    // A search finds the clip imported by the other process.
    pty.send("/");
    pty.send("speaker:");
    let first_voice = common::USER_CORPUS
        .lines()
        .find_map(|l| l.strip_prefix("name = \""))
        .and_then(|rest| rest.split('"').next())
        .expect("the user corpus names a voice");
    pty.send(&first_voice.split(' ').next().unwrap().to_lowercase());
    pty.wait_for(first_voice);
    pty.send("\x1b");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

/// SIGTERM, SIGHUP and SIGINT reach the notebook while another process imports 20,000
/// clips into it: each time the terminal is restored and the exit code is 128 plus the
/// signal; the import, running on, commits whole; the database passes its integrity check.
#[test]
fn signals_during_an_import_restore_the_terminal_and_lose_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("notebook");
    let corpus = tmp.path().join("corpus");
    let clips = 20_000;
    synth::write_corpus(&corpus, &synth::Shape::for_clips(clips)).unwrap();
    assert!(common::run(&data, &["check"]).status.success());
    let mut import = common::bin()
        .arg("--data-dir")
        .arg(&data)
        .arg("import")
        .arg(&corpus)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut signalled_during_the_import = 0;
    for (signal, number) in [("TERM", 15), ("HUP", 1), ("INT", 2)] {
        let mut pty = Pty::spawn(&data);
        pty.wait_for("Comparisons (4)");
        if import.try_wait().unwrap().is_none() {
            signalled_during_the_import += 1;
        }
        pty.signal(signal);
        assert_eq!(pty.wait_exit(), 128 + number, "SIG{signal}");
        pty.assert_restored();
    }
    let finished = import.wait_with_output().unwrap();
    assert!(
        finished.status.success(),
        "{}",
        String::from_utf8_lossy(&finished.stderr)
    );
    assert!(
        signalled_during_the_import > 0,
        "the import ended before any signal was sent"
    );
    let conn = rusqlite::Connection::open(data.join("dossier.db")).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    let imported: i64 = conn
        .query_row(
            "SELECT count(*) FROM clips WHERE id LIKE 'syn-%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(imported, clips as i64);
    assert!(common::run(&data, &["check"]).status.success());
}

/// The rows of the screen as text.
fn contents(pty: &Pty) -> String {
    pty.screen().screen().contents()
}

/// The first launch opens the flagship comparison with a welcome naming the global keys;
/// after quitting on another page, the next launch reopens that page with no welcome.
#[test]
fn first_launch_shows_the_flagship_and_a_relaunch_reopens_the_last_page() {
    let tmp = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(tmp.path());
    pty.wait_for("Welcome to dossier");
    pty.wait_for("RAG vs Fine-tuning · updated");
    let screen = contents(&pty);
    let status = screen.lines().last().unwrap_or_default();
    for hint in ["/ search", "? help", "q quit"] {
        assert!(status.contains(hint), "{hint:?} in {status:?}");
    }
    pty.send("j");
    pty.wait_for("Graph RAG vs Vector RAG · updated");
    let screen = contents(&pty);
    let status = screen.lines().last().unwrap_or_default();
    for hint in ["/ search", "? help", "q quit"] {
        assert!(status.contains(hint), "{hint:?} in {status:?}");
    }
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);

    let mut again = Pty::spawn(tmp.path());
    again.wait_for("Graph RAG vs Vector RAG · updated");
    assert!(!contents(&again).contains("Welcome"), "no welcome again");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
}

/// A clip saved from the form shows in the empty query's newest clips at once: the count
/// and the clip, with nothing retyped.
#[test]
fn a_clip_saved_from_the_form_appears_in_the_newest_clips_without_retyping() {
    let tmp = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(tmp.path());
    pty.wait_for("Comparisons (4)");
    pty.send("/");
    pty.wait_for(" newest clips");
    let screen = contents(&pty);
    let before: usize = screen
        .lines()
        .find_map(|l| l.trim().strip_suffix(" newest clips"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a count of the newest clips");
    pty.send("\x0e"); // Ctrl-N: the new-clip form
    pty.wait_for("New clip");
    for field in [
        "https://youtu.be/zq9?t=95",
        "\t",
        "\t",
        "2:10",
        "\t",
        "Meryem Arik",
        "\t",
        "\t",
        "\t",
        "Zebra quokka note saved from the form",
    ] {
        pty.send(field);
    }
    pty.send("\r");
    pty.wait_for("added clip");
    pty.wait_for(&format!("{} newest clips", before + 1));
    // In the list: clips added the same day are listed by id, so page down to it.
    for _ in 0..before {
        if contents(&pty).contains("Zebra quokka note saved from the form") {
            break;
        }
        pty.send("\x1b[6~"); // PgDn
    }
    pty.wait_for("Zebra quokka note saved from the form");
    pty.send("\x1b");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

/// Another process deletes the investigation a note is being typed on: the editor says so
/// at once and keeps the text; Esc does not lose it; Ctrl-O saves it into another
/// investigation, the clip with it.
#[test]
fn a_note_on_an_investigation_deleted_elsewhere_is_not_lost() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(
        common::run(tmp.path(), &["inv", "new", "Zeta other"])
            .status
            .success()
    );
    let mut pty = typing_a_note(tmp.path(), "typed while it was deleted");
    let out = common::run(tmp.path(), &["inv", "delete", "Support bot"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    pty.wait_for("no longer exists");
    pty.send("\x1b");
    pty.wait_for("no longer exists");
    assert!(contents(&pty).contains("typed while it was deleted"));
    pty.send("\x0f"); // Ctrl-O: save it into another investigation
    pty.wait_for("Save the note into");
    pty.send("\r");
    pty.wait_for("your note is saved in “Zeta other”");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    let json = common::run_json(tmp.path(), &["inv", "show", "Zeta other", "--json"]);
    assert_eq!(json["items"][0]["note"], "typed while it was deleted");
}
