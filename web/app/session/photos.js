// Photos right after the session: each chosen file sent as it is, one after another, with
// its upload's progress (upload.js), then listed with the log's earlier photos.
import { api } from '../api.js';
import { h } from '../dom.js';
import { t } from '../strings.js';
import { reportError } from '../main.js';
import { kPhotoTypes, uploadPhoto, uploadProgress, uploadRefusal } from '../upload.js';

const kViews = ['top', 'front', 'back', 'left', 'right'];
const kPreviewPx = 320;

function photoItem(photo, sessionNumber) {
  return h('li', { 'data-photo': photo.id },
    h('img', { src: `/api/photos/${photo.id}/image?max_px=${kPreviewPx}`,
      alt: t('photo_alt', { n: sessionNumber, view: t('photo_view_' + photo.view) }) }),
    h('p', {}, h('strong', { text: t('photo_view_' + photo.view) }), ' · ', photo.file_name),
    h('p.muted', { text: t('photo_size', { w: photo.width_px, h: photo.height_px, format: photo.format }) }));
}

export async function sessionPhotosCard(log) {
  const list = h('ul.session-photos');
  const none = h('p.muted', { text: t('photos_none') });
  const listed = (photos) => { list.append(...photos.map((p) => photoItem(p, log.session_number))); none.hidden = list.children.length > 0; };
  const view = h('select', { id: 'photo-view' }, kViews.map((v) => h('option', { value: v, text: t('photo_view_' + v) })));
  const error = h('p.error', { id: 'photo-file-error', role: 'alert' });
  const input = h('input', { id: 'photo-file', type: 'file', multiple: true, 'aria-describedby': 'photo-file-error', accept: kPhotoTypes });
  const progress = h('div.uploads', { 'aria-live': 'polite' });
  let sent = 0;  // numbers the progress rows' ids across batches

  input.addEventListener('change', async () => {
    const files = [...input.files];
    error.textContent = '';
    input.disabled = true;
    try {
      for (const file of files) {
        const row = uploadProgress(`upload-${++sent}`, file);
        progress.append(row.element);
        const photo = await uploadPhoto(`/api/session-logs/${log.id}/photos`, file, view.value, row.update);
        row.done();
        listed([photo]);
      }
    } catch (e) {
      // The server's refusal of the file (not a photo, too large) is said at the file input.
      const refused = uploadRefusal(e);
      if (refused) error.textContent = refused; else reportError(e);
    } finally {
      input.value = '';
      input.disabled = false;
    }
  });

  const { photos } = await api.get(`/api/patients/${log.patient_id}/photos`);  // no per-log list in the API
  listed(photos.filter((p) => p.session_log_id === log.id));
  const card = h('section.card', { 'aria-labelledby': 'photos-title' },
    h('h2', { id: 'photos-title', text: t('photos_title') }),
    h('div.photo-pick', {},
      h('p.field', {}, h('label', { for: 'photo-view', text: t('photo_view') }), view),
      h('p.field', {}, h('label', { for: 'photo-file', text: t('photo_file') }), input)),
    error, progress, list, none);
  return card;
}
