//! `cargo bench --bench capture`: transcripts at scale, through the `Library` API.
//!
//! Imports one 10,000-cue transcript (target: under 1 s), then 1,000 transcripts of about
//! 10,000 words each, and measures search-as-you-type over them (target: p99 10 ms).
//! DOSSIER_BENCH_TRANSCRIPTS sets how many (default 1000).

mod stats;
mod synth;

use dossier::Library;
use dossier::search::Silent;
use stats::{measure, ms, row};
use std::time::{Duration, Instant};

fn main() {
    let transcripts: usize = std::env::var("DOSSIER_BENCH_TRANSCRIPTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = tmp.path().join("data");
    let files = tmp.path().join("vtt");
    std::fs::create_dir_all(&files).expect("vtt dir");
    let mut lib = Library::open(&data, &Silent).expect("open");

    println!("## transcripts\n");
    // One long transcript: 10,000 cues, imported whole (parse, one transaction, index).
    let big = files.join("big.vtt");
    let mut cues = synth::write_vtt(&big, 99, 110_000, 3).expect("vtt");
    while cues < 10_000 {
        cues = synth::write_vtt(&big, 99, 110_000 * 10_000 / cues + 1_000, 3).expect("vtt");
    }
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let report = lib
            .import_transcript("https://example.com/big-episode", &big, Some("Big episode"))
            .expect("import");
        times.push(t.elapsed());
        assert_eq!(report.cues, cues);
    }
    times.sort();
    println!(
        "import a {cues}-cue transcript (parse → SQLite → index): median {}, worst {} (target < 1 s: {})",
        ms(times[2]),
        ms(times[4]),
        if times[4] < Duration::from_secs(1) {
            "✓"
        } else {
            "✗"
        }
    );

    // A library of transcripts: `transcripts` episodes of about 10,000 words.
    let started = Instant::now();
    let mut total_cues = 0;
    for i in 0..transcripts {
        let path = files.join(format!("ep{i}.vtt"));
        synth::write_vtt(&path, 1000 + i as u64, 10_000, 4).expect("vtt");
        let report = lib
            .import_transcript(
                &format!("https://example.com/show/ep{i}"),
                &path,
                Some(&format!("Episode {i}")),
            )
            .expect("import");
        total_cues += report.cues;
        std::fs::remove_file(&path).ok();
    }
    let took = started.elapsed().as_secs_f64();
    println!(
        "imported {transcripts} transcripts ({total_cues} cues, about {} words) in {took:.1} s: {:.0} cues/s\n",
        transcripts * 10_000,
        total_cues as f64 / took
    );

    println!(
        "| over {transcripts} transcripts (20 results, snippets) | p50 | p99 | target (p99) |"
    );
    println!("|---|---|---|---|");
    let target = Some(Duration::from_millis(10));
    for q in [
        "retrieval",
        "retrieval l",
        "retrieval la",
        "retrieval lat",
        "kaloren",
        "kal",
    ] {
        let lib = &lib;
        let s = measure(200, || {
            std::hint::black_box(lib.search(q, 20).expect("search"));
        });
        row(&format!("as you type: `{q}`"), &s, target);
    }
    let s = measure(200, || {
        std::hint::black_box(
            lib.search("type:transcript retrieval latency ", 20)
                .expect("search"),
        );
    });
    row(
        "filter + words: `type:transcript retrieval latency `",
        &s,
        Some(Duration::from_millis(20)),
    );
}
