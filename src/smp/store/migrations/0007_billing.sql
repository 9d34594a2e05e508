-- Migration 7: quotes, payments and invoices, money in integer minor units. A quote is
-- the plan job's quote.json as issued (never recomputed); the patient accepts or declines
-- it; deposits and payments are recorded against it; one invoice per quote, numbered
-- from one counter row that each issuing transaction increments (PostgreSQL locks the row
-- until commit, SQLite has one writer): numbers are sequential without gaps, since a
-- number is only used when its invoice commits. Invoices and payments never change.
CREATE TABLE quotes (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients (id),
  consultation_id TEXT NOT NULL REFERENCES consultations (id),
  job_id TEXT NOT NULL REFERENCES jobs (id),
  kind TEXT NOT NULL CHECK (kind IN ('treatment', 'touch_up')),
  currency TEXT NOT NULL,
  minor_digits INTEGER NOT NULL,
  total_minor BIGINT NOT NULL CHECK (total_minor >= 0),
  quote_json TEXT NOT NULL,
  issued_on TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('issued', 'accepted', 'declined')),
  decided_by TEXT NOT NULL DEFAULT '',
  decided_at_ms BIGINT NOT NULL DEFAULT 0,
  issued_by TEXT NOT NULL REFERENCES users (id),
  issued_at_ms BIGINT NOT NULL,
  UNIQUE (job_id, kind)
);
CREATE INDEX quotes_patient ON quotes (patient_id, issued_at_ms);

CREATE TABLE payments (
  id TEXT PRIMARY KEY,
  quote_id TEXT NOT NULL REFERENCES quotes (id),
  kind TEXT NOT NULL CHECK (kind IN ('deposit', 'payment')),
  amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
  method TEXT NOT NULL CHECK (method IN ('card', 'cash', 'bank_transfer')),
  reference TEXT NOT NULL,
  received_at_ms BIGINT NOT NULL,
  recorded_by TEXT NOT NULL REFERENCES users (id)
);
CREATE INDEX payments_quote ON payments (quote_id, received_at_ms);

CREATE TABLE invoice_counter (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_number BIGINT NOT NULL
);
INSERT INTO invoice_counter (id, last_number) VALUES (1, 0);

CREATE TABLE invoices (
  number BIGINT PRIMARY KEY,
  quote_id TEXT NOT NULL UNIQUE REFERENCES quotes (id),
  patient_id TEXT NOT NULL REFERENCES patients (id),
  billed_to TEXT NOT NULL,              -- the patient's name as billed (a billing record)
  currency TEXT NOT NULL,
  total_minor BIGINT NOT NULL,
  invoice_json TEXT NOT NULL,           -- lines, tax and total as issued
  issued_at_ms BIGINT NOT NULL,
  issued_by TEXT NOT NULL REFERENCES users (id)
);
