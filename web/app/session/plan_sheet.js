// The plan's sheet for one session: the consultation's newest finished plan job, its
// plan.json's numbers for the session, the scalp map at a stated scale and the session
// sheet PDF (which is the one to scale, on paper).
import { api } from '../api.js';
import { h } from '../dom.js';
import { t, formatDate } from '../strings.js';

const fileUrl = (job, path) => `/api/jobs/${job.id}/files/${path}`;
const hasFile = (job, path) => job.files?.some((f) => f.path === path);
// scalp-map.png is drawn at 3 pixels per chart mm (docs/design-output.md).
const kMapPxPerMm = 3;

// The newest done plan of the consultation: {job (with its files), plan}, or null.
export async function newestPlan(consultationId) {
  const { jobs } = await api.get(`/api/consultations/${consultationId}/jobs`);  // newest first
  const done = jobs.find((j) => j.kind === 'plan' && j.state === 'done');
  if (!done) return null;
  const { job } = await api.get(`/api/jobs/${done.id}`);
  return { job, plan: await api.get(fileUrl(job, 'plan.json')) };
}

// What the log form starts from: the session's planned needles, shade, impressions,
// regions and sedation (null fields where the plan says nothing).
export function plannedSession(found, n) {
  const s = found?.plan.sessions?.find((x) => x.session === n);
  if (!s) return null;
  const visits = found.plan.schedule?.visits.filter((v) => v.session === n) ?? [];
  return {
    needles: s.needle.split('+').map((x) => x.trim()).filter(Boolean),
    shade: s.shade, dots: s.dots, regions: s.regions, sedation: visits.some((v) => v.sedation),
  };
}

export const regionLabel = (r) => {
  const key = 'region_' + r;
  const words = t(key);
  return words === key ? r.replace(/_/g, ' ') : words;
};

// The map's caption says how large it is drawn here: screen pixels per chart mm, which
// changes with the window, so it is said again whenever the picture is resized.
function scalpMap(job) {
  const url = fileUrl(job, 'design/scalp-map.png');
  const scale = h('span');
  const img = h('img', { src: url, alt: t('sheet_map_alt') });
  const say = () => {
    if (!img.naturalWidth) return;
    const px = (img.clientWidth / img.naturalWidth) * kMapPxPerMm;
    scale.textContent = t('sheet_map_scale', { px: px.toLocaleString(undefined, { maximumFractionDigits: 1 }) });
  };
  img.addEventListener('load', say);
  new ResizeObserver(say).observe(img);
  return h('figure.scalp-map', {}, img,
    h('figcaption', {}, scale, ' ', h('a', { href: url, target: '_blank', rel: 'noopener', text: t('sheet_map_full') })));
}

export function planSheetCard(found, n, appointment) {
  const card = (...children) => h('section.card', { 'aria-labelledby': 'sheet-title' }, ...children);
  const touchUp = appointment.kind === 'touch_up';
  const title = h('h2', { id: 'sheet-title', text: t(touchUp ? 'sheet_title_touch_up' : 'sheet_title', { n }) });
  if (!found) return card(title, h('p', { text: t('sheet_no_plan') }));
  const { job, plan } = found;
  const made = h('p.muted', { text: t('sheet_planned', { date: formatDate(job.finished_at), version: job.case_version }) });
  if (!plan.treatable) return card(title, made, h('p', { text: t('plan_not_treatable') }));
  const s = plan.sessions.find((x) => x.session === n);
  const sheetPath = `sessions/session-${n}.pdf`;
  const numbers = s ? h('dl.session-numbers', {},
    [[t('sheet_shade'), t('sheet_shade_value', { shade: s.shade, pct: Math.round(s.shade_fraction * 100) })],
     [t('sheet_needle'), s.needle],
     [t('impressions'), s.dots.toLocaleString()],
     [t('chair_time'), t('minutes', { n: s.chair_minutes })],
     [t('sheet_sedation'), t(plannedSession(found, n).sedation ? 'log_yes' : 'log_no')],
     [t('sheet_regions'), s.regions.map(regionLabel).join(', ')]]
      .map(([k, v]) => h('div', {}, h('dt', { text: k }), h('dd', { text: v }))))
    : h('p', { text: t(touchUp ? 'sheet_touch_up_none' : 'sheet_no_session', { n, count: plan.sessions.length }) });
  return card(title, made, numbers,
    hasFile(job, sheetPath) ? h('p', {},
      h('a', { href: fileUrl(job, sheetPath), target: '_blank', rel: 'noopener', text: t('session_sheet', { n }) }),
      ' ', h('span.muted', { text: t('sheet_pdf_scale') })) : null,
    hasFile(job, 'design/scalp-map.png') ? scalpMap(job) : null);
}
