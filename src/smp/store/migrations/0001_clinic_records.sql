-- Migration 1: staff, their sign-in sessions, patients (identity kept apart from the
-- clinical record), and the audit log. Times are Unix milliseconds (UTC); ids are random
-- text; the role and other kinds are checked words the program maps to its enums.

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'doctor', 'technician', 'front_desk')),
  password_hash TEXT NOT NULL,          -- Argon2id (libsodium crypto_pwhash_str)
  must_change_password INTEGER NOT NULL DEFAULT 0,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at_ms BIGINT NOT NULL
);

-- A signed-in browser: the cookie's token is only stored hashed (SHA-256).
CREATE TABLE login_sessions (
  token_hash TEXT PRIMARY KEY,          -- hex
  user_id TEXT NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  last_seen_at_ms BIGINT NOT NULL
);
CREATE INDEX login_sessions_user ON login_sessions (user_id);

-- Failed sign-ins, per account and per client address, for throttling.
CREATE TABLE login_failures (
  subject TEXT NOT NULL,                -- 'account:<name>' or 'address:<ip>'
  at_ms BIGINT NOT NULL
);
CREATE INDEX login_failures_subject ON login_failures (subject, at_ms);

-- The clinical side knows a patient by a pseudonym only.
CREATE TABLE patients (
  id TEXT PRIMARY KEY,
  created_at_ms BIGINT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users (id)
);

-- Who the patient is: read only by the roles that may (docs/roles.md), never exported,
-- logged or shown in the gallery.
CREATE TABLE patient_identities (
  patient_id TEXT PRIMARY KEY REFERENCES patients (id),
  full_name TEXT NOT NULL,
  search_name TEXT NOT NULL,            -- lower case, for search as you type
  birth_date TEXT NOT NULL,             -- YYYY-MM-DD
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  updated_by TEXT NOT NULL REFERENCES users (id)
);
CREATE INDEX patient_identities_search ON patient_identities (search_name);

-- Append-only and hash-chained: hash = SHA-256(prev_hash, the row's fields); the head
-- holds the last row's number and hash, so a deleted last row is found too.
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at_ms BIGINT NOT NULL,
  user_id TEXT NOT NULL,                -- '' before sign-in
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  address TEXT NOT NULL,
  outcome TEXT NOT NULL,
  prev_hash TEXT NOT NULL,              -- hex
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
