// Patients: search as you type (paged on the server), register a new patient, and each
// patient's timeline.
import { api, ApiError } from '../api.js';
import { h, show } from '../dom.js';
import { t, formatDate } from '../strings.js';
import { may, reportError } from '../main.js';
import { bookingCard, fieldSet } from './booking.js';

const kPageSize = 50;

export async function patientsScreen(root) {
  const list = h('ul.results', { 'aria-label': t('patients_title') });
  const count = h('p.muted', { 'aria-live': 'polite' });
  const more = h('button.secondary', { type: 'button', hidden: true, text: t('more') });
  let query = '', shown = 0, asked = 0;

  async function load(reset) {
    const mine = ++asked;
    const page = await api.get('/api/patients', { q: query, offset: reset ? 0 : shown, limit: kPageSize });
    if (mine !== asked) return;  // a later keystroke's answer wins
    if (reset) { list.replaceChildren(); shown = 0; }
    for (const p of page.patients) list.append(h('li', {},
      h('a', { href: `#/patients/${p.id}`, text: p.full_name }), ' ',
      h('span.muted', { text: t('born', { date: formatDate(p.birth_date) }) })));
    shown += page.patients.length;
    count.textContent = page.total ? t('results', { shown, total: page.total }) : t('no_patients');
    more.hidden = shown >= page.total;
  }
  const search = h('input', { id: 'search', type: 'search', placeholder: t('search_placeholder'), autocomplete: 'off' });
  search.addEventListener('input', () => { query = search.value.trim(); load(true).catch(reportError); });
  more.addEventListener('click', () => load(false).catch(reportError));

  show(root,
    h('h1', { text: t('patients_title') }),
    h('div.columns', {},
      h('section.card', {},
        h('label', { for: 'search', text: t('search_label') }), search, count, list, more),
      may('edit_patient_details') ? newPatientForm() : null));
  search.focus();
  await load(true);
}

function newPatientForm() {
  const error = h('p.error', { role: 'alert' });
  const input = (id, label, attrs = {}) =>
    h('p.field', {}, h('label', { for: 'new-' + id, text: label }), h('input', { id: 'new-' + id, name: id, ...attrs }));
  const form = h('form.card', {
    onsubmit: async (ev) => {
      ev.preventDefault();
      error.textContent = '';
      const f = form.elements;
      try {
        const r = await api.post('/api/patients', {
          full_name: f.full_name.value, birth_date: f.birth_date.value, phone: f.phone.value, email: f.email.value,
        });
        location.hash = `#/patients/${r.patient.id}`;
      } catch (e) {
        error.textContent = e.message;
        if (e instanceof ApiError && e.field && f[e.field]) f[e.field].focus();
      }
    },
  },
  h('h2', { text: t('new_patient') }),
  input('full_name', t('full_name'), { required: true, autocomplete: 'off' }),
  input('birth_date', t('birth_date'), { type: 'date', required: true }),
  input('phone', t('phone'), { type: 'tel', autocomplete: 'off' }),
  input('email', t('email'), { type: 'email', autocomplete: 'off' }),
  error,
  h('button', { type: 'submit', text: t('register') }));
  return form;
}

// What the patient's timeline lists, each from its own endpoint, for the roles that may.
const timelineParts = [
  { title: 'consultations', needs: 'view_clinical_record', path: (p) => `/api/patients/${p}/consultations`,
    items: (r) => r.consultations, line: (c) => [h('a', { href: `#/consultations/${c.id}`, text: c.id }), ' · ', t('opened', { date: formatDate(c.opened_at) }), ' · ',
      t('case_version', { n: c.case_version })], when: (c) => c.opened_at },
  { title: 'photos', needs: 'view_clinical_record', path: (p) => `/api/patients/${p}/photos`,
    items: (r) => r.photos, line: (ph) => [formatDate(ph.taken_on), ' · ', ph.view, ' · ', ph.file_name], when: (ph) => ph.taken_on },
  { title: 'session_logs', needs: 'record_sessions', path: (p) => `/api/patients/${p}/session-logs`,
    items: (r) => r.session_logs, line: (s) => [formatDate(s.started_at), ' · ', t('kind_session', { n: s.session_number })],
    when: (s) => s.started_at },
  { title: 'follow_ups', needs: 'record_sessions', path: (p) => `/api/patients/${p}/follow-ups`,
    items: (r) => r.follow_ups, line: (f) => [formatDate(f.reported_at), ' · ',
      t('symptom_day', { symptom: t('symptom_' + f.symptom), day: f.days_since_session }), ': ', f.reason], when: (f) => f.reported_at },
  { title: 'invoices', needs: 'handle_billing', path: (p) => `/api/patients/${p}/invoices`,
    items: (r) => r.invoices, line: (i) => [i.label, ' · ', formatDate(i.issued_on)], when: (i) => i.issued_on },
];

