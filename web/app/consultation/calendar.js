// The plan's sessions on a calendar, to book: each session where the plan put it, dragged
// to another day with a finger, a stylus or a mouse (or moved a day at a time with the
// arrow keys, a week with up and down); every drop asked of the server's schedule rules
// (POST /api/jobs/{id}/session-move-check: the gaps, working days, the transplant, the
// year), a refused day said in words and the session put back; then every visit booked
// with the technician and room chosen (POST /api/appointments).
import { api, ApiError } from '../api.js';
import { h, show } from '../dom.js';
import { t, formatDate } from '../strings.js';
import { reportError } from '../main.js';

const kDayMs = 86400000;
const isoDay = (d) => d.toISOString().slice(0, 10);
const dayOf = (iso) => new Date(iso + 'T00:00:00Z');
const addDays = (iso, n) => isoDay(new Date(dayOf(iso).getTime() + n * kDayMs));

export async function sessionCalendar(patient, job, plan) {
  const [{ staff }, { rooms }] = await Promise.all([api.get('/api/staff'), api.get('/api/rooms')]);
  let visits = plan.schedule.visits.map((v) => ({ ...v }));
  const moved = [];  // {session, date}: the moves the server allowed, in order
  const said = h('div.calendar-said', { 'aria-live': 'polite' });
  const grid = h('div.calendar-months');
  const technician = h('select', { id: 'calendar-technician' },
    staff.map((s) => h('option', { value: s.id, text: s.name })));  // the bookable technicians
  const room = h('select', { id: 'calendar-room' }, rooms.map((r) => h('option', { value: r.id, text: r.name })));
  const book = h('button', { type: 'button', text: t('calendar_book', { n: new Set(visits.map((v) => v.session)).size }) });
  const booked = h('div', { 'aria-live': 'polite' });

  const chipLabel = (v) => (v.parts > 1 ? t('calendar_chip_part', { n: v.session, part: v.part, parts: v.parts })
    : t('calendar_chip', { n: v.session }));

  // The months from the first visit's to the last's, weeks from Monday.
  function draw() {
    const first = dayOf(visits[0].date), last = dayOf(visits.at(-1).date);
    const months = [];
    for (let m = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1)); m <= last;
      m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1))) months.push(m);
    show(grid, months.map((m) => {
      const cells = [];
      const lead = (m.getUTCDay() + 6) % 7;  // Monday first
      for (let i = 0; i < lead; ++i) cells.push(h('div.day.outside'));
      for (let d = new Date(m); d.getUTCMonth() === m.getUTCMonth(); d = new Date(d.getTime() + kDayMs)) {
        const iso = isoDay(d);
        const here = visits.filter((v) => v.date === iso);
        cells.push(h('div.day', { 'data-date': iso, class: [0, 6].includes(d.getUTCDay()) ? 'day weekend' : 'day' },
          h('span.day-number', { text: String(d.getUTCDate()) }),
          here.map((v) => chip(v))));
      }
      return h('section.month', {},
        h('h3', { text: new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(m) }),
        h('div.weekdays', { 'aria-hidden': 'true' }, [1, 2, 3, 4, 5, 6, 0].map((wd) =>
          h('span', { text: new Intl.DateTimeFormat(undefined, { weekday: 'short', timeZone: 'UTC' })
            .format(new Date(Date.UTC(2024, 0, 7 + wd))) }))),
        h('div.days', {}, cells));
    }));
  }

  // A session's first part is what moves; the others follow as the server lays them.
  function chip(v) {
    const el = h('button.chip', { type: 'button', class: `chip session-${((v.session - 1) % 4) + 1}`, 'data-session': v.session,
      'aria-label': t('calendar_chip_aria', { label: chipLabel(v), date: formatDate(v.date) }), text: chipLabel(v) });
    if (v.part !== 1) { el.disabled = true; return el; }
    el.addEventListener('keydown', (ev) => {
      const step = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 }[ev.key];
      if (!step) return;
      ev.preventDefault();
      propose(v.session, addDays(v.date, step), true);
    });
    el.addEventListener('pointerdown', (ev) => {
      ev.preventDefault();
      el.setPointerCapture(ev.pointerId);
      el.classList.add('dragging');
      let over = null;
      const target = (e) => document.elementFromPoint(e.clientX, e.clientY)?.closest('.day[data-date]');
      const onMove = (e) => {
        const cell = target(e);
        if (cell !== over) { over?.classList.remove('drop'); over = cell; over?.classList.add('drop'); }
      };
      const onUp = (e) => {
        el.removeEventListener('pointermove', onMove);
        el.removeEventListener('pointerup', onUp);
        el.classList.remove('dragging');
        over?.classList.remove('drop');
        const cell = target(e);
        if (cell && cell.dataset.date !== v.date) propose(v.session, cell.dataset.date, false);
      };
      el.addEventListener('pointermove', onMove);
      el.addEventListener('pointerup', onUp);
    });
    return el;
  }

  async function propose(session, date, keepFocus) {
    try {
      const r = await api.post(`/api/jobs/${job.id}/session-move-check`, { session, date, moved });
      if (r.allowed) {
        moved.push({ session, date });
        visits = visits.filter((v) => v.session !== session).concat(r.visits.map((v) => ({ ...visits.find((o) => o.session === session), ...v })))
          .sort((a, b) => a.date.localeCompare(b.date));
        show(said, h('p', { text: t('calendar_moved', { n: session, date: formatDate(date) }) }),
          r.warnings.map((w) => h('p.warning', { text: w })));
      } else {
        show(said, h('p.warning', { role: 'alert', text: t('calendar_refused', { n: session, date: formatDate(date) }) }),
          h('ul', {}, r.refusals.map((w) => h('li', { text: w }))));
      }
      draw();
      if (keepFocus) grid.querySelector(`.chip[data-session="${session}"]:not([disabled])`)?.focus();
    } catch (e) { reportError(e); }
  }

  book.addEventListener('click', async () => {
    book.disabled = true;
    const done = [];
    try {
      for (const v of visits) {
        const [hh, mm] = v.start.split(':').map(Number);
        const starts = new Date(`${v.date}T00:00:00`);  // the clinic's local day
        starts.setHours(hh, mm);
        const { appointment } = await api.post('/api/appointments', {
          patient_id: patient.id, consultation_id: job.consultation_id, kind: 'session', session_number: v.session,
          technician_id: technician.value, room_id: room.value,
          starts_at: starts.toISOString(), ends_at: new Date(starts.getTime() + v.chair_minutes * 60000).toISOString() });
        done.push(appointment);
      }
      show(booked, h('p', { text: t('calendar_booked', { n: done.length }) }));
    } catch (e) {
      const why = e instanceof ApiError ? e.message : String(e);
      show(booked, h('p.warning', { role: 'alert', text: t('calendar_not_booked', { done: done.length, why }) }));
      book.disabled = false;
    }
  });

  draw();
  return h('section.card.session-calendar', { 'aria-labelledby': 'calendar-title' },
    h('h2', { id: 'calendar-title', text: t('calendar_title') }),
    h('p.muted', { text: t('calendar_help') }),
    grid, said,
    h('div.calendar-book', {},
      h('p.field', {}, h('label', { for: 'calendar-technician', text: t('technician') }), technician),
      h('p.field', {}, h('label', { for: 'calendar-room', text: t('room') }), room),
      book),
    booked);
}
