-- The user's own stance on a theme for a clip in an investigation. It overrides the
-- corpus's stance for that clip within that investigation only.
CREATE TABLE investigation_stances (
    investigation_id INTEGER NOT NULL REFERENCES investigations(id) ON DELETE CASCADE,
    clip_id          TEXT NOT NULL REFERENCES clips(id),
    theme_id         TEXT NOT NULL REFERENCES themes(id),
    stance           TEXT NOT NULL CHECK (stance IN ('supports', 'opposes', 'nuanced')),
    PRIMARY KEY (investigation_id, clip_id, theme_id)
) STRICT;
