// The session log form (POST /api/session-logs), made to be filled fast: what the plan
// says is filled in, the first empty field has the focus, and Enter moves on. A barcode
// scanner types a lot number followed by Enter, so Enter in a field never submits: only
// the save button does. The server checks every field and its refusal (an expired lot,
// say) is shown in words at the field it names.
import { api, ApiError } from '../api.js';
import { h } from '../dom.js';
import { t } from '../strings.js';
import { reportError } from '../main.js';
import { regionLabel } from './plan_sheet.js';

// The regions a log may name when the plan gives none (the design's region names).
const kRegions = ['frontal_hairline_zone', 'frontal', 'mid_scalp', 'vertex', 'temporal_left', 'temporal_right',
  'parietal_left', 'parietal_right', 'occipital'];
// What is the same from one session to the next on this device, remembered locally.
const remembered = (name) => localStorage.getItem('smp.session.' + name) ?? '';
const remember = (name, value) => localStorage.setItem('smp.session.' + name, value);

// datetime-local wants the local wall time, without a zone.
function localInput(iso) {
  const d = new Date(iso);
  const pad = (x) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function sessionLogForm({ appointment, consultationId, sessionNumber, planned, onSaved }) {
  const fields = new Map();  // the server's field name -> {control, error}
  const formError = h('p.error', { role: 'alert' });
  const idOf = (name) => 'log-' + name.replace(/[^a-z0-9]+/gi, '-');

  function field(name, label, attrs = {}, tag = 'input') {
    const id = idOf(name);
    const error = h('p.error', { id: id + '-error' });
    const control = h(tag, { id, name, autocomplete: 'off', 'aria-describedby': id + '-error', ...attrs });
    fields.set(name, { control, error });
    return h('p.field', {}, h('label', { for: id, text: label }), control, error);
  }

  const needleRows = h('div');
  const pigmentRows = h('div');
  const addNeedle = (type = '') => {
    const i = needleRows.children.length + 1;
    needleRows.append(h('div.pair', {},
      field(`needles[${i}].type`, t('log_needle_type', { i }), { value: type }),
      field(`needles[${i}].lot`, t('log_needle_lot', { i }))));
  };
  const addPigment = () => {
    const i = pigmentRows.children.length + 1;
    pigmentRows.append(h('div.pair', {},
      field(`pigments[${i}].brand`, t('log_pigment_brand', { i }), { value: remembered('brand') }),
      field(`pigments[${i}].shade`, t('log_pigment_shade', { i }), { value: planned?.shade ?? '' }),
      field(`pigments[${i}].lot`, t('log_pigment_lot', { i })),
      field(`pigments[${i}].expiry`, t('log_pigment_expiry', { i }), { type: 'date' })));
  };
  (planned?.needles.length ? planned.needles : ['']).forEach((type) => addNeedle(type));
  addPigment();

  const regions = planned?.regions ?? kRegions;
  const areas = h('fieldset.areas', { id: idOf('areas'), 'aria-describedby': idOf('areas') + '-error' },
    h('legend', { text: t('log_areas') }),
    regions.map((r) => h('label.check', {},
      h('input', { type: 'checkbox', name: 'areas', value: r, checked: planned ? true : null }), regionLabel(r))),
    h('p.error', { id: idOf('areas') + '-error' }));
  fields.set('areas', { control: areas, error: areas.lastChild });

  // Ended: now, if the session has begun and now is before its booked end plus 12 hours;
  // else the booked end.
  const now = Date.now();
  const begun = now > Date.parse(appointment.starts_at) && now < Date.parse(appointment.ends_at) + 12 * 3600e3;
  const save = h('button', { type: 'submit', text: t('log_save') });
  const form = h('form.card.session-log', { novalidate: true, 'aria-labelledby': 'log-title' },
    h('h2', { id: 'log-title', text: t(appointment.kind === 'touch_up' ? 'log_title_touch_up' : 'log_title', { n: sessionNumber }) }),
    h('fieldset', {}, h('legend', { text: t('log_pigments') }), pigmentRows,
      h('button.secondary.add', { type: 'button', text: t('log_add_pigment'), onclick: addPigment })),
    h('fieldset', {}, h('legend', { text: t('log_needles') }), needleRows,
      h('button.secondary.add', { type: 'button', text: t('log_add_needle'), onclick: () => addNeedle() })),
    h('div.pair', {},
      field('started_at', t('log_started'), { type: 'datetime-local', value: localInput(appointment.starts_at) }),
      field('ended_at', t('log_ended'), { type: 'datetime-local', value: localInput(begun ? new Date(now).toISOString() : appointment.ends_at) })),
    h('div.triple', {},
      field('impressions_estimated', t('log_impressions'), { type: 'number', min: 0, max: 200000, step: 1, inputmode: 'numeric',
        value: planned?.dots ?? '' }),
      field('dilution_percent', t('log_dilution'), { type: 'number', min: 0, max: 100, step: 'any', inputmode: 'decimal' }),
      field('depth_setting', t('log_depth'), { value: remembered('depth_setting') })),
    areas,
    h('label.check', {}, h('input', { type: 'checkbox', name: 'sedation', checked: planned?.sedation ? true : null }), t('log_sedation')),
    field('reactions', t('log_reactions'), { rows: 2 }, 'textarea'),
    field('notes', t('log_notes'), { rows: 2 }, 'textarea'),
    formError, save);

  // Enter moves to the next field (the save button last); the "add" buttons are skipped.
  form.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Enter' || ev.isComposing || !(ev.target instanceof HTMLInputElement)) return;
    ev.preventDefault();
    const order = [...form.elements].filter((el) => !el.disabled && el.type !== 'fieldset' && !el.classList.contains('add'));
    order[order.indexOf(ev.target) + 1]?.focus();
  });

  function clearErrors() {
    formError.textContent = '';
    for (const { control, error } of fields.values()) { error.textContent = ''; control.removeAttribute('aria-invalid'); }
  }

  // The field the server names (pigments[1].expiry), else its list (areas[2] -> areas).
  function showError(e) {
    const at = fields.get(e.field) ?? fields.get(e.field.replace(/\[.*$/, ''));
    const words = t('log_refused', { message: e.message.replace(`${e.field}: `, '') });
    if (!at) { formError.textContent = words; return; }
    at.error.textContent = words;
    at.control.setAttribute('aria-invalid', 'true');
    (at.control.querySelector?.('input') ?? at.control).focus();
  }

  const value = (name) => form.elements[name].value.trim();
  const rows = (list, prefix, keys) => [...list.children].map((_, i) =>
    Object.fromEntries(keys.map((k) => [k, value(`${prefix}[${i + 1}].${k}`)])));
  const when = (name) => (value(name) ? new Date(value(name)).toISOString() : undefined);
  const number = (name) => (value(name) === '' ? undefined : Number(value(name)));

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors();
    save.disabled = true;
    try {
      const { session_log: log } = await api.post('/api/session-logs', {
        patient_id: appointment.patient_id, consultation_id: consultationId ?? undefined,
        appointment_id: appointment.id, session_number: sessionNumber,
        started_at: when('started_at'), ended_at: when('ended_at'),
        areas: [...form.querySelectorAll('input[name="areas"]:checked')].map((c) => c.value),
        needles: rows(needleRows, 'needles', ['type', 'lot']),
        pigments: rows(pigmentRows, 'pigments', ['brand', 'shade', 'lot', 'expiry']),
        dilution_percent: number('dilution_percent'), depth_setting: value('depth_setting'),
        sedation: form.elements.sedation.checked, impressions_estimated: number('impressions_estimated'),
        reactions: value('reactions'), notes: value('notes'),
      });
      remember('brand', log.pigments[0].brand);
      remember('depth_setting', log.depth_setting);
      onSaved(log);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) showError(e); else reportError(e);
      save.disabled = false;
    }
  });

  // The first field still empty, once the form is on the page.
  const focusFirstEmpty = () =>
    [...form.elements].find((el) => el.matches('input:not([type=checkbox]), textarea') && !el.value)?.focus();
  return { element: form, focusFirstEmpty };
}
