-- Transcripts: the timed text of a source, one row per cue, imported whole or not at all.
-- A transcript is the user's data: a sync of the embedded corpus never touches it.

CREATE TABLE transcripts (
    source_id   TEXT PRIMARY KEY REFERENCES sources(id),
    file_name   TEXT NOT NULL,  -- the file it came from, for the user's reference
    format      TEXT NOT NULL CHECK (format IN ('vtt', 'srt')),
    imported_at TEXT NOT NULL
) STRICT;

CREATE TABLE transcript_cues (
    source_id TEXT NOT NULL REFERENCES transcripts(source_id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,            -- 0-based position in the file
    start_ms  INTEGER NOT NULL,
    end_ms    INTEGER NOT NULL CHECK (end_ms >= start_ms),
    voice_id  TEXT REFERENCES voices(id),  -- from a WebVTT <v Name> tag, when present
    text      TEXT NOT NULL,
    PRIMARY KEY (source_id, seq)
) STRICT, WITHOUT ROWID;

-- What's new: digests look up records changed since a moment.
CREATE INDEX clips_updated ON clips (updated_at);
CREATE INDEX sources_updated ON sources (updated_at);
