-- An issued invoice and a recorded payment never change (a correction is a credit note).
CREATE TRIGGER invoices_no_update BEFORE UPDATE ON invoices
BEGIN SELECT RAISE(ABORT, 'an issued invoice is immutable'); END;
CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices
BEGIN SELECT RAISE(ABORT, 'an issued invoice is immutable'); END;
CREATE TRIGGER payments_no_change BEFORE UPDATE ON payments
BEGIN SELECT RAISE(ABORT, 'a recorded payment is immutable'); END;
CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
BEGIN SELECT RAISE(ABORT, 'a recorded payment is immutable'); END;
