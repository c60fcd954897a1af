//! Following a team's library in a real git repository, through the real binary:
//! export, commit, clone, pull, sync (issue 19).

mod common;

use common::{run, run_fails, run_ok as ok, write_files};
use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

const ALICE: &str = r#"
[[voice]]
id = "alice-voice"
name = "Alice Example"

[[source]]
id = "alice-talk"
kind = "talk"
title = "Retrieval in Anger"
voices = ["alice-voice"]

[[clip]]
id = "alice-keep"
source = "alice-talk"
voice = "alice-voice"
at = "1:00"
gist = "Measure okapi recall before tuning."
clarity = 70

[[clip]]
id = "alice-change"
source = "alice-talk"
voice = "alice-voice"
at = "2:00"
gist = "The first wording of the narwhal clip."
clarity = 60

[[clip]]
id = "alice-remove"
source = "alice-talk"
voice = "alice-voice"
at = "3:00"
gist = "A clip about quetzal budgets that the team removes."
clarity = 50
"#;

/// Alice's notebook exported into `team/alice` and committed; Bob's clone of it followed.
fn team(root: &Path) -> (std::path::PathBuf, std::path::PathBuf, std::path::PathBuf) {
    let alice = root.join("alice-data");
    let files = write_files(&root.join("alice-files"), &[("mine.toml", ALICE)]);
    ok(&alice, &["import", files.to_str().unwrap()]);
    let repo = root.join("team");
    std::fs::create_dir_all(&repo).unwrap();
    git(&repo, &["init", "-q"]);
    ok(
        &alice,
        &["corpus", "export", repo.join("alice").to_str().unwrap()],
    );
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-qm", "Alice's clips"]);
    let checkout = root.join("bob-checkout");
    git(
        root,
        &[
            "clone",
            "-q",
            repo.to_str().unwrap(),
            checkout.to_str().unwrap(),
        ],
    );
    let bob = root.join("bob-data");
    let said = ok(&bob, &["corpus", "follow", checkout.to_str().unwrap()]);
    assert!(said.contains("following"), "{said}");
    (repo, checkout, bob)
}

#[test]
fn a_pull_brings_added_changed_and_removed_clips() {
    let tmp = tempfile::tempdir().unwrap();
    let (repo, checkout, bob) = team(tmp.path());
    let hits = ok(&bob, &["search", "okapi"]);
    assert!(hits.contains("alice-keep"), "{hits}");
    // Bob's own work on a clip the team will remove.
    ok(&bob, &["inv", "new", "Bob's question"]);
    ok(
        &bob,
        &[
            "inv",
            "add",
            "Bob's question",
            "alice-remove",
            "--note",
            "Bob's note",
        ],
    );

    // In the team's repository: one clip added, one changed, one removed.
    let file = repo.join("alice/sources/alice-talk.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let start = text.find("[[clip]]\nid = \"alice-remove\"").unwrap();
    let mut text = text[..start].replace("The first wording", "The second wording");
    text.push_str(
        "[[clip]]\nid = \"alice-new\"\nsource = \"alice-talk\"\nvoice = \"alice-voice\"\nat = \"4:00\"\ngist = \"A new clip about axolotl caching.\"\nclarity = 65\n",
    );
    std::fs::write(&file, text).unwrap();
    git(
        &repo,
        &[
            "commit",
            "-qam",
            "Review: one new, one changed, one removed",
        ],
    );
    git(&checkout, &["pull", "-q"]);

    let said = ok(&bob, &["corpus", "sync"]);
    assert!(
        said.contains("2 record(s) added or changed, 1 retired"),
        "{said}"
    );
    assert!(ok(&bob, &["search", "axolotl"]).contains("alice-new"));
    assert!(ok(&bob, &["show", "alice-change"]).contains("The second wording"));
    assert!(!ok(&bob, &["search", "quetzal"]).contains("alice-remove"));
    // Retired, never deleted: Bob's investigation and note keep it.
    assert!(ok(&bob, &["show", "alice-remove"]).contains("[retired]"));
    let inv = ok(&bob, &["inv", "show", "Bob's question"]);
    assert!(
        inv.contains("alice-remove") && inv.contains("Bob's note"),
        "{inv}"
    );
    // Each record remembers its corpus.
    let show = ok(&bob, &["show", "alice-new"]);
    assert!(show.contains("alice/sources/alice-talk.toml:"), "{show}");
    // The digest lists the team's clips, marked as the folder's, not as yours.
    let digest = ok(&bob, &["digest", "--json"]);
    let digest: serde_json::Value = serde_json::from_str(&digest).unwrap();
    let clips: Vec<&serde_json::Value> = digest["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["themes"].as_array().unwrap())
        .flat_map(|t| t["clips"].as_array().unwrap())
        .collect();
    let new = clips
        .iter()
        .find(|c| c["id"] == "alice-new")
        .expect("listed");
    assert_eq!(new["yours"], false, "{new}");
    assert!(
        new["corpus"]
            .as_str()
            .is_some_and(|c| c.ends_with("bob-checkout"))
    );
    // Nothing changed since: a sync reads nothing.
    assert!(ok(&bob, &["corpus", "sync"]).contains("nothing changed"));
}

#[test]
fn an_invalid_file_changes_nothing_and_names_its_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let (_repo, checkout, bob) = team(tmp.path());
    write_files(
        &checkout,
        &[
            (
                "bob/good.toml",
                "[[clip]]\nid = \"valid-but-not-applied\"\nsource = \"alice-talk\"\nvoice = \"alice-voice\"\nat = \"5:00\"\ngist = \"Gnu gist.\"\nclarity = 5\n",
            ),
            (
                "bob/bad.toml",
                "[[clip]]\nid = \"bad-time\"\nsource = \"alice-talk\"\nvoice = \"alice-voice\"\nat = \"9:99\"\ngist = \"x\"\nclarity = 5\n",
            ),
        ],
    );
    let err = run_fails(&bob, &["corpus", "sync"]);
    assert!(err.contains("bob/bad.toml:5"), "{err}");
    assert!(!ok(&bob, &["search", "gnu"]).contains("valid-but-not-applied"));
    // Starting dossier warns and opens with the records as they were.
    let o = run(&bob, &["search", "okapi"]);
    assert!(o.status.success());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("bob/bad.toml:5"), "{stderr}");
    // Fixed: the next sync applies both.
    std::fs::remove_file(checkout.join("bob/bad.toml")).unwrap();
    ok(&bob, &["corpus", "sync"]);
    assert!(ok(&bob, &["search", "gnu"]).contains("valid-but-not-applied"));
}

