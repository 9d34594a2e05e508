// The simulation step: the newest plan's pictures (its render of the skin and ink over
// time, docs/render-output.md) through the states on a slider — each session fresh and
// healed, healed, years 1 to 10 — from every view of the model head and as a close-up at
// 0.3 m, with a before/after wipe. Every picture of a view is loaded before the slider
// moves, so a change of state only swaps a decoded image. Each carries the line that it
// is a simulation, not a promise.
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { t } from '../strings.js';

const kViews = ['top', 'front', 'three-quarter', 'left', 'right', 'back', 'closeup'];

// Chronological order: before, session k fresh then healed, healed, year n.
function stateOrder(state) {
  if (state === 'before') return 0;
  const session = state.match(/^session-(\d+)(-healed)?$/);
  if (session) return 2 * Number(session[1]) - (session[2] ? 0 : 1);
  if (state === 'healed') return 999;
  return 1000 + Number(state.match(/^year-(\d+)$/)[1]);
}

function stateName(state) {
  const session = state.match(/^session-(\d+)(-healed)?$/);
  if (session) return t(session[2] ? 'state_session_healed' : 'state_session_fresh', { n: session[1] });
  const year = state.match(/^year-(\d+)$/);
  if (year) return t(year[1] === '1' ? 'state_year_one' : 'state_years', { n: year[1] });
  return t('state_' + state);
}

export async function simulationStep(root, { id }) {
  const { jobs } = await api.get(`/api/consultations/${id}/jobs`);
  const job = jobs.find((j) => j.kind === 'plan' && j.state === 'done');
  if (!job) {
    return show(root, h('section.card', {}, h('h2', { text: t('simulation_step_title') }),
      h('p', {}, t('simulation_needs_plan'), ' ', h('a', { href: `#/consultations/${id}/plan`, text: t('step_plan') }))));
  }
  const plan = await api.get(`/api/jobs/${job.id}/files/plan.json`);
  const url = (path) => `/api/jobs/${job.id}/files/${path}`;
  // Per view, its pictures in time order: {state, path}.
  const byView = new Map();
  for (const img of plan.simulation.images) {
    const view = img.kind === 'closeup' ? 'closeup' : img.kind === 'head_view' ? img.view : null;
    if (!view) continue;
    if (!byView.has(view)) byView.set(view, []);
    byView.get(view).push({ state: img.state, path: img.path });
  }
  for (const list of byView.values()) list.sort((a, b) => stateOrder(a.state) - stateOrder(b.state));
  const metrics = new Map(plan.simulation.states.map((s) => [s.state, s]));

  const viewSelect = h('select', { id: 'simulation-view' },
    kViews.filter((v) => byView.has(v)).map((v) => h('option', { value: v, text: t('sim_view_' + v.replace('-', '_')) })));
  const slider = h('input', { id: 'simulation-state', type: 'range', min: 0, step: 1 });
  const stateLabel = h('output', { for: 'simulation-state', 'aria-live': 'polite' });
  const wipe = h('input', { id: 'simulation-wipe', type: 'range', min: 0, max: 100, step: 1, value: 50 });
  const picture = h('img.state', { alt: '' });
  const before = h('img.before', { alt: '' });
  const beforeFrame = h('div.wipe-before', {}, before);
  const wipeLine = h('div.wipe-line');
  const afterTag = h('span.sim-tag.sim-tag-after');
  const reading = h('p.muted', { 'aria-live': 'polite' });
  const stage = h('figure.sim-stage', {},
    h('div.sim-frame', {}, picture, beforeFrame, wipeLine,
      h('span.sim-tag.sim-tag-before', { text: stateName('before') }), afterTag,
      h('span.sim-banner', { text: t('not_a_promise') })),
    h('figcaption', {}, stateLabel, reading));
  const images = new Map();  // path -> loaded <img> source, decoded once

  const preload = (path) => {
    if (!images.has(path)) {
      const img = new Image();
      img.src = url(path);
      images.set(path, img.decode().catch(() => {}));
    }
    return images.get(path);
  };

  function list() { return byView.get(viewSelect.value); }
  function drawState() {
    const start = performance.now();
    const { state, path } = list()[Number(slider.value)];
    picture.src = url(path);
    picture.alt = t('sim_alt', { view: t('sim_view_' + viewSelect.value.replace('-', '_')), state: stateName(state) });
    stateLabel.textContent = afterTag.textContent = stateName(state);
    const m = metrics.get(state);
    reading.textContent = m ? t('sim_reading', {
      far: m['delta_e00_1.5m_median'].toFixed(1), near: m['delta_e00_0.3m_median'].toFixed(1),
      threshold: plan.simulation['touch_up_threshold_delta_e00_1.5m'].toFixed(1) }) : '';
    slider.setAttribute('aria-valuetext', stateName(state));
    picture.decode().catch(() => {}).then(() =>
      performance.measure('simulation-state', { start, end: performance.now() }));
  }
  function drawWipe() {
    // The before picture over the state's, cut at the wipe: left of it is before.
    beforeFrame.style.clipPath = `inset(0 ${100 - Number(wipe.value)}% 0 0)`;
    wipeLine.style.left = `${wipe.value}%`;
  }
  async function drawView() {
    const pictures = list();
    const healedAt = pictures.findIndex((p) => p.state === 'healed');
    slider.max = pictures.length - 1;
    slider.value = healedAt >= 0 ? healedAt : pictures.length - 1;
    const first = pictures.find((p) => p.state === 'before');
    before.src = first ? url(first.path) : '';
    before.alt = first ? t('sim_alt', { view: t('sim_view_' + viewSelect.value.replace('-', '_')), state: stateName('before') }) : '';
    beforeFrame.hidden = wipeLine.hidden = !first;
    wipe.disabled = !first;
    await Promise.all(pictures.map((p) => preload(p.path)));
    drawState();
  }
  viewSelect.addEventListener('change', drawView);
  slider.addEventListener('input', drawState);
  wipe.addEventListener('input', drawWipe);

  const field = (forId, label, input) => h('p.field', {}, h('label', { for: forId, text: label }), input);
  show(root, h('section.card.simulation-step', { 'aria-labelledby': 'simulation-step-title' },
    h('h2', { id: 'simulation-step-title', text: t('simulation_step_title') }),
    h('p.muted', { text: t('simulation_help', { n: job.case_version }) }),
    h('div.sim-controls', {},
      field('simulation-view', t('sim_seen_from'), viewSelect),
      field('simulation-state', t('sim_state'), slider),
      field('simulation-wipe', t('sim_wipe'), wipe)),
    stage));
  drawWipe();
  await drawView();
}
