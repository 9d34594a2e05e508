// Drawing the hairline editor's two views on canvases: the skin, the dots by session
// (the Okabe-Ito palette of scalp-map.png and the session sheets), the hairline, the
// rules' guides and the draggable points.
import { onMap, onFront, facesFront } from './projection.js';

const kSessionColours = ['#0072b2', '#e69f00', '#009e73', '#cc79a7'];
const kSkin = '#f3e2d3', kSkinLine = '#b79b86', kLine = '#1d2430', kGuide = '#56606e', kFlag = '#a31d1d';
const kAccent = '#1f5fa8';
export const kHandleRadiusPx = 8;

// A canvas sized to its box in CSS pixels, drawn at the screen's pixel density.
export function fitCanvas(canvas, sizePx) {
  const ratio = window.devicePixelRatio || 1;
  canvas.style.width = canvas.style.height = `${sizePx}px`;
  canvas.width = canvas.height = Math.round(sizePx * ratio);
  const g = canvas.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  return g;
}

function polyline(g, points, toPx) {
  g.beginPath();
  points.forEach((p, i) => { const [x, y] = toPx(...p); if (i) g.lineTo(x, y); else g.moveTo(x, y); });
}

function label(g, text, x, y, colour = kGuide, align = 'left') {
  g.font = '12px system-ui, sans-serif';
  g.textAlign = align;
  g.lineWidth = 3; g.strokeStyle = 'rgba(255,255,255,0.85)'; g.strokeText(text, x, y);
  g.fillStyle = colour; g.fillText(text, x, y);
}

// Dots as small squares, at least one pixel, grouped by session so the fill style is set
// once per session (32k dots draw in a few milliseconds).
function drawDots(g, dots, place, visible, pxPerMm, sessions) {
  const side = Math.max(1.25, 0.25 * pxPerMm);  // a 0.25 mm impression, seen at any zoom
  for (let s = 1; s <= sessions; ++s) {
    g.fillStyle = kSessionColours[(s - 1) % 4];
    for (let i = 0; i < dots.length; ++i) {
      const d = dots[i];
      if (d.session !== s || !visible(d)) continue;
      const [x, y] = place(d);
      g.fillRect(x - side / 2, y - side / 2, side, side);
    }
  }
}

function drawHandles(g, points, toPx, visible, selected) {
  for (const [name, place] of Object.entries(points)) {
    if (!visible(place)) continue;
    const [x, y] = toPx(place);
    g.beginPath();
    g.arc(x, y, kHandleRadiusPx, 0, 2 * Math.PI);
    g.fillStyle = name === selected ? kAccent : '#fff';
    g.fill();
    g.lineWidth = 2; g.strokeStyle = kAccent; g.stroke();
  }
}

// The midline ticks: the domain's 7, 8 and 10 cm, and the floor for the patient's age.
function drawHeights(g, guides, toPx, visible, tickPx) {
  g.lineWidth = 1; g.setLineDash([]); g.strokeStyle = kGuide;
  for (const { cm, at } of guides.mid_frontal_heights) {
    if (!visible(at)) continue;
    const [x, y] = toPx(at);
    g.beginPath(); g.moveTo(x - tickPx, y); g.lineTo(x + tickPx, y); g.stroke();
    label(g, `${cm} cm`, x + 2 * tickPx + 4, y + 4);
  }
  const floor = guides.minimum_for_age;
  if (visible(floor.at)) {
    const [x, y] = toPx(floor.at);
    g.strokeStyle = kFlag; g.setLineDash([4, 3]);
    g.beginPath(); g.moveTo(x - 2 * tickPx, y); g.lineTo(x + 2 * tickPx, y); g.stroke();
    g.setLineDash([]);
    label(g, `min. ${floor.cm} cm`, x - 2 * tickPx - 4, y + 4, kFlag, 'right');
  }
}

function drawCanthusLines(g, guides, toPx, visible) {
  g.strokeStyle = kGuide; g.lineWidth = 1; g.setLineDash([6, 4]);
  for (const line of Object.values(guides.lateral_epicanthal_lines)) {
    const shown = line.filter(visible);
    if (shown.length > 1) { polyline(g, shown, (...p) => toPx(p)); g.stroke(); }
  }
  g.setLineDash([]);
}

