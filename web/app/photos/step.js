// The photos step: the five clinic views (docs/photo.md), each a tile to drop or take its
// photo on; the chosen view's landmarks on its photo with the pose fitted to them; what
// the posed photos show. A view shows its newest photo of the consultation.
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { t } from '../strings.js';
import { reportError } from '../main.js';
import { viewTile } from './view_tile.js';
import { landmarkEditor } from './landmarks.js';
import { analysisCard } from './analysis.js';

const kViews = ['front', 'top', 'left', 'right', 'back'];
const posed = (photo) => Boolean(photo.pose && !photo.pose.refused);

export async function photosStep(root, { id }) {
  const { photos } = await api.get(`/api/consultations/${id}/photos`);
  const newest = new Map();
  for (const p of [...photos].sort((a, b) => a.uploaded_at.localeCompare(b.uploaded_at))) newest.set(p.view, p);
  const editorBox = h('div');
  const analysis = analysisCard(id);
  const anyPosed = () => [...newest.values()].some(posed);
  const stored = (p) => {
    newest.set(p.view, p);
    tiles.get(p.view).set(p);
    analysis.posed(anyPosed());
  };

  async function choose(view) {
    for (const [v, tile] of tiles) tile.chosen(v === view);
    const editor = landmarkEditor(newest.get(view), { onSaved: stored });
    show(editorBox, editor.element);
    await editor.suggest();
  }

  const tiles = new Map(kViews.map((view) => [view, viewTile(id, view, {
    onPhoto: (p) => { stored(p); choose(view).catch(reportError); },
    onChoose: () => choose(view).catch(reportError),
  })]));
  for (const [view, tile] of tiles) tile.set(newest.get(view) ?? null);

  show(root,
    h('section.card', { 'aria-labelledby': 'views-title' },
      h('h2', { id: 'views-title', text: t('photos_step_title') }),
      h('p.muted', { text: t('photos_step_help') }),
      h('div.view-tiles', {}, [...tiles.values()].map((tile) => tile.element))),
    editorBox,
    analysis.element);
  const first = kViews.find((v) => newest.has(v));
  if (first) await choose(first);
  await analysis.load();
}
