// The goals step: what the patient wants per region (buzz cut, density, scar camouflage,
// none), chosen by clicking a region on the scalp map or in the table beside it, each
// choice planned again at once by the server (a set_region_goal edit of the live design)
// and saved in the case's [goals]; the density and the dot size saved in its [clinic] and
// the design planned again whole.
import { api, ApiError } from '../api.js';
import { h, show } from '../dom.js';
import { t } from '../strings.js';
import { may, reportError, status } from '../main.js';
import { scalpMapView } from '../hairline/projection.js';
import { fitCanvas, paintGoalMap } from '../hairline/paint.js';

const kGoals = ['buzz_cut', 'density', 'scar_camouflage', 'none'];
// The [clinic] keys set here, with their ranges (docs/case-file.md).
const kDensityFields = [
  { key: 'final_density_per_cm2', min: 20, max: 140, step: 1 },
  { key: 'density_work_per_cm2', min: 10, max: 140, step: 1 },
  { key: 'dot_diameter_um', min: 100, max: 1000, step: 10 },
];

const insideRing = (ring, u, v) => {  // even-odd crossings
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [ui, vi] = ring[i], [uj, vj] = ring[j];
    if ((vi > v) !== (vj > v) && u < (uj - ui) * (v - vi) / (vj - vi) + ui) inside = !inside;
  }
  return inside;
};

