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

// Dots written straight into pixels, then laid over the skin in one drawImage: 32k
// fillRect calls took 40-90 ms a canvas in headless Chromium, this a tenth of that. A dot is
// a square of its 0.25 mm, at least one device pixel; later sessions over earlier ones.
const scratch = new WeakMap();  // canvas -> its dot layer
const rgba = (hex) => {
  const n = parseInt(hex.slice(1), 16);
  return (0xff << 24 | (n & 0xff) << 16 | (n >> 8 & 0xff) << 8 | n >> 16) >>> 0;  // little-endian RGBA
};
const kSessionPixels = kSessionColours.map(rgba);

function drawDots(g, view, dots, place, visible, sessions) {
  const { width, height } = g.canvas;
  let layer = scratch.get(g.canvas);
  if (!layer || layer.width !== width || layer.height !== height) {
    layer = Object.assign(document.createElement('canvas'), { width, height });
    scratch.set(g.canvas, layer);
  }
  const ratio = width / view.size;
  const image = new ImageData(width, height);
  const pixels = new Uint32Array(image.data.buffer);
  const side = Math.max(1, Math.round(0.25 * view.pxPerMm * ratio));
  for (let s = 1; s <= sessions; ++s) {
    const colour = kSessionPixels[(s - 1) % 4];
    for (let i = 0; i < dots.length; ++i) {
      const d = dots[i];
      if (d.session !== s || !visible(d)) continue;
      const [x, y] = place(d);
      const col0 = Math.round(x * ratio - side / 2), row0 = Math.round(y * ratio - side / 2);
      for (let row = Math.max(0, row0); row < Math.min(height, row0 + side); ++row)
        for (let col = Math.max(0, col0); col < Math.min(width, col0 + side); ++col) pixels[row * width + col] = colour;
    }
  }
  layer.getContext('2d').putImageData(image, 0, 0);
  g.drawImage(layer, 0, 0, view.size, view.size);
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
  drawDots(g, view, dots, (d) => view.toPx(d.u, d.v), () => true, design.sessions);
  drawCanthusLines(g, design.guides, toPx, () => true);
  drawEdge(g, design.hairline.edge, toPx, () => true);
  drawHeights(g, design.guides, toPx, () => true, 6);
  drawHandles(g, design.hairline.points, toPx, () => true, selected);
  label(g, 'face', view.size / 2, 14, kGuide, 'center');
}

// The goals step's map: each region tinted by its goal and outlined, named at its
// middle, the dots over it, the chosen region outlined in the accent.
const kGoalTints = { none: '#eceff3', buzz_cut: '#d9e7f5', density: '#e0efd6', scar_camouflage: '#f6e4c8' };

export function paintGoalMap(g, view, { design, dots, selected, regionName }) {
  const ring = (points) => polyline(g, points, (u, v) => view.toPx(u, v));
  g.clearRect(0, 0, view.size, view.size);
  g.fillStyle = '#fff'; g.fillRect(0, 0, view.size, view.size);
  for (const r of design.regions) {
    for (const points of r.outline_mm) {
      ring(points); g.closePath();
      g.fillStyle = kGoalTints[r.goal]; g.fill();
      g.strokeStyle = '#8a94a3'; g.lineWidth = 1; g.stroke();
    }
  }
  drawDots(g, view, dots, (d) => view.toPx(d.u, d.v), () => true, design.sessions);
  drawEdge(g, design.hairline.edge, (place) => view.toPx(...onMap(place)), () => true);
  g.font = '12px system-ui, sans-serif';
  for (const r of design.regions) {
    if (r.region === selected)
      for (const points of r.outline_mm) { ring(points); g.closePath(); g.strokeStyle = kAccent; g.lineWidth = 3; g.stroke(); }
    // The name at the middle of the region's largest piece, where it fits.
    const biggest = r.outline_mm.reduce((a, b) => (b.length > a.length ? b : a)).map(([u, v]) => view.toPx(u, v));
    const xs = biggest.map((p) => p[0]), ys = biggest.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const text = regionName(r.region);
    if (y1 - y0 >= 40 && x1 - x0 >= g.measureText(text).width + 8)
      label(g, text, (x0 + x1) / 2, (y0 + y1) / 2 + 4, kLine, 'center');
  }
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
  drawDots(g, view, dots, (d) => view.toPx(d.y, d.z), (d) => d.x > 0, design.sessions);
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
