// A consultation: who it is for, its case's version, and its steps. The hairline editor
// is the step built so far (docs/web-app.md "Consultation").
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { t, formatDate, formatTime } from '../strings.js';
import { hairlineEditor } from '../hairline/editor.js';

export async function consultationScreen(root, id) {
  const { consultation } = await api.get(`/api/consultations/${id}`);
  const { patient } = await api.get(`/api/patients/${consultation.patient_id}`);
  const version = h('span', { text: t('case_version', { n: consultation.case_version }) });
  const editor = hairlineEditor(id, (n) => { version.textContent = t('case_version', { n }); });
  show(root,
    h('h1', { text: t('consultation_title', { name: patient.full_name }) }),
    h('p.muted', {},
      h('a', { href: `#/patients/${patient.id}`, text: patient.id }), ' · ',
      t('opened', { date: formatDate(consultation.opened_at) }), ' · ', version, ' · ',
      t('last_saved', { time: formatTime(consultation.saved_at) })),
    editor.element);
  await editor.load();
}
