-- Migration 3: the job queue (design, render and plan of a consultation's case version),
-- leased by one server at a time, and the files a finished job made, sealed with the
-- clinic's key (store/blob_cipher.h).

CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  consultation_id TEXT NOT NULL REFERENCES consultations (id),
  case_version BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('design', 'render', 'plan')),
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  stage TEXT NOT NULL DEFAULT '',
  fraction DOUBLE PRECISION NOT NULL DEFAULT 0,
  cancel_requested INTEGER NOT NULL DEFAULT 0,
  lease_owner TEXT NOT NULL DEFAULT '',
  lease_until_ms BIGINT NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  error_field TEXT NOT NULL DEFAULT '',
  error TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL REFERENCES users (id),
  created_at_ms BIGINT NOT NULL,
  started_at_ms BIGINT NOT NULL DEFAULT 0,
  finished_at_ms BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX jobs_queue ON jobs (state, created_at_ms);
CREATE INDEX jobs_consultation ON jobs (consultation_id, created_at_ms);

CREATE TABLE job_files (
  job_id TEXT NOT NULL REFERENCES jobs (id),
  path TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,                 -- of the plain bytes
  sealed BLOB NOT NULL,
  PRIMARY KEY (job_id, path)
);
