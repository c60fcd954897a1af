-- Search synonym groups: terms a query treats as one idea. Built-in groups have origin
-- 'embedded' and are replaced whole by a sync; a user's imported groups are kept.
CREATE TABLE synonyms (
    terms   TEXT PRIMARY KEY, -- JSON array of the group's terms, as written
    origin  TEXT NOT NULL CHECK (origin IN ('embedded', 'user'))
) STRICT;
