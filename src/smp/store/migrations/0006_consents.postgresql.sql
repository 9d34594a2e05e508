-- Templates and consents are never changed or deleted once written.
CREATE FUNCTION consents_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'a signed consent or its template is immutable'; END $$;
CREATE TRIGGER consent_templates_no_change BEFORE UPDATE OR DELETE ON consent_templates
FOR EACH ROW EXECUTE FUNCTION consents_immutable();
CREATE TRIGGER consents_no_change BEFORE UPDATE OR DELETE ON consents
FOR EACH ROW EXECUTE FUNCTION consents_immutable();
