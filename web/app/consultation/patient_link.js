// The patient's link to this plan (report, calendar, symptom form) without a login: made
// for a number of days (POST .../links), its address shown this once to copy or send.
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { t, formatDate } from '../strings.js';
import { reportError } from '../main.js';

const kDefaultDays = 30;  // the server's default; at most 90 (docs/openapi.yaml)

export function patientLinkCard(patient, job) {
  const days = h('input', { id: 'link-days', type: 'number', min: 1, max: 90, step: 1, value: kDefaultDays });
  const made = h('div', { 'aria-live': 'polite' });
  const make = async () => {
    try {
      const r = await api.post(`/api/patients/${patient.id}/links`, { job_id: job.id, valid_days: Number(days.value) });
      const url = location.origin + r.path;
      const address = h('input.link-address', { id: 'link-address', readonly: true, value: url });
      show(made,
        h('p.field', {}, h('label', { for: 'link-address', text: t('link_made', { date: formatDate(r.link.expires_at) }) }),
          address),
        h('p.muted', { text: t('link_once') }),
        h('button.secondary', { type: 'button', text: t('link_copy'), onclick: async () => {
          address.select();
          await navigator.clipboard?.writeText(url).catch(() => {});
        } }));
    } catch (e) { reportError(e); }
  };
  return h('section.card', { 'aria-labelledby': 'link-title' },
    h('h2', { id: 'link-title', text: t('link_title') }),
    h('p.muted', { text: t('link_help') }),
    h('p.field', {}, h('label', { for: 'link-days', text: t('link_days') }), days),
    h('button', { type: 'button', text: t('link_make'), onclick: make }),
    made);
}
