// The shades the newest finished plan chose per session (plan.json `sessions[].shade`,
// `shade.reasons`, `shade.warnings`): the shade rules are the server's, so a change of
// phototype or hair colour shows here only once the case is planned again.
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { t, formatDate } from '../strings.js';

export function shadesCard(id, store) {
  const body = h('div', { 'aria-live': 'polite' });
  const planLink = (key) => h('a', { href: `#/consultations/${id}/plan`, text: t(key) });
  let planned = null;  // {job, plan} of the newest finished plan

  function draw() {
    if (!planned) return show(body, h('p', {}, t('shades_none'), ' ', planLink('shades_open_plan')));
    const { job, plan } = planned;
    const current = job.case_version === store.version;
    show(body,
      h('p.muted', { text: t('shades_of_version', { n: job.case_version, date: formatDate(job.finished_at) }) }),
      plan.sessions.length
        ? h('table.shades', {},
          h('thead', {}, h('tr', {}, [t('session'), t('shade'), t('shade_pigment')].map((c) => h('th', { scope: 'col', text: c })))),
          h('tbody', {}, plan.sessions.map((s) => h('tr', {},
            h('td', { text: String(s.session) }), h('td', { text: s.shade }),
            h('td.number', { text: t('percent', { n: Math.round(s.shade_fraction * 100) }) })))))
        : h('p', { text: t('shades_not_treatable') }),
      plan.shade.reasons.length ? [h('h3', { text: t('shades_why') }), h('ul', {}, plan.shade.reasons.map((r) => h('li', { text: r })))] : null,
      plan.shade.warnings.map((w) => h('p.warning', { text: w })),
      h(current ? 'p' : 'p.warning', {}, t(current ? 'shades_replan_after_change' : 'shades_stale', { now: store.version }), ' ',
        planLink('shades_open_plan')));
  }

  return {
    element: h('section.card', { 'aria-labelledby': 'shades-title' },
      h('h2', { id: 'shades-title', text: t('shades_title') }), body),
    async load() {
      const { jobs } = await api.get(`/api/consultations/${id}/jobs`);
      const job = jobs.find((j) => j.kind === 'plan' && j.state === 'done');
      planned = job ? { job, plan: await api.get(`/api/jobs/${job.id}/files/plan.json`) } : null;
      draw();
    },
    // The case saved again: the plan's version against the case's.
    redraw: draw,
  };
}
