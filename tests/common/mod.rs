//! Shared helpers: real files, a real SQLite database and a real index in a temp dir.
#![allow(dead_code)]

pub mod hostile;
pub mod renderers;
pub mod terminal;

use dossier::Library;
use dossier::search::Silent;
use std::path::{Path, PathBuf};

/// Writes `files` (relative path, contents) under `dir` and returns `dir`.
pub fn write_files(dir: &Path, files: &[(&str, &str)]) -> PathBuf {
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir.to_path_buf()
}

pub fn open(dir: &Path) -> Library {
    Library::open(dir, &Silent).expect("library opens")
}

/// A notebook in `dir` with [`USER_CORPUS`] imported (written to `dir/user`).
pub fn open_with_user_corpus(dir: &Path) -> Library {
    let mut lib = open(dir);
    let user = write_files(&dir.join("user"), &[("mine.toml", USER_CORPUS)]);
    lib.import(&user).expect("the user corpus imports");
    lib
}

/// A small valid user corpus with a URL, so deep links can be tested.
pub const USER_CORPUS: &str = r#"
[[voice]]
id = "ada-example"
name = "Ada Example"
role = "Staff engineer"

[[source]]
id = "yt-talk"
kind = "talk"
title = "Vector Databases in Anger"
url = "https://www.youtube.com/watch?v=abc123"
voices = ["ada-example"]

[[source]]
id = "podcast-ep"
kind = "podcast"
title = "Episode 42"
url = "https://example.com/ep42.mp3"
voices = ["ada-example"]

[[clip]]
id = "ada-hnsw-recall"
source = "yt-talk"
voice = "ada-example"
at = "12:34"
to = "13:10"
gist = "Zebrafish indexes trade recall for speed; measure recall at k before tuning anything."
topics = ["vector search"]
clarity = 70
stances = { retrieval-quality-dominates = "supports" }

[[clip]]
id = "ada-podcast-moment"
source = "podcast-ep"
voice = "ada-example"
at = "0:03"
gist = "Opening remarks about quokka retrieval."
clarity = 40
"#;

pub fn bin() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
}

/// Hostile and awkward text: terminal escapes, bidi overrides, CJK, emoji, a long gist.
pub fn awkward_corpus() -> String {
    let long_gist = "This clip goes on and on about retrieval budgets. ".repeat(60);
    format!(
        r#"
[[voice]]
id = "wide-voice"
name = "山田 太郎 👩‍💻"

[[source]]
id = "wide-source"
kind = "video"
title = "检索增强生成 入门 🚀"
voices = ["wide-voice"]

[[clip]]
id = "hostile-clip"
source = "wide-source"
voice = "wide-voice"
at = "1:00"
quote = "osc \u001b]52;c;ZXZpbA==\u0007 clear \u001b[2J bidi \u202Eevil"
gist = "Hostile zebra text: \u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007 and \u009b31m C1 and a tab\there."
clarity = 10

[[clip]]
id = "wide-clip"
source = "wide-source"
voice = "wide-voice"
at = "2:00"
to = "3:30"
gist = "漢字とかなの説明 with emoji 👩‍👩‍👧 and combining e\u0301 marks, wide aardvark text."
clarity = 60

[[clip]]
id = "long-clip"
source = "wide-source"
voice = "wide-voice"
at = "1:00:00"
gist = "{long_gist}"
clarity = 90
"#
    )
}

/// Runs the real binary against `data` (never the user's own notebook).
pub fn run(data: &Path, args: &[&str]) -> std::process::Output {
    bin()
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("DOSSIER_HOME")
        .output()
        .expect("dossier runs")
}

/// Runs the real binary like [`run`], requires success, and returns stdout.
pub fn run_ok(data: &Path, args: &[&str]) -> String {
    let o = run(data, args);
    assert!(
        o.status.success(),
        "dossier {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).expect("UTF-8 output")
}

/// Runs the real binary, requires exit code 1 (a refusal, not a crash), returns stderr.
pub fn run_fails(data: &Path, args: &[&str]) -> String {
    let o = run(data, args);
    assert_eq!(o.status.code(), Some(1), "dossier {args:?} should fail");
    String::from_utf8(o.stderr).expect("UTF-8 output")
}

/// Runs a `--json` command, requires success, and parses its output.
pub fn run_json(data: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&run_ok(data, args)).expect("JSON output")
}

/// Parses `json` and fails on any object that has one key twice (serde_json keeps the
/// last value silently, so a reader could get the wrong one).
pub fn assert_unique_keys(json: &str) {
    use serde::de::{DeserializeSeed, Deserializer, Error, MapAccess, SeqAccess, Visitor};
    struct Unique;
    impl<'de> DeserializeSeed<'de> for Unique {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }
    impl<'de> Visitor<'de> for Unique {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            while seq.next_element_seed(Unique)?.is_some() {}
            Ok(())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let mut seen = std::collections::HashSet::new();
            while let Some(key) = map.next_key::<String>()? {
                if !seen.insert(key.clone()) {
                    return Err(A::Error::custom(format!("the key `{key}` appears twice")));
                }
                map.next_value_seed(Unique)?;
            }
            Ok(())
        }
    }
    let mut d = serde_json::Deserializer::from_str(json);
    if let Err(e) = Unique.deserialize(&mut d).and_then(|()| d.end()) {
        panic!("{e}: {}", &json[..json.len().min(2000)]);
    }
}
