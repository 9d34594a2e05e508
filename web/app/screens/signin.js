import { api, ApiError, setCsrf } from '../api.js';
import { h, show } from '../dom.js';
import { t } from '../strings.js';

function field(id, label, attrs) {
  return h('p.field', {}, h('label', { for: id, text: label }), h('input', { id, name: id, ...attrs }));
}

function errorLine() { return h('p.error', { role: 'alert' }); }

export function signInScreen(root, done) {
  const error = errorLine();
  const form = h('form.card', {
    onsubmit: async (ev) => {
      ev.preventDefault();
      error.textContent = '';
      try {
        const r = await api.post('/api/login', { name: form.elements.name.value, password: form.elements.password.value });
        setCsrf(r.csrf_token);
        await done();
      } catch (e) {
        error.textContent = e instanceof ApiError && e.code === 'offline' ? t('offline') : e.message;
      }
    },
  },
  h('h1', { text: t('sign_in') }),
  field('name', t('name'), { autocomplete: 'username', required: true, autofocus: true }),
  field('password', t('password'), { type: 'password', autocomplete: 'current-password', required: true }),
  error,
  h('button', { type: 'submit', text: t('sign_in') }));
  show(root, form);
  form.elements.name.focus();
}

export function passwordScreen(root, done) {
  const error = errorLine();
  const form = h('form.card', {
    onsubmit: async (ev) => {
      ev.preventDefault();
      const f = form.elements;
      if (f.new_password.value !== f.repeat_password.value) { error.textContent = t('passwords_differ'); return; }
      try {
        await api.post('/api/me/password', { current_password: f.current_password.value, new_password: f.new_password.value });
        await done();
      } catch (e) { error.textContent = e.message; }
    },
  },
  h('h1', { text: t('change_password_title') }),
  h('p', { text: t('change_password_why') }),
  field('current_password', t('current_password'), { type: 'password', autocomplete: 'current-password', required: true }),
  field('new_password', t('new_password'), { type: 'password', autocomplete: 'new-password', required: true, minlength: 12 }),
  field('repeat_password', t('repeat_password'), { type: 'password', autocomplete: 'new-password', required: true, minlength: 12 }),
  error,
  h('button', { type: 'submit', text: t('save_password') }));
  show(root, form);
}
