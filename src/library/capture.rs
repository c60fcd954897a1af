//! Capture through the library: adding clips and importing transcripts (digests and
//! visits are in `visits.rs`). Each write is one transaction; the index is brought up to
//! date for just what changed.

use super::Library;
use crate::capture::transcript;
use crate::capture::{NewClip, slug};
use crate::error::{Error, Result};
use crate::model::*;
use crate::store::{IndexScope, Names, NewRecords, StoredCue, TranscriptInfo};
use std::path::Path;

/// What `add` did, for the front end to say.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AddReport {
    pub clip: ClipId,
    pub time_range: String,
    /// Set when the voice did not exist and was created.
    pub created_voice: Option<String>,
    pub created_source: Option<String>,
    pub investigation: Option<String>,
    pub created_investigation: bool,
    /// Set when the database was written but the index could not be updated now.
    pub index_warning: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct TranscriptReport {
    pub source: SourceId,
    pub title: String,
    pub format: &'static str,
    pub cues: usize,
    /// How many cues an earlier import of this source had (now replaced).
    pub replaced: Option<usize>,
    pub created_voices: Vec<String>,
    pub created_source: Option<String>,
    pub index_warning: Option<String>,
}

/// The largest transcript file read: far beyond any episode's captions.
pub(super) const MAX_TRANSCRIPT_BYTES: u64 = 64 * 1024 * 1024;

fn field_errors(errors: Vec<crate::capture::FieldError>) -> Error {
    let lines: Vec<String> = errors
        .iter()
        .map(|e| format!("  {}: {}", e.field.label().to_lowercase(), e.message))
        .collect();
    Error::Invalid(format!("the clip was not added:\n{}", lines.join("\n")))
}

impl Library {
    /// Adds a clip the user heard. Voice and source are found by name, URL or title and
    /// created when new; the page must exist; the investigation is created when new.
    pub fn add_clip(&mut self, new: &NewClip) -> Result<AddReport> {
        let c = new.check().map_err(field_errors)?;
        // Held from before the ids are chosen until the index has the clip.
        let _lock = self.lock_for_write("adding a clip")?;
        let page = match &c.page {
            Some(p) => Some(
                self.store
                    .find_page(p)?
                    .ok_or_else(|| Error::NotFound {
                        kind: "page",
                        id: p.clone(),
                        hint: ". `dossier pages` lists them".into(),
                    })?
                    .0,
            ),
            None => None,
        };
        // The user's stances: their reading of the clip, on themes that exist.
        let mut stances = Vec::new();
        for (theme, stance) in &c.stances {
            if self.store.theme(theme)?.is_none() {
                return Err(Error::NotFound {
                    kind: "theme",
                    id: theme.clone(),
                    hint: ". Themes are ids such as `rag-is-obsolete`; `dossier show PAGE` lists a page's themes".into(),
                });
            }
            stances.push(ThemeStance {
                theme: ThemeId(theme.clone()),
                stance: *stance,
                by: StanceBy::User,
                why: None,
            });
        }
        let mut records = NewRecords::default();
        let voice = self.voice_or_new(&c.voice, "added by you", &mut records)?;
        let found = match self.store.find_source(c.url.as_str())? {
            Some(s) => Some(s),
            None => match &c.source {
                Some(title) => self.store.find_source(title)?,
                None => None,
            },
        };
        let source = match found {
            Some(s) => s.record.id,
            None => {
                let title = c
                    .source
                    .clone()
                    .unwrap_or_else(|| title_from_url(c.url.as_str()));
                let id = SourceId(self.store.free_id(RecordKind::Source, &slug(&title))?);
                records.source = Some(Source {
                    id: id.clone(),
                    kind: c.kind,
                    title,
                    show: None,
                    url: Some(c.url.clone()),
                    published: None,
                    voices: vec![voice.clone()],
                    provenance: Some("added by you".into()),
                });
                id
            }
        };
        if let Some(existing) = self
            .store
            .clip_at(source.as_str(), voice.as_str(), c.start)?
        {
            return Err(Error::Invalid(format!(
                "this moment is already saved as clip `{existing}` (same voice, source and start); `dossier inv add NAME {existing}` puts it in an investigation"
            )));
        }
        let base = format!("{}-{}", source.as_str(), c.start);
        let id = ClipId(self.store.free_id(RecordKind::Clip, &base)?);
        let span = ClipSpan::Timed {
            start: c.start,
            end: c.end,
        };
        let clip = Clip {
            id: id.clone(),
            source,
            voice,
            span: span.clone(),
            quote: c.quote.clone(),
            gist: c.gist.clone(),
            topics: c.topics.clone(),
            pages: page.into_iter().collect(),
            clarity: c.clarity,
            added: String::new(),
            stances,
        };
        let (generation, created_investigation) =
            self.store
                .insert_user_clip(&records, &clip, c.investigation.as_deref())?;
        let index_warning = self.index_after_write(
            IndexScope {
                clips: std::slice::from_ref(&id),
                ..Default::default()
            },
            generation,
        );
        Ok(AddReport {
            clip: id,
            time_range: span.label(),
            created_voice: records.voices.first().map(|v| v.name.clone()),
            created_source: records.source.map(|s| s.title),
            investigation: c.investigation,
            created_investigation,
            index_warning,
        })
    }

