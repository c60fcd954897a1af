//! `cargo bench`: the figures in README's performance section, measured through the same
//! `Library` API (and the same headless UI) the front ends use.
//!
//! DOSSIER_BENCH_CLIPS sets the library size (default 100000); DOSSIER_BENCH_1M=1 runs
//! at 1,000,000 clips. Latencies are p50 and p99 over repeated runs.

mod children;
mod cold_start;
mod shortcut;
mod stats;
mod synth;

use stats::{measure, ms, row};

use dossier::Library;
use dossier::model::ClipId;
use dossier::search::Silent;
use dossier::tui::headless::Headless;
use ratatui::crossterm::event::KeyCode;
use std::path::Path;
use std::time::{Duration, Instant};

fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| match e.metadata() {
                    Ok(m) if m.is_dir() => dir_bytes(&e.path()),
                    Ok(m) => m.len(),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

/// Saves measured each way (paced, back to back, through the CLI).
const SAVES: usize = 200;

fn main() {
    if let Ok(data) = std::env::var("DOSSIER_BENCH_RSS_CHILD") {
        children::rss_child(&data);
        return;
    }
    if let Ok(data) = std::env::var("DOSSIER_BENCH_PTY_CHILD") {
        children::pty_child(&data);
        return;
    }
    let clips: usize = if std::env::var_os("DOSSIER_BENCH_1M").is_some() {
        1_000_000
    } else {
        std::env::var("DOSSIER_BENCH_CLIPS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(100_000)
    };
    let scale = |target_1m: f64, target_100k: f64| {
        Duration::from_secs_f64(
            if clips >= 1_000_000 {
                target_1m
            } else {
                target_100k
            } / 1000.0,
        )
    };
    let tmp = tempfile::tempdir().expect("temp dir");
    let corpus = tmp.path().join("corpus");
    let data = tmp.path().join("data");
    synth::write_corpus(&corpus, &synth::Shape::for_clips(clips)).expect("synthetic corpus");

    println!("## dossier benchmarks at {clips} clips\n");
    let started = Instant::now();
    let mut lib = Library::open(&data, &Silent).expect("open");
    lib.import(&corpus).expect("import");
    let import = started.elapsed();
    let rate = clips as f64 / import.as_secs_f64();
    println!(
        "import, end to end (files → SQLite → index): {:.1} s, {rate:.0} clips/s (target ≥ 20000 clips/s: {})",
        import.as_secs_f64(),
        if rate >= 20_000.0 { "✓" } else { "✗" }
    );
    let t = Instant::now();
    lib.reindex(&Silent).expect("reindex");
    println!(
        "index rebuild from SQLite: {:.1} s, {:.0} clips/s",
        t.elapsed().as_secs_f64(),
        clips as f64 / t.elapsed().as_secs_f64()
    );
    let index_bytes = dir_bytes(&data.join("index"));
    println!(
        "index size: {:.0} bytes per clip (target ≤ 700)\n",
        index_bytes as f64 / clips as f64
    );

    println!("| query (20 results, snippets and highlights) | p50 | p99 | target (p99) |");
    println!("|---|---|---|---|");
    let runs = 200;
    let search = |q: &str| {
        let q = q.to_string();
        let lib = &lib;
        move || {
            let r = lib.search(&q, 20).expect("search");
            std::hint::black_box(r);
        }
    };
    let other = scale(20.0, 20.0);
    let worst = scale(50.0, 50.0);
    row(
        "one word: `retrieval `",
        &measure(runs, search("retrieval ")),
        Some(other),
    );
    row(
        "two words: `retrieval latency `",
        &measure(runs, search("retrieval latency ")),
        Some(other),
    );
    row(
        "phrase: `\"retrieval index\"`",
        &measure(runs, search("\"retrieval index\"")),
        Some(other),
    );
    let mut typing = Vec::new();
    for q in ["retrieval", "retrieval l", "retrieval la", "retrieval lat"] {
        let s = measure(runs, search(q));
        typing.push((q, s));
    }
    for (q, s) in &typing {
        row(&format!("as you type: `{q}`"), s, Some(scale(5.0, 1.0)));
    }
    row(
        "filter + words: `kind:podcast retrieval `",
        &measure(runs, search("kind:podcast retrieval ")),
        Some(other),
    );
    row(
        "6-word question: `how do I reduce retrieval latency`",
        &measure(runs, search("how do I reduce retrieval latency")),
        Some(other),
    );
    row(
        "empty query (newest clips, SQLite)",
        &measure(runs, search("")),
        Some(other),
    );
    row(
        "worst: one letter `a`",
        &measure(50, search("a")),
        Some(worst),
    );
    row(
        "worst: stopword `the `",
        &measure(50, search("the ")),
        Some(worst),
    );
    row(
        "worst: stopword phrase `\"of the\"`",
        &measure(50, search("\"of the\"")),
        Some(worst),
    );

    // The baseline a user would otherwise pick: SQLite FTS5 over the same rows.
    let fts = rusqlite::Connection::open(tmp.path().join("fts.db")).expect("fts db");
    fts.execute_batch(&format!(
        "ATTACH '{}' AS d; CREATE VIRTUAL TABLE f USING fts5(id UNINDEXED, gist);
         INSERT INTO f SELECT id, gist FROM d.clips; DETACH d;",
        data.join("dossier.db").display()
    ))
    .expect("fts5 table");
    let fts_query = |q: &str| {
        let q = q.to_string();
        let fts = &fts;
        move || {
            let mut stmt = fts
                .prepare_cached("SELECT id, snippet(f, 1, '[', ']', '…', 16) FROM f WHERE f MATCH ?1 ORDER BY rank LIMIT 20")
                .expect("prepare");
            let rows: Vec<(String, String)> = stmt
                .query_map([&q], |r| Ok((r.get(0)?, r.get(1)?)))
                .expect("query")
                .filter_map(|r| r.ok())
                .collect();
            std::hint::black_box(rows);
        }
    };
    println!();
    println!("| as you type vs SQLite FTS5 | dossier p99 | FTS5 p99 | FTS5 / dossier |");
    println!("|---|---|---|---|");
    for ((q, ours), fts_q) in typing.iter().zip([
        "retrieval*",
        "retrieval l*",
        "retrieval la*",
        "retrieval lat*",
    ]) {
        let theirs = measure(50, fts_query(fts_q));
        println!(
            "| `{q}` | {} | {} | {:.1}x |",
            ms(ours.p99),
            ms(theirs.p99),
            theirs.p99.as_secs_f64() / ours.p99.as_secs_f64()
        );
    }
    shortcut::ranking_shortcut(&mut lib);

    let child = std::process::Command::new(std::env::current_exe().expect("bench binary"))
        .env("DOSSIER_BENCH_RSS_CHILD", &data)
        .output()
        .expect("child process");
    println!(
        "\nRssAnon of a process that opens this library and searches: {} MB (target ≤ 150 MB)",
        String::from_utf8_lossy(&child.stdout).trim()
    );

    // Through the real binary in a pty, timed from a small child process (see
    // benches/cold_start.rs): cold start warm and evicted, keystroke to results.
    let child = std::process::Command::new(std::env::current_exe().expect("bench binary"))
        .env("DOSSIER_BENCH_PTY_CHILD", &data)
        .output()
        .expect("child process");
    print!("\n{}", String::from_utf8_lossy(&child.stdout));

    // Keystroke to frame drawn, on the search screen with 20 results, in process.
    let mut ui = Headless::new(lib, 120, 90);
    ui.key(KeyCode::Char('/'));
    let mut samples = Vec::new();
    for _ in 0..10 {
        ui.ctrl('u');
        for c in "retrieval latency".chars() {
            let t = Instant::now();
            ui.key(KeyCode::Char(c));
            std::hint::black_box(ui.render());
            samples.push(t.elapsed());
        }
    }
    let keystroke = stats::of(samples);
    println!(
        "\nkeystroke to frame drawn (search screen, TestBackend 120x90): p50 {}, p99 {} (target p99 ≤ 16 ms)",
        ms(keystroke.p50),
        ms(keystroke.p99)
    );
    let mut lib = ui.lib;

    // A 1,000-clip investigation: export and compare (50 themes).
    lib.create_investigation("bench", Some("How do these compare?"))
        .expect("investigation");
    let ids: Vec<ClipId> = (0..1000.min(clips))
        .map(|i| ClipId::new(format!("syn-c{i}")))
        .collect();
    lib.add_to_investigation("bench", &ids, Some("a note"))
        .expect("add");
    let load = measure(20, || {
        std::hint::black_box(lib.investigation("bench").expect("investigation"));
    });
    let export = measure(20, || {
        std::hint::black_box(lib.brief("bench").expect("brief"));
    });
    let compare = measure(20, || {
        std::hint::black_box(lib.compare_investigation("bench").expect("compare"));
    });
    // Saving a new clip into an investigation until search finds it (one transaction,
    // one index commit), as `dossier add --inv` and the TUI form do. At a person's pace,
    // the merges a save starts have finished before the next; back to back, a save may
    // first wait for the previous one's merges. Both are reported.
    let mut n = 0;
    let mut save_one = |lib: &mut Library| -> Duration {
        n += 1;
        let word = format!("zqxsaved{n}");
        let t = Instant::now();
        lib.add_clip(&dossier::capture::NewClip {
            url: format!("https://example.com/bench/{n}"),
            at: "1:00".into(),
            voice: "Bench Voice".into(),
            gist: format!("A moment worth keeping: {word}."),
            investigation: "bench".into(),
            ..Default::default()
        })
        .expect("add");
        let found = lib.search(&word, 1).expect("search");
        assert_eq!(found.total, 1, "searchable once saved");
        t.elapsed()
    };
    let mut paced = Vec::new();
    for _ in 0..SAVES {
        lib.finish_background_work();
        paced.push(save_one(&mut lib));
    }
    let back_to_back: Vec<Duration> = (0..SAVES).map(|_| save_one(&mut lib)).collect();
    lib.finish_background_work();
    // The same through the real binary: `dossier add --inv` in one process, then
    // `dossier search` in another, as a script or a second terminal would.
    let mut cli = Vec::new();
    for i in 0..SAVES {
        let word = format!("zqxcli{i}");
        let t = Instant::now();
        let added = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
            .arg("--data-dir")
            .arg(&data)
            .args(["add", &format!("https://example.com/bench/cli/{i}")])
            .args(["--at", "1:00", "--voice", "Bench Voice", "--inv", "bench"])
            .args(["--gist", &format!("A moment worth keeping: {word}.")])
            .output()
            .expect("dossier add");
        assert!(added.status.success(), "{added:?}");
        let found = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
            .arg("--data-dir")
            .arg(&data)
            .args(["search", "--json", &word])
            .output()
            .expect("dossier search");
        cli.push(t.elapsed());
        assert!(
            String::from_utf8_lossy(&found.stdout).contains(&format!("{word}.")),
            "searchable once saved: {found:?}"
        );
    }
    let paced = stats::of(paced);
    let back_to_back = stats::of(back_to_back);
    let cli = stats::of(cli);
    println!();
    println!("| 1,000-clip investigation | p50 | p99 | target (p99) |");
    println!("|---|---|---|---|");
    row("load (what the investigations screen shows)", &load, None);
    row(
        &format!("save a new clip into it until search finds it ({SAVES}, paced)"),
        &paced,
        Some(Duration::from_millis(50)),
    );
    row(
        &format!("the same, {SAVES} saves back to back"),
        &back_to_back,
        Some(Duration::from_millis(50)),
    );
    row(
        "`dossier add --inv` then `dossier search` finds it (two processes)",
        &cli,
        None,
    );
    row("export the brief", &export, Some(Duration::from_millis(50)));
    row(
        "compare (50 themes)",
        &compare,
        Some(Duration::from_millis(50)),
    );
}
