// The hairline editor: the model head from the front and the scalp map side by side, the
// five points dragged with a finger, a stylus or a mouse (pointer events) or moved with
// the arrow keys; the dots re-planned live by the server (POST .../live-design/edits),
// the dropped point saved as a new case version (told to the consultation's case store).
// Style and irregularity are saved in the case through the store and planned again whole.
import { api, ApiError } from '../api.js';
import { h } from '../dom.js';
import { t } from '../strings.js';
import { reportError, status } from '../main.js';
import { scalpMapView, frontView, chartOfFront, placeOfChart, onMap, onFront } from './projection.js';
import { fitCanvas, paintScalpMap, paintFront, handleAt } from './paint.js';

const kPoints = ['mid_frontal', 'frontotemporal_left', 'frontotemporal_right', 'temporal_left', 'temporal_right'];
const kKeySaveDelayMs = 600;  // arrow keys: previews at once, one saved version per pause
const kRetryMs = 3000;        // a save the connection dropped, tried again

const dotsOf = (head, c) => c.id.map((id, i) => {
  const [u, v, x, y, z] = placeOfChart(head, c.u_mm[i], c.v_mm[i]);
  return { id, session: c.session[i], u, v, x, y, z };
});

export function hairlineEditor(consultationId, store) {
  const path = `/api/consultations/${consultationId}/live-design`;
  const state = { design: null, dots: [], selected: 'mid_frontal', zoom: 'hairline' };
  const frontCanvas = h('canvas.view', { tabindex: 0, role: 'img', 'aria-label': t('hairline_front_view') });
  const mapCanvas = h('canvas.view', { tabindex: 0, role: 'img', 'aria-label': t('hairline_scalp_map') });
  const readout = h('div.readout', { 'aria-live': 'polite' });
  const saved = h('p.muted.saved', { 'aria-live': 'polite' });
  const pointSelect = h('select', { id: 'hairline-point' },
    kPoints.map((p) => h('option', { value: p, text: t('point_' + p) })));
  const styleSelect = h('select', { id: 'hairline-style' },
    ['soft', 'defined', 'mature'].map((s) => h('option', { value: s, text: t('style_' + s) })));
  const macro = h('input', { id: 'hairline-macro', type: 'number', min: 0, max: 6, step: 0.1 });
  const micro = h('input', { id: 'hairline-micro', type: 'number', min: 0, max: 3, step: 0.05 });
  const zoomSelect = h('select', { id: 'hairline-zoom' },
    ['hairline', 'close', 'whole'].map((z) => h('option', { value: z, text: t('zoom_' + z) })));
  const legend = h('ul.legend');
  let views = {};

  // --- drawing -------------------------------------------------------------------------
  function layout() {
    const box = root.querySelector('.views');
    const size = Math.max(280, Math.min(560, Math.floor((box.clientWidth - 16 - 4) / 2)));  // the gap, the borders
    const d = state.design;
    const mf = onMap(d.hairline.points.mid_frontal);
    const whole = Math.max(...d.hairline.edge.map((p) => Math.hypot(p[0], p[1]))) + 6;
    views = {
      front: frontView(size, d.head),
      map: state.zoom === 'whole' ? scalpMapView(size, [0, 0], whole)
        : state.zoom === 'close' ? scalpMapView(size, [mf[0], mf[1] - 8], 25)  // the dots one by one
          : scalpMapView(size, [0, mf[1] - 30], 90),
      frontG: fitCanvas(frontCanvas, size), mapG: fitCanvas(mapCanvas, size),
    };
  }
  function paint() {
    paintFront(views.frontG, views.front, state);
    paintScalpMap(views.mapG, views.map, state);
  }
  function describe() {
    const a = state.design.hairline.assessment;
    const ftOff = (mm) => t(mm >= 0 ? 'ft_outside' : 'ft_inside', { mm: Math.abs(mm).toFixed(0) });
    readout.replaceChildren(
      h('p', {}, h('strong', { text: t('mid_frontal_height', { cm: a.mid_frontal_above_glabella_cm.toFixed(1) }) }),
        ' ', h('span.muted', { text: t('height_range') })),
      a.too_low_for_age
        ? h('p.warning', { role: 'alert', text: t('too_low_for_age',
            { cm: a.mid_frontal_above_glabella_cm.toFixed(1), age: a.patient_age, min: a.minimum_for_age_cm.toFixed(1) }) })
        : h('p.muted', { text: t('height_ok_for_age', { age: a.patient_age, min: a.minimum_for_age_cm.toFixed(1) }) }),
      h('p', { text: t('ft_left', { where: ftOff(a.frontotemporal_left_from_canthus_line_mm) }) }),
      h('p', { text: t('ft_right', { where: ftOff(a.frontotemporal_right_from_canthus_line_mm) }) }),
      h('p.muted', { text: t('dot_count', { n: state.dots.length.toLocaleString() }) }));
  }
  function drawLegend() {
    legend.replaceChildren(...Array.from({ length: state.design.sessions }, (_, i) =>
      h('li', {}, h(`span.swatch.session-${(i % 4) + 1}`), t('kind_session', { n: i + 1 }))));
  }

  // --- the design from the server --------------------------------------------------------
  async function load() {
    const d = await api.get(path);
    state.design = d;
    state.dots = dotsOf(d.head, d.dots);
    styleSelect.value = d.hairline.style;
    macro.value = d.hairline.macro_irregularity_mm;
    micro.value = d.hairline.micro_irregularity_mm;
    saved.textContent = t('saved_version', { n: d.case_version });
    layout(); paint(); describe(); drawLegend();
  }

  function applyChange(r) {
    const gone = new Set(r.removed);
    state.dots = state.dots.filter((d) => !gone.has(d.id)).concat(dotsOf(state.design.head, r.added));
    state.design.revision = r.revision;
    state.design.case_version = r.case_version;
    state.design.hairline = r.hairline;
  }

  // --- edits: one request at a time, the latest position wins ----------------------------
  let pending = null, inFlight = false, retry = null;
  function move(point, uv, save) {
    const since = pending?.since ?? performance.now();
    pending = { point, uv, save: save || (pending?.save ?? false), since };
    state.design.hairline.points[point] = placeOfChart(state.design.head, uv[0], uv[1]);
    if (!inFlight) send();
  }
  async function send() {
    const p = pending;
    pending = null;
    inFlight = true;
    clearTimeout(retry);
    if (p.save) saved.textContent = t('saving');
    try {
      const r = await api.post(path + '/edits', {
        revision: state.design.revision, save: p.save, version: p.save ? state.design.case_version : undefined,
        edit: { kind: 'move_hairline_point', point: p.point, u_mm: p.uv[0], v_mm: p.uv[1] } });
      applyChange(r);
      paint(); describe();
      // From the first pointer move this answer shows to the repainted dots.
      performance.measure('hairline-edit', { start: p.since, end: performance.now() });
      if (r.saved) { saved.textContent = t('saved_version', { n: r.case_version }); store.savedElsewhere(r.case_version); }
    } catch (e) {
      if (e instanceof ApiError && e.code === 'stale_design') {
        // Planned again elsewhere (another screen, a restart): this move is made again on it.
        try {
          await load();
          if (!pending) pending = p; else pending.save ||= p.save;
        } catch (again) { reportError(again); }
      } else if (e instanceof ApiError && e.code === 'offline') {
        // Nothing is lost: the latest position is sent again when the server answers.
        if (!pending) pending = p; else pending.save ||= p.save;
        saved.textContent = t('not_saved_retrying');
        retry = setTimeout(() => { if (!inFlight && pending) send(); }, kRetryMs);
        inFlight = false;
        return;
      } else {
        reportError(e);
        await load().catch(reportError);  // the design as the server has it
      }
    }
    inFlight = false;
    if (pending) send();
  }

  // --- pointer: drag a point on either view ----------------------------------------------
  function chartAt(view, ev) {
    const r = ev.target.getBoundingClientRect();
    const px = ev.clientX - r.left, py = ev.clientY - r.top;
    return view.kind === 'front' ? chartOfFront(state.design.head, ...view.fromPx(px, py)) : view.fromPx(px, py);
  }
  function draggable(canvas, which) {
    let dragging = null;
    canvas.addEventListener('pointerdown', (ev) => {
      const r = canvas.getBoundingClientRect();
      const name = handleAt(views[which], state.design.hairline.points, ev.clientX - r.left, ev.clientY - r.top);
      if (!name) return;
      ev.preventDefault();
      dragging = name;
      select(name);
      canvas.setPointerCapture(ev.pointerId);
    });
    canvas.addEventListener('pointermove', (ev) => {
      if (!dragging) return;
      move(dragging, chartAt(views[which], ev), false);
      paint();  // the point follows the finger at once; the dots when the answer comes
    });
    const drop = (ev) => {
      if (!dragging) return;
      const name = dragging;
      dragging = null;
      move(name, chartAt(views[which], ev), true);
    };
    canvas.addEventListener('pointerup', drop);
    canvas.addEventListener('pointercancel', drop);
  }

  // --- keyboard: arrows move the chosen point 1 mm on screen (Shift: 5 mm) ---------------
  let keySave = null;
  function nudge(which, ev) {
    const steps = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] }[ev.key];
    if (!steps) return;
    ev.preventDefault();
    const place = state.design.hairline.points[state.selected];
    const mm = ev.shiftKey ? 5 : 1;
    let uv;
    if (which === 'front') {
      const [y, z] = onFront(place);
      uv = chartOfFront(state.design.head, y + steps[0] * mm, z - steps[1] * mm);
    } else {
      const [u, v] = onMap(place);
      uv = [u + steps[0] * mm, v - steps[1] * mm];
    }
    move(state.selected, uv, false);
    paint();
    clearTimeout(keySave);
    keySave = setTimeout(() => move(state.selected, onMap(state.design.hairline.points[state.selected]), true),
      kKeySaveDelayMs);
  }
  function select(name) {
    state.selected = name;
    pointSelect.value = name;
    paint();
  }

  // --- the case's hairline choices ---------------------------------------------------------
  async function saveChoices(change) {
    saved.textContent = t('saving');
    try {
      await store.save((c) => ({ ...c, hairline: change({ ...(c.hairline ?? {}) }) }));
      status(t('replanning'));
      await load();
      status('');
    } catch (e) {
      reportError(e);
      await load().catch(reportError);
    }
  }
  styleSelect.addEventListener('change', () => saveChoices((hl) => {
    // A new style brings its own irregularity (its preset), unless set again after.
    delete hl.macro_irregularity_mm; delete hl.micro_irregularity_mm;
    return { ...hl, style: styleSelect.value };
  }));
  macro.addEventListener('change', () => saveChoices((hl) => ({ ...hl, macro_irregularity_mm: Number(macro.value) })));
  micro.addEventListener('change', () => saveChoices((hl) => ({ ...hl, micro_irregularity_mm: Number(micro.value) })));
  pointSelect.addEventListener('change', () => select(pointSelect.value));
  zoomSelect.addEventListener('change', () => { state.zoom = zoomSelect.value; layout(); paint(); });
  frontCanvas.addEventListener('keydown', (ev) => nudge('front', ev));
  mapCanvas.addEventListener('keydown', (ev) => nudge('map', ev));
  draggable(frontCanvas, 'front');
  draggable(mapCanvas, 'map');

  const field = (id, label, input) => h('p.field', {}, h('label', { for: id, text: label }), input);
  const root = h('section.card.hairline-editor', { 'aria-labelledby': 'hairline-title' },
    h('h2', { id: 'hairline-title', text: t('hairline_title') }),
    h('p.muted', { text: t('hairline_help') }),
    h('div.views', {},
      h('figure', {}, frontCanvas, h('figcaption', { text: t('hairline_front_view') })),
      h('figure', {}, mapCanvas, h('figcaption', { text: t('hairline_scalp_map') }))),
    legend,
    h('div.controls', {},
      field('hairline-point', t('point_to_move'), pointSelect),
      field('hairline-style', t('hairline_style'), styleSelect),
      field('hairline-macro', t('macro_irregularity'), macro),
      field('hairline-micro', t('micro_irregularity'), micro),
      field('hairline-zoom', t('map_zoom'), zoomSelect)),
    readout, saved);
  // The views follow their box (a window resized, a scroll bar come): drawn again at the
  // new size, which also keeps the pointer's mapping true.
  let width = 0;
  new ResizeObserver(([entry]) => {
    const w = Math.round(entry.contentRect.width);
    if (w === width || !state.design) return;
    width = w;
    layout(); paint();
  }).observe(root.querySelector('.views'));
  return { element: root, load };
}
