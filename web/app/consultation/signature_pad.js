// A signature pad: the patient signs with a finger, a stylus or a mouse (pointer events;
// coalesced events keep a fast stylus's points). The strokes are kept as the server
// stores them (docs/openapi.yaml Signature): lists of [x, y] in pad pixels. A library
// would draw smoother ink (signature_pad's Bézier widths), but what is signed is the
// points the server keeps and draws again as SVG; these few lines draw exactly those.
import { h } from '../dom.js';
import { t } from '../strings.js';

export function signaturePad(onChange) {
  const canvas = h('canvas.signature', { role: 'img', 'aria-label': t('signature_pad') });
  const strokes = [];
  let g = null, drawing = null;

  function fit() {
    const ratio = window.devicePixelRatio || 1;
    const w = canvas.clientWidth, hgt = canvas.clientHeight;
    canvas.width = Math.round(w * ratio); canvas.height = Math.round(hgt * ratio);
    g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.lineWidth = 2.2; g.lineCap = 'round'; g.lineJoin = 'round'; g.strokeStyle = '#111';
    redraw();
  }
  function redraw() {
    g.clearRect(0, 0, canvas.clientWidth, canvas.clientHeight);
    // The line to sign on, a fifth of the height from the bottom.
    g.save(); g.strokeStyle = '#8a94a3'; g.lineWidth = 1;
    g.beginPath(); g.moveTo(16, canvas.clientHeight * 0.8); g.lineTo(canvas.clientWidth - 16, canvas.clientHeight * 0.8); g.stroke();
    g.restore();
    for (const s of strokes) line(s, 0);
  }
  function line(s, from) {
    g.beginPath();
    const start = s[Math.max(0, from - 1)];
    g.moveTo(start[0], start[1]);
    for (let i = Math.max(1, from); i < s.length; ++i) g.lineTo(s[i][0], s[i][1]);
    if (s.length === 1) g.lineTo(start[0] + 0.1, start[1]);  // a dot
    g.stroke();
  }
  const at = (ev) => {
    const r = canvas.getBoundingClientRect();
    const clamp = (v, hi) => Math.min(Math.max(v, 0), hi);
    return [clamp(Math.round((ev.clientX - r.left) * 10) / 10, canvas.clientWidth),
            clamp(Math.round((ev.clientY - r.top) * 10) / 10, canvas.clientHeight)];
  };
  canvas.addEventListener('pointerdown', (ev) => {
    ev.preventDefault();
    canvas.setPointerCapture(ev.pointerId);
    drawing = [at(ev)];
    strokes.push(drawing);
    line(drawing, 0);
  });
  canvas.addEventListener('pointermove', (ev) => {
    if (!drawing) return;
    const from = drawing.length;
    for (const e of ev.getCoalescedEvents?.() ?? [ev]) drawing.push(at(e));
    line(drawing, from);
  });
  const end = () => { if (drawing) { drawing = null; onChange?.(); } };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  new ResizeObserver(() => { if (canvas.clientWidth) fit(); }).observe(canvas);

  return {
    element: canvas,
    empty: () => strokes.length === 0,
    clear() { strokes.length = 0; redraw(); onChange?.(); },
    signature: () => ({ width_px: Math.round(canvas.clientWidth), height_px: Math.round(canvas.clientHeight),
                        strokes: strokes.map((s) => s.slice()) }),
  };
}
