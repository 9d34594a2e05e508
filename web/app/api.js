// The clinic server's API (docs/openapi.yaml): JSON in and out, the session's CSRF token on
// every change, one error type carrying the server's code and field.
let csrf = '';

export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status; this.code = code; this.field = field;
  }
}

export function setCsrf(token) { csrf = token; }

async function call(method, path, body) {
  const init = { method, headers: {}, credentials: 'same-origin' };
  if (method !== 'GET') init.headers['X-CSRF-Token'] = csrf;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'offline', 'offline', '');
  }
  if (res.status === 204) return null;
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    const e = json.error ?? {};
    throw new ApiError(res.status, e.code ?? 'error', e.message ?? res.statusText, e.field ?? '');
  }
  return json;
}

export const api = {
  get: (path, query) => call('GET', query ? `${path}?${new URLSearchParams(query)}` : path),
  post: (path, body) => call('POST', path, body),
  put: (path, body) => call('PUT', path, body),
};
