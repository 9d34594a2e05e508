-- Migration 9: a consultation's photo analysis (`smp photo analyse` on its posed photos):
-- the skin and hair tone, phototype, shades and hair coverage (tone.json), the photos it
-- used, and its pictures (segmentations, the coverage mask), sealed. Each run is a new
-- record; the latest is the consultation's.
CREATE TABLE photo_analyses (
  id TEXT PRIMARY KEY,
  consultation_id TEXT NOT NULL REFERENCES consultations (id),
  photo_ids TEXT NOT NULL,              -- JSON: {"front": "I-...", ...}
  tone_json TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users (id),
  created_at_ms BIGINT NOT NULL
);
CREATE INDEX photo_analyses_consultation ON photo_analyses (consultation_id, created_at_ms);

CREATE TABLE photo_analysis_files (
  analysis_id TEXT NOT NULL REFERENCES photo_analyses (id),
  path TEXT NOT NULL,
  sealed BLOB NOT NULL,
  PRIMARY KEY (analysis_id, path)
);
