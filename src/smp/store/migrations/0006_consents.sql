-- Migration 6: consents. Versioned templates (a change is a new version; what a patient
-- signed stays as it was), and each consent signed with a typed name and a drawn
-- signature, its time, the client's address and user agent, and the SHA-256 of all that
-- with the template's text. Immutable once signed (the engine twins of this file refuse
-- updates and deletes); a withdrawal is a new record naming the grant it ends.
CREATE TABLE consent_templates (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('treatment', 'photos_record', 'photos_gallery', 'marketing')),
  version INTEGER NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  created_by TEXT NOT NULL,             -- a user's id, or "migration" for the first texts
  created_at_ms BIGINT NOT NULL,
  UNIQUE (kind, version)
);

CREATE TABLE consents (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients (id),
  template_id TEXT NOT NULL REFERENCES consent_templates (id),
  kind TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('granted', 'withdrawn')),
  withdraws TEXT UNIQUE REFERENCES consents (id),
  typed_name TEXT NOT NULL,
  signature_json TEXT NOT NULL,         -- the drawn strokes; "" for a withdrawal sent in writing
  note TEXT NOT NULL,
  signed_at_ms BIGINT NOT NULL,
  client_address TEXT NOT NULL,
  user_agent TEXT NOT NULL,
  recorded_by TEXT NOT NULL REFERENCES users (id),
  content_sha256 TEXT NOT NULL
);
CREATE INDEX consents_patient ON consents (patient_id, kind, signed_at_ms);

-- The first texts (docs/consents.md gives their sources: ../shared/docs/domain.md and the
-- seed's aftercare and side effects).
INSERT INTO consent_templates (id, kind, version, title, body, created_by, created_at_ms) VALUES
('T-treatment-1', 'treatment', 1, 'Consent to scalp micropigmentation',
'I ask the clinic to perform scalp micropigmentation (SMP): thousands of small pigment impressions placed in the upper dermis of my scalp, about 0.25-0.5 mm deep, over usually three sessions some two to three weeks apart, to look like the shaved stubble of hair or to add density under my hair.

I understand that:
1. SMP is permanent. The pigment stays in the skin for many years. It can be lightened or removed only with laser treatment, over several sessions, at my own cost, and removal may be incomplete or leave marks.
2. The impressions fade slowly over the years, and faster with sun, sauna, swimming and alcohol-based products on the scalp. A touch-up is usually needed every 3 to 5 years (sooner for a very dark result) and is charged separately.
3. Over the years impressions can blur, spread or turn bluish or grey, especially if placed too deep or with unsuitable pigment.
4. The hair I still have may keep thinning; the design may then need to be extended, at my cost.
5. A buzz-cut result means keeping the rest of my head shaved, usually every one to two days, for as long as I want the result to look natural.
6. The hairline chosen now stays as my face ages; a low or straight hairline can look unnatural later in life.
7. Common effects after a session are redness, itching, swelling and a mild reaction to the pigment for a few days. Swollen lymph nodes at the base of the skull or the neck can occur.
8. I must contact the clinic at once, or an emergency service, if I have a fever of 38 degrees C or more, pus or spreading redness, swollen lymph nodes that do not settle, or signs of a severe allergic reaction (swelling of the face or throat, difficulty breathing: call the emergency number).
9. I will follow the aftercare I am given: no washing for the first 3 days, no sun, sauna, steam room or swimming for up to 30 days, sun protection (SPF 30-50) afterwards.
10. I have told the clinic about my health, medicines, allergies, skin conditions and any hair transplant, and will tell it of any change before each session.

I have had the chance to ask questions and I consent to the treatment described in my plan.', 'migration', 0),
('T-photos_record-1', 'photos_record', 1, 'Consent to clinical photographs for my record',
'I agree that the clinic takes photographs of my scalp and face before, during and after my treatment and keeps them, encrypted, in my clinical record, to plan, perform and follow up my treatment. They are seen only by the clinic''s clinical staff and are not shown to anyone else without a separate consent. I may withdraw this consent at any time; photographs taken until then stay in my record as part of my medical history.', 'migration', 0),
('T-photos_gallery-1', 'photos_gallery', 1, 'Consent to before-and-after pictures in the clinic''s gallery',
'I agree that the clinic shows before-and-after pictures of my scalp, without my name or any detail that identifies me, to other patients and in its gallery. I may withdraw this consent at any time; my pictures are then removed from the gallery at once.', 'migration', 0),
('T-marketing-1', 'marketing', 1, 'Consent to news and offers from the clinic',
'I agree that the clinic sends me news and offers by e-mail or text message. I may withdraw this consent at any time.', 'migration', 0);
