// `include_dir!` cannot tell cargo which files it read, so changes to the corpus or the
// migrations would not trigger a rebuild without this.
//
// The built-in corpus's content hash is computed here, once, so that opening a notebook
// compares one constant with the stored hash instead of hashing (and parsing) the
// corpus on every start. It must match `corpus::content_hash` over
// `corpus::embedded_files()`; a unit test holds the two together.
use sha2::{Digest, Sha256};
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=corpus");
    println!("cargo:rerun-if-changed=migrations");
    link_at_a_fixed_address();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort();
    let mut hasher = Sha256::new();
    for (path, bytes) in &files {
        hasher.update(path.as_bytes());
        hasher.update([0]);
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    }
    let hash: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let out =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded_hash.rs");
    std::fs::write(
        out,
        format!("/// The built-in corpus's content hash, computed by build.rs.\npub const EMBEDDED_HASH: &str = \"{hash}\";\n"),
    )
    .expect("write embedded_hash.rs");
}

/// Every `.toml` and `.md` file under `dir`, as `corpus/<relative path>` and its bytes.
fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read corpus folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(root, &path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("toml" | "md")
        ) && !path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.eq_ignore_ascii_case("README.md"))
        {
            let relative = path.strip_prefix(root).expect("under the corpus folder");
            let bytes = std::fs::read(&path).expect("read corpus file");
            out.push((format!("corpus/{}", relative.display()), bytes));
        }
    }
}

/// Links the `dossier` binary as a fixed-address executable (its code is still compiled
/// position-independent, as every crate's is). As a position-independent executable it
/// carried some 32,000 relocations that the dynamic loader applied on every start,
/// faulting in and copying each page they touch: about a third of a bare `dossier
/// --version`, half a millisecond of every CLI command (README, performance). Shared
/// libraries, the heap, the stack and mmaps are still placed at random.
fn link_at_a_fixed_address() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
