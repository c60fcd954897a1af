-- Whose words, whose stance (issue 15).

-- An investigation's conclusion: its author's own answer, multi-line, opening the brief.
ALTER TABLE investigations ADD COLUMN conclusion TEXT;

-- Who set a clip's stance: 'corpus' (the curator's reading of the expert, from the
-- built-in corpus or an import) or 'user' (set by the user on a clip they added).
-- Overrides in an investigation live in investigation_stances and are always the user's.
ALTER TABLE clip_stances ADD COLUMN set_by TEXT NOT NULL DEFAULT 'corpus'
    CHECK (set_by IN ('corpus', 'user'));

-- A clip's clarity becomes optional: a clip the user adds has none until they rate it.
-- SQLite cannot alter a column's constraints, so the table is rebuilt: same columns and
-- rows, same indexes. The migration runs with foreign keys off (dropping the old table
-- must not cascade to clip_pages or clip_stances) and checks them before it commits;
-- other tables' references to `clips` name the new table once it is renamed.
CREATE TABLE clips_new (
    id          TEXT PRIMARY KEY,
    source_id   TEXT NOT NULL REFERENCES sources(id),
    voice_id    TEXT NOT NULL REFERENCES voices(id),
    start_s     INTEGER,
    end_s       INTEGER,
    section     TEXT,
    quote       TEXT,
    gist        TEXT NOT NULL,
    topics      TEXT NOT NULL DEFAULT '[]', -- JSON array
    clarity     INTEGER CHECK (clarity BETWEEN 0 AND 100), -- NULL: not rated
    added       TEXT NOT NULL,
    origin      TEXT NOT NULL CHECK (origin IN ('embedded', 'user')),
    retired     INTEGER NOT NULL DEFAULT 0,
    hash        TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK ((start_s IS NULL) != (section IS NULL)),
    CHECK (end_s IS NULL OR end_s > start_s)
) STRICT;
INSERT INTO clips_new (id, source_id, voice_id, start_s, end_s, section, quote, gist, topics,
                       clarity, added, origin, retired, hash, updated_at)
    SELECT id, source_id, voice_id, start_s, end_s, section, quote, gist, topics,
           clarity, added, origin, retired, hash, updated_at
    FROM clips;
DROP TABLE clips;
ALTER TABLE clips_new RENAME TO clips;
CREATE INDEX clips_newest ON clips (added DESC, id);
CREATE INDEX clips_by_voice ON clips (voice_id);
CREATE INDEX clips_by_source ON clips (source_id);
CREATE INDEX clips_updated ON clips (updated_at);
