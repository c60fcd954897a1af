//! Runs effects against the `Library` on a worker thread, so the UI never waits for a
//! search. Of several searches queued while one ran, only the newest is run.

use super::action::{Action, CompareData, Effect, TranscriptData};
use super::events::Incoming;
use super::update::SEARCH_LIMIT;
use dossier::Library;
use dossier::search::StopWhen;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender};

mod changes;

pub use changes::RECOVERED_NOTES;
use changes::{apply, recover};

/// Runs one library effect and returns what it produced. Effects that are not about the
/// library (`Effect::is_outside`) produce nothing.
pub fn run(lib: &mut Library, effect: Effect) -> Vec<Action> {
    let failed = |e: dossier::Error| vec![Action::Failed(e.to_string())];
    let one = |a: Action| vec![a];
    match effect {
        Effect::LoadPages => lib
            .pages()
            .map(Action::PagesLoaded)
            .map_or_else(failed, one),
        Effect::LoadPage(id) => lib
            .page(&id)
            .map(|v| Action::PageLoaded(Box::new(v)))
            .map_or_else(failed, one),
        Effect::Restore => lib
            .last_page()
            .map(Action::Restored)
            .map_or_else(failed, one),
        Effect::RememberPage(id) => lib.remember_page(&id).map_or_else(failed, |()| Vec::new()),
        Effect::Search { seq, query } => search(lib, seq, &query, None),
        Effect::LoadClip(id) => match lib.clip(&id) {
            Ok(view) => {
                let related = lib.related_clips(&view, 8).unwrap_or_default();
                one(Action::ClipLoaded {
                    view: Box::new(view),
                    related,
                })
            }
            Err(e) => failed(e),
        },
        Effect::LoadInvestigations => lib
            .investigations()
            .map(Action::InvestigationsLoaded)
            .map_or_else(failed, one),
        Effect::LoadInvestigation(name) => lib
            .investigation(&name)
            .map(|v| Action::InvestigationLoaded(Box::new(v)))
            .map_or_else(failed, one),
        Effect::Change(change) => {
            let (result, reload) = apply(lib, change.clone());
            let mut actions = vec![match result {
                Ok(message) => Action::ChangeDone(message),
                Err(e) => Action::ChangeFailed {
                    change,
                    message: e.to_string(),
                },
            }];
            // Reload whatever happened: on failure too, the screen shows what is stored.
            match lib.investigations() {
                Ok(list) => actions.push(Action::InvestigationsLoaded(list)),
                Err(e) => actions.push(Action::Failed(e.to_string())),
            }
            if let Some(name) = reload
                && let Ok(view) = lib.investigation(&name)
            {
                actions.push(Action::InvestigationLoaded(Box::new(view)));
            }
            actions
        }
        Effect::CompareInvestigation(name) => {
            let compared = lib.investigation(&name).and_then(|view| {
                Ok(CompareData {
                    title: name.clone(),
                    comparison: lib.compare_loaded(&view)?,
                    clips: view.items.into_iter().map(|i| i.clip).collect(),
                })
            });
            compared
                .map(|c| Action::Compared(Box::new(c)))
                .map_or_else(failed, one)
        }
        Effect::ComparePage(id) => lib
            .page(&id)
            .map(|page| {
                let comparison = Library::compare_page_view(&page);
                Action::Compared(Box::new(CompareData {
                    title: page.page.record.title,
                    comparison,
                    clips: page.clips,
                }))
            })
            .map_or_else(failed, one),
        Effect::LoadBrief(name) => lib
            .brief(&name)
            .map(|markdown| Action::BriefLoaded {
                investigation: name,
                markdown,
            })
            .map_or_else(failed, one),
        Effect::Export {
            investigation,
            path,
            force,
        } => {
            let target = expand_home(&path);
            let is_file = std::fs::symlink_metadata(&target).is_ok_and(|m| m.is_file());
            if is_file && !force {
                return one(Action::ExportExists {
                    investigation,
                    path,
                });
            }
            match lib.export(&investigation, &target, force) {
                Ok(()) => {
                    let shown = std::path::absolute(&target).unwrap_or(target);
                    one(Action::Done(format!(
                        "brief written to {}",
                        shown.display()
                    )))
                }
                Err(e) => one(Action::ExportFailed {
                    investigation,
                    path,
                    message: e.to_string(),
                }),
            }
        }
        Effect::LoadTranscript { source, at } => transcript(lib, &source, at)
            .map(|t| Action::TranscriptLoaded(Box::new(t)))
            .map_or_else(failed, one),
        Effect::LoadDigest { since } => {
            let week = chrono::Utc::now() - chrono::Duration::days(7);
            let from = since
                .as_deref()
                .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
                .map(|t| t.with_timezone(&chrono::Utc));
            lib.digest(from.unwrap_or(week))
                .map(|d| Action::DigestLoaded {
                    digest: Box::new(d),
                    since_visit: from.is_some(),
                })
                .map_or_else(failed, one)
        }
        Effect::LoadNames => lib
            .completion_names()
            .map(|names| Action::NamesLoaded(std::sync::Arc::new(names)))
            .map_or_else(failed, one),
        Effect::BeginVisit => {
            let visit = lib.begin_visit().and_then(|previous| {
                let new_ids = match &previous {
                    Some(since) => lib.changed_ids_since(since)?,
                    None => Default::default(),
                };
                Ok(Action::VisitBegun { previous, new_ids })
            });
            visit.map_or_else(failed, one)
        }
        Effect::AddClip(new) => match lib.add_clip(&new) {
            Ok(report) => one(Action::ClipAdded(Box::new(report))),
            Err(e) => one(Action::AddFailed(e.to_string())),
        },
        Effect::SaveDraft(change) => {
            let (result, _) = apply(lib, change.clone());
            match result {
                Ok(message) => one(Action::ChangeDone(message)),
                Err(e) => one(Action::Failed(recover(lib, &change, &e.to_string()))),
            }
        }
        Effect::CheckForChanges => match lib.changed_elsewhere() {
            Ok(true) => one(Action::DataChanged),
            Ok(false) => Vec::new(),
            Err(e) => failed(e),
        },
        Effect::OpenIndex => match lib.open_index(&dossier::search::Silent) {
            Ok(Some(notice)) => one(Action::Status(crate::tui::text::clean(&notice))),
            Ok(None) => Vec::new(),
            Err(e) => failed(e),
        },
        Effect::OpenUrl(_) | Effect::Copy(_) => Vec::new(),
    }
}