// The symptoms the triage knows (POST /api/patients/{id}/follow-ups), in the order a call
// asks about them.
const kSymptoms = ['redness', 'itching', 'swelling', 'rash', 'swollen_lymph_nodes', 'fever', 'pus'];

// Follow-up triage: what the patient reports on a call, triaged on the server with the
// consultation's aftercare rules; the advice said at once, and a red flag ("contact the
// clinic now") goes to the doctors' Today.
function followUpCard(patientId, consultations, recorded) {
  const verdict = h('div', { 'aria-live': 'polite' });
  const fields = fieldSet('fu');
  const form = h('form.card.follow-up-form', {
    onsubmit: async (ev) => {
      ev.preventDefault();
      fields.clear(form);
      show(verdict);
      const f = form.elements;
      const body = { symptom: f.symptom.value, days_since_session: Number(f.days_since_session.value),
        days_lasting: Number(f.days_lasting.value), note: f.note.value };
      if (f.consultation_id) body.consultation_id = f.consultation_id.value;
      try {
        const { follow_up: fu } = await api.post(`/api/patients/${patientId}/follow-ups`, body);
        show(verdict, h('p', { class: `verdict urgency-${fu.urgency}`, text: t('urgency_' + fu.urgency) }),
          h('p', { text: fu.reason }),
          fu.urgency === 'contact_clinic_now' ? h('p.warning', { text: t('red_flag_raised') }) : null);
        await recorded();
      } catch (e) {
        if (!(e instanceof ApiError) || e.status === 0 || e.status >= 500) return reportError(e);
        fields.say(form, e.field, e);
      }
    },
  },
  h('h2', { text: t('follow_up_title') }),
  h('p.muted', { text: t('follow_up_help') }),
  consultations.length ? fields.field('consultation_id', t('aftercare_of'), h('select', {}, consultations.map((c) =>
    h('option', { value: c.id, text: t('consultation_opened', { id: c.id, date: formatDate(c.opened_at) }) })))) : null,
  fields.field('symptom', t('symptom'), h('select', { required: true },
    h('option', { value: '', text: t('choose_symptom') }),
    kSymptoms.map((k) => h('option', { value: k, text: t('symptom_' + k) })))),
  h('div.pair', {},
    fields.field('days_since_session', t('days_since_session'), h('input', { type: 'number', min: 0, max: 3650, required: true })),
    fields.field('days_lasting', t('days_lasting'), h('input', { type: 'number', min: 0, max: 3650, required: true }))),
  fields.field('note', t('note'), h('textarea', { rows: 2, maxlength: 10000 })),
  fields.general,
  h('button', { type: 'submit', text: t('triage') }),
  verdict);
  return form;
}

export async function patientScreen(root, id) {
  const parts = timelineParts.filter((part) => may(part.needs));
  const consultationsAt = parts.findIndex((part) => part.title === 'consultations');
  const timeline = h('div.timeline');
  // The timeline, read again after a follow-up is recorded.
  const drawTimeline = async () => {
    const answers = await Promise.all(parts.map((part) => api.get(part.path(id))));
    show(timeline, parts.map((part, i) => {
      const items = [...part.items(answers[i])].sort((a, b) => String(part.when(b)).localeCompare(String(part.when(a))));
      return h('section.card', { 'data-part': part.title }, h('h3', { text: t(part.title) }),
        items.length ? h('ul', {}, items.map((x) => h('li', {}, part.line(x)))) : h('p.muted', { text: t('nothing_yet') }));
    }));
    return answers;
  };
  const [patient, answers] = await Promise.all([api.get(`/api/patients/${id}`), drawTimeline()]);
  const p = patient.patient;
  const consultations = consultationsAt >= 0 ? answers[consultationsAt].consultations : [];
  const actions = [
    may('manage_appointments') ? await bookingCard(p) : null,
    may('record_sessions') ? followUpCard(id, consultations, drawTimeline) : null].filter(Boolean);
  show(root,
    h('h1', { text: p.full_name }),
    h('p.muted', { text: `${p.id} · ${t('born', { date: formatDate(p.birth_date) })}` }),
    actions.length ? h('div.patient-actions', {}, actions) : null,
    h('h2', { text: t('timeline') }),
    timeline);
}
