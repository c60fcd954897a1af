-- A team library (issue 19): folders of corpus files the user follows (typically git
-- checkouts of a team's library), and the user's own values over a source's link.

-- A followed folder. `available` is 0 while the folder cannot be read (unmounted,
-- deleted): its records stay as they are, marked unavailable.
CREATE TABLE corpora (
    dir       TEXT PRIMARY KEY, -- absolute path
    available INTEGER NOT NULL DEFAULT 1,
    synced_at TEXT,
    added_at  TEXT NOT NULL
) STRICT;

-- Each file of a followed corpus as last synced. Size and modification time let a sync
-- skip reading files that did not change; the hash decides.
CREATE TABLE corpus_files (
    corpus   TEXT NOT NULL REFERENCES corpora(dir) ON DELETE CASCADE,
    path     TEXT NOT NULL, -- relative to the folder
    size     INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    hash     TEXT NOT NULL,
    PRIMARY KEY (corpus, path)
) STRICT;

-- The live records a followed corpus brought, and the file and line that define each.
-- A record here is the corpus's, not the user's own: `corpus export` leaves it out.
CREATE TABLE corpus_records (
    kind   TEXT NOT NULL, -- voice, source, theme, clip, page, overlay
    id     TEXT NOT NULL,
    corpus TEXT NOT NULL,
    path   TEXT NOT NULL,
    line   INTEGER NOT NULL,
    PRIMARY KEY (kind, id)
) STRICT;
CREATE INDEX corpus_records_by_file ON corpus_records (corpus, path);

-- Values set over a source (built-in ones included): the user's own (corpus '') from
-- `dossier source set`, or a followed corpus's `[[overlay]]`. A sync of the source's own
-- corpus never changes them; the user's come first.
CREATE TABLE source_overlays (
    source_id  TEXT NOT NULL,
    corpus     TEXT NOT NULL DEFAULT '',
    url        TEXT,
    published  TEXT,
    show       TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (source_id, corpus)
) STRICT;
