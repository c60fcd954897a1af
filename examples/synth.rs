//! Writes a deterministic synthetic library in the corpus format:
//! `cargo run --release --example synth -- --clips 100000 --out /tmp/synth`,
//! then `dossier import /tmp/synth`.

#[path = "../benches/synth.rs"]
mod synth;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let clips: usize = value("--clips")
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let Some(out) = value("--out") else {
        eprintln!("usage: synth --clips N --out DIR");
        std::process::exit(2);
    };
    let shape = synth::Shape::for_clips(clips);
    if let Err(e) = synth::write_corpus(std::path::Path::new(&out), &shape) {
        eprintln!("error: cannot write {out}: {e}");
        std::process::exit(1);
    }
    println!(
        "wrote {clips} clips, {} voices, {} sources, {} themes to {out}",
        shape.voices, shape.sources, shape.themes
    );
}
