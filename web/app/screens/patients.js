// Patients: search as you type (paged on the server), register a new patient, and each
// patient's timeline.
import { api, ApiError } from '../api.js';
import { h, show } from '../dom.js';
import { t, formatDate } from '../strings.js';
import { may, reportError } from '../main.js';

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
    items: (r) => r.follow_ups, line: (f) => [formatDate(f.reported_at), ' · ', f.symptom, ' · ', f.reason], when: (f) => f.reported_at },
  { title: 'invoices', needs: 'handle_billing', path: (p) => `/api/patients/${p}/invoices`,
    items: (r) => r.invoices, line: (i) => [i.label, ' · ', formatDate(i.issued_on)], when: (i) => i.issued_on },
];

export async function patientScreen(root, id) {
  const parts = timelineParts.filter((part) => may(part.needs));
  const [patient, ...answers] = await Promise.all([
    api.get(`/api/patients/${id}`), ...parts.map((part) => api.get(part.path(id)))]);
  const p = patient.patient;
  show(root,
    h('h1', { text: p.full_name }),
    h('p.muted', { text: `${p.id} · ${t('born', { date: formatDate(p.birth_date) })}` }),
    h('h2', { text: t('timeline') }),
    h('div.timeline', {}, parts.map((part, i) => {
      const items = [...part.items(answers[i])].sort((a, b) => String(part.when(b)).localeCompare(String(part.when(a))));
      return h('section.card', { 'data-part': part.title }, h('h3', { text: t(part.title) }),
        items.length ? h('ul', {}, items.map((x) => h('li', {}, part.line(x)))) : h('p.muted', { text: t('nothing_yet') }));
    })));
}
