-- Migration 11: the audit review's filters (GET /api/audit: user, action, record, time),
-- each an index walked newest first, so a filtered page and its count read only the rows
-- that match instead of the whole log.
CREATE INDEX audit_log_user ON audit_log (user_id, seq);
CREATE INDEX audit_log_action ON audit_log (action, seq);
CREATE INDEX audit_log_entity_id ON audit_log (entity_id, seq);
CREATE INDEX audit_log_at ON audit_log (at_ms);
