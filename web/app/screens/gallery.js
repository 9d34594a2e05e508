// The gallery: before/after pairs of patients whose gallery consent is in force, the after
// photo aligned onto the before one by the server. Nothing names or numbers a patient: a
// pair carries only its id (signed, saying nothing), its view and its dates.
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { t, formatDate } from '../strings.js';
import { reportError } from '../main.js';

const kViews = ['top', 'back'];
const kApartDays = [90, 180, 365];  // the "at least" choices; the server pairs from 28 days

const alignedBy = (a) => t('aligned_by_' + a.method.replace('+', '_'));

// Whether both originals are as uploaded and how the pair was aligned (the server
// recomputes the hashes and the alignment, so it is asked only when wanted).
async function provenance(pair, line) {
  const { pair: p } = await api.get(`/api/gallery/${pair.id}`);
  const unedited = p.unedited.before && p.unedited.after;
  line.className = unedited ? 'intact' : 'warning';
  line.textContent = [unedited ? t('originals_unedited') : t('originals_changed'),
    p.alignment.refused ?? t('aligned', { how: alignedBy(p.alignment), deg: p.alignment.rotation_deg.toFixed(1),
      pct: ((p.alignment.scale - 1) * 100).toFixed(1) })].join(' ');
}

function pairCard(pair) {
  const view = t('photo_view_' + pair.view);
  const picture = h('img', { src: `/api/gallery/${pair.id}/side-by-side.jpg`, loading: 'lazy', width: 1600, height: 600,
    alt: t('gallery_alt', { view, days: pair.days_between }) });
  const figure = h('figure', {}, picture);
  picture.addEventListener('error', () => figure.replaceChildren(h('p.muted', { text: t('gallery_not_aligned') })));
  const checked = h('p', { 'aria-live': 'polite' });
  const check = h('button.link', { type: 'button', text: t('check_originals'),
    onclick: () => { check.hidden = true; provenance(pair, checked).catch(reportError); } });
  return h('article.card.gallery-pair', { 'data-view': pair.view, 'data-days': pair.days_between },
    figure,
    h('p', {}, h('strong', { text: view }), ' · ', t('gallery_dates',
      { before: formatDate(pair.before_taken_on), after: formatDate(pair.after_taken_on), days: pair.days_between })),
    check, checked);
}

export async function galleryScreen(root) {
  const { pairs } = await api.get('/api/gallery');
  const select = (id, label, options) => h('p.field', {}, h('label', { for: id, text: label }),
    h('select', { id }, options.map(([value, text]) => h('option', { value, text }))));
  const filters = h('form.filters', { role: 'search', 'aria-label': t('gallery_filters') },
    select('gallery-view', t('gallery_view'), [['', t('gallery_any_view')], ...kViews.map((v) => [v, t('photo_view_' + v)])]),
    select('gallery-apart', t('gallery_apart'), [['0', t('gallery_any_apart')],
      ...kApartDays.map((d) => [String(d), t('gallery_apart_' + d)])]));
  const count = h('p.muted', { 'aria-live': 'polite' });
  const none = h('p.muted', { text: t('gallery_none_match') });
  // Each card is made once and only hidden by a filter: the server composes every picture
  // afresh (no-store), so a filter must not load them again.
  const cards = pairs.map((p) => ({ pair: p, card: pairCard(p) }));

  // The API takes no filter, so the pairs it gave are filtered here.
  function draw() {
    const view = filters.querySelector('#gallery-view').value;
    const apart = Number(filters.querySelector('#gallery-apart').value);
    let n = 0;
    for (const { pair, card } of cards) {
      card.hidden = !((!view || pair.view === view) && pair.days_between >= apart);
      if (!card.hidden) ++n;
    }
    count.textContent = t('gallery_count', { n, total: pairs.length });
    none.hidden = n > 0;
  }
  filters.addEventListener('change', draw);

  show(root,
    h('h1', { text: t('gallery_title') }),
    h('p.muted', { text: t('gallery_help') }),
    pairs.length ? [filters, count, none, h('div.gallery', {}, cards.map((c) => c.card))]
      : h('p.card', { text: t('gallery_empty') }));
  draw();
}
