//! Runs effects against the `Library` on a worker thread, so the UI never waits for a
//! search. Of several searches queued while one ran, only the newest is run.

use super::action::{Action, Effect};
use super::update::SEARCH_LIMIT;
use dossier::Library;
use std::sync::mpsc::{Receiver, Sender};

/// Runs one library effect. Effects that are not about the library return `None`.
pub fn run(lib: &Library, effect: Effect) -> Option<Action> {
    let failed = |e: dossier::Error| Action::Failed(e.to_string());
    Some(match effect {
        Effect::LoadPages => lib.pages().map(Action::PagesLoaded).unwrap_or_else(failed),
        Effect::LoadPage(id) => lib
            .page(&id)
            .map(|v| Action::PageLoaded(Box::new(v)))
            .unwrap_or_else(failed),
        Effect::Search { seq, query } => lib
            .search(&query, SEARCH_LIMIT)
            .map(|results| Action::SearchDone { seq, results })
            .unwrap_or_else(failed),
        Effect::LoadClip(id) => match lib.clip(&id) {
            Ok(view) => {
                let related = lib.related_clips(&view, 8).unwrap_or_default();
                Action::ClipLoaded {
                    view: Box::new(view),
                    related,
                }
            }
            Err(e) => failed(e),
        },
        Effect::OpenUrl(_) | Effect::Copy(_) => return None,
    })
}

/// The worker loop: owns the library until the UI hangs up.
pub fn work(lib: Library, effects: Receiver<Effect>, results: Sender<Action>) {
    while let Ok(first) = effects.recv() {
        let mut batch = vec![first];
        batch.extend(effects.try_iter());
        let newest_search = batch
            .iter()
            .rposition(|e| matches!(e, Effect::Search { .. }));
        for (i, effect) in batch.into_iter().enumerate() {
            if matches!(effect, Effect::Search { .. }) && Some(i) != newest_search {
                continue;
            }
            if let Some(action) = run(&lib, effect)
                && results.send(action).is_err()
            {
                return;
            }
        }
    }
}
