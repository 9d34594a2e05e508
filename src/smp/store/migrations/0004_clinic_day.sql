-- Migration 4: the clinic's day. Rooms, appointments (a technician or a room is never
-- booked twice at once: checked in the transaction that books), the session log the
-- technician fills (locked 24 h after it is written; later changes are addenda), the
-- pigment lots it used (for a recall), and follow-ups: a symptom triaged with the
-- aftercare rules, a "contact now" shown until a doctor acknowledges it.

CREATE TABLE rooms (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);

CREATE TABLE appointments (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients (id),
  consultation_id TEXT REFERENCES consultations (id),
  kind TEXT NOT NULL CHECK (kind IN ('consultation', 'session', 'follow_up', 'touch_up')),
  session_number INTEGER,
  technician_id TEXT NOT NULL REFERENCES users (id),
  room_id TEXT NOT NULL REFERENCES rooms (id),
  starts_at_ms BIGINT NOT NULL,
  ends_at_ms BIGINT NOT NULL CHECK (ends_at_ms > starts_at_ms),
  state TEXT NOT NULL CHECK (state IN ('booked', 'cancelled', 'done')),
  created_by TEXT NOT NULL REFERENCES users (id),
  created_at_ms BIGINT NOT NULL
);
CREATE INDEX appointments_time ON appointments (starts_at_ms);
CREATE INDEX appointments_technician ON appointments (technician_id, starts_at_ms);
CREATE INDEX appointments_room ON appointments (room_id, starts_at_ms);
CREATE INDEX appointments_patient ON appointments (patient_id, starts_at_ms);

CREATE TABLE session_logs (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients (id),
  consultation_id TEXT REFERENCES consultations (id),
  appointment_id TEXT REFERENCES appointments (id),
  session_number INTEGER NOT NULL,
  technician_id TEXT NOT NULL REFERENCES users (id),
  started_at_ms BIGINT NOT NULL,
  ended_at_ms BIGINT NOT NULL,
  record_json TEXT NOT NULL,            -- areas, needles, pigments, dilution, depth, sedation, ...
  version BIGINT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users (id),
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL
);
CREATE INDEX session_logs_patient ON session_logs (patient_id, started_at_ms);

CREATE TABLE session_log_addenda (
  session_log_id TEXT NOT NULL REFERENCES session_logs (id),
  seq INTEGER NOT NULL,
  text TEXT NOT NULL,
  author TEXT NOT NULL REFERENCES users (id),
  at_ms BIGINT NOT NULL,
  PRIMARY KEY (session_log_id, seq)
);

-- Every pigment lot a session used, for "which patients did lot L touch".
CREATE TABLE pigment_uses (
  session_log_id TEXT NOT NULL REFERENCES session_logs (id),
  brand TEXT NOT NULL,
  lot TEXT NOT NULL,
  shade TEXT NOT NULL,
  expiry TEXT NOT NULL
);
CREATE INDEX pigment_uses_lot ON pigment_uses (lot);

CREATE TABLE follow_ups (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients (id),
  consultation_id TEXT REFERENCES consultations (id),
  symptom TEXT NOT NULL,
  days_since_session INTEGER NOT NULL,
  days_lasting INTEGER NOT NULL,
  urgency TEXT NOT NULL CHECK (urgency IN ('normal', 'watch', 'contact_clinic_now')),
  reason TEXT NOT NULL,
  note TEXT NOT NULL,
  reported_by TEXT NOT NULL,            -- a user id
  reported_at_ms BIGINT NOT NULL,
  acknowledged_by TEXT NOT NULL DEFAULT '',
  acknowledged_at_ms BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX follow_ups_open ON follow_ups (urgency, acknowledged_at_ms);
