-- Why a corpus stance is held: one line naming the source statement it rests on, in the
-- curator's words. Empty for stances written without one (the short form).
ALTER TABLE clip_stances ADD COLUMN why TEXT;
