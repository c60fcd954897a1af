//! Capture in the UI: the new-clip form, transcripts (select cues, cut a clip) and the
//! digest of what is new.

use super::scrolling::{At, Lines};
use super::{go, open_clip, step};
use crate::tui::action::{Action, Effect};
use crate::tui::app::{App, DigestState, Modal, Screen, TranscriptState};
use crate::tui::form::ClipForm;
use crate::tui::views;
use dossier::capture::NewClip;
use dossier::model::format_time;

/// Handles capture actions and the transcript and digest screens. `None` when the action
/// is not theirs.
pub fn update(app: &mut App, action: &Action) -> Option<Vec<Effect>> {
    let page = app.page_step();
    match action {
        Action::NewClip => Some(open_form(app, prefill(app))),
        Action::OpenDigest => {
            go(app, Screen::Digest);
            Some(vec![Effect::LoadDigest {
                since: app.last_visit.clone(),
            }])
        }
        Action::TranscriptLoaded(data) => {
            let at = data.at.min(data.cues.len().saturating_sub(1));
            app.transcript = Some(TranscriptState {
                info: data.info.clone(),
                source: data.source.clone(),
                default_voice: data.default_voice.clone(),
                cues: data.cues.clone(),
                selected: at,
                anchor: None,
                scroll: 0,
            });
            // Opened at a cue: it shows a little below the top, with what leads to it.
            if let Some((layout, height)) = views::transcript_layout(app)
                && let Some(t) = &mut app.transcript
            {
                let line = layout.cue_starts.get(at).copied().unwrap_or(0);
                let max = layout.lines.len().saturating_sub(height);
                t.scroll = line.saturating_sub(height / 3).min(max);
            }
            Some(Vec::new())
        }
        Action::DigestLoaded {
            digest,
            since_visit,
        } => {
            let mut state = DigestState {
                digest: (**digest).clone(),
                since_visit: *since_visit,
                selected: 0,
            };
            // Reloaded (the notebook changed): the selection stays where it can.
            if let Some(old) = &app.digest {
                state.selected = old.selected.min(state.clip_ids().len().saturating_sub(1));
            }
            app.digest = Some(state);
            Some(Vec::new())
        }
        Action::NamesLoaded(names) => {
            app.names = names.clone();
            Some(Vec::new())
        }
        Action::VisitBegun { previous, new_ids } => {
            app.last_visit = previous.clone();
            app.new_ids = new_ids.clone();
            Some(Vec::new())
        }
        Action::ClipAdded(report) => {
            app.modal = None;
            app.new_ids.insert(report.clip.0.clone());
            if let Some(t) = &mut app.transcript {
                t.anchor = None;
            }
            let mut message = format!("added clip {} ({})", report.clip, report.time_range);
            if let Some(inv) = &report.investigation {
                message.push_str(&format!(" to “{inv}”"));
            }
            for (what, name) in [
                ("voice", &report.created_voice),
                ("source", &report.created_source),
            ] {
                if let Some(name) = name {
                    message.push_str(&format!("; new {what} {name}"));
                }
            }
            app.status = Some(crate::tui::status::Status::done(message));
            // Every open screen shows the new clip: the newest clips, page counts,
            // investigations.
            let mut effects = vec![Effect::LoadNames];
            effects.extend(super::fresh::reload(app));
            Some(effects)
        }
        Action::AddFailed(message) => {
            match &mut app.modal {
                Some(Modal::ClipForm(form)) => form.refused = Some(message.clone()),
                _ => app.status = Some(crate::tui::status::Status::problem(message.clone())),
            }
            Some(Vec::new())
        }
        _ if app.screen == Screen::Transcript => transcript(app, action),
        _ if app.screen == Screen::Digest => digest(app, action, page),
        _ => None,
    }
}

fn open_form(app: &mut App, prefill: NewClip) -> Vec<Effect> {
    app.modal = Some(Modal::ClipForm(Box::new(ClipForm::new(&prefill))));
    vec![Effect::LoadNames]
}

