//! One queue for everything that wakes the UI: terminal input, read on its own thread,
//! and the worker's results. The event loop blocks on this queue, so a finished search
//! is drawn the moment it arrives instead of when a poll interval runs out.

use super::action::Action;
use ratatui::crossterm::event::{self, Event};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::time::Duration;

/// Something the event loop has to look at.
pub enum Incoming {
    /// A key, mouse or resize event from the terminal.
    Terminal(Event),
    /// What the worker produced from an effect (search results, a saved note, ...).
    Worker(Action),
    /// The terminal could not be read: the loop ends with this error.
    InputFailed(std::io::Error),
}

/// Reads the terminal on a thread of its own until `stop` is set or the loop hangs up.
/// It waits in short polls rather than one blocking read so that it notices `stop`.
pub fn spawn_input(inbox: Sender<Incoming>, stop: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            let next = match event::poll(Duration::from_millis(50)) {
                Ok(false) => continue,
                Ok(true) => event::read().map(Incoming::Terminal),
                Err(e) => Err(e),
            };
            let failed = next.is_err();
            let sent = inbox.send(next.unwrap_or_else(Incoming::InputFailed));
            if failed || sent.is_err() {
                return;
            }
        }
    });
}
