// A photo's landmarks: the points drawn over the photo (SVG in the photo's own pixels, so
// they land where the server means whatever size the photo is shown at), dragged with a
// finger, a stylus or a mouse (pointer events) or moved with the arrow keys, a chosen one
// placed with a click; saved with PUT /api/photos/{id}/landmarks when dropped, which
// answers with the head's pose fitted to them: each point's residual and, when the fit is
// refused, the server's reason. A front photo without landmarks starts from the server's
// suggestions (GET .../landmark-suggestions), drawn but not saved until accepted or moved.
import { api, ApiError } from '../api.js';
import { h, show } from '../dom.js';
import { t } from '../strings.js';
import { may, reportError } from '../main.js';

// The pose landmarks (docs/photo.md), then the pupils (scale only: they move with the gaze).
export const kLandmarks = ['glabella', 'nasion', 'lateral_canthus_left', 'lateral_canthus_right', 'vertex',
  'ear_canal_left', 'ear_canal_right', 'inion', 'pupil_left', 'pupil_right'];
const kPupils = ['pupil_left', 'pupil_right'];
// Those a view usually sees (as `smp photo synth` projects them; docs/photo.md).
const kSeen = {
  front: ['glabella', 'nasion', 'lateral_canthus_left', 'lateral_canthus_right', 'ear_canal_left', 'ear_canal_right', ...kPupils],
  top: ['glabella', 'nasion', 'lateral_canthus_left', 'lateral_canthus_right', 'vertex', 'ear_canal_left', 'ear_canal_right'],
  left: ['glabella', 'nasion', 'lateral_canthus_left', 'vertex', 'ear_canal_left'],
  right: ['glabella', 'nasion', 'lateral_canthus_right', 'vertex', 'ear_canal_right'],
  back: ['vertex', 'ear_canal_left', 'ear_canal_right', 'inion'],
};
const kMinPoseLandmarks = 4;   // solvePnP's minimum
const kKeySaveDelayMs = 600;   // arrow keys: one save per pause
const kPreviewPx = 1600;       // the picture under the points; the points stay in full-size pixels
const kSvg = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(kSvg, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, v);
  if (tag === 'text') el.textContent = children.join(''); else el.append(...children);
  return el;
}

const round1 = (v) => Math.round(v * 10) / 10;
const poseCount = (points) => Object.keys(points).filter((n) => !kPupils.includes(n)).length;

// Why these points cannot be fitted yet, in words, or null (the server's own rules, told
// before it is asked).
function notYet(points) {
  const n = poseCount(points);
  if (n < kMinPoseLandmarks) return t('lm_need_more', { min: kMinPoseLandmarks, n });
  if (kPupils.filter((p) => points[p]).length === 1) return t('lm_both_pupils');
  return null;
}

// The landmark a refusal names (`landmark 'glabella' is 60.3 px from ...`), if any.
const namedIn = (refused) => kLandmarks.find((n) => refused?.includes(`'${n}'`)) ?? null;

