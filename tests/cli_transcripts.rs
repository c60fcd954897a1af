//! Transcripts and the digest through the real binary: WebVTT with voices and SRT
//! imported whole, search landing on the cue, malformed files named by line, digest
//! windows, and a corpus sync that leaves captured clips and transcripts alone.

mod common;

use common::run_fails as fails;
use common::run_json as json;
use common::run_ok as ok;
const VTT: &str = "WEBVTT\n\nNOTE recorded at a meetup\n\n1\n00:00:01.000 --> 00:00:04.000\n<v Ada Lovelace>We measured recall before touching the model.\n\n2\n00:12:34.500 --> 00:12:40.000\n<v Grace Hopper>Then the <b>axolotl</b> benchmark told us\nwhere tuning helped.\n\n3\n00:12:40.000 --> 00:12:45.000\nA cue nobody is named in.\n";

const SRT: &str = "1\r\n00:00:02,000 --> 00:00:05,000\r\nWelcome to the show.\r\n\r\n2\r\n01:02:03,000 --> 01:02:09,000\r\nOur guest talks about narwhal indexes.\r\n";

#[test]
fn transcripts_import_whole_and_search_lands_on_the_cue() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let files = common::write_files(&d.join("files"), &[("talk.vtt", VTT), ("ep.srt", SRT)]);
    let out = ok(
        d,
        &[
            "transcript",
            "import",
            "https://youtu.be/talk1",
            files.join("talk.vtt").to_str().unwrap(),
            "--title",
            "Meetup talk",
        ],
    );
    assert!(out.contains("new source: Meetup talk"), "{out}");
    assert!(out.contains("new voice: Ada Lovelace"), "{out}");
    assert!(out.contains("new voice: Grace Hopper"), "{out}");
    assert!(out.contains("imported 3 cue(s) (vtt)"), "{out}");

    let hits = json(d, &["search", "axolotl", "--json"]);
    let hit = &hits["hits"][0];
    assert_eq!(hit["type"], "transcript", "{hits}");
    assert_eq!(hit["voice"], "Grace Hopper");
    assert_eq!(hit["start_seconds"], 754, "lands on the cue's own time");
    assert_eq!(hit["time_range"], "12:34");
    assert_eq!(hit["id"], "meetup-talk@1");
    let typed = json(
        d,
        &["search", "recall type:transcript speaker:ada", "--json"],
    );
    assert_eq!(typed["hits"][0]["id"], "meetup-talk@0", "{typed}");

    // SRT onto an existing source, found by title.
    let out = ok(
        d,
        &[
            "transcript",
            "import",
            "Deploying LLMs in Production",
            files.join("ep.srt").to_str().unwrap(),
        ],
    );
    assert!(out.contains("imported 2 cue(s) (srt)"), "{out}");
    let hits = json(d, &["search", "narwhal", "--json"]);
    assert_eq!(hits["hits"][0]["start_seconds"], 3723, "{hits}");
    let shown = ok(d, &["transcript", "show", "Deploying LLMs in Production"]);
    assert!(
        shown.contains("1:02:03  Our guest talks about narwhal indexes."),
        "{shown}"
    );

    // Importing again replaces the cues: no duplicates in search.
    let out = ok(
        d,
        &[
            "transcript",
            "import",
            "meetup-talk",
            files.join("talk.vtt").to_str().unwrap(),
        ],
    );
    assert!(out.contains("replacing 3 earlier cue(s)"), "{out}");
    assert_eq!(json(d, &["search", "axolotl", "--json"])["total"], 1);
    ok(d, &["check"]);
}

