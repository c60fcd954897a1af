//! Every parser of outside input against inputs of 1 MiB (`cargo bench --bench parsers`):
//! random bytes, one long line, runs of the characters each grammar nests or quotes with,
//! many small records, and text dense in terminal controls. Target: any input within
//! 100 ms. Prints the slowest input for each parser.

use dossier::corpus::{self, CorpusFile, KnownIds};
use std::time::{Duration, Instant};

const MIB: usize = 1 << 20;
const TARGET: Duration = Duration::from_millis(100);

/// Deterministic pseudo-random bytes (xorshift), so runs compare.
fn random_bytes(seed: u64) -> Vec<u8> {
    let mut x = seed;
    (0..MIB)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

fn repeat(unit: &str) -> String {
    unit.repeat(MIB / unit.len())
}

/// The inputs every parser gets, by name.
fn inputs() -> Vec<(&'static str, Vec<u8>)> {
    let printable: Vec<u8> = random_bytes(7).iter().map(|b| b' ' + b % 95).collect();
    let hostile = repeat("\u{1b}]52;c;x\u{7}\u{202E}e\u{301}\u{9b}\r\n漢\t");
    let clip =
        "[[clip]]\nid = \"c\"\nsource = \"s\"\nvoice = \"v\"\nat = \"1:00\"\ngist = \"g\"\n\n";
    let cue = "00:00:01.000 --> 00:00:02.000\n<v A>word <b>bold</b> &amp;\n\n";
    vec![
        ("random bytes", random_bytes(42)),
        ("random printable ASCII", printable),
        ("one line of letters", repeat("a").into_bytes()),
        ("one line of words", repeat("word ").into_bytes()),
        ("newlines", repeat("\n").into_bytes()),
        ("opening brackets", repeat("[").into_bytes()),
        ("opening braces", repeat("{").into_bytes()),
        ("quotes", repeat("\"").into_bytes()),
        ("backslashes", repeat("\\").into_bytes()),
        ("colons and digits", repeat("1:").into_bytes()),
        ("emphasis markers", repeat("*a_").into_bytes()),
        ("link openers", repeat("[a](").into_bytes()),
        ("backticks", repeat("`").into_bytes()),
        ("block quotes", repeat("> ").into_bytes()),
        ("list markers", repeat("- ").into_bytes()),
        ("front matter fences", repeat("+++\n").into_bytes()),
        ("clip records", repeat(clip).into_bytes()),
        (
            "subtitle cues",
            format!("WEBVTT\n\n{}", repeat(cue)).into_bytes(),
        ),
        ("timing arrows", repeat("-->").into_bytes()),
        ("terminal controls", hostile.into_bytes()),
        (
            "combining marks",
            repeat("e\u{301}\u{302}\u{303}").into_bytes(),
        ),
    ]
}

type Parser = (&'static str, fn(&[u8]));

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn corpus_file(path: &str, bytes: &[u8]) {
    let files = [CorpusFile {
        path: path.to_string(),
        bytes: Ok(bytes.to_vec()),
    }];
    let _ = std::hint::black_box(corpus::load(&files, &KnownIds::default()));
}

fn parsers() -> Vec<Parser> {
    vec![
        ("corpus records (TOML)", |b| corpus_file("clips/x.toml", b)),
        ("decision page (front matter + Markdown)", |b| {
            corpus_file("pages/x.md", b)
        }),
        ("transcript (WebVTT/SRT)", |b| {
            let _ = std::hint::black_box(dossier::capture::transcript::parse("x.vtt", b));
        }),
        ("time", |b| {
            let _ = std::hint::black_box(corpus::time::parse_time(&text(b)));
            let _ = std::hint::black_box(dossier::capture::url_time::parse_moment(&text(b)));
        }),
        ("URL with a time", |b| {
            let url = format!("https://youtu.be/x?t={}", text(b));
            let _ = std::hint::black_box(dossier::capture::url_time::parse_url(&url));
        }),
        ("search query", |b| {
            std::hint::black_box(dossier::search::query::parse(&text(b)));
        }),
        ("display sanitizer", |b| {
            let t = text(b);
            std::hint::black_box(dossier::text::sanitize(&t));
            std::hint::black_box(dossier::text::sanitize_multiline(&t));
        }),
        ("Markdown to plain text", |b| {
            std::hint::black_box(dossier::text::markdown_to_plain(&text(b)));
        }),
        ("brief escaping", |b| {
            std::hint::black_box(dossier::brief::escape(&text(b)));
        }),
    ]
}

fn main() {
    let inputs = inputs();
    println!("\n## Parsers on 1 MiB inputs (worst of 3 runs per input)\n");
    println!("| parser | slowest input | time | target 100 ms |");
    println!("|---|---|---|---|");
    let mut all_met = true;
    for (name, parse) in parsers() {
        let mut worst = (Duration::ZERO, "");
        for (input, bytes) in &inputs {
            let time = (0..3)
                .map(|_| {
                    let t = Instant::now();
                    parse(bytes);
                    t.elapsed()
                })
                .max()
                .unwrap_or_default();
            if time > worst.0 {
                worst = (time, input);
            }
        }
        let met = worst.0 <= TARGET;
        all_met &= met;
        println!(
            "| {name} | {} | {:.2} ms | {} |",
            worst.1,
            worst.0.as_secs_f64() * 1000.0,
            if met { "✓" } else { "✗ missed" }
        );
    }
    println!(
        "\n{}",
        if all_met {
            "every parser handled every input within 100 ms"
        } else {
            "some parser took longer than 100 ms"
        }
    );
}
