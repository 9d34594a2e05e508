// Today: the day's bookings by technician and room, red flags waiting for a doctor, and
// patients due for a touch-up.
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { t, formatDate, formatTime } from '../strings.js';
import { may } from '../main.js';

const kindLabel = (a) => t('kind_' + a.kind, { n: a.session_number });

function section(title, rows, empty) {
  return h('section.card', {}, h('h2', { text: title }), rows.length ? rows : h('p.muted', { text: empty }));
}

export async function todayScreen(root) {
  const start = new Date(); start.setHours(0, 0, 0, 0);
  const end = new Date(start); end.setDate(end.getDate() + 1);
  const in2months = 2;
  const [booked, staff, rooms, flags, recalls] = await Promise.all([
    api.get('/api/appointments', { from: start.toISOString(), to: end.toISOString() }),
    api.get('/api/staff'),
    api.get('/api/rooms'),
    may('acknowledge_red_flags') ? api.get('/api/red-flags') : { red_flags: [] },
    api.get('/api/recalls', { within_months: in2months }),
  ]);
  const nameOf = new Map(staff.staff.map((s) => [s.id, s.name]));
  const roomOf = new Map(rooms.rooms.map((r) => [r.id, r.name]));
  const byTechnician = new Map();
  for (const a of booked.appointments) {
    if (!byTechnician.has(a.technician_id)) byTechnician.set(a.technician_id, []);
    byTechnician.get(a.technician_id).push(a);
  }
  const tables = [...byTechnician].map(([tech, list]) => h('table.day', {},
    h('caption', { text: nameOf.get(tech) ?? tech }),
    h('thead', {}, h('tr', {}, [t('time'), t('patient'), t('kind'), t('room')].map((c) => h('th', { scope: 'col', text: c })))),
    h('tbody', {}, list.map((a) => h('tr', { 'data-appointment': a.id },
      h('td', { text: `${formatTime(a.starts_at)}–${formatTime(a.ends_at)}` }),
      h('td', {}, h('a', { href: `#/patients/${a.patient_id}`, text: a.patient_name ?? a.patient_id })),
      h('td', { text: kindLabel(a) }),
      h('td', { text: roomOf.get(a.room_id) ?? a.room_id }))))));
  const flagRows = flags.red_flags.map((f) => h('p.flag', {},
    h('a', { href: `#/patients/${f.patient_id}`, text: f.patient_name ?? f.patient_id }), ': ', f.reason));
  const recallRows = recalls.recalls.map((r) => h('p', {},
    h('a', { href: `#/patients/${r.patient_id}`, text: r.patient_name ?? r.patient_id }), ' ',
    h('span.muted', { text: t('due_on', { date: formatDate(r.due_on) }) })));
  show(root,
    h('h1', { text: t('today_title', { date: formatDate(start.toISOString()) }) }),
    h('div.columns', {},
      section(t('appointments'), tables, t('no_appointments')),
      h('div', {},
        may('acknowledge_red_flags') ? section(t('red_flags'), flagRows, t('no_red_flags')) : null,
        section(t('recalls'), recallRows, t('no_recalls')))));
}