#[test]
fn the_same_id_in_two_corpora_is_refused_naming_both_files() {
    let tmp = tempfile::tempdir().unwrap();
    let (_repo, checkout, bob) = team(tmp.path());
    let other = write_files(
        &tmp.path().join("other-team"),
        &[(
            "voices.toml",
            "[[voice]]\nid = \"alice-voice\"\nname = \"Another Alice\"\n",
        )],
    );
    let err = run_fails(&bob, &["corpus", "follow", other.to_str().unwrap()]);
    assert!(err.contains("other-team/voices.toml:1"), "{err}");
    assert!(err.contains("alice/voices.toml:"), "{err}");
    let list = ok(&bob, &["corpus", "list"]);
    assert!(!list.contains("other-team"), "{list}");
    assert!(list.contains(checkout.file_name().unwrap().to_str().unwrap()));
}

#[test]
fn a_folder_that_disappears_keeps_its_records_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let (_repo, checkout, bob) = team(tmp.path());
    let moved = tmp.path().join("moved-away");
    std::fs::rename(&checkout, &moved).unwrap();
    let o = run(&bob, &["search", "okapi"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("alice-keep"));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("unavailable"), "{stderr}");
    assert!(ok(&bob, &["corpus", "list"]).contains("UNAVAILABLE"));
    // An emptied folder (an unmounted mount point) is no mass retirement either.
    std::fs::create_dir_all(&checkout).unwrap();
    let said = ok(&bob, &["corpus", "sync"]);
    assert!(said.contains("nothing changed"), "{said}");
    assert!(!ok(&bob, &["show", "alice-keep"]).contains("[retired]"));
    std::fs::remove_dir(&checkout).unwrap();
    std::fs::rename(&moved, &checkout).unwrap();
    ok(&bob, &["corpus", "sync"]);
    let list = ok(&bob, &["corpus", "list"]);
    assert!(!list.contains("UNAVAILABLE"), "{list}");
    assert!(!ok(&bob, &["show", "alice-keep"]).contains("[retired]"));
    // Unfollowing retires what it brought.
    let said = ok(&bob, &["corpus", "unfollow", checkout.to_str().unwrap()]);
    assert!(said.contains("retired"), "{said}");
    assert!(ok(&bob, &["show", "alice-keep"]).contains("[retired]"));
}

#[test]
fn a_source_link_set_by_the_user_survives_a_sync_that_changes_the_source() {
    let tmp = tempfile::tempdir().unwrap();
    let (repo, checkout, bob) = team(tmp.path());
    let show = ok(&bob, &["show", "alice-keep"]);
    assert!(show.contains("(none: the source has no URL)"), "{show}");
    ok(
        &bob,
        &[
            "source",
            "set",
            "alice-talk",
            "--url",
            "https://www.youtube.com/watch?v=team42",
            "--date",
            "2026-01-05",
        ],
    );
    // At once: the deep link, five seconds early (1:00 → t=55), marked as yours.
    let show = ok(&bob, &["show", "alice-keep"]);
    assert!(
        show.contains("https://www.youtube.com/watch?v=team42&t=55"),
        "{show}"
    );
    assert!(show.contains("Set by:   you"), "{show}");
    // The team renames the source; the user's link stays.
    let file = repo.join("alice/sources/alice-talk.toml");
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("Retrieval in Anger", "Retrieval, Renamed");
    std::fs::write(&file, text).unwrap();
    git(&repo, &["commit", "-qam", "rename"]);
    git(&checkout, &["pull", "-q"]);
    ok(&bob, &["corpus", "sync"]);
    let show = ok(&bob, &["show", "alice-keep"]);
    assert!(show.contains("Retrieval, Renamed"), "{show}");
    assert!(
        show.contains("https://www.youtube.com/watch?v=team42&t=55"),
        "{show}"
    );
    assert!(show.contains("2026-01-05"), "{show}");
    // The export carries it as an overlay.
    let out = tmp.path().join("bob-export");
    ok(&bob, &["corpus", "export", out.to_str().unwrap()]);
    let overlays = std::fs::read_to_string(out.join("overlays.toml")).unwrap();
    assert!(
        overlays.contains("source = \"alice-talk\"") && overlays.contains("team42"),
        "{overlays}"
    );
    // A built-in source takes one too.
    ok(
        &bob,
        &[
            "source",
            "set",
            "dtc-building-agentic-ai-systems",
            "--url",
            "https://example.com/ep.mp3",
        ],
    );
    let show = ok(&bob, &["show", "kulkarni-rag-not-dead"]);
    assert!(show.contains("https://example.com/ep.mp3#t="), "{show}");
}
