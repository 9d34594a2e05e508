-- Migration 2: consultations, each case edit a new version (docs/case-file.md as JSON),
-- and the clinic's settings (its price book, ...).

CREATE TABLE consultations (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients (id),
  opened_at_ms BIGINT NOT NULL,
  opened_by TEXT NOT NULL REFERENCES users (id),
  case_version BIGINT NOT NULL          -- the newest in case_versions
);
CREATE INDEX consultations_patient ON consultations (patient_id, opened_at_ms);

-- Never updated: an edit adds a version.
CREATE TABLE case_versions (
  consultation_id TEXT NOT NULL REFERENCES consultations (id),
  version BIGINT NOT NULL,
  case_json TEXT NOT NULL,
  author TEXT NOT NULL REFERENCES users (id),
  at_ms BIGINT NOT NULL,
  PRIMARY KEY (consultation_id, version)
);

CREATE TABLE clinic_settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  updated_by TEXT NOT NULL              -- a user id, or 'command line'
);
