-- Indexes for the lookups a save makes (issue 21): `dossier add` and the TUI's form find
-- a source by id, link or title and a voice by id or name, titles and names ignoring
-- case. Without these every save read every source and voice (25,000 and 10,000 rows in
-- a large library). The queries (store/capture.rs) make one lookup per way of naming.
CREATE INDEX sources_url ON sources (url);
CREATE INDEX sources_title_nocase ON sources (title COLLATE NOCASE);
CREATE INDEX voices_name_nocase ON voices (name COLLATE NOCASE);
