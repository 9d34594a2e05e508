// Booking, on the patient's screen (front desk, doctor): the patient's visits from today
// on, however far ahead, a form to book the next one, and cancelling one. The server refuses a
// technician or a room already booked at an overlapping time (409 at technician_id or
// room_id), an end not after the start or over 12 h later, a session number outside 1 to
// 12; each refusal is said at the field it names.
import { api, ApiError } from '../api.js';
import { h, show } from '../dom.js';
import { t, formatDate, formatTime } from '../strings.js';
import { reportError, status } from '../main.js';

// Each kind's usual length, as the demo clinic books them; the form's starting value.
const kMinutes = { session: 180, consultation: 60, follow_up: 30, touch_up: 120 };
// The server's fields and the form's input each is said at.
const kInputOf = { kind: 'kind', session_number: 'session_number', technician_id: 'technician_id', room_id: 'room_id',
  starts_at: 'start', ends_at: 'minutes' };

const visitLabel = (a) => t('kind_' + a.kind, { n: a.session_number });
const timeRange = (a) => `${formatTime(a.starts_at)}–${formatTime(a.ends_at)}`;

// Labelled inputs, each with its own error line, so that a refusal is said at the input of
// the field the server names (or under the form when it names none of them).
export function fieldSet(prefix) {
  const errors = {};
  const general = h('p.error', { role: 'alert' });
  return {
    general,
    field(name, label, control) {
      errors[name] = h('p.error', { id: `${prefix}-${name}-error`, role: 'alert' });
      Object.assign(control, { id: `${prefix}-${name}`, name });
      control.setAttribute('aria-describedby', errors[name].id);
      return h('p.field', { 'data-field': name }, h('label', { for: control.id, text: label }), control, errors[name]);
    },
    clear(form) {
      for (const e of [...Object.values(errors), general]) e.textContent = '';
      for (const c of form.elements) c.removeAttribute('aria-invalid');
    },
    // An ApiError's message without the server's "field: " in front, or words of our own.
    say(form, name, error) {
      const words = error instanceof ApiError ? error.message.replace(/^\w+: /, '') : error;
      if (!errors[name]) { general.textContent = words; return; }
      errors[name].textContent = words;
      form.elements[name].setAttribute('aria-invalid', 'true');
      form.elements[name].focus();
    },
  };
}

