-- Migration 5: clinic photos. The file as it was sent (sealed, with its SHA-256: the
-- proof a gallery picture is unedited) and the imported upright sRGB PNG the clinic works
-- on (sealed), the import's account (format, orientation, colour profile, notes), the
-- landmarks the clinic placed and the head's pose fitted to them. A photo belongs to a
-- consultation (the five views) or to a session log (right after a session).
CREATE TABLE photos (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients (id),
  consultation_id TEXT REFERENCES consultations (id),
  session_log_id TEXT REFERENCES session_logs (id),
  view TEXT NOT NULL CHECK (view IN ('front', 'top', 'back', 'left', 'right')),
  taken_on TEXT NOT NULL,               -- YYYY-MM-DD
  file_name TEXT NOT NULL,              -- as sent, for the clinic's eyes only
  format TEXT NOT NULL CHECK (format IN ('JPEG', 'PNG', 'HEIC')),
  original_sha256 TEXT NOT NULL,
  original_size_bytes BIGINT NOT NULL,
  original_sealed BLOB NOT NULL,
  width_px INTEGER NOT NULL,
  height_px INTEGER NOT NULL,
  image_sealed BLOB NOT NULL,           -- photo.png
  import_json TEXT NOT NULL,            -- photo.json of `smp photo import`
  landmarks_json TEXT NOT NULL DEFAULT '',
  pose_json TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL,
  uploaded_by TEXT NOT NULL REFERENCES users (id),
  uploaded_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL
);
CREATE INDEX photos_consultation ON photos (consultation_id, view);
CREATE INDEX photos_patient ON photos (patient_id, taken_on);