export function landmarkEditor(photo, { onSaved }) {
  const editable = may('take_photos');
  const W = photo.width_px, H = photo.height_px;
  const state = {
    photo, points: structuredClone(photo.landmarks?.points ?? {}),
    suggested: false, touched: new Map(), box: { x: 0, y: 0, w: W, h: H },
    selected: kSeen[photo.view].find((n) => !photo.landmarks?.points[n]) ?? kSeen[photo.view][0],
  };
  const viewName = t('photo_view_' + photo.view);
  const picture = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'landmark-photo', role: 'img', tabindex: 0,
    'aria-label': t('lm_photo_label', { view: viewName }), 'aria-describedby': 'lm-help' });
  const image = svg('image', { href: `/api/photos/${photo.id}/image?max_px=${kPreviewPx}`, width: W, height: H,
    preserveAspectRatio: 'none' });
  const layer = svg('g');
  picture.append(image, layer);
  const pointSelect = h('select', { id: 'lm-point' });
  const zoomSelect = h('select', { id: 'lm-zoom' },
    ['whole', 'points'].map((z) => h('option', { value: z, text: t('lm_zoom_' + z) })));
  const table = h('tbody');
  const fit = h('div.fit', { 'aria-live': 'polite' });
  const saved = h('p.muted', { 'aria-live': 'polite' });
  const error = h('p.error', { id: 'lm-error', role: 'alert' });
  const notes = h('div.lm-notes');
  const accept = h('button', { type: 'button', text: t('lm_accept'), hidden: true });
  const remove = h('button.secondary', { type: 'button', text: t('lm_remove') });
  let tableBox = null;

  // --- drawing ----------------------------------------------------------------------------
  // The part of the photo shown: all of it, or the points with a margin, in the photo's
  // proportions. Set when chosen, never during a drag (the point would slide away).
  function frame() {
    const placed = Object.values(state.points);
    let box = { x: 0, y: 0, w: W, h: H };
    if (zoomSelect.value === 'points' && placed.length >= 2) {
      const xs = placed.map((p) => p.x_px), ys = placed.map((p) => p.y_px);
      const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      const w = Math.min(W, Math.max((x1 - x0) * 1.6, (y1 - y0) * 1.6 * W / H, W * 0.2));  // a fifth at least
      const high = w * H / W;
      box = { x: Math.min(Math.max((x0 + x1 - w) / 2, 0), W - w), y: Math.min(Math.max((y0 + y1 - high) / 2, 0), H - high),
        w, h: high };
    }
    state.box = box;
    picture.setAttribute('viewBox', `${box.x} ${box.y} ${box.w} ${box.h}`);
  }
  const fittedFromThese = () => state.photo.pose && state.touched.size === 0 && !state.suggested;
  function draw() {
    const r = Math.hypot(state.box.w, state.box.h) * 0.006;  // about 5 screen px
    const named = fittedFromThese() ? namedIn(state.photo.pose.refused) : null;
    layer.replaceChildren(...kLandmarks.filter((n) => state.points[n]).map((n) => {
      const p = state.points[n];
      const cls = ['lm', n === state.selected ? 'selected' : '', n === named ? 'named' : '', state.suggested ? 'suggested' : '']
        .filter(Boolean).join(' ');
      return svg('g', { class: cls, 'data-landmark': n, transform: `translate(${p.x_px} ${p.y_px})` },
        svg('circle', { class: 'hit', r: r * 3 }),
        svg('circle', { class: 'dot', r, 'stroke-width': r * 0.4 }),
        svg('text', { x: r * 1.6, y: -r * 1.2, 'font-size': r * 2.6, 'stroke-width': r * 0.5 },
          String(kLandmarks.indexOf(n) + 1)));
    }));
    const residuals = fittedFromThese() ? state.photo.pose.reprojection.residuals_px : {};
    const mmPerPx = fittedFromThese() && state.photo.pose.scale.source ? state.photo.pose.scale.mm_per_px_at_head : 0;
    table.replaceChildren(...kLandmarks.filter((n) => state.points[n]).map((n) => {
      const p = state.points[n];
      const res = residuals[n];
      return h('tr', { 'data-landmark': n, class: n === named ? 'named' : n === state.selected ? 'selected' : null },
        h('td', { text: String(kLandmarks.indexOf(n) + 1) }),
        h('th', { scope: 'row', text: t('lm_' + n) }),
        h('td.num', { text: `${p.x_px.toFixed(1)}, ${p.y_px.toFixed(1)}` }),
        h('td.num', { text: kPupils.includes(n) ? t('lm_scale_only')
          : res === undefined ? '–'
            : mmPerPx ? t('lm_residual_mm', { px: res.toFixed(1), mm: (res * mmPerPx).toFixed(1) })
              : t('lm_residual_px', { px: res.toFixed(1) }) }));
    }));
    const chosen = pointSelect.value || state.selected;
    pointSelect.replaceChildren(...kLandmarks.map((n) => h('option', { value: n,
      text: state.points[n] ? t('lm_' + n) : t('lm_not_placed', { name: t('lm_' + n) }) })));
    pointSelect.value = chosen;
    remove.disabled = !state.points[state.selected];
    tableBox.hidden = !table.children.length;
    accept.hidden = !state.suggested;
    describeFit();
  }

  function describeFit() {
    const pose = state.photo.pose;
    if (state.suggested) return fit.replaceChildren(h('p', { text: t('lm_suggested_unsaved') }));
    if (!pose || state.touched.size) {
      const why = notYet(state.points);
      return fit.replaceChildren(h('p.muted',
        { text: why ? t('lm_not_fitted', { why }) : t(state.touched.size ? 'lm_fitting' : 'lm_no_pose') }));
    }
    if (pose.refused) {
      return fit.replaceChildren(h('p.warning', { text: t('lm_refused', { reason: pose.refused }) }),
        h('p.muted', { text: t('lm_refused_help') }));
    }
    const s = pose.scale;
    fit.replaceChildren(
      h('p', {}, h('strong', { text: t('lm_fitted', { n: Object.keys(pose.reprojection.residuals_px).length }) }), ' ',
        t('lm_rms', { px: pose.reprojection.rms_px.toFixed(2), mm: (pose.reprojection.rms_px * s.mm_per_px_at_head).toFixed(2) })),
      h('p.muted', { text: t('lm_scale', { source: t('lm_scale_' + s.source.replace(/ /g, '_')),
        mm: s.mm_per_px_at_head.toFixed(3) }) }));
  }

  // --- saving: one request at a time, the newest points win -------------------------------
  let inFlight = false, again = false;
  function change(name, point) {
    if (point) state.points[name] = point; else delete state.points[name];
    // Accepting or moving a suggestion saves them all: they become the clinic's points.
    if (state.suggested) { for (const [n, p] of Object.entries(state.points)) state.touched.set(n, p); state.suggested = false; }
    state.touched.set(name, point ?? null);
  }
  async function save() {
    again = true;
    if (inFlight) return;
    inFlight = true;
    while (again) {
      again = false;
      await send();
    }
    inFlight = false;
  }
  async function send() {
    error.textContent = '';
    const why = notYet(state.points);
    if (why) { saved.textContent = t('lm_not_saved', { why }); draw(); return; }
    saved.textContent = t('saving');
    const sent = new Map(state.touched);
    try {
      const { photo: p } = await api.put(`/api/photos/${state.photo.id}/landmarks`,
        { version: state.photo.version, points: state.points });
      state.photo = p;
      for (const [n, pt] of sent) if (state.touched.get(n) === pt) state.touched.delete(n);
      if (!state.touched.size) state.points = structuredClone(p.landmarks.points);
      saved.textContent = t('lm_saved', { n: p.version });
      onSaved(p);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        // Placed elsewhere meanwhile: this screen's changes made again on the newest points.
        const { photo: p } = await api.get(`/api/photos/${state.photo.id}`);
        state.photo = p;
        state.points = structuredClone(p.landmarks?.points ?? {});
        for (const [n, pt] of state.touched) if (pt) state.points[n] = pt; else delete state.points[n];
        again = true;
      } else if (e instanceof ApiError && e.status === 400) {
        error.textContent = t('lm_save_refused', { message: e.message.replace(`${e.field}: `, '') });
        saved.textContent = '';
      } else {
        saved.textContent = '';
        reportError(e);
      }
    }
    draw();
  }

  // --- pointer: drag a point, or place the chosen one with a click -----------------------
  function photoPx(ev) {
    const p = new DOMPoint(ev.clientX, ev.clientY).matrixTransform(picture.getScreenCTM().inverse());
    return { x_px: round1(Math.min(Math.max(p.x, 0), W - 0.1)), y_px: round1(Math.min(Math.max(p.y, 0), H - 0.1)) };
  }
  function select(name) {
    state.selected = name;
    pointSelect.value = name;
    draw();
  }
  let dragging = null;
  if (editable) {
    picture.addEventListener('pointerdown', (ev) => {
      const name = ev.target.closest('g.lm')?.dataset.landmark;
      if (name) {
        ev.preventDefault();
        dragging = name;
        select(name);
        picture.setPointerCapture(ev.pointerId);
      } else if (!state.points[state.selected]) {
        change(state.selected, photoPx(ev));
        draw();
        save();
      }
    });
    picture.addEventListener('pointermove', (ev) => {
      if (!dragging) return;
      state.points[dragging] = photoPx(ev);  // follows the finger; saved when let go
      draw();
    });
    const drop = (ev) => {
      if (!dragging) return;
      const name = dragging;
      dragging = null;
      change(name, photoPx(ev));
      draw();
      save();
    };
    picture.addEventListener('pointerup', drop);
    picture.addEventListener('pointercancel', drop);

    // --- keyboard: arrows move the chosen point a screen pixel (Shift: 10); a point not
    // placed yet starts at the photo's centre.
    let keySave = null;
    picture.addEventListener('keydown', (ev) => {
      const step = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] }[ev.key];
      if (!step && (ev.key !== 'Enter' || state.points[state.selected])) return;
      ev.preventDefault();
      const px = state.box.w / picture.getBoundingClientRect().width * (ev.shiftKey ? 10 : 1);
      const p = state.points[state.selected] ?? { x_px: W / 2, y_px: H / 2 };
      const [dx, dy] = step ?? [0, 0];
      change(state.selected, { x_px: round1(Math.min(Math.max(p.x_px + dx * px, 0), W - 0.1)),
        y_px: round1(Math.min(Math.max(p.y_px + dy * px, 0), H - 0.1)) });
      draw();
      clearTimeout(keySave);
      keySave = setTimeout(save, kKeySaveDelayMs);
    });
    pointSelect.addEventListener('change', () => select(pointSelect.value));
    accept.addEventListener('click', () => {
      for (const [n, p] of Object.entries(state.points)) state.touched.set(n, p);
      state.suggested = false;
      save();
    });
    remove.addEventListener('click', () => {
      change(state.selected, null);
      draw();
      save();
    });
  }

  // The server's suggestions for a front photo never placed.
  async function suggest() {
    if (photo.view !== 'front' || photo.landmarks || !editable) return;
    const s = await api.get(`/api/photos/${photo.id}/landmark-suggestions`);
    const found = Object.keys(s.points).length;
    if (found) { state.points = s.points; state.suggested = true; zoomSelect.value = 'points'; frame(); }
    show(notes,
      h('p', { text: found ? t('lm_suggestions', { n: found }) : t('lm_no_suggestions') }),
      s.notes.length ? h('ul.muted', {}, s.notes.map((n) => h('li', { text: n }))) : null);
    draw();
  }

  const card = h('section.card.landmarks', { 'aria-labelledby': 'lm-title', 'data-photo': photo.id },
    h('h2', { id: 'lm-title', text: t('lm_title', { view: viewName }) }),
    h('p.muted', { id: 'lm-help', text: t(editable ? 'lm_help' : 'lm_help_view_only') }),
    h('div.landmark-layout', {},
      h('figure', {}, picture,
        h('figcaption', { text: t('lm_caption', { name: photo.file_name, w: W, h: H }) })),
      h('div', {},
        notes,
        h('div.lm-controls', {},
          h('p.field', {}, h('label', { for: 'lm-zoom', text: t('lm_zoom') }), zoomSelect),
          editable ? h('p.field', {}, h('label', { for: 'lm-point', text: t('lm_point') }), pointSelect) : null,
          editable ? h('p.muted.seen', { text: t('lm_seen', { names: kSeen[photo.view].map((n) => t('lm_' + n)).join(', ') }) }) : null,
          editable ? h('p.actions', {}, accept, remove) : null),
        tableBox = h('table.landmark-table', {},
          h('caption', { text: t('lm_table') }),
          h('thead', {}, h('tr', {}, ['#', t('lm_landmark'), t('lm_position'), t('lm_residual')]
            .map((c) => h('th', { scope: 'col', text: c })))),
          table),
        fit, error, saved)));
  zoomSelect.addEventListener('change', () => { frame(); draw(); });
  zoomSelect.value = Object.keys(state.points).length >= 2 ? 'points' : 'whole';
  frame();
  draw();
  return { element: card, suggest };
}
