// The two views of the hairline editor and their inverses: the scalp map seen from above
// (chart mm, the face up, the patient's right on the right, as scalp-map.png) and the
// model head seen from the front (orthographic; the patient's right on the viewer's
// left). The head is the server's ellipsoid (docs/openapi.yaml "live-design": x forward,
// y to the patient's left, z up); chart radius = polar angle x chart_mm_per_rad.

// A view: chart or head mm to CSS pixels of a square canvas of `size` px, and back.
export function scalpMapView(size, centre, halfSpanMm) {
  const s = size / (2 * halfSpanMm);
  return {
    kind: 'map', size, pxPerMm: s,
    toPx: (u, v) => [size / 2 + (u - centre[0]) * s, size / 2 - (v - centre[1]) * s],
    fromPx: (px, py) => [centre[0] + (px - size / 2) / s, centre[1] - (py - size / 2) / s],
  };
}

export function frontView(size, head) {
  const b = head.semi_axis_y_mm, c = head.semi_axis_z_mm;
  // The whole width of the head and from the eyes (40 mm below the nasion) to the top.
  const halfSpan = Math.max(b + 8, (c + 48) / 2);
  const s = size / (2 * halfSpan);
  const zCentre = (c + 8 - 40) / 2;
  return {
    kind: 'front', size, pxPerMm: s,
    toPx: (y, z) => [size / 2 + y * s, size / 2 - (z - zCentre) * s],
    fromPx: (px, py) => [(px - size / 2) / s, zCentre + (size / 2 - py) / s],
  };
}

// The chart point under a front-view position: the front of the ellipsoid at (y, z), or
// its silhouette when outside it.
export function chartOfFront(head, y, z) {
  const a = head.semi_axis_x_mm, b = head.semi_axis_y_mm, c = head.semi_axis_z_mm;
  let rest = 1 - (y / b) ** 2 - (z / c) ** 2;
  if (rest < 0) {  // onto the silhouette, keeping the direction from the centre
    const k = 1 / Math.sqrt((y / b) ** 2 + (z / c) ** 2);
    y *= k; z *= k; rest = 0;
  }
  const x = a * Math.sqrt(rest);
  const polar = Math.acos(Math.max(-1, Math.min(1, z / c)));
  const azimuth = Math.atan2(-y / b, x / a);
  const r = polar * head.chart_mm_per_rad;
  return [r * Math.sin(azimuth), r * Math.cos(azimuth)];
}

// The surface place [u, v, x, y, z] of a chart point.
export function placeOfChart(head, u, v) {
  const polar = Math.hypot(u, v) / head.chart_mm_per_rad, azimuth = Math.atan2(u, v);
  const sp = Math.sin(polar);
  return [u, v, head.semi_axis_x_mm * sp * Math.cos(azimuth), -head.semi_axis_y_mm * sp * Math.sin(azimuth),
          head.semi_axis_z_mm * Math.cos(polar)];
}

// A surface place [u, v, x, y, z] as each view draws it.
export const onMap = (place) => [place[0], place[1]];
export const onFront = (place) => [place[3], place[4]];
export const facesFront = (place) => place[2] > 0;