export async function bookingCard(patient) {
  const [{ staff }, { rooms }] = await Promise.all([api.get('/api/staff'), api.get('/api/rooms')]);
  const techName = new Map(staff.map((s) => [s.id, s.name]));
  const roomName = new Map(rooms.map((r) => [r.id, r.name]));
  const rows = h('tbody');
  const table = h('table.visits', { 'aria-labelledby': 'visits-title' },
    h('thead', {}, h('tr', {}, [t('date'), t('time'), t('kind'), t('technician'), t('room')].map((c) => h('th', { scope: 'col', text: c })),
      h('th', {}, h('span.sr-only', { text: t('actions') })))),
    rows);
  const none = h('p.muted', { text: t('no_visits') });
  let visits = [];

  async function load() {
    const from = new Date(); from.setHours(0, 0, 0, 0);
    ({ appointments: visits } = await api.get('/api/appointments', { patient_id: patient.id, from: from.toISOString() }));
    rows.replaceChildren(...visits.map(visitRow));
    table.hidden = !visits.length;
    none.hidden = visits.length > 0;
  }

  function visitRow(a) {
    const action = h('td.visit-action');
    const row = h('tr', { 'data-appointment': a.id },
      h('td', { text: formatDate(a.starts_at) }), h('td', { text: timeRange(a) }), h('td', { text: visitLabel(a) }),
      h('td', { text: techName.get(a.technician_id) ?? a.technician_id }), h('td', { text: roomName.get(a.room_id) ?? a.room_id }),
      action);
    const what = { visit: visitLabel(a), date: formatDate(a.starts_at), time: formatTime(a.starts_at) };
    // Cancelling frees the technician and the room for anyone: asked once more in the row.
    const ask = h('button.secondary', { type: 'button', text: t('cancel_visit'), 'aria-label': t('cancel_visit_of', what),
      onclick: () => {
        const yes = h('button.danger', { type: 'button', text: t('cancel_yes'), onclick: async () => {
          try {
            await api.post(`/api/appointments/${a.id}/cancel`);
            await load();
            status(t('visit_cancelled', what));
            form.elements.kind.focus();
          } catch (e) { reportError(e); }
        } });
        show(action, h('span', { text: t('cancel_sure') }), ' ', yes, ' ',
          h('button.secondary', { type: 'button', text: t('cancel_keep'), onclick: () => { show(action, ask); ask.focus(); } }));
        yes.focus();
      } });
    if (a.state === 'booked') show(action, ask);
    return row;
  }

  const fields = fieldSet('book');
  const field = fields.field;
  const select = (options, value) => h('select', {}, options.map(([v, text]) => h('option', { value: v, text, selected: v === value })));
  const kind = select(Object.keys(kMinutes).map((k) => [k, t('book_kind_' + k)]), 'session');
  const sessionField = field('session_number', t('session_number'), h('input', { type: 'number', min: 1, max: 12, required: true }));
  const minutes = h('input', { type: 'number', min: 5, max: 720, step: 5, required: true, value: kMinutes.session });
  kind.addEventListener('change', () => {
    const isSession = kind.value === 'session';
    sessionField.hidden = !isSession;
    form.elements.session_number.disabled = !isSession;
    minutes.value = kMinutes[kind.value];
  });
  const form = h('form.booking', { onsubmit: (ev) => { ev.preventDefault(); book().catch(reportError); } },
    h('h3', { text: t('book_title') }),
    h('div.booking-fields', {},
      field('kind', t('kind'), kind),
      sessionField,
      field('technician_id', t('technician'), select(staff.map((s) => [s.id, s.name]))),
      field('room_id', t('room'), select(rooms.map((r) => [r.id, r.name]))),
      field('date', t('date'), h('input', { type: 'date', required: true })),
      field('start', t('start_time'), h('input', { type: 'time', required: true, step: 300, value: '09:00' })),
      field('minutes', t('length_minutes'), minutes)),
    fields.general,
    h('button', { type: 'submit', text: t('book') }));

  // A clash named by the server: the booking it clashes with, read back in the clinic's words.
  async function clashWords(e, body) {
    const { appointments } = await api.get('/api/appointments', { from: body.starts_at, to: body.ends_at });
    const other = appointments.find((a) => a[e.field] === body[e.field]);
    if (!other) return e.message;
    const name = e.field === 'room_id' ? roomName.get(body.room_id) : techName.get(body.technician_id);
    return t('clash', { name, time: timeRange(other), visit: visitLabel(other), patient: other.patient_name ?? '' });
  }

  async function book() {
    fields.clear(form);
    status('');
    const f = form.elements;
    const starts = new Date(`${f.date.value}T${f.start.value}`);  // the clinic's local time
    const ends = new Date(starts.getTime() + Number(f.minutes.value) * 60000);
    const body = { patient_id: patient.id, kind: f.kind.value, technician_id: f.technician_id.value, room_id: f.room_id.value,
      starts_at: starts.toISOString(), ends_at: ends.toISOString() };
    if (body.kind === 'session') body.session_number = Number(f.session_number.value);
    try {
      const { appointment } = await api.post('/api/appointments', body);
      await load();
      suggestSession();
      // Said once the list shows it.
      status(t('visit_booked', { visit: visitLabel(appointment), date: formatDate(appointment.starts_at),
        time: formatTime(appointment.starts_at), technician: techName.get(appointment.technician_id),
        room: roomName.get(appointment.room_id) }));
    } catch (e) {
      if (!(e instanceof ApiError) || e.status === 0 || e.status >= 500) throw e;
      const clash = e.status === 409 && (e.field === 'technician_id' || e.field === 'room_id');
      fields.say(form, kInputOf[e.field], clash ? await clashWords(e, body) : e);
    }
  }

  // The next session after the highest one booked.
  function suggestSession() {
    const highest = Math.max(0, ...visits.filter((a) => a.kind === 'session').map((a) => a.session_number));
    form.elements.session_number.value = Math.min(12, highest + 1);
  }

  await load();
  suggestSession();
  return h('section.card.booking-card', { 'aria-labelledby': 'visits-title' },
    h('h2', { id: 'visits-title', text: t('visits_title') }), table, none, form);
}
