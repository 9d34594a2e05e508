-- Templates and consents are never changed or deleted once written.
CREATE TRIGGER consent_templates_no_update BEFORE UPDATE ON consent_templates
BEGIN SELECT RAISE(ABORT, 'a consent template is a version: add a new one'); END;
CREATE TRIGGER consent_templates_no_delete BEFORE DELETE ON consent_templates
BEGIN SELECT RAISE(ABORT, 'a consent template is a version: add a new one'); END;
CREATE TRIGGER consents_no_update BEFORE UPDATE ON consents
BEGIN SELECT RAISE(ABORT, 'a signed consent is immutable: record a withdrawal'); END;
CREATE TRIGGER consents_no_delete BEFORE DELETE ON consents
BEGIN SELECT RAISE(ABORT, 'a signed consent is immutable: record a withdrawal'); END;
