//! Every command's `--json` output, parsed with duplicate-key detection: a key appears
//! once in each object (issue #20: `show SOURCE` printed `"kind"` twice, `show CLIP` its
//! `source` and `voice`, `show PAGE` its `themes`). And names are trimmed the same way by
//! every command.

mod common;

#[test]
fn every_json_object_has_unique_keys() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("notebook");
    let corpus = common::write_files(&tmp.path().join("c"), &[("user.toml", common::USER_CORPUS)]);
    common::run_ok(&data, &["import", corpus.to_str().unwrap()]);
    let vtt = common::write_files(
        &tmp.path().join("t"),
        &[(
            "ep.vtt",
            "WEBVTT\n\n00:00.000 --> 00:02.000\n<v Ada Example>zebra words\n",
        )],
    );
    let vtt = vtt.join("ep.vtt");
    let theme =
        common::run_json(&data, &["show", "ada-hnsw-recall", "--json"])["themes"][0][0]["id"]
            .as_str()
            .expect("the clip has a theme")
            .to_string();
    let commands: Vec<Vec<&str>> = vec![
        vec!["inv", "new", "Keys"],
        vec![
            "inv",
            "add",
            "Keys",
            "ada-hnsw-recall",
            "ada-podcast-moment",
        ],
        vec!["search", "zebrafish"],
        vec!["search", ""],
        vec!["show", "ada-hnsw-recall"],
        vec!["show", "rag-vs-fine-tuning"],
        vec!["show", "ada-example"],
        vec!["show", "yt-talk"],
        vec!["show", &theme],
        vec!["pages"],
        vec!["inv", "list"],
        vec!["inv", "show", "Keys"],
        vec!["compare", "Keys"],
        vec!["compare", "--page", "rag-vs-fine-tuning"],
        vec![
            "add",
            "https://example.com/new-talk?t=60",
            "--voice",
            "New Voice",
            "--gist",
            "g",
            "--inv",
            "Keys",
        ],
        vec!["transcript", "import", "podcast-ep", vtt.to_str().unwrap()],
        vec!["transcript", "show", "podcast-ep"],
        vec!["digest", "--since", "1d"],
    ];
    let mut checked = 0;
    for args in commands {
        let takes_json = !matches!(args[..], ["inv", "new", ..] | ["inv", "add", ..]);
        let mut args = args.clone();
        if takes_json {
            args.push("--json");
        }
        let out = common::run_ok(&data, &args);
        if takes_json {
            common::assert_unique_keys(&out);
            checked += 1;
        }
    }
    assert_eq!(checked, 16);

    // What the keys now say: the record's kind, and the source's own kind beside it.
    let source = common::run_json(&data, &["show", "yt-talk", "--json"]);
    assert_eq!(source["kind"], "source");
    assert_eq!(source["source_kind"], "talk");
    let theme = common::run_json(&data, &["show", &theme, "--json"]);
    assert_eq!(theme["kind"], "theme");
    assert!(theme["theme_kind"].is_string(), "{theme}");
    let clip = common::run_json(&data, &["show", "ada-hnsw-recall", "--json"]);
    assert_eq!(clip["source"]["id"], "yt-talk");
    assert_eq!(clip["voice"]["id"], "ada-example");
}

#[test]
fn names_are_trimmed_the_same_way_by_every_command() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("notebook");
    let corpus = common::write_files(&tmp.path().join("c"), &[("user.toml", common::USER_CORPUS)]);
    common::run_ok(&data, &["import", corpus.to_str().unwrap()]);
    let padded = "  padded  ";
    common::run_ok(&data, &["inv", "new", padded]);
    common::run_ok(&data, &["inv", "add", padded, "ada-hnsw-recall"]);
    common::run_ok(&data, &["inv", "add", "padded", "ada-podcast-moment"]);
    common::run_ok(
        &data,
        &["inv", "note", " padded", "ada-hnsw-recall", "mine"],
    );
    common::run_ok(
        &data,
        &["inv", "move", "padded ", "ada-podcast-moment", "1"],
    );
    let view = common::run_json(&data, &["inv", "show", "\tpadded\n", "--json"]);
    assert_eq!(view["name"], "padded");
    assert_eq!(view["items"].as_array().map(Vec::len), Some(2));
    common::run_ok(&data, &["compare", padded]);
    common::run_ok(&data, &["export", padded]);
    common::run_ok(&data, &["inv", "rename", padded, "  trimmed too "]);
    common::run_ok(&data, &["inv", "rm", "trimmed too", "ada-hnsw-recall"]);
    common::run_ok(&data, &["inv", "delete", " trimmed too "]);
    let list = common::run_json(&data, &["inv", "list", "--json"]);
    assert_eq!(list.as_array().map(Vec::len), Some(0));
}
