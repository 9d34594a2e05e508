// One of the five clinic views as a tile: its newest photo, or a place to drop one; a file
// input that also opens a tablet's rear camera (capture), the upload's progress bar, the
// server's refusal of a file in words, and how far its landmarks and pose are.
import { h, show } from '../dom.js';
import { t } from '../strings.js';
import { may, reportError } from '../main.js';
import { kPhotoTypes, uploadPhoto, uploadProgress, uploadRefusal } from '../upload.js';

const kThumbPx = 480;

function poseState(photo) {
  if (!photo.landmarks) return t('tile_no_landmarks');
  if (!photo.pose || photo.pose.refused) return t('tile_pose_refused');
  return t('tile_pose_fitted', { px: photo.pose.reprojection.rms_px.toFixed(1) });
}

// consultationId: where photos go; onPhoto(photo): a new one stored; onChoose(): its
// landmarks asked for.
export function viewTile(consultationId, view, { onPhoto, onChoose }) {
  const name = t('photo_view_' + view);
  const id = `photo-${view}`;
  const picture = h('div.drop-zone');
  const about = h('p.muted.tile-about');
  const error = h('p.error', { id: `${id}-error`, role: 'alert' });
  const progress = h('div.uploads', { 'aria-live': 'polite' });
  const choose = h('button.secondary', { type: 'button', text: t('tile_landmarks'), hidden: true,
    'aria-label': t('tile_landmarks_of', { view: name }), onclick: () => onChoose() });
  // The label is the button (the input itself hidden but focusable): the browser's own
  // "No file chosen" has no room on a tile.
  const labelText = h('span');
  const label = h('label.pick', { for: `${id}-file` }, h('span.sr-only', { text: t('tile_of_view', { view: name }) }), labelText);
  const input = h('input.sr-only', { id: `${id}-file`, type: 'file', accept: kPhotoTypes, capture: 'environment',
    'aria-describedby': `${id}-error` });
  let photo = null, sent = 0;

  function draw() {
    labelText.textContent = t(photo ? 'tile_replace' : 'tile_choose');
    show(picture, photo
      ? h('img', { src: `/api/photos/${photo.id}/image?max_px=${kThumbPx}`, alt: t('tile_alt', { view: name, name: photo.file_name }) })
      : h('p', { text: t(may('take_photos') ? 'tile_drop' : 'tile_none') }));
    about.textContent = photo ? `${t('photo_size', { w: photo.width_px, h: photo.height_px, format: photo.format })} · ${poseState(photo)}` : '';
    choose.hidden = !photo;
  }

  async function send(file) {
    error.textContent = '';
    input.disabled = true;
    const row = uploadProgress(`${id}-upload-${++sent}`, file);
    show(progress, row.element);
    try {
      const stored = await uploadPhoto(`/api/consultations/${consultationId}/photos`, file, view, row.update);
      row.done();
      onPhoto(stored);  // which sets this tile's photo
    } catch (e) {
      show(progress);
      const refused = uploadRefusal(e);
      if (refused) error.textContent = refused; else reportError(e);
    } finally {
      input.value = '';
      input.disabled = false;
    }
  }

  const tile = h('section.view-tile', { 'data-view': view, 'aria-labelledby': `${id}-title` },
    h('h3', { id: `${id}-title`, text: name }), picture, about);
  if (may('take_photos')) {
    input.addEventListener('change', () => { if (input.files[0]) send(input.files[0]); });
    // Dropped on the tile: the first file, as if chosen.
    tile.addEventListener('dragover', (ev) => { ev.preventDefault(); tile.classList.add('dragging'); });
    tile.addEventListener('dragleave', () => tile.classList.remove('dragging'));
    tile.addEventListener('drop', (ev) => {
      ev.preventDefault();
      tile.classList.remove('dragging');
      const file = ev.dataTransfer?.files[0];
      if (file) send(file);
    });
    tile.append(h('p.pick-row', {}, label, input), progress, error);
  }
  tile.append(choose);
  return {
    element: tile,
    set(p) { photo = p; draw(); },
    chosen(yes) { tile.classList.toggle('chosen', yes); choose.setAttribute('aria-pressed', String(yes)); },
  };
}
