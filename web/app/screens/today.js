// Today: the day's bookings by technician and room, red flags waiting for a doctor, the
// clinic's jobs still running, and patients due for a touch-up.
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { t, formatDate, formatTime } from '../strings.js';
import { may, reportError, status } from '../main.js';
import { follow, stageText } from '../job_events.js';

const kindLabel = (a) => t('kind_' + a.kind, { n: a.session_number });
const kLookAgainMs = 10000;  // Running now's look for jobs started elsewhere

function section(title, rows, empty) {
  return h('section.card', {}, h('h2', { text: title }), rows.length ? rows : h('p.muted', { text: empty }));
}

// A list that says so when its last row goes (an acknowledged flag, a finished job).
function liveList(title, empty) {
  const list = h('ul.live');
  const none = h('p.muted', { text: empty });
  const changed = () => { none.hidden = list.children.length > 0; };
  changed();
  return { card: h('section.card', {}, h('h2', { text: title }), list, none), list, changed };
}

// Red flags carry the patient's id only; their names are read once per patient.
async function redFlags() {
  const { red_flags: flags } = await api.get('/api/red-flags');
  const ids = [...new Set(flags.map((f) => f.patient_id))];
  const patients = await Promise.all(ids.map((p) => api.get(`/api/patients/${p}`)));
  const nameOf = new Map(patients.map(({ patient }) => [patient.id, patient.full_name]));
  const flagged = liveList(t('red_flags'), t('no_red_flags'));
  for (const f of flags) {
    const row = h('li.flag', { 'data-follow-up': f.id },
      h('p', {}, h('a', { href: `#/patients/${f.patient_id}`, text: nameOf.get(f.patient_id) }), ': ', f.reason),
      h('p.muted', { text: t('flag_reported', { symptom: t('symptom_' + f.symptom), day: f.days_since_session,
        date: formatDate(f.reported_at), time: formatTime(f.reported_at) }) }),
      h('button.secondary', { type: 'button', text: t('acknowledge'), 'aria-label': t('acknowledge_for', { name: nameOf.get(f.patient_id) }),
        onclick: async () => {
          try {
            await api.post(`/api/follow-ups/${f.id}/acknowledge`);
            row.remove();
            flagged.changed();
            status(t('flag_acknowledged', { name: nameOf.get(f.patient_id) }));
          } catch (e) { reportError(e); }
        } }));
    flagged.list.append(row);
  }
  flagged.changed();
  return flagged.card;
}

// Running now: the clinic's queued and running jobs (GET /api/jobs, one request), asked
// again every 10 s while Today is shown for jobs started elsewhere; each is followed live
// and leaves the list when it is done.
function runningNow() {
  const running = liveList(t('running_now'), t('no_running_jobs'));
  const followed = new Set();
  const left = new AbortController();

  function track(job) {
    followed.add(job.id);
    const who = h('a', { id: `${job.id}-who`, href: `#/consultations/${job.consultation_id}${job.kind === 'plan' ? '/plan' : ''}`,
      text: job.patient_name ?? job.patient_id });
    const stage = h('span', { id: `${job.id}-stage` });
    const bar = h('progress', { max: 1, value: 0, 'aria-labelledby': `${job.id}-who ${job.id}-stage` });
    const update = (j) => {
      if (!running.card.isConnected) left.abort();  // Today was left: stop following
      bar.value = j.fraction; stage.textContent = stageText(j);
    };
    const row = h('li.job', { 'data-job': job.id }, h('p', {}, who, ' · ', t('job_kind_' + job.kind)), h('p.progress', {}, stage, bar));
    update(job);
    running.list.append(row);
    running.changed();
    follow(job, update, left.signal).then((end) => {
      if (end.state === 'failed') { bar.remove(); stage.textContent = t('job_failed', { message: end.error?.message ?? '' }); return; }
      row.remove();
      running.changed();
    });
  }

  async function look() {
    if (!running.card.isConnected) { left.abort(); return; }
    // Looked at again even after a failed look (the server briefly out of reach).
    setTimeout(() => look().catch(reportError), kLookAgainMs);
    const { jobs } = await api.get('/api/jobs', { state: 'queued,running' });
    jobs.filter((j) => !followed.has(j.id)).reverse().forEach(track);  // oldest first
  }
  return { card: running.card, look };
}

export async function todayScreen(root) {
  const start = new Date(); start.setHours(0, 0, 0, 0);
  const end = new Date(start); end.setDate(end.getDate() + 1);
  const in2months = 2;
  const [booked, staff, rooms, flags, recalls] = await Promise.all([
    api.get('/api/appointments', { from: start.toISOString(), to: end.toISOString() }),
    api.get('/api/staff'),
    api.get('/api/rooms'),
    may('acknowledge_red_flags') ? redFlags() : null,
    api.get('/api/recalls', { within_months: in2months }),
  ]);
  const nameOf = new Map(staff.staff.map((s) => [s.id, s.name]));
  const roomOf = new Map(rooms.rooms.map((r) => [r.id, r.name]));
  const byTechnician = new Map();
  for (const a of booked.appointments) {
    if (!byTechnician.has(a.technician_id)) byTechnician.set(a.technician_id, []);
    byTechnician.get(a.technician_id).push(a);
  }
  // Who logs sessions starts a Session or Touch-up booking's log from here (screens/session.js).
  const logs = may('record_sessions');
  const sessionLink = (a) => a.kind === 'session' || a.kind === 'touch_up'
    ? h('a', { href: `#/sessions/${a.id}`, text: t(a.state === 'done' ? 'today_session_logged' : 'today_start_session') }) : null;
  const tables = [...byTechnician].map(([tech, list]) => h('table.day', {},
    h('caption', { text: nameOf.get(tech) ?? tech }),
    h('thead', {}, h('tr', {}, [t('time'), t('patient'), t('kind'), t('room'), logs ? t('today_session_column') : null]
      .filter(Boolean).map((c) => h('th', { scope: 'col', text: c })))),
    h('tbody', {}, list.map((a) => h('tr', { 'data-appointment': a.id },
      h('td', { text: `${formatTime(a.starts_at)}–${formatTime(a.ends_at)}` }),
      h('td', {}, h('a', { href: `#/patients/${a.patient_id}`, text: a.patient_name ?? a.patient_id })),
      h('td', { text: kindLabel(a) }),
      h('td', { text: roomOf.get(a.room_id) ?? a.room_id }),
      logs ? h('td', {}, sessionLink(a)) : null)))));
  const recallRows = recalls.recalls.map((r) => h('p', {},
    h('a', { href: `#/patients/${r.patient_id}`, text: r.patient_name ?? r.patient_id }), ' ',
    h('span.muted', { text: t('due_on', { date: formatDate(r.due_on) }) })));
  const running = may('view_clinical_record') ? runningNow() : null;
  show(root,
    h('h1', { text: t('today_title', { date: formatDate(start.toISOString()) }) }),
    h('div.columns', {},
      section(t('appointments'), tables, t('no_appointments')),
      h('div', {},
        flags,
        running?.card,
        section(t('recalls'), recallRows, t('no_recalls')))));
  await running?.look();
}
