// The hair-loss step's preview: the whole scalp map of the live design as the server plans
// it from the saved case (GET .../live-design), drawn by the goals step's painter (regions
// by goal, the dots by session, the hairline edge), the alopecia patches circled over it,
// and the treated area and impressions summed over its regions, said against the numbers
// before the last change. A click on the map gives the chart point under it.
import { api } from '../api.js';
import { h } from '../dom.js';
import { t } from '../strings.js';
import { scalpMapView } from '../hairline/projection.js';
import { fitCanvas, paintGoalMap } from '../hairline/paint.js';

const kPatchLine = '#a31d1d';

const sums = (design) => ({
  cm2: design.regions.reduce((a, r) => a + r.treated_area_cm2, 0),
  dots: design.regions.reduce((a, r) => a + r.dots, 0),
});

export function lossMap(id, onPick) {
  const canvas = h('canvas.view.loss-map', { role: 'img', 'aria-label': t('loss_map') });
  const totals = h('p.loss-totals', { 'aria-live': 'polite' });
  const state = { design: null, dots: [], patches: [], view: null, pickable: false };

  function paint() {
    if (!state.design) return;
    const d = state.design;
    const size = Math.max(300, Math.min(520, canvas.parentElement.clientWidth - 4));
    // The square around the hair-bearing edge: the hairline's, not the loss's, so every
    // loss is drawn in the same frame and a change is seen in place.
    const [us, vs] = [0, 1].map((k) => d.hairline.edge.map((p) => p[k]));
    const [u0, u1, v0, v1] = [Math.min(...us), Math.max(...us), Math.min(...vs), Math.max(...vs)];
    state.view = scalpMapView(size, [(u0 + u1) / 2, (v0 + v1) / 2], Math.max(u1 - u0, v1 - v0) / 2 + 6);
    const g = fitCanvas(canvas, size);
    const dots = d.dots.id.map((dotId, i) => ({ id: dotId, session: d.dots.session[i], u: d.dots.u_mm[i], v: d.dots.v_mm[i] }));
    paintGoalMap(g, state.view, { design: d, dots, selected: null, regionName: (r) => t('region_' + r) });
    g.strokeStyle = kPatchLine; g.lineWidth = 2; g.setLineDash([5, 3]);
    for (const p of state.patches) {
      const [x, y] = state.view.toPx(p.u_mm, p.v_mm);
      g.beginPath(); g.arc(x, y, (p.diameter_mm / 2) * state.view.pxPerMm, 0, 2 * Math.PI); g.stroke();
    }
    g.setLineDash([]);
  }

  canvas.addEventListener('pointerdown', (ev) => {
    if (!state.pickable || !state.view) return;
    const r = canvas.getBoundingClientRect();
    onPick(...state.view.fromPx(ev.clientX - r.left, ev.clientY - r.top));
  });

  return {
    element: h('figure.loss-preview', {}, canvas,
      h('figcaption', { text: t('loss_map_caption') }), totals),
    // The design of the saved case; `compare` says the numbers against the ones shown before.
    async load(compare) {
      const was = compare && state.design ? sums(state.design) : null;
      state.design = await api.get(`/api/consultations/${id}/live-design`);
      const now = sums(state.design);
      const fmt = (s) => ({ cm2: s.cm2.toFixed(1), n: s.dots.toLocaleString() });
      totals.textContent = was
        ? t('loss_totals_change', { ...fmt(now), was_cm2: fmt(was).cm2, was_n: fmt(was).n })
        : t('loss_totals', fmt(now));
      paint();
    },
    // The measured patches to circle, and whether a click places one.
    setPatches(patches, pickable) {
      state.patches = patches;
      state.pickable = pickable;
      canvas.classList.toggle('pickable', pickable);
      paint();
    },
  };
}