#[test]
fn malformed_transcripts_name_their_lines_and_import_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let bad_srt = "1\n00:00:01,000 --> 00:00:02,000\nfine\n\n2\n00:00:09,000 --> 00:00:03,000\nbackwards\n\n3\n00:00:10,000 --> later\ntext\n\nno timing here\n";
    let files = common::write_files(&d.join("files"), &[("bad.srt", bad_srt), ("good.vtt", VTT)]);
    std::fs::write(
        files.join("latin1.vtt"),
        b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\ncaf\xe9\n",
    )
    .unwrap();
    let path = files.join("bad.srt");
    let err = fails(
        d,
        &[
            "transcript",
            "import",
            "Deploying LLMs in Production",
            path.to_str().unwrap(),
        ],
    );
    assert!(
        err.contains("3 problem(s)") && err.contains("nothing was imported"),
        "{err}"
    );
    for expected in [
        ":6: the cue ends before it starts",
        ":10: `later` is not a cue time",
        ":13: `no timing here` starts a cue",
    ] {
        assert!(err.contains(expected), "{expected}: {err}");
    }
    let err = fails(
        d,
        &[
            "transcript",
            "import",
            "Deploying LLMs in Production",
            files.join("latin1.vtt").to_str().unwrap(),
        ],
    );
    assert!(
        err.contains("latin1.vtt:4: the file is not valid UTF-8"),
        "{err}"
    );
    let err = fails(d, &["transcript", "show", "Deploying LLMs in Production"]);
    assert!(err.contains("no transcript"), "nothing was imported: {err}");
    // Unknown source that is not a URL.
    let err = fails(
        d,
        &[
            "transcript",
            "import",
            "no such show",
            files.join("good.vtt").to_str().unwrap(),
        ],
    );
    assert!(err.contains("no source with id `no such show`"), "{err}");
    let err = fails(
        d,
        &[
            "transcript",
            "import",
            "dtc-deploying-llms-in-production",
            "/nonexistent.vtt",
        ],
    );
    assert!(err.contains("/nonexistent.vtt"), "{err}");
}

#[test]
fn digest_windows() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    ok(
        d,
        &[
            "add",
            "https://example.com/ep9",
            "--at",
            "3:00",
            "--voice",
            "Ada Lovelace",
            "--gist",
            "Quokka moment.",
            "--page",
            "rag-vs-fine-tuning",
        ],
    );
    let recent = json(d, &["digest", "--since", "1h", "--json"]);
    let ids: Vec<&str> = recent["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["themes"].as_array().unwrap())
        .flat_map(|t| t["clips"].as_array().unwrap())
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"example-com-ep9-180"), "{recent}");
    let text = ok(d, &["digest", "--since", "1d"]);
    assert!(text.contains("## RAG vs fine-tuning"), "{text}");
    assert!(text.contains("Quokka moment."), "{text}");
    // A window that starts in the future holds nothing.
    let later = ok(d, &["digest", "--since", "2999-01-01"]);
    assert!(later.starts_with("nothing new since"), "{later}");
    let err = fails(d, &["digest", "--since", "yesterday"]);
    assert!(err.contains("not a window"), "{err}");
}

#[test]
fn a_corpus_sync_leaves_added_clips_and_transcripts_alone() {
    use dossier::capture::NewClip;
    use dossier::{Library, corpus, search::Silent};
    let tmp = tempfile::tempdir().unwrap();
    let (mut corpus, hash) = corpus::embedded().unwrap();
    let mut lib = Library::open_with(tmp.path(), &corpus, &hash, &Silent).unwrap();
    let source = corpus.sources[0].clone();
    let added = lib
        .add_clip(&NewClip {
            url: "https://example.com/mine".into(),
            at: "1:00".into(),
            voice: corpus.voices[0].name.clone(),
            source: source.title.clone(),
            gist: "My own wombat note.".into(),
            ..NewClip::default()
        })
        .unwrap();
    let vtt = tmp.path().join("t.vtt");
    std::fs::write(&vtt, VTT).unwrap();
    lib.import_transcript(source.id.as_str(), &vtt, None)
        .unwrap();
    drop(lib);
    // The next release rewrites that source and drops every embedded clip.
    corpus.sources[0].title = "A renamed source".into();
    corpus.clips.clear();
    corpus
        .pages
        .iter_mut()
        .for_each(|p| p.canonical_clip = None);
    let lib = Library::open_with(tmp.path(), &corpus, "next-release", &Silent).unwrap();
    assert!(lib.opened.synced.is_some());
    let mine = lib.clip(added.clip.as_str()).unwrap();
    assert!(!mine.clip.retired);
    assert_eq!(mine.clip.record.gist, "My own wombat note.");
    let (info, cues) = lib.transcript(source.id.as_str()).unwrap();
    assert_eq!((info.cues, cues.len()), (3, 3));
    assert_eq!(lib.search("wombat", 5).unwrap().hits[0].id, added.clip.0);
    let axolotl = lib.search("axolotl", 5).unwrap();
    assert_eq!(
        axolotl.hits[0].title, "A renamed source",
        "cues follow the source"
    );
}
