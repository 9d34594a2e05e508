-- Migration 8: what the clinic sends out. The touch-up recall each finished plan sets
-- (the recall list applies its interval to the last session actually performed);
-- calendar feeds a calendar app subscribes to by a secret URL (the clinic's, or one
-- patient's; the token kept only as its SHA-256, revocable); and patient links: signed,
-- expiring, read-only links to a patient's report, aftercare calendar and symptom form.
CREATE TABLE plan_recalls (
  job_id TEXT PRIMARY KEY REFERENCES jobs (id),
  patient_id TEXT NOT NULL REFERENCES patients (id),
  consultation_id TEXT NOT NULL REFERENCES consultations (id),
  last_planned_session TEXT NOT NULL,   -- YYYY-MM-DD
  touch_up_recall TEXT NOT NULL,        -- YYYY-MM-DD
  planned_at_ms BIGINT NOT NULL
);
CREATE INDEX plan_recalls_patient ON plan_recalls (patient_id, planned_at_ms);

CREATE TABLE calendar_feeds (
  id TEXT PRIMARY KEY,
  token_sha256 TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('clinic', 'patient')),
  patient_id TEXT REFERENCES patients (id),
  created_by TEXT NOT NULL REFERENCES users (id),
  created_at_ms BIGINT NOT NULL,
  revoked_at_ms BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE patient_links (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients (id),
  consultation_id TEXT NOT NULL REFERENCES consultations (id),
  job_id TEXT NOT NULL REFERENCES jobs (id),  -- the plan whose report and calendar it opens
  expires_at_ms BIGINT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users (id),
  created_at_ms BIGINT NOT NULL,
  revoked_at_ms BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX patient_links_patient ON patient_links (patient_id);
