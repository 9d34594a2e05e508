// A consultation: who it is for, its case's version and when it was saved, and its steps,
// each at its own address (#/consultations/C-…/hairline) so a reload opens the same one.
// Every step saves through one case store (docs/web-app.md "Consultation").
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { t, formatDate, formatTime } from '../strings.js';
import { caseStore } from '../consultation/case_store.js';
import { candidacyStep } from '../consultation/candidacy.js';
import { hairlineEditor } from '../hairline/editor.js';
import { goalsStep } from '../consultation/goals.js';
import { simulationStep } from '../consultation/simulation.js';
import { planStep } from '../consultation/plan.js';
import { photosStep } from '../photos/step.js';
import { skinStep } from '../consultation/skin.js';
import { lossStep } from '../consultation/loss.js';

const kSteps = [
  { name: 'history', show: candidacyStep },
  { name: 'photos', show: photosStep },
  { name: 'skin', show: skinStep },
  { name: 'loss', show: lossStep },
  { name: 'hairline', show: async (root, { id, store }) => {
    const editor = hairlineEditor(id, store);
    show(root, editor.element);
    await editor.load();
  } },
  { name: 'goals', show: goalsStep },
  { name: 'simulation', show: simulationStep },
  { name: 'plan', show: planStep },
];

export async function consultationScreen(root, id, stepName = 'history') {
  const step = kSteps.find((s) => s.name === stepName) ?? kSteps[0];
  const { consultation } = await api.get(`/api/consultations/${id}`);
  const { patient } = await api.get(`/api/patients/${consultation.patient_id}`);
  const version = h('span', { 'aria-live': 'polite' });
  const sayVersion = ({ state, version: n, saved_at }) => {
    version.textContent = state === 'saving' ? t('saving')
      : state === 'retrying' ? t('not_saved_retrying')
        : t('case_version_saved', { n, time: formatTime(saved_at) });
  };
  const store = caseStore(consultation, sayVersion);
  sayVersion({ state: 'saved', version: consultation.case_version, saved_at: consultation.saved_at });
  const body = h('div.step');
  show(root,
    h('h1', { text: t('consultation_title', { name: patient.full_name }) }),
    h('p.muted', {},
      h('a', { href: `#/patients/${patient.id}`, text: patient.id }), ' · ',
      t('opened', { date: formatDate(consultation.opened_at) }), ' · ', version),
    h('nav.steps', { 'aria-label': t('consultation_steps') }, h('ol', {}, kSteps.map((s, i) =>
      h('li', {}, h('a', { href: `#/consultations/${id}/${s.name}`, 'aria-current': s === step ? 'step' : null },
        h('span.step-number', { text: String(i + 1) }), t('step_' + s.name)))))),
    body);
  await step.show(body, { id, patient, store });
}
