// The technician's session (#/sessions/A-…, from a Session or Touch-up booking on Today):
// the patient and which session, the plan's sheet for it beside the log form, and once
// the log is saved (the booking is then done) the log and the photos taken after it. A
// booking already logged opens on its log.
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { t, formatDate, formatTime } from '../strings.js';
import { reportError } from '../main.js';
import { newestPlan, plannedSession, planSheetCard, regionLabel } from '../session/plan_sheet.js';
import { sessionLogForm } from '../session/log_form.js';
import { sessionPhotosCard } from '../session/photos.js';

const kDayMs = 864e5;

// There is no GET /api/appointments/{id}: the booking is looked for in the calendar of
// the 62 days around today (the longest span the API gives at once).
async function booking(id) {
  const now = Date.now();
  const { appointments } = await api.get('/api/appointments', {
    from: new Date(now - 31 * kDayMs).toISOString(), to: new Date(now + 31 * kDayMs).toISOString() });
  return appointments.find((a) => a.id === id);
}

async function consultationOf(a) {
  if (a.consultation_id) return a.consultation_id;
  const { consultations } = await api.get(`/api/patients/${a.patient_id}/consultations`);
  return [...consultations].sort((x, y) => y.opened_at.localeCompare(x.opened_at))[0]?.id ?? null;
}

// A touch-up comes after every planned and logged session.
function sessionNumberOf(a, found, logs) {
  if (a.kind === 'session') return a.session_number;
  return Math.min(12, Math.max(found?.plan.sessions?.length ?? 0, ...logs.map((l) => l.session_number)) + 1);
}

function savedLogCard(log, visit) {
  const span = `${formatTime(log.started_at)}–${formatTime(log.ended_at)}`;
  const rows = [
    [t('log_when'), t('log_when_value', { date: formatDate(log.started_at), span })],
    [t('log_pigments'), log.pigments.map((p) => t('log_pigment_value', { ...p, expiry: formatDate(p.expiry) })).join('; ')],
    [t('log_needles'), log.needles.map((n) => t('log_needle_value', n)).join('; ')],
    [t('impressions'), log.impressions_estimated.toLocaleString()],
    [t('log_areas'), log.areas.map(regionLabel).join(', ')],
    [t('log_dilution'), String(log.dilution_percent)], [t('log_depth'), log.depth_setting],
    [t('sheet_sedation'), t(log.sedation ? 'log_yes' : 'log_no')],
    log.reactions ? [t('log_reactions'), log.reactions] : null, log.notes ? [t('log_notes'), log.notes] : null,
  ].filter(Boolean);
  return h('section.card.saved-log', { 'aria-labelledby': 'saved-title' },
    h('h2', { id: 'saved-title', text: t('log_saved_title', { visit }) }),
    h('p', { role: 'status', text: t('log_saved', { id: log.id, date: formatDate(log.written_at), time: formatTime(log.written_at) }) }),
    h('dl.session-numbers', {}, rows.map(([k, v]) => h('div', {}, h('dt', { text: k }), h('dd', { text: v })))),
    h('p', {}, h('a', { href: '#/today', text: t('log_back_today') })));
}

export async function sessionScreen(root, id) {
  const a = await booking(id);
  if (!a) return show(root, h('p', { text: t('log_no_booking') }));
  if (a.kind !== 'session' && a.kind !== 'touch_up') return show(root, h('p', { text: t('log_not_a_session') }));
  const [{ patient }, { session_logs: logs }, { rooms }, consultation] = await Promise.all([
    api.get(`/api/patients/${a.patient_id}`), api.get(`/api/patients/${a.patient_id}/session-logs`),
    api.get('/api/rooms'), consultationOf(a)]);
  const found = consultation ? await newestPlan(consultation) : null;
  const n = sessionNumberOf(a, found, logs);
  const planCount = found?.plan.treatable ? found.plan.sessions.length : 0;
  const logArea = h('div.log-area');
  const visit = t('kind_' + a.kind, { n });

  async function showLog(log) {
    show(logArea, savedLogCard(log, visit), await sessionPhotosCard(log));
    document.getElementById('photo-view')?.focus();
  }

  show(root,
    h('h1', { text: t('log_screen_title', { visit, name: patient.full_name }) }),
    h('p.muted', {},
      h('a', { href: `#/patients/${patient.id}`, text: patient.id }), ' · ',
      t('log_booked', { date: formatDate(a.starts_at), span: `${formatTime(a.starts_at)}–${formatTime(a.ends_at)}`,
        room: rooms.find((r) => r.id === a.room_id)?.name ?? a.room_id }),
      planCount ? ` · ${t('log_session_of', { n, count: planCount })}` : null),
    h('div.session-columns', {}, planSheetCard(found, n, a), logArea));

  const existing = logs.find((l) => l.appointment_id === a.id);
  if (existing) return showLog(existing);
  const form = sessionLogForm({ appointment: a, consultationId: consultation, sessionNumber: n, planned: plannedSession(found, n),
    onSaved: (log) => showLog(log).catch(reportError) });
  show(logArea, form.element);
  form.focusFirstEmpty();
}
