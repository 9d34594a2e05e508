// A photo sent as it is (the body is the file's bytes, the photo's view and name in the
// query: POST /api/consultations/{id}/photos, /api/session-logs/{id}/photos), with its
// upload's progress (XMLHttpRequest: fetch reports none) shown on a labelled bar.
import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './strings.js';

// The accept list of a photo's file input: the types and, for devices that give a HEIC
// no type, the extensions.
export const kPhotoTypes = 'image/jpeg,image/png,image/heic,image/heif,.jpg,.jpeg,.png,.heic,.heif';

// One upload to `path` (the query added here); resolves with the stored photo, rejects
// with an ApiError as api.js does.
export async function uploadPhoto(path, file, view, onProgress) {
  const { csrf_token: csrf } = await api.get('/api/me');  // api.js keeps its token to itself
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = new URLSearchParams({ view, file_name: file.name.slice(0, 200) || 'photo' });
    xhr.open('POST', `${path}?${query}`);
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

// A file's progress row: its name and percentage, and a bar labelled by them.
export function uploadProgress(id, file) {
  const label = h('span', { id: `${id}-label`, text: t('upload_progress', { name: file.name, pct: 0 }) });
  const bar = h('progress', { max: 1, value: 0, 'aria-labelledby': `${id}-label` });
  return {
    element: h('p.progress', {}, label, bar),
    update(f) { bar.value = f; label.textContent = t('upload_progress', { name: file.name, pct: Math.round(f * 100) }); },
    done() { bar.value = 1; label.textContent = t('upload_done', { name: file.name }); },
  };
}

// The server's refusal of the file itself (not a photo, corrupt, too large) in words, or
// null for another error (the caller reports it).
export function uploadRefusal(e) {
  return e instanceof ApiError && (e.status === 400 || e.status === 413)
    ? t('upload_refused', { message: e.message.replace(`${e.field}: `, '') }) : null;
}
