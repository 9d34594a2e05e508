// Photos right after the session: each chosen file sent as it is (the body is the file's
// bytes, POST /api/session-logs/{id}/photos?view=…&file_name=…), one after another, with
// its upload's progress (XMLHttpRequest: fetch reports none), then listed with the log's
// earlier photos.
import { api, ApiError } from '../api.js';
import { h } from '../dom.js';
import { t } from '../strings.js';
import { reportError } from '../main.js';

const kViews = ['top', 'front', 'back', 'left', 'right'];
const kPreviewPx = 320;

// One upload; resolves with the stored photo, rejects with an ApiError as api.js does.
function upload(log, file, view, csrf, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = new URLSearchParams({ view, file_name: file.name.slice(0, 200) || 'photo' });
    xhr.open('POST', `/api/session-logs/${log.id}/photos?${query}`);
    xhr.setRequestHeader('X-CSRF-Token', csrf);
    // The server tells the format by the content; HEIC often comes without a type.
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.responseType = 'json';
    xhr.upload.addEventListener('progress', (ev) => { if (ev.lengthComputable) onProgress(ev.loaded / ev.total); });
    xhr.addEventListener('load', () => {
      if (xhr.status === 201) return resolve(xhr.response.photo);
      const e = xhr.response?.error ?? {};
      reject(new ApiError(xhr.status, e.code ?? 'error', e.message ?? xhr.statusText, e.field ?? ''));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'offline', 'offline', '')));
    xhr.send(file);
  });
}

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
  const input = h('input', { id: 'photo-file', type: 'file', multiple: true, 'aria-describedby': 'photo-file-error',
    accept: 'image/jpeg,image/png,image/heic,image/heif,.jpg,.jpeg,.png,.heic,.heif' });
  const progress = h('div.uploads', { 'aria-live': 'polite' });
  let sent = 0;  // numbers the progress rows' ids across batches

  input.addEventListener('change', async () => {
    const files = [...input.files];
    error.textContent = '';
    input.disabled = true;
    try {
      const { csrf_token: csrf } = await api.get('/api/me');  // api.js keeps its token to itself
      for (const file of files) {
        const i = ++sent;
        const label = h('span', { id: `upload-${i}-label`, text: t('upload_progress', { name: file.name, pct: 0 }) });
        const bar = h('progress', { max: 1, value: 0, 'aria-labelledby': `upload-${i}-label` });
        progress.append(h('p.progress', {}, label, bar));
        const photo = await upload(log, file, view.value, csrf, (f) => {
          bar.value = f;
          label.textContent = t('upload_progress', { name: file.name, pct: Math.round(f * 100) });
        });
        bar.value = 1;
        label.textContent = t('upload_done', { name: file.name });
        listed([photo]);
      }
    } catch (e) {
      // The server's refusal of the file (not a photo, too large) is said at the file input.
      if (e instanceof ApiError && (e.status === 400 || e.status === 413)) {
        error.textContent = t('upload_refused', { message: e.message.replace(`${e.field}: `, '') });
      } else reportError(e);
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
