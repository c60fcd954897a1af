//! A deterministic synthetic library in the corpus format: English-like text from a
//! Zipfian vocabulary of about 20k words, 20-80 words per clip, thousands of voices and
//! sources, topics, themes and stances. Shared by `examples/synth.rs` and the benchmarks.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

/// xorshift64*: small, fast, and the same sequence everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

const STOPWORDS: &[&str] = &[
    "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "as", "with", "on", "be",
    "this", "by", "are", "or", "at", "from", "but", "not", "an", "they", "we", "you", "can",
    "more", "when", "what", "if", "their", "which", "so",
];
const DOMAIN: &[&str] = &[
    "retrieval",
    "fine-tuning",
    "embedding",
    "chunking",
    "reranking",
    "latency",
    "evaluation",
    "index",
    "vector",
    "prompt",
    "context",
    "model",
    "training",
    "adapter",
    "citation",
    "freshness",
    "recall",
    "precision",
    "agent",
    "pipeline",
    "graph",
    "search",
    "query",
    "document",
    "corpus",
    "metadata",
    "hybrid",
    "production",
    "cost",
];
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ren", "to", "sa", "vel", "qu", "dor", "en", "ta", "pri", "mo", "zan", "li",
    "ber", "co", "nu", "fa", "gor", "hi", "jas", "ul", "tre", "vin",
];

/// The vocabulary, most frequent first.
pub fn vocabulary(size: usize) -> Vec<String> {
    let mut words: Vec<String> = STOPWORDS
        .iter()
        .chain(DOMAIN)
        .map(|w| w.to_string())
        .collect();
    let mut rng = Rng::new(7);
    while words.len() < size {
        let n = 2 + rng.below(3);
        let w: String = (0..n)
            .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
            .collect();
        if !words.contains(&w) || words.len() > 5000 {
            words.push(w);
        }
    }
    words
}

/// Samples ranks with probability proportional to 1/rank (Zipf, s = 1).
pub struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    pub fn new(n: usize) -> Zipf {
        let mut total = 0.0;
        let cumulative = (1..=n)
            .map(|r| {
                total += 1.0 / r as f64;
                total
            })
            .collect();
        Zipf { cumulative }
    }
    pub fn sample(&self, rng: &mut Rng) -> usize {
        let total = *self.cumulative.last().unwrap_or(&1.0);
        let x = (rng.next_u64() as f64 / u64::MAX as f64) * total;
        self.cumulative
            .partition_point(|c| *c < x)
            .min(self.cumulative.len() - 1)
    }
}

pub struct Shape {
    pub clips: usize,
    pub voices: usize,
    pub sources: usize,
    pub themes: usize,
}

impl Shape {
    pub fn for_clips(clips: usize) -> Shape {
        Shape {
            clips,
            voices: (clips / 100).max(5),
            sources: (clips / 40).max(5),
            themes: 50,
        }
    }
}

fn sentence(rng: &mut Rng, vocab: &[String], zipf: &Zipf, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(&vocab[zipf.sample(rng)]);
    }
    s
}

/// Writes a synthetic corpus of `shape` into `out`. Ids are prefixed `syn-`.
pub fn write_corpus(out: &Path, shape: &Shape) -> std::io::Result<()> {
    std::fs::create_dir_all(out.join("clips"))?;
    let vocab = vocabulary(20_000);
    let zipf = Zipf::new(vocab.len());
    let mut rng = Rng::new(42);
    let mut people = String::new();
    for v in 0..shape.voices {
        let _ = write!(
            people,
            "[[voice]]\nid = \"syn-v{v}\"\nname = \"Voice {}\"\n\n",
            sentence(&mut rng, &vocab[60..], &Zipf::new(5000), 2)
        );
    }
    for s in 0..shape.sources {
        let kind = ["talk", "podcast", "video", "article", "paper"][s % 5];
        let _ = write!(
            people,
            "[[source]]\nid = \"syn-s{s}\"\nkind = \"{kind}\"\ntitle = \"{}\"\nurl = \"https://example.com/{s}\"\n\n",
            sentence(&mut rng, &vocab, &zipf, 4)
        );
    }
    for t in 0..shape.themes {
        let kind = if t % 3 == 0 { "debate" } else { "agreement" };
        let _ = write!(
            people,
            "[[theme]]\nid = \"syn-t{t}\"\nkind = \"{kind}\"\nclaim = \"{}\"\n\n",
            sentence(&mut rng, &vocab, &zipf, 10)
        );
    }
    std::fs::write(out.join("people.toml"), people)?;

    let per_file = 10_000;
    for chunk in 0..shape.clips.div_ceil(per_file) {
        let mut text = String::with_capacity(per_file * 400);
        for c in chunk * per_file..((chunk + 1) * per_file).min(shape.clips) {
            let words = 20 + rng.below(61);
            let start = rng.below(3 * 3600);
            let topic = &vocab[STOPWORDS.len() + rng.below(DOMAIN.len())];
            let theme = rng.below(shape.themes);
            let stance = ["supports", "opposes", "nuanced"][rng.below(3)];
            let _ = write!(
                text,
                "[[clip]]\nid = \"syn-c{c}\"\nsource = \"syn-s{}\"\nvoice = \"syn-v{}\"\nat = \"{}:{:02}:{:02}\"\ngist = \"{}\"\ntopics = [\"{topic}\"]\nclarity = {}\nadded = \"2026-{:02}-{:02}\"\nstances = {{ syn-t{theme} = \"{stance}\" }}\n\n",
                rng.below(shape.sources),
                rng.below(shape.voices),
                start / 3600,
                (start / 60) % 60,
                start % 60,
                sentence(&mut rng, &vocab, &zipf, words),
                rng.below(101),
                1 + rng.below(12),
                1 + rng.below(28),
            );
        }
        std::fs::write(
            out.join("clips").join(format!("clips-{chunk:04}.toml")),
            text,
        )?;
    }
    Ok(())
}

/// A WebVTT transcript of about `words` words: cues of 6 to 16 words, a few seconds
/// each, spoken by one of `speakers` named voices.
pub fn write_vtt(path: &Path, seed: u64, words: usize, speakers: usize) -> std::io::Result<usize> {
    thread_local! {
        static VOCAB: (Vec<String>, Zipf) = (vocabulary(20_000), Zipf::new(20_000));
    }
    let mut rng = Rng::new(seed);
    let mut out = String::from("WEBVTT\n\n");
    let mut written = 0;
    let mut ms: u64 = 0;
    let mut cues = 0;
    VOCAB.with(|(vocab, zipf)| {
        while written < words {
            let n = 6 + rng.below(11);
            let length = 1500 + 250 * n as u64;
            let _ = writeln!(
                out,
                "{}\n{} --> {}",
                cues + 1,
                stamp(ms),
                stamp(ms + length)
            );
            let _ = write!(out, "<v Speaker {}>", rng.below(speakers.max(1)));
            for i in 0..n {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(&vocab[zipf.sample(&mut rng)]);
            }
            out.push_str("\n\n");
            written += n;
            ms += length;
            cues += 1;
        }
    });
    std::fs::write(path, out)?;
    Ok(cues)
}

fn stamp(ms: u64) -> String {
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}