fn transcript(lib: &Library, source: &str, at: usize) -> dossier::Result<TranscriptData> {
    let (info, cues) = lib.transcript(source)?;
    let source = lib
        .store()
        .source(source)?
        .ok_or_else(|| dossier::Error::NotFound {
            kind: "source",
            id: source.to_string(),
            hint: String::new(),
        })?
        .record;
    let default_voice = match source.voices.first() {
        Some(v) => lib.store().voice(v.as_str())?.map(|v| v.record.name),
        None => None,
    };
    Ok(TranscriptData {
        info,
        source,
        default_voice,
        cues,
        at,
    })
}

/// `~/x` means the home directory's `x`, as in a shell.
fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// A search's results, or nothing when `stop` was asked before it finished: a newer
/// search, then run, answers instead.
fn search(lib: &Library, seq: u64, query: &str, stop: Option<&StopWhen>) -> Vec<Action> {
    let found = match stop {
        Some(stop) => lib.search_until(query, SEARCH_LIMIT, stop),
        None => lib.search(query, SEARCH_LIMIT).map(Some),
    };
    match found {
        Ok(found) => found
            .map(|results| Action::SearchDone { seq, results })
            .into_iter()
            .collect(),
        Err(e) => vec![Action::Failed(e.to_string())],
    }
}

/// The newest search the UI has asked for, shared with the worker: a search that is no
/// longer the newest stops where it is (see `dossier::search::StopWhen`).
#[derive(Clone, Default)]
pub struct NewestSearch(Arc<AtomicU64>);

impl NewestSearch {
    /// Called as a search is sent to the worker.
    pub fn asked(&self, seq: u64) {
        self.0.store(seq, Ordering::SeqCst);
    }

    fn stop_unless_newest(&self, seq: u64) -> StopWhen {
        let newest = Arc::clone(&self.0);
        StopWhen::new(move || newest.load(Ordering::SeqCst) != seq)
    }
}

/// The worker loop: owns the library until the UI hangs up.
pub fn work(
    mut lib: Library,
    effects: Receiver<Effect>,
    results: Sender<Incoming>,
    newest: NewestSearch,
) {
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
            let actions = match effect {
                Effect::Search { seq, query } => {
                    search(&lib, seq, &query, Some(&newest.stop_unless_newest(seq)))
                }
                other => run(&mut lib, other),
            };
            for action in actions {
                if results.send(Incoming::Worker(action)).is_err() {
                    return;
                }
            }
        }
    }
}
