//! The terminal UI. Keys resolve to named `Action`s through the keymap; a pure `update`
//! returns `Effect`s; the driver runs them against the `Library` on a worker thread;
//! views draw borrowed state. Core modules never import this one.

pub mod action;
pub mod app;
pub mod driver;
pub mod editor;
pub mod events;
pub mod form;
pub mod headless;
pub mod keymap;
pub mod status;
pub mod text;
pub mod theme;
pub mod update;
pub mod views;
mod watchdog;

use action::{Action, Effect, MouseKind};
use app::App;
use dossier::Library;
use events::Incoming;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEventKind, KeyModifiers,
    MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use status::Status;
use std::io::{Stdout, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

/// Puts the terminal back: raw mode off, alternate screen left, mouse capture off, cursor
/// shown. Safe to call more than once.
pub fn restore_terminal() {
    let _ = disable_raw_mode();
    let mut out = std::io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = out.flush();
}

/// Suspends like any terminal program on Ctrl-Z or SIGTSTP: gives the terminal back
/// (raw mode off, main screen, cursor, no mouse reporting), stops, and when continued
/// (`fg`, SIGCONT) takes it again and redraws everything.
fn suspend(terminal: &mut Terminal<CrosstermBackend<Stdout>>) -> anyhow::Result<()> {
    restore_terminal();
    // SIGSTOP, which no handler catches: SIGTSTP is ours now (it only sets a flag), and
    // the kernel would drop it anyway for a process group with no shell to resume it.
    // SAFETY: raise only sends a signal to this process.
    unsafe {
        libc::raise(libc::SIGSTOP);
    }
    // Continued.
    enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All)
    )?;
    // A blank frame first, so that the next one is drawn whole rather than as a
    // difference from what was on the screen before the stop. (`Terminal::clear` would
    // ask the terminal for the cursor's position, which not every terminal answers.)
    terminal.draw(|f| f.render_widget(ratatui::widgets::Clear, f.area()))?;
    Ok(())
}

/// Restores the terminal when dropped: on return, on error and while unwinding.
struct TerminalGuard;

impl TerminalGuard {
    fn enter() -> std::io::Result<TerminalGuard> {
        enable_raw_mode()?;
        let guard = TerminalGuard;
        execute!(std::io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// What syncing the followed folders on open did, for the status line: a problem first,
/// then unavailable folders, then what changed.
fn follow_status(opened: &dossier::library::OpenReport) -> Option<Status> {
    if let Some(e) = &opened.follow_error {
        let first = e.lines().nth(1).unwrap_or(e).trim();
        return Some(Status::problem(format!(
            "followed corpora not synced (`dossier corpus sync` shows why): {}",
            text::clean(first)
        )));
    }
    if !opened.unavailable.is_empty() {
        return Some(Status::problem(format!(
            "followed corpus unavailable, its clips kept as they were: {}",
            text::clean(&opened.unavailable.join(", "))
        )));
    }
    let r = opened.followed.as_ref()?;
    (r.changed + r.retired > 0).then(|| {
        Status::done(format!(
            "synced followed corpora: {} record(s) added or changed, {} retired",
            r.changed, r.retired
        ))
    })
}

/// Runs the UI until the user quits or a signal arrives. Returns the exit code: 0, or
/// 128 plus the signal's number.
pub fn run(lib: Library) -> anyhow::Result<u8> {
    let signal = Arc::new(AtomicUsize::new(0));
    // Every signal whose default action ends the process: each restores the terminal
    // and exits with 128 plus its number, a note being typed saved first.
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGQUIT,
        signal_hook::consts::SIGUSR1,
        signal_hook::consts::SIGUSR2,
        signal_hook::consts::SIGALRM,
    ] {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
    }
    // SIGTSTP (and Ctrl-Z, which raw mode turns into a key) suspends: see `suspend`.
    let stop_requested = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGTSTP, Arc::clone(&stop_requested))?;
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));

    let _guard = TerminalGuard::enter()?;
    let mut terminal = Terminal::new(CrosstermBackend::new(std::io::stdout()))?;
    let size = terminal.size()?;
    let mut app = App::new(size.width, size.height);
    if let Some(holder) = &lib.opened.index_stale {
        app.status = Some(Status::info(format!(
            "{} is updating the search index: results may be a few seconds old",
            text::clean(holder)
        )));
    }
    if let Some(status) = follow_status(&lib.opened) {
        app.status = Some(status);
    }
    let theme = theme::Theme::from_env();

    let (effects, effect_rx) = mpsc::channel::<Effect>();
    let (inbox_tx, inbox) = mpsc::channel::<Incoming>();
    let input_stop = Arc::new(AtomicBool::new(false));
    events::spawn_input(inbox_tx.clone(), Arc::clone(&input_stop));
    let newest_search = driver::NewestSearch::default();
    let worker = {
        let newest = newest_search.clone();
        std::thread::spawn(move || driver::work(lib, effect_rx, inbox_tx, newest))
    };
    let _ = effects.send(Effect::LoadPages);
    let _ = effects.send(Effect::Restore);
    let _ = effects.send(Effect::BeginVisit);
    let _ = effects.send(Effect::OpenIndex);
    let watchdog = watchdog::Watchdog::start(Arc::clone(&signal), effects.clone());

    let mut dirty = true;
    // Writes by other processes are looked for every second; open screens then reload.
    let mut last_check = std::time::Instant::now();
    let code = loop {
        if last_check.elapsed() >= Duration::from_secs(1) {
            let _ = effects.send(Effect::CheckForChanges);
            last_check = std::time::Instant::now();
        }
        if dirty {
            terminal.draw(|f| views::render(f, &app, &theme))?;
            dirty = false;
        }
        let sig = signal.load(Ordering::Relaxed);
        if sig != 0 {
            // A note being written is saved before the worker is told to stop.
            for effect in update::save_draft(&mut app) {
                let _ = effects.send(effect);
            }
            break 128 + u8::try_from(sig).unwrap_or(0);
        }
        if app.quit {
            break 0;
        }
        if stop_requested.swap(false, Ordering::SeqCst) {
            suspend(&mut terminal)?;
            dirty = true;
            continue;
        }
        // Wakes at once for input or a worker's result; otherwise every so often, to look
        // at the signal flags above.
        let mut incoming = Vec::new();
        match inbox.recv_timeout(Duration::from_millis(25)) {
            Ok(first) => {
                incoming.push(first);
                incoming.extend(inbox.try_iter());
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break 0,
        }
        let busy = !incoming.is_empty();
        for item in incoming {
            // Keys resolve against the state the previous action left, one at a time.
            let action = match item {
                Incoming::Terminal(event) => match terminal_action(&app, event) {
                    TerminalInput::Action(action) => action,
                    TerminalInput::Suspend => {
                        stop_requested.store(true, Ordering::SeqCst);
                        continue;
                    }
                    TerminalInput::Nothing => continue,
                },
                Incoming::Worker(action) => action,
                Incoming::InputFailed(e) => {
                    input_stop.store(true, Ordering::Relaxed);
                    return Err(e.into());
                }
            };
            dirty = true;
            for effect in update::update(&mut app, action) {
                match effect {
                    Effect::OpenUrl(url) => {
                        if let Some(failed) = open_url(&url) {
                            // Shown in full with `y` to copy; the launcher's error is not
                            // the user's business.
                            for effect in update::update(&mut app, failed) {
                                if let Effect::Copy(text) = effect {
                                    app.status = Some(copy(terminal.backend_mut(), &text));
                                }
                            }
                        } else {
                            app.status = Some(Status::done(format!(
                                "opened {}",
                                text::clean(url.as_str())
                            )));
                        }
                    }
                    Effect::Copy(text) => app.status = Some(copy(terminal.backend_mut(), &text)),
                    other => {
                        if let Effect::Search { seq, .. } = &other {
                            newest_search.asked(*seq);
                        }
                        let _ = effects.send(other);
                    }
                }
            }
        }
        if busy {
            watchdog.keep(update::draft(&app));
        }
    };
    input_stop.store(true, Ordering::Relaxed);
    watchdog.stop();
    drop(effects);
    let _ = worker.join();
    Ok(code)
}

