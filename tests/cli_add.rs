//! Adding a clip through the real binary: `add` with every URL time form, found and
//! created voices, sources and investigations, and bad input that writes nothing.

mod common;

use common::run_fails as fails;
use common::run_json as json;
use common::run_ok as ok;
use std::path::Path;

fn clip_count(data: &Path) -> i64 {
    let conn = rusqlite::Connection::open(data.join("dossier.db")).unwrap();
    conn.query_row("SELECT count(*) FROM clips", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn add_reads_every_url_time_form() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    // (url, --at, expected start, expected stored url)
    let cases: [(&str, Option<&str>, u32, &str); 7] = [
        (
            "https://www.youtube.com/watch?v=aaa&t=754",
            None,
            754,
            "https://www.youtube.com/watch?v=aaa",
        ),
        (
            "https://youtu.be/bbb?t=12m34s&si=share",
            None,
            754,
            "https://www.youtube.com/watch?v=bbb",
        ),
        (
            "https://youtube.com/watch?v=ccc&t=1h2m5s",
            None,
            3725,
            "https://www.youtube.com/watch?v=ccc",
        ),
        (
            "https://example.com/ep1.mp3#t=754",
            None,
            754,
            "https://example.com/ep1.mp3",
        ),
        (
            "https://example.com/ep2",
            Some("12:34"),
            754,
            "https://example.com/ep2",
        ),
        (
            "https://example.com/ep3",
            Some("754"),
            754,
            "https://example.com/ep3",
        ),
        (
            "https://example.com/ep4?t=30",
            Some("1:02:05"),
            3725,
            "https://example.com/ep4",
        ),
    ];
    for (i, (url, at, start, stored)) in cases.iter().enumerate() {
        let mut args = vec!["add", url, "--voice", "Ada Lovelace", "--gist", "A moment."];
        if let Some(at) = at {
            args.extend(["--at", at]);
        }
        args.push("--json");
        let report = json(d, &args);
        let id = report["clip"].as_str().unwrap().to_string();
        let clip = json(d, &["show", &id, "--json"]);
        assert_eq!(clip["span"]["start"], *start, "case {i}: {url}");
        assert_eq!(clip["source"]["url"], *stored, "case {i}: {url}");
        assert_eq!(clip["origin"], "user");
        // The voice is created once, then found by name.
        assert_eq!(report["created_voice"].is_string(), i == 0, "case {i}");
        assert!(
            report["created_source"].is_string(),
            "case {i}: a new source"
        );
    }
    // An existing source is found by its URL in any form: no new source.
    let again = json(
        d,
        &[
            "add",
            "https://youtu.be/aaa",
            "--at",
            "20:00",
            "--voice",
            "ada lovelace",
            "--quote",
            "Measure first.",
            "--json",
        ],
    );
    assert!(again["created_source"].is_null());
    assert!(again["created_voice"].is_null());
    let text = ok(
        d,
        &[
            "add",
            "https://example.com/new",
            "--at",
            "1:00",
            "--to",
            "1:30",
            "--voice",
            "Grace Hopper",
            "--source",
            "Compilers Weekly",
            "--gist",
            "Ship small.",
            "--page",
            "RAG vs fine-tuning",
            "--topic",
            "shipping",
            "--inv",
            "Reading list",
        ],
    );
    assert!(text.contains("new voice: Grace Hopper"), "{text}");
    assert!(text.contains("new source: Compilers Weekly"), "{text}");
    assert!(text.contains("(1:00–1:30)"), "{text}");
    assert!(
        text.contains("saved into new investigation Reading list"),
        "{text}"
    );
    let inv = json(d, &["inv", "show", "Reading list", "--json"]);
    assert_eq!(inv["items"].as_array().map(Vec::len), Some(1), "{inv}");
    // Searchable at once, on its page and with its deep link.
    let hits = json(
        d,
        &["search", "ship small page:rag-vs-fine-tuning", "--json"],
    );
    assert_eq!(hits["hits"][0]["voice"], "Grace Hopper", "{hits}");
}

#[test]
fn bad_adds_say_what_to_fix_and_write_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    ok(d, &["pages"]);
    let before = clip_count(d);
    let cases: [(&[&str], &str); 8] = [
        (
            &[
                "add",
                "not a url",
                "--at",
                "1:00",
                "--voice",
                "A",
                "--gist",
                "g",
            ],
            "not a URL",
        ),
        (
            &[
                "add",
                "javascript:alert(1)",
                "--at",
                "1:00",
                "--voice",
                "A",
                "--gist",
                "g",
            ],
            "not a URL",
        ),
        (
            &["add", "https://x.com/a", "--voice", "A", "--gist", "g"],
            "when does the moment start",
        ),
        (
            &[
                "add",
                "https://x.com/a",
                "--at",
                "1:75",
                "--voice",
                "A",
                "--gist",
                "g",
            ],
            "not a valid number",
        ),
        (
            &[
                "add",
                "https://x.com/a?t=soon",
                "--voice",
                "A",
                "--gist",
                "g",
            ],
            "is not a time",
        ),
        (
            &[
                "add",
                "https://x.com/a",
                "--at",
                "2:00",
                "--to",
                "1:00",
                "--voice",
                "A",
                "--gist",
                "g",
            ],
            "must come after the start",
        ),
        (
            &[
                "add",
                "https://x.com/a",
                "--at",
                "2:00",
                "--voice",
                " ",
                "--gist",
                "g",
            ],
            "name the speaker",
        ),
        (
            &[
                "add",
                "https://x.com/a",
                "--at",
                "2:00",
                "--voice",
                "A",
                "--gist",
                "g",
                "--page",
                "no-such-page",
            ],
            "no page with id `no-such-page`",
        ),
    ];
    for (args, expected) in cases {
        let err = fails(d, args);
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    // Several problems are reported together, each with its field.
    let err = fails(d, &["add", "https://x.com/a", "--to", "zz"]);
    for field in ["start:", "end:", "voice:", "gist:"] {
        assert!(err.contains(field), "{err}");
    }
    let err = fails(
        d,
        &[
            "add",
            "https://x.com/a",
            "--at",
            "1:00",
            "--voice",
            "A",
            "--gist",
            "g",
            "--kind",
            "blog",
        ],
    );
    assert!(err.contains("not a source kind"), "{err}");
    assert_eq!(clip_count(d), before, "nothing was written");
    // A second add of the same moment is refused with the clip's id.
    ok(
        d,
        &[
            "add",
            "https://x.com/a",
            "--at",
            "1:00",
            "--voice",
            "A",
            "--gist",
            "g",
        ],
    );
    let err = fails(
        d,
        &[
            "add",
            "https://x.com/a?t=60",
            "--voice",
            "A",
            "--gist",
            "again",
        ],
    );
    assert!(err.contains("already saved as clip"), "{err}");
}
