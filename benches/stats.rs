//! Latency statistics shared by the benchmarks: p50 and p99 over repeated runs.
#![allow(dead_code)]

use std::time::{Duration, Instant};

pub struct Stats {
    pub p50: Duration,
    pub p99: Duration,
}

pub fn measure(runs: usize, mut f: impl FnMut()) -> Stats {
    for _ in 0..3 {
        f();
    }
    let times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    of(times)
}

/// p50 and p99 of samples (nearest rank).
pub fn of(mut times: Vec<Duration>) -> Stats {
    times.sort();
    let at = |q: f64| {
        times[((times.len() as f64 * q).ceil() as usize)
            .saturating_sub(1)
            .min(times.len() - 1)]
    };
    Stats {
        p50: at(0.50),
        p99: at(0.99),
    }
}

pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

pub fn row(name: &str, s: &Stats, target: Option<Duration>) {
    let verdict = match target {
        Some(t) if s.p99 <= t => format!("{} ✓", ms(t)),
        Some(t) => format!("{} ✗", ms(t)),
        None => "–".into(),
    };
    println!("| {name} | {} | {} | {verdict} |", ms(s.p50), ms(s.p99));
}
