//! The way out when the main loop cannot take it. crossterm 0.29 spins inside
//! `event::poll` once the terminal hangs up (its read loop treats end-of-file as "try
//! again"), so the loop never sees the hang-up or a signal. This thread watches for both;
//! if the loop has not exited a second later, it saves the note being typed, restores
//! the terminal and exits with 128 plus the signal (SIGHUP for a hang-up).

use super::action::Effect;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const TICK: Duration = Duration::from_millis(50);
/// How long the main loop gets to exit on its own.
const GRACE: Duration = Duration::from_secs(1);
/// How long the worker gets to write the saved note before the process exits.
const SAVE_TIME: Duration = Duration::from_millis(500);

pub struct Watchdog {
    done: Arc<AtomicBool>,
    draft: Arc<Mutex<Vec<Effect>>>,
}

impl Watchdog {
    pub fn start(signal: Arc<AtomicUsize>, effects: Sender<Effect>) -> Watchdog {
        let done = Arc::new(AtomicBool::new(false));
        let draft = Arc::new(Mutex::new(Vec::new()));
        let (thread_done, thread_draft) = (Arc::clone(&done), Arc::clone(&draft));
        std::thread::spawn(move || watch(&signal, &thread_done, &thread_draft, &effects));
        Watchdog { done, draft }
    }

    /// Keeps what must be saved if the process has to end from here (a note's text).
    pub fn keep(&self, draft: Vec<Effect>) {
        if let Ok(mut kept) = self.draft.lock() {
            *kept = draft;
        }
    }

    /// The main loop is exiting normally.
    pub fn stop(&self) {
        self.done.store(true, Ordering::SeqCst);
    }
}

fn watch(
    signal: &AtomicUsize,
    done: &AtomicBool,
    draft: &Mutex<Vec<Effect>>,
    effects: &Sender<Effect>,
) {
    let mut trouble_since: Option<Instant> = None;
    while !done.load(Ordering::SeqCst) {
        std::thread::sleep(TICK);
        let sig = signal.load(Ordering::Relaxed);
        if sig == 0 && !stdin_hung_up() {
            continue;
        }
        let since = *trouble_since.get_or_insert_with(Instant::now);
        if since.elapsed() < GRACE || done.load(Ordering::SeqCst) {
            continue;
        }
        let pending = draft.lock().map(|mut d| std::mem::take(&mut *d));
        for effect in pending.unwrap_or_default() {
            let _ = effects.send(effect);
        }
        std::thread::sleep(SAVE_TIME);
        super::restore_terminal();
        let sig = if sig == 0 {
            signal_hook::consts::SIGHUP as usize
        } else {
            sig
        };
        std::process::exit(128 + i32::try_from(sig).unwrap_or(0));
    }
}

/// Whether the terminal on standard input has hung up (or the descriptor is gone).
fn stdin_hung_up() -> bool {
    let mut fd = libc::pollfd {
        fd: 0,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: `fd` is a valid pollfd for the duration of the call, and the count is 1.
    let ready = unsafe { libc::poll(&mut fd, 1, 0) };
    ready > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}