export async function goalsStep(root, { id, store }) {
  const path = `/api/consultations/${id}/live-design`;
  const state = { design: null, dots: [], selected: null, regionName: (r) => t('region_' + r) };
  const canvas = h('canvas.view.goal-map', { tabindex: -1, role: 'img', 'aria-label': t('goals_map') });
  const body = h('tbody');
  const totals = h('p.muted', { 'aria-live': 'polite' });
  const editable = may('edit_clinical_record');
  let view = null;

  const dotsOf = (c) => c.id.map((dotId, i) => ({ id: dotId, session: c.session[i], u: c.u_mm[i], v: c.v_mm[i] }));
  function paint() {
    const size = Math.max(300, Math.min(520, canvas.parentElement.clientWidth - 4));
    // The scalp's bounding box on the chart, with a margin: the map fills the square.
    const us = state.design.hairline.edge.map((p) => p[0]), vs = state.design.hairline.edge.map((p) => p[1]);
    const centre = [(Math.min(...us) + Math.max(...us)) / 2, (Math.min(...vs) + Math.max(...vs)) / 2];
    const half = Math.max(Math.max(...us) - Math.min(...us), Math.max(...vs) - Math.min(...vs)) / 2 + 6;
    view = scalpMapView(size, centre, half);
    paintGoalMap(fitCanvas(canvas, size), view, state);
  }
  function describe() {
    const d = state.design;
    show(body, d.regions.map((r) => {
      const select = h('select', { id: `goal-${r.region}`, disabled: !editable, 'aria-label': t('goal_of', { region: t('region_' + r.region) }) },
        kGoals.map((g) => h('option', { value: g, text: t('goal_option_' + g), selected: g === r.goal })));
      select.addEventListener('change', () => setGoal(r.region, select.value));
      select.addEventListener('focus', () => { state.selected = r.region; paint(); });
      return h('tr', { 'data-region': r.region, class: r.region === state.selected ? 'selected' : null },
        h('th', { scope: 'row', text: t('region_' + r.region) }),
        h('td.number', { text: r.area_cm2.toFixed(0) }),
        h('td.number', { text: `${Math.round(r.mean_coverage * 100)} %` }),
        h('td', {}, select),
        h('td.number', { text: r.dots ? r.achieved_density_per_cm2.toFixed(0) : '–' }),
        h('td.number', { text: r.dots.toLocaleString() }));
    }));
    totals.textContent = t('goals_totals', { n: state.dots.length.toLocaleString(),
      cm2: d.regions.reduce((a, r) => a + r.treated_area_cm2, 0).toFixed(0) });
  }
  async function load() {
    state.design = await api.get(path);
    state.dots = dotsOf(state.design.dots);
    for (const f of kDensityFields) inputs[f.key].value = state.design.density[f.key];
    paint(); describe();
  }

  // A goal clicked: planned again at once in the region and its border, and saved.
  async function setGoal(region, goal, retry = true) {
    status(t('replanning'));
    try {
      const r = await api.post(`${path}/edits`, {
        revision: state.design.revision, save: true, version: state.design.case_version,
        edit: { kind: 'set_region_goal', region, goal } });
      const gone = new Set(r.removed);
      state.dots = state.dots.filter((d) => !gone.has(d.id)).concat(dotsOf(r.added));
      Object.assign(state.design, { revision: r.revision, case_version: r.case_version, regions: r.regions });
      store.savedElsewhere(r.case_version);
      paint(); describe();
      status('');
    } catch (e) {
      // Planned or saved elsewhere since (409): the design as it is now, the goal again on it.
      if (retry && e instanceof ApiError && e.status === 409) { await load(); return setGoal(region, goal, false); }
      reportError(e);
      await load().catch(reportError);
    }
  }

  // Density and dot size: the whole design planned again from the saved case.
  const inputs = {};
  const errors = {};
  const densityFields = kDensityFields.map((f) => {
    errors[f.key] = h('p.error', { id: `${f.key}-error`, 'aria-live': 'polite' });
    inputs[f.key] = h('input', { id: f.key, type: 'number', min: f.min, max: f.max, step: f.step, disabled: !editable,
                                 'aria-describedby': errors[f.key].id });
    inputs[f.key].addEventListener('change', async () => {
      const input = inputs[f.key];
      errors[f.key].textContent = '';
      const value = Number(input.value);
      if (input.value === '' || !(value >= f.min && value <= f.max)) {
        errors[f.key].textContent = t('out_of_range', { min: f.min, max: f.max });
        return;
      }
      status(t('replanning'));
      try {
        await store.save((c) => ({ ...c, clinic: { ...(c.clinic ?? {}), [f.key]: value } }));
        await load();
        status('');
      } catch (e) {
        if (e instanceof ApiError && e.field?.endsWith(f.key)) { errors[f.key].textContent = e.message; status(''); }
        else reportError(e);
      }
    });
    return h('p.field', {}, h('label', { for: f.key, text: t('density_' + f.key, { min: f.min, max: f.max }) }),
      inputs[f.key], errors[f.key]);
  });

  canvas.addEventListener('click', (ev) => {
    const r = canvas.getBoundingClientRect();
    const [u, v] = view.fromPx(ev.clientX - r.left, ev.clientY - r.top);
    const hit = state.design.regions.find((reg) => reg.outline_mm.some((ring) => insideRing(ring, u, v)));
    if (!hit) return;
    state.selected = hit.region;
    paint(); describe();
    root.querySelector(`#goal-${hit.region}`).focus();
  });

  show(root, h('div.columns.goals-step', {},
    h('section.card', { 'aria-labelledby': 'goals-title' },
      h('h2', { id: 'goals-title', text: t('goals_title') }),
      h('p.muted', { text: t('goals_help') }),
      h('figure', {}, canvas, h('figcaption', { text: t('goals_map_caption') }))),
    h('div', {},
      h('section.card', { 'aria-labelledby': 'goal-table-title' },
        h('h2', { id: 'goal-table-title', text: t('goals_by_region') }),
        h('table.goals', {},
          h('thead', {}, h('tr', {}, [t('region'), t('area_cm2'), t('native_hair'), t('goal'), t('density_per_cm2'), t('impressions')]
            .map((c) => h('th', { scope: 'col', text: c })))),
          body),
        totals),
      h('section.card', { 'aria-labelledby': 'density-title' },
        h('h2', { id: 'density-title', text: t('density_title') }),
        h('p.muted', { text: t('density_help') }),
        densityFields))));
  await load();
}