/// What a terminal event asks of the loop.
enum TerminalInput {
    Action(Action),
    Suspend,
    Nothing,
}

fn terminal_action(app: &App, event: Event) -> TerminalInput {
    let action = match event {
        Event::Key(key)
            if key.kind != KeyEventKind::Release
                && key.code == KeyCode::Char('z')
                && key.modifiers.contains(KeyModifiers::CONTROL) =>
        {
            return TerminalInput::Suspend;
        }
        Event::Key(key) if key.kind != KeyEventKind::Release => keymap::resolve(app, key),
        // Where the pointer is goes with it: the wheel scrolls the pane under it, a
        // click selects what is there.
        Event::Mouse(m) => {
            let kind = match m.kind {
                MouseEventKind::ScrollDown => Some(MouseKind::WheelDown),
                MouseEventKind::ScrollUp => Some(MouseKind::WheelUp),
                MouseEventKind::ScrollLeft => Some(MouseKind::WheelLeft),
                MouseEventKind::ScrollRight => Some(MouseKind::WheelRight),
                MouseEventKind::Down(MouseButton::Left) => Some(MouseKind::Click),
                _ => None,
            };
            kind.map(|kind| Action::Mouse {
                kind,
                x: m.column,
                y: m.row,
            })
        }
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        _ => None,
    };
    action.map_or(TerminalInput::Nothing, TerminalInput::Action)
}

/// Opens a link in the system's browser: only a [`WebUrl`](dossier::web_url::WebUrl), so
/// nothing but a checked http(s) link is ever handed to the opener.
/// Returns, when no browser could open it, the action that shows the link instead.
fn open_url(url: &dossier::web_url::WebUrl) -> Option<Action> {
    open::that_detached(url.as_str())
        .err()
        .map(|_| Action::OpenFailed(url.clone()))
}

/// Copies through OSC 52: the terminal puts the text on the system clipboard. The text is
/// base64-encoded, so nothing in it can act as a control sequence.
fn copy(backend: &mut CrosstermBackend<Stdout>, text: &str) -> Status {
    use base64::Engine;
    let payload = base64::engine::general_purpose::STANDARD.encode(text);
    match write!(backend, "\u{1b}]52;c;{payload}\u{7}").and_then(|()| backend.flush()) {
        Ok(()) if text.contains(&dossier::brief::escape(update::CITATION_CUT)) => {
            Status::done(format!(
                "citation copied, its text cut to {} characters (needs a terminal with OSC 52)",
                update::CITATION_TEXT_CHARS
            ))
        }
        // A link shown because no browser could open it.
        Ok(()) if dossier::web_url::WebUrl::parse(text).is_ok() => {
            Status::done("link copied to the clipboard (needs a terminal with OSC 52)")
        }
        Ok(()) => Status::done("citation copied to the clipboard (needs a terminal with OSC 52)"),
        Err(e) => Status::problem(format!("could not copy: {e}")),
    }
}
