//! Property tests: the parsers that read user files and typed queries never panic, and
//! the display sanitizer is idempotent and lets no control or bidi character through.
//! 10,000 cases each (`PROPTEST_CASES` overrides).

use dossier::corpus::{self, CorpusFile, KnownIds};
use proptest::prelude::*;

fn cases() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(10_000);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Text shaped like a corpus record file: headers, keys, values, and noise between them.
fn record_text() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("[[clip]]".to_string()),
        Just("[[voice]]".to_string()),
        Just("[[source]]".to_string()),
        Just("[[theme]]".to_string()),
        "(id|voice|source|gist|quote|section|kind|name|title|claim|url) = \"[ -~é漢\\x00-\\x1f]{0,12}\"",
        "(start|end) = \"[0-9:.hms -]{0,10}\"",
        "(clarity|start|end) = -?[0-9]{0,6}",
        "(topics|pages) = \\[(\"[a-z-]{0,6}\", ?){0,3}\\]",
        "stances = \\[\\{ theme = \"[a-z-]{0,8}\", stance = \"(supports|opposes|nuanced|[a-z]{0,5})\" \\}\\]",
        any::<String>(),
    ];
    prop::collection::vec(line, 0..14).prop_map(|lines| lines.join("\n"))
}

/// Text shaped like a decision page: front matter fences, keys, headings, lists.
fn page_text() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("+++".to_string()),
        Just("---".to_string()),
        "(id|title|question|canonical_clip) = \"[ -~]{0,10}\"",
        "(options|themes|related|concepts) = \\[(\"[a-z-]{0,6}\", ?){0,3}\\]",
        "#{1,3} [A-Za-z -]{0,20}",
        "[-*] [ -~]{0,20}",
        any::<String>(),
    ];
    prop::collection::vec(line, 0..16).prop_map(|lines| lines.join("\n"))
}

/// Any string, or one dense in what attacks a terminal: C0 and C1 controls, DEL, bidi
/// overrides and isolates, line separators, zero-width and combining characters.
fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\\x00-\\x1f\\x7f-\\x9f\\x{202a}-\\x{202e}\\x{2066}-\\x{2069}\\x{200b}-\\x{200f}\\x{061c}\\x{2028}\\x{2029}\\x{0301}a-z漢 \\[;\\]]{0,40}",
    ]
}

fn load(path: &str, bytes: Vec<u8>) {
    let files = [CorpusFile {
        path: path.to_string(),
        bytes: Ok(bytes),
    }];
    // Either a corpus or a list of problems with file and line; never a panic.
    if let Err(e) = corpus::load(&files, &KnownIds::default()) {
        for p in e.problems() {
            assert!(!p.to_string().is_empty());
        }
    }
}

proptest! {
    #![proptest_config(cases())]

    #[test]
    fn the_time_parser_never_panics(text in "[0-9:.hms -]{0,16}|\\PC{0,16}") {
        if let Ok(seconds) = corpus::time::parse_time(&text) {
            // What parses formats back to something that parses to the same.
            let shown = dossier::model::format_time(seconds);
            prop_assert_eq!(corpus::time::parse_time(&shown), Ok(seconds));
        }
    }

    #[test]
    fn record_files_never_panic(text in record_text()) {
        load("clips/x.toml", text.into_bytes());
    }

    #[test]
    fn page_files_never_panic(text in page_text()) {
        load("pages/x.md", text.into_bytes());
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256), md in any::<bool>()) {
        load(if md { "pages/x.md" } else { "x.toml" }, bytes);
    }

    #[test]
    fn the_query_parser_never_panics(text in "[a-z:\" -]{0,24}|\\PC{0,24}|.{0,24}") {
        let parsed = dossier::search::query::parse(&text);
        // Every word it keeps came from the input.
        for w in &parsed.words {
            prop_assert!(text.to_lowercase().contains(&w.to_lowercase()) || text.contains(w.as_str()));
        }
    }

    #[test]
    fn sanitize_is_idempotent_and_leaves_no_control_or_bidi(text in hostile_text()) {
        let once = dossier::text::sanitize(&text).into_owned();
        prop_assert_eq!(dossier::text::sanitize(&once).into_owned(), once.clone());
        for c in once.chars() {
            prop_assert!(!c.is_control(), "control {:?} in {:?}", c, once);
            prop_assert!(
                !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}'),
                "bidi {:?} in {:?}", c, once
            );
        }
        let multi = dossier::text::sanitize_multiline(&text).into_owned();
        prop_assert!(multi.chars().all(|c| c == '\n' || !c.is_control()));
    }
}
