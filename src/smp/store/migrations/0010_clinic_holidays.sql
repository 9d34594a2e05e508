-- Migration 10: the clinic's holidays, days it is closed. A removed holiday keeps its row
-- (who removed it, when), so what the calendar said on a day can still be read; only one
-- holiday a day is in force.
CREATE TABLE clinic_holidays (
  id TEXT PRIMARY KEY,
  day TEXT NOT NULL,  -- YYYY-MM-DD
  name TEXT NOT NULL,
  added_by TEXT NOT NULL REFERENCES users (id),
  added_at_ms BIGINT NOT NULL,
  removed_by TEXT REFERENCES users (id),
  removed_at_ms BIGINT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX clinic_holidays_day ON clinic_holidays (day) WHERE removed_at_ms = 0;
