-- dossier schema, version 1.
-- Records from the embedded corpus have origin 'embedded'; imported and added ones 'user'.
-- A sync only touches embedded rows, and retires (never deletes) what disappeared.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE voices (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    role        TEXT,
    affiliation TEXT,
    provenance  TEXT,
    origin      TEXT NOT NULL CHECK (origin IN ('embedded', 'user')),
    retired     INTEGER NOT NULL DEFAULT 0,
    hash        TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE sources (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('talk', 'podcast', 'video', 'article', 'paper')),
    title       TEXT NOT NULL,
    show        TEXT,
    url         TEXT,
    published   TEXT,
    voices      TEXT NOT NULL DEFAULT '[]', -- JSON array of voice ids, in order
    provenance  TEXT,
    origin      TEXT NOT NULL CHECK (origin IN ('embedded', 'user')),
    retired     INTEGER NOT NULL DEFAULT 0,
    hash        TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE themes (
    id          TEXT PRIMARY KEY,
    claim       TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('agreement', 'debate')),
    origin      TEXT NOT NULL CHECK (origin IN ('embedded', 'user')),
    retired     INTEGER NOT NULL DEFAULT 0,
    hash        TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE pages (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL, -- the whole page as JSON (model::Page)
    origin      TEXT NOT NULL CHECK (origin IN ('embedded', 'user')),
    retired     INTEGER NOT NULL DEFAULT 0,
    hash        TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE clips (
    id          TEXT PRIMARY KEY,
    source_id   TEXT NOT NULL REFERENCES sources(id),
    voice_id    TEXT NOT NULL REFERENCES voices(id),
    start_s     INTEGER,
    end_s       INTEGER,
    section     TEXT,
    quote       TEXT,
    gist        TEXT NOT NULL,
    topics      TEXT NOT NULL DEFAULT '[]', -- JSON array
    clarity     INTEGER NOT NULL CHECK (clarity BETWEEN 0 AND 100),
    added       TEXT NOT NULL,
    origin      TEXT NOT NULL CHECK (origin IN ('embedded', 'user')),
    retired     INTEGER NOT NULL DEFAULT 0,
    hash        TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK ((start_s IS NULL) != (section IS NULL)),
    CHECK (end_s IS NULL OR end_s > start_s)
) STRICT;
CREATE INDEX clips_newest ON clips (added DESC, id);
CREATE INDEX clips_by_voice ON clips (voice_id);
CREATE INDEX clips_by_source ON clips (source_id);

CREATE TABLE clip_pages (
    clip_id  TEXT NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
    page_id  TEXT NOT NULL REFERENCES pages(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (clip_id, page_id)
) STRICT;
CREATE INDEX clip_pages_by_page ON clip_pages (page_id);

CREATE TABLE clip_stances (
    clip_id  TEXT NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
    theme_id TEXT NOT NULL REFERENCES themes(id),
    stance   TEXT NOT NULL CHECK (stance IN ('supports', 'opposes', 'nuanced')),
    PRIMARY KEY (clip_id, theme_id)
) STRICT;
CREATE INDEX clip_stances_by_theme ON clip_stances (theme_id);

CREATE TABLE investigations (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    question   TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE investigation_clips (
    investigation_id INTEGER NOT NULL REFERENCES investigations(id) ON DELETE CASCADE,
    clip_id          TEXT NOT NULL REFERENCES clips(id),
    position         INTEGER NOT NULL,
    note             TEXT NOT NULL DEFAULT '',
    added_at         TEXT NOT NULL,
    PRIMARY KEY (investigation_id, clip_id)
) STRICT;
