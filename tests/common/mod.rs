//! Shared helpers: real files, a real SQLite database and a real index in a temp dir.
#![allow(dead_code)]

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
