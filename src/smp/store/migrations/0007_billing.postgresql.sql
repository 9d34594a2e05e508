-- An issued invoice and a recorded payment never change (a correction is a credit note).
CREATE FUNCTION billing_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'an issued invoice or a recorded payment is immutable'; END $$;
CREATE TRIGGER invoices_no_change BEFORE UPDATE OR DELETE ON invoices
FOR EACH ROW EXECUTE FUNCTION billing_immutable();
CREATE TRIGGER payments_no_change BEFORE UPDATE OR DELETE ON payments
FOR EACH ROW EXECUTE FUNCTION billing_immutable();
