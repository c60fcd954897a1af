//! `cargo bench --bench team`: syncing a followed corpus (a team's library in git) of
//! 100,000 clips through the `Library` API (issue 19).
//!
//! The synthetic library (benches/synth.rs) is imported into one notebook and written
//! out with `corpus export`, as a team's repository would be (one file per source);
//! a second notebook follows that folder. Rows: the first sync, then syncs after 100
//! clips changed in 100 files (target: p50 ≤ 1 s), and a sync with nothing changed.
//! DOSSIER_BENCH_TEAM_CLIPS sets the size (default 100000).

mod stats;
mod synth;

use dossier::Library;
use dossier::search::Silent;
use stats::{Stats, ms, row};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The first clip of each of `count` source files gets a new gist word: 100 clips
/// changed in 100 files, as a pull of a reviewed batch would bring.
fn change_clips(dir: &Path, count: usize, round: usize) -> usize {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("sources"))
        .expect("sources")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let mut changed = 0;
    for path in files {
        if changed == count {
            break;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        if !text.contains("[[clip]]") {
            continue;
        }
        let text = text.replacen("gist = \"", &format!("gist = \"round{round} "), 1);
        std::fs::write(&path, text).expect("write");
        changed += 1;
    }
    changed
}

fn main() {
    let clips: usize = std::env::var("DOSSIER_BENCH_TEAM_CLIPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let tmp = tempfile::tempdir().expect("temp dir");
    let synthetic = tmp.path().join("synthetic");
    synth::write_corpus(&synthetic, &synth::Shape::for_clips(clips)).expect("synth");
    let team = tmp.path().join("team");
    {
        let mut author = Library::open(&tmp.path().join("author"), &Silent).expect("open");
        author.import(&synthetic).expect("import");
        let t = Instant::now();
        let report = author.export_corpus(&team, false, false).expect("export");
        println!(
            "corpus export of {} clips: {} files in {:.1} s",
            report.clips,
            report.written,
            t.elapsed().as_secs_f64()
        );
    }
    let mut reader = Library::open(&tmp.path().join("reader"), &Silent).expect("open");

    println!("\n| followed corpus of {clips} clips | p50 | p99 | target (p50) |");
    println!("|---|---|---|---|");
    let t = Instant::now();
    let (_, first) = reader.follow(&team, &Silent).expect("follow");
    let once = t.elapsed();
    assert!(first.changed >= clips, "{first:?}");
    row(
        "first sync (read, check, write, build the index)",
        &Stats {
            p50: once,
            p99: once,
        },
        None,
    );

    let mut times = Vec::new();
    for round in 0..7 {
        let changed = change_clips(&team, 100, round);
        let t = Instant::now();
        let report = reader.sync_followed(&Silent).expect("sync");
        times.push(t.elapsed());
        assert_eq!(report.changed, changed, "{report:?}");
    }
    let s = stats::of(times);
    // The target is on the median, so the row's verdict is written here.
    let target = Duration::from_secs(1);
    println!(
        "| sync after 100 clips changed in 100 files | {} | {} | {} {} |",
        ms(s.p50),
        ms(s.p99),
        ms(target),
        if s.p50 <= target { "✓" } else { "✗" }
    );

    // The files just changed are read once more (their times are too recent to trust).
    reader.sync_followed(&Silent).expect("sync");
    let mut times = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        let report = reader.sync_followed(&Silent).expect("sync");
        times.push(t.elapsed());
        assert!(!report.ran);
    }
    row("sync with nothing changed", &stats::of(times), None);
}