// The edge drawn in runs of consecutive visible points.
function drawEdge(g, edge, toPx, visible) {
  g.strokeStyle = kLine; g.lineWidth = 1.5;
  let run = [];
  const flush = () => { if (run.length > 1) { polyline(g, run, (...p) => toPx(p)); g.stroke(); } run = []; };
  for (const p of edge) { if (visible(p)) run.push(p); else flush(); }
  flush();
}

export function paintScalpMap(g, view, state) {
  const { design, dots, selected } = state;
  const toPx = (place) => view.toPx(...onMap(place));
  g.clearRect(0, 0, view.size, view.size);
  g.fillStyle = '#fff'; g.fillRect(0, 0, view.size, view.size);
  polyline(g, design.hairline.edge, (...p) => toPx(p));
  g.closePath(); g.fillStyle = kSkin; g.fill();
  drawDots(g, dots, (d) => view.toPx(d.u, d.v), () => true, view.pxPerMm, design.sessions);
  drawCanthusLines(g, design.guides, toPx, () => true);
  drawEdge(g, design.hairline.edge, toPx, () => true);
  drawHeights(g, design.guides, toPx, () => true, 6);
  drawHandles(g, design.hairline.points, toPx, () => true, selected);
  label(g, 'face', view.size / 2, 14, kGuide, 'center');
}

export function paintFront(g, view, state) {
  const { design, dots, selected } = state;
  const head = design.head;
  const toPx = (place) => view.toPx(...onFront(place));
  g.clearRect(0, 0, view.size, view.size);
  g.fillStyle = '#fff'; g.fillRect(0, 0, view.size, view.size);
  // The head's outline seen from the front, and the eyes' line through the canthi.
  const [cx, cy] = view.toPx(0, 0);
  g.beginPath();
  g.ellipse(cx, cy, head.semi_axis_y_mm * view.pxPerMm, head.semi_axis_z_mm * view.pxPerMm, 0, 0, 2 * Math.PI);
  g.fillStyle = kSkin; g.fill(); g.strokeStyle = kSkinLine; g.lineWidth = 1; g.stroke();
  const marks = design.guides.landmarks;
  g.fillStyle = kSkinLine;
  for (const name of ['lateral_canthus_left', 'lateral_canthus_right']) {
    const [x, y] = toPx(marks[name]);
    const eye = x + (x < cx ? 14 : -14);
    g.beginPath(); g.ellipse(eye, y, 16, 6, 0, 0, 2 * Math.PI); g.fill();
    // The brow, over the eye at the height of the glabella.
    const browY = toPx(marks.glabella)[1];
    g.beginPath(); g.moveTo(eye - 22, browY + 4); g.quadraticCurveTo(eye, browY - 8, eye + 22, browY + 2);
    g.lineWidth = 4; g.strokeStyle = kSkinLine; g.stroke();
  }
  const [gx, gy] = toPx(marks.glabella);
  g.beginPath(); g.arc(gx, gy, 3, 0, 2 * Math.PI); g.fill();
  label(g, 'glabella', gx + 6, gy + 4);
  // The dots on the half of the head that faces the viewer.
  drawDots(g, dots, (d) => view.toPx(d.y, d.z), (d) => d.x > 0, view.pxPerMm, design.sessions);
  drawCanthusLines(g, design.guides, toPx, facesFront);
  drawEdge(g, design.hairline.edge, toPx, facesFront);
  drawHeights(g, design.guides, toPx, facesFront, 8);
  drawHandles(g, design.hairline.points, toPx, facesFront, selected);
}

export function handleAt(view, points, px, py) {
  let best = null, bestD = 2.5 * kHandleRadiusPx;  // a finger's reach
  for (const [name, place] of Object.entries(points)) {
    if (view.kind === 'front' && !facesFront(place)) continue;
    const [x, y] = view.kind === 'front' ? view.toPx(...onFront(place)) : view.toPx(...onMap(place));
    const d = Math.hypot(x - px, y - py);
    if (d < bestD) { best = name; bestD = d; }
  }
  return best;
}