/// What a new clip starts with: the transcript's source and cue time, or the open clip's
/// source and voice (another moment of the same talk is the usual case).
fn prefill(app: &App) -> NewClip {
    match app.screen {
        Screen::Transcript => match &app.transcript {
            Some(t) => {
                let cue = t.cues.get(t.selected);
                NewClip {
                    url: t
                        .source
                        .url
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                    source: t.source.title.clone(),
                    at: cue.map_or_else(String::new, |c| seconds(c.start_ms)),
                    voice: cue
                        .and_then(|c| c.voice.clone())
                        .or_else(|| t.default_voice.clone())
                        .unwrap_or_default(),
                    ..NewClip::default()
                }
            }
            None => NewClip::default(),
        },
        Screen::Clip => match &app.clip {
            Some(c) => NewClip {
                url: c
                    .view
                    .source
                    .url
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                source: c.view.source.title.clone(),
                voice: c.view.voice.name.clone(),
                ..NewClip::default()
            },
            None => NewClip::default(),
        },
        _ => NewClip::default(),
    }
}

fn seconds(ms: u64) -> String {
    format_time(u32::try_from(ms / 1000).unwrap_or(u32::MAX))
}

/// A clip from the selected cues: their times, their words, their speaker.
fn cut(t: &TranscriptState) -> NewClip {
    let range = t.range();
    let cues = &t.cues[range.clone()];
    let (Some(first), Some(last)) = (cues.first(), cues.last()) else {
        return NewClip::default();
    };
    let start = first.start_ms / 1000;
    // Round the end up so the last word is inside the clip.
    let end = last.end_ms.div_ceil(1000).max(start + 1);
    let mut quote: String = cues
        .iter()
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    if quote.chars().count() > 1_000 {
        quote = quote.chars().take(999).collect::<String>() + "…";
    }
    NewClip {
        url: t
            .source
            .url
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        source: t.source.title.clone(),
        at: seconds(start * 1000),
        to: seconds(end * 1000),
        voice: cues
            .iter()
            .find_map(|c| c.voice.clone())
            .or_else(|| t.default_voice.clone())
            .unwrap_or_default(),
        quote,
        ..NewClip::default()
    }
}

fn transcript(app: &mut App, action: &Action) -> Option<Vec<Effect>> {
    let layout = views::transcript_layout(app);
    let t = app.transcript.as_mut()?;
    if let Some((layout, height)) = layout {
        let lines = Lines {
            total: layout.lines.len(),
            height,
            items: &layout.cue_starts,
            headings: &[],
        };
        let at = At {
            top: t.scroll,
            selected: t.selected,
        };
        if let Some(at) = lines.scroll(at, action, true) {
            t.scroll = at.top;
            t.selected = at.selected;
            return Some(Vec::new());
        }
    }
    match action {
        Action::ToggleSelect => {
            t.anchor = match t.anchor {
                Some(_) => None,
                None => Some(t.selected),
            }
        }
        Action::CutClip => {
            let new = cut(t);
            return Some(open_form(app, new));
        }
        Action::Back if t.anchor.is_some() => t.anchor = None,
        _ => return None,
    }
    Some(Vec::new())
}

fn digest(app: &mut App, action: &Action, page: usize) -> Option<Vec<Effect>> {
    let d = app.digest.as_mut()?;
    let len = d.clip_ids().len();
    match action {
        a if a.is_movement() => d.selected = step(d.selected, len, action, page),
        Action::Open => {
            let id = d.clip_ids().get(d.selected).map(|s| s.to_string())?;
            return Some(open_clip(app, &id));
        }
        _ => return None,
    }
    Some(Vec::new())
}

/// Keys while the new-clip form is open. Returns the form to keep open (or None).
pub fn form(
    app: &mut App,
    mut form: Box<ClipForm>,
    action: &Action,
) -> (Option<Modal>, Vec<Effect>) {
    match action {
        Action::Input(c) => form.insert(*c),
        Action::DeleteChar => form.backspace(),
        Action::ClearInput => form.clear(),
        Action::NextField | Action::Down => form.next(),
        Action::PrevField | Action::Up => form.previous(),
        Action::Complete => {
            let names = app.names.clone();
            form.complete(&names);
        }
        Action::Submit => {
            if let Some(new) = form.submit() {
                let effects = vec![Effect::AddClip(Box::new(new))];
                return (Some(Modal::ClipForm(form)), effects);
            }
        }
        Action::Cancel | Action::Quit if form.is_edited() && !form.confirm_discard => {
            form.confirm_discard = true;
        }
        Action::Cancel => return (None, Vec::new()),
        Action::Quit => {
            app.quit = true;
            return (None, Vec::new());
        }
        _ => {}
    }
    (Some(Modal::ClipForm(form)), Vec::new())
}
