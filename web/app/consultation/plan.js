// The plan step: the case planned on the server (a plan job: design, simulation,
// schedule, quote, reports), its progress followed live (server-sent events), and when
// done the sessions with their dates, the before/after picture, the documents to preview
// and download, the quote, the consent and the patient's link. A reload finds the newest
// plan job again, running or done.
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { t, formatDate } from '../strings.js';
import { may, reportError } from '../main.js';
import { quoteCard } from './quote.js';
import { consentCard } from './consent.js';
import { patientLinkCard } from './patient_link.js';
import { sessionCalendar } from './calendar.js';
import { follow, stageText } from '../job_events.js';

const fileUrl = (job, path) => `/api/jobs/${job.id}/files/${path}`;
const hasFile = (job, path) => job.files?.some((f) => f.path === path);

function documents(job) {
  const sheets = (job.files ?? []).map((f) => f.path).filter((p) => /^sessions\/session-\d+\.pdf$/.test(p));
  const item = (path, label, note) => hasFile(job, path)
    ? h('li', {}, h('a', { href: fileUrl(job, path), download: path.replace(/\//g, '-'), text: label }),
        note ? h('span.muted', { text: ' ' + note }) : null) : null;
  return h('section.card', { 'aria-labelledby': 'documents-title' },
    h('h2', { id: 'documents-title', text: t('documents_title') }),
    h('ul.documents', {},
      hasFile(job, 'report.html')
        ? h('li', {}, h('a', { href: fileUrl(job, 'report.html'), target: '_blank', rel: 'noopener', text: t('report_preview') }))
        : null,
      item('report.pdf', t('report_pdf'), t('paper_a4')),
      item('report-letter.pdf', t('report_pdf'), t('paper_letter')),
      item('schedule.ics', t('schedule_ics')),
      sheets.map((p) => item(p, t('session_sheet', { n: p.match(/\d+/)[0] })))));
}

function sessionsTable(plan) {
  if (!plan.treatable) {
    return h('section.card', {}, h('h2', { text: t('plan_not_treatable') }),
      h('ul', {}, (plan.candidacy?.reasons ?? []).map((r) => h('li', { text: r }))));
  }
  const s = plan.schedule;
  return h('section.card', { 'aria-labelledby': 'sessions-title' },
    h('h2', { id: 'sessions-title', text: t('sessions_title') }),
    h('table.sessions', {},
      h('thead', {}, h('tr', {}, [t('session'), t('date'), t('time'), t('chair_time'), t('impressions')]
        .map((c) => h('th', { scope: 'col', text: c })))),
      h('tbody', {}, s.visits.map((v) => h('tr', {},
        h('td', { text: v.parts > 1 ? t('session_part', { n: v.session, part: v.part, parts: v.parts }) : String(v.session) }),
        h('td', { text: formatDate(v.date) }), h('td', { text: v.start }),
        h('td', { text: t('minutes', { n: v.chair_minutes }) }), h('td', { text: v.dots.toLocaleString() }))))),
    h('p', { text: t('touch_up_recall', { date: formatDate(s.touch_up_recall) }) }),
    s.warnings.map((w) => h('p.warning', { text: w })));
}

// The model head from three-quarters, before and healed, each picture with the line
// that it is a simulation.
function picture(job, plan) {
  const views = [['renders/three-quarter-before.png', t('view_before')],
                 ['renders/three-quarter-healed.png', t('view_healed', { n: plan.sessions.length })]];
  if (!views.every(([path]) => hasFile(job, path))) return null;
  return h('section.card', { 'aria-labelledby': 'simulation-title' },
    h('h2', { id: 'simulation-title', text: t('simulation_title') }),
    h('div.simulation', {}, views.map(([path, label]) => h('figure', {},
      h('img', { src: fileUrl(job, path), alt: t('head_view_alt', { state: label }) }),
      h('figcaption', {}, h('strong', { text: label }), ' · ', t('not_a_promise'))))));
}

export async function planStep(root, { id, patient, store }) {
  const progress = h('progress', { max: 1, value: 0, 'aria-labelledby': 'plan-progress-label' });
  const progressLabel = h('span', { id: 'plan-progress-label' });
  const progressRow = h('p.progress', { hidden: true }, progressLabel, progress);
  const summary = h('p', { 'aria-live': 'polite' });
  const runButton = h('button', { type: 'button', text: t('run_plan') });
  const results = h('div.plan-results');

  async function showDone(job) {
    runButton.textContent = t('run_plan_again');
    const full = (await api.get(`/api/jobs/${job.id}`)).job;
    const plan = await api.get(fileUrl(full, 'plan.json'));
    summary.textContent = t(full.case_version === store.version ? 'plan_of_version' : 'plan_of_older_version',
      { n: full.case_version, now: store.version, date: formatDate(full.finished_at) });
    show(results,
      h('div.columns', {},
        h('div', {}, sessionsTable(plan),
          plan.treatable && may('manage_appointments') ? await sessionCalendar(patient, full, plan) : null,
          picture(full, plan),
          plan.quote && may('handle_billing') ? await quoteCard(patient, full, plan.quote) : null),
        h('div', {}, documents(full),
          plan.treatable && may('handle_consents') ? await consentCard(patient) : null,
          may('send_patient_links') ? patientLinkCard(patient, full) : null)));
  }

  async function track(job) {
    runButton.disabled = true;
    progressRow.hidden = false;
    const update = (j) => { progress.value = j.fraction; progressLabel.textContent = stageText(j); };
    update(job);
    const end = await follow(job, update);
    progressRow.hidden = true;
    runButton.disabled = false;
    if (end.state === 'done') return showDone(end);
    summary.textContent = end.state === 'failed'
      ? t('plan_failed', { message: end.error?.message ?? '' }) : t('plan_cancelled');
  }

  runButton.addEventListener('click', async () => {
    try {
      show(results);
      summary.textContent = '';
      const { job } = await api.post(`/api/consultations/${id}/jobs`, { kind: 'plan' });
      await track(job);
    } catch (e) { reportError(e); runButton.disabled = false; }
  });

  show(root,
    h('section.card', { 'aria-labelledby': 'plan-title' },
      h('h2', { id: 'plan-title', text: t('plan_title') }),
      h('p.muted', { text: t('plan_help') }),
      summary, progressRow,
      may('edit_clinical_record') ? runButton : null),
    results);

  const { jobs } = await api.get(`/api/consultations/${id}/jobs`);
  const latest = jobs.find((j) => j.kind === 'plan');
  if (!latest) summary.textContent = t('plan_none');
  else if (latest.state === 'done') await showDone(latest);
  else if (latest.state === 'queued' || latest.state === 'running') await track(latest);
  else summary.textContent = latest.state === 'failed'
    ? t('plan_failed', { message: latest.error?.message ?? '' }) : t('plan_cancelled');
}