    /// Imports a WebVTT or SRT file as the transcript of `source` (an id, URL or title;
    /// an unknown http URL creates the source). Replaces an earlier transcript of it.
    /// All or nothing: one malformed cue rejects the file.
    pub fn import_transcript(
        &mut self,
        source: &str,
        file: &Path,
        title: Option<&str>,
    ) -> Result<TranscriptReport> {
        let io = |e: std::io::Error| Error::Io {
            path: file.to_path_buf(),
            source: e,
        };
        let bytes =
            crate::fsutil::read_capped(file, MAX_TRANSCRIPT_BYTES).map_err(|e| match e {
                crate::fsutil::CappedReadError::Io(e) => io(e),
                too_large => Error::Invalid(format!("{}: {too_large}", file.display())),
            })?;
        let name = file.display().to_string();
        let parsed = transcript::parse(&name, &bytes).map_err(|problems| Error::Problems {
            what: format!("{name}; nothing was imported"),
            problems,
        })?;
        let _lock = self.lock_for_write("importing a transcript")?;
        let mut records = NewRecords::default();
        let source_id = match self.store.find_source(source)? {
            Some(s) => s.record.id,
            None => {
                let looks_like_url = source.trim().to_ascii_lowercase().starts_with("http");
                let url = crate::capture::parse_url(source).map_err(|e| {
                    if looks_like_url {
                        Error::Invalid(format!("the source {e}"))
                    } else {
                        Error::NotFound {
                            kind: "source",
                            id: source.to_string(),
                            hint: ". Give a source's id, URL or title (`dossier search kind:podcast` finds them), or the http(s) URL of a new one".into(),
                        }
                    }
                })?;
                match self.store.find_source(url.url.as_str())? {
                    Some(s) => s.record.id,
                    None => {
                        let title = title
                            .map(|t| crate::text::sanitize(t).into_owned())
                            .unwrap_or_else(|| title_from_url(url.url.as_str()));
                        let id = SourceId(self.store.free_id(RecordKind::Source, &slug(&title))?);
                        records.source = Some(Source {
                            id: id.clone(),
                            kind: crate::capture::kind_from_url(url.url.as_str()),
                            title,
                            show: None,
                            url: Some(url.url),
                            published: None,
                            voices: Vec::new(),
                            provenance: Some("added with a transcript".into()),
                        });
                        id
                    }
                }
            }
        };
        // Each speaker named in a voice tag is a voice: found by name, or created.
        let mut cues = Vec::with_capacity(parsed.cues.len());
        let mut known: std::collections::HashMap<String, VoiceId> = Default::default();
        for cue in parsed.cues {
            let voice = match &cue.voice {
                Some(name) if !known.contains_key(name) => {
                    let id = self.voice_or_new(name, "named in a transcript", &mut records)?;
                    known.insert(name.clone(), id.clone());
                    Some(id)
                }
                Some(name) => known.get(name).cloned(),
                None => None,
            };
            cues.push((cue, voice));
        }
        let file_name = file
            .file_name()
            .map_or_else(|| name.clone(), |f| f.to_string_lossy().into_owned());
        let format = parsed.format.as_str();
        let (generation, replaced) = self
            .store
            .replace_transcript(&records, &source_id, &file_name, format, &cues)?;
        let index_warning = self.index_after_write(
            IndexScope {
                transcripts: std::slice::from_ref(&source_id),
                ..Default::default()
            },
            generation,
        );
        let title = self
            .store
            .source(source_id.as_str())?
            .map(|s| s.record.title)
            .unwrap_or_default();
        Ok(TranscriptReport {
            source: source_id,
            title,
            format,
            cues: cues.len(),
            replaced,
            created_voices: records.voices.iter().map(|v| v.name.clone()).collect(),
            created_source: records.source.map(|s| s.title),
            index_warning,
        })
    }

    /// The voice called `name` (or with that id): stored, about to be created in
    /// `records`, or else new, added to `records` with a free id.
    fn voice_or_new(
        &self,
        name: &str,
        provenance: &str,
        records: &mut NewRecords,
    ) -> Result<VoiceId> {
        if let Some(v) = records.voices.iter().find(|v| v.name == name) {
            return Ok(v.id.clone());
        }
        if let Some(id) = self.store.find_voice(name)? {
            return Ok(id);
        }
        let base = slug(name);
        let mut id = self.store.free_id(RecordKind::Voice, &base)?;
        // free_id sees stored ids only; the ones about to be created are not stored yet.
        let mut n = 2;
        while records.voices.iter().any(|v| v.id.0 == id) {
            id = format!("{base}-new-{n}");
            n += 1;
        }
        let id = VoiceId(id);
        records.voices.push(Voice {
            id: id.clone(),
            name: name.to_string(),
            role: None,
            affiliation: None,
            provenance: Some(provenance.to_string()),
        });
        Ok(id)
    }

    /// A source's transcript and its cues.
    pub fn transcript(&self, source: &str) -> Result<(TranscriptInfo, Vec<StoredCue>)> {
        let info = self
            .store
            .transcript(source)?
            .ok_or_else(|| Error::NotFound {
                kind: "transcript",
                id: source.to_string(),
                hint: ". `dossier transcript import SOURCE FILE` adds one".into(),
            })?;
        let cues = self.store.cues(source)?;
        Ok((info, cues))
    }

    /// Names a form can complete: voices, source titles, page titles, investigations.
    pub fn completion_names(&self) -> Result<Names> {
        self.store.completion_names()
    }
}

/// A readable title for a source known only by its URL: host and path.
fn title_from_url(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let title: String = rest.chars().take(80).collect();
    title.trim_end_matches('/').to_string()
}
