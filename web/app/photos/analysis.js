// What the posed photos show (POST/GET /api/consultations/{id}/photo-analysis, `smp photo
// analyse`): the skin's phototype, the hair colour, the shades they lead to and how much
// of the scalp the photos see, in words, with the segmentation and hair-cover pictures.
// The skin and hair step starts from it.
import { api, ApiError } from '../api.js';
import { h, show } from '../dom.js';
import { t, formatDate, formatTime } from '../strings.js';
import { may, reportError } from '../main.js';
import { photoMeasures } from '../consultation/photo_analysis.js';

const kRoman = ['', 'I', 'II', 'III', 'IV', 'V', 'VI'];
const pct = (f) => Math.round(f * 100);

function describe(a) {
  const tone = a.tone;
  const file = (f) => `/api/photo-analyses/${a.id}/files/${f}`;
  const views = Object.keys(a.photos).map((v) => t('photo_view_' + v)).join(', ');
  const row = (term, ...value) => h('div', {}, h('dt', { text: term }), h('dd', {}, ...value));
  return [
    h('p.muted', { text: t('an_when', { date: formatDate(a.created_at), time: formatTime(a.created_at), views }) }),
    h('dl.analysis', {},
      row(t('an_phototype'), t(tone.case_phototype === tone.phototype ? 'an_phototype_same' : 'an_phototype_other',
        { type: kRoman[tone.phototype], case: kRoman[tone.case_phototype] })),
      row(t('an_hair'), t(tone.hair_measured ? 'an_hair_measured' : 'an_hair_case', { colour: tone.hair_colour })),
      row(t('an_shades'), tone.shades.join(', '),
        h('ul', {}, (tone.shade_reasons ?? []).map((r) => h('li.muted', { text: r })),
          (tone.shade_warnings ?? []).map((w) => h('li.warning', { text: w })))),
      row(t('an_coverage'), t('an_coverage_value', { seen: pct(tone.hair_coverage.seen_fraction),
        hides: pct(tone.hair_coverage.full_hair_hides ?? 1) }))),
    h('div.analysis-pictures', {},
      tone.views.map((v) => h('figure', {},
        h('img', { src: file(v.segmentation), alt: t('an_segmentation_alt', { view: t('photo_view_' + v.view) }) }),
        h('figcaption', { text: t('an_segmentation', { view: t('photo_view_' + v.view) }) }))),
      h('figure', {},
        h('img', { src: file(tone.hair_coverage.mask), alt: t('an_coverage_alt') }),
        h('figcaption', { text: t('an_coverage_caption') }))),
  ];
}

export function analysisCard(consultationId) {
  const path = `/api/consultations/${consultationId}/photo-analysis`;
  const result = h('div', { 'aria-live': 'polite' });
  const error = h('p.error', { role: 'alert' });
  const run = h('button', { type: 'button', text: t('an_run') });
  const running = h('p.muted', { text: t('an_running'), hidden: true });
  let analysed = false;
  const needs = (posed) => {
    run.disabled = !posed;
    if (!analysed) show(result, h('p.muted', { text: t(posed ? 'an_none' : 'an_needs_pose') }));
  };
  run.addEventListener('click', async () => {
    run.disabled = true;
    error.textContent = '';
    running.hidden = false;
    try {
      show(result, describe((await api.post(path, {})).analysis));
      analysed = true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) error.textContent = t('an_refused', { message: e.message });
      else reportError(e);
    }
    running.hidden = true;
    run.disabled = false;
  });
  const card = h('section.card.photo-analysis', { 'aria-labelledby': 'analysis-title' },
    h('h2', { id: 'analysis-title', text: t('an_title') }),
    h('p.muted', { text: t('an_help') }),
    result, running, error, may('take_photos') ? h('p.actions', {}, run) : null);
  return {
    element: card,
    // The latest analysis, asked for only once a photo is posed (photoMeasures).
    async load() {
      const { posed, analysis } = await photoMeasures(consultationId);
      needs(posed > 0);
      if (analysis) { show(result, describe(analysis)); analysed = true; }
    },
    posed: needs,
  };
}
