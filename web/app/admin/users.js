// Staff accounts: who may sign in with which role; a new account with a password made in
// this browser and shown once; an account disabled after a confirmation (its sessions end
// at once, the server refuses one's own).
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { t } from '../strings.js';
import { reportError } from '../main.js';
import { field, clearErrors, refuse } from './fields.js';

const kRoles = ['technician', 'doctor', 'front_desk', 'admin'];

// 24 hex digits (96 bits), like the one-time passwords the server prints.
function newPassword() {
  return [...crypto.getRandomValues(new Uint8Array(12))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const stateOf = (u) => t(u.disabled ? 'account_disabled' : u.must_change_password ? 'account_first_sign_in' : 'account_active');

// Resolves true when the admin confirms; the dialog is modal, Escape keeps the account.
function confirmDisable(parent, name) {
  return new Promise((resolve) => {
    const dialog = h('dialog.confirm', { 'aria-labelledby': 'disable-title', 'aria-describedby': 'disable-why' },
      h('h2', { id: 'disable-title', text: t('disable_title', { name }) }),
      h('p', { id: 'disable-why', text: t('disable_why') }),
      h('p.actions', {},
        h('button.danger', { type: 'button', text: t('disable_confirm', { name }), onclick: () => dialog.close('yes') }),
        h('button.secondary', { type: 'button', text: t('disable_keep'), onclick: () => dialog.close('no') })));
    dialog.addEventListener('close', () => { dialog.remove(); resolve(dialog.returnValue === 'yes'); });
    parent.append(dialog);
    dialog.showModal();
  });
}

export async function usersCard(myName) {
  const table = h('div');
  const created = h('div', { 'aria-live': 'polite' });
  const card = h('section.card', { 'aria-labelledby': 'users-title' },
    h('h2', { id: 'users-title', text: t('users') }), table, created);

  async function draw() {
    const { users } = await api.get('/api/users');
    show(table, h('table.users', {},
      h('thead', {}, h('tr', {}, [t('name'), t('role'), t('account_state'), t('account_change')]
        .map((c) => h('th', { scope: 'col', text: c })))),
      h('tbody', {}, users.map((u) => h('tr', { 'data-user': u.name },
        h('td', { text: u.name }), h('td', { text: t('role_' + u.role) }), h('td', { text: stateOf(u) }),
        h('td', {}, u.disabled || u.name === myName ? null : h('button.secondary.small', {
          type: 'button', text: t('disable'), 'aria-label': t('disable_named', { name: u.name }),
          onclick: () => disable(u.name),
        })))))));
  }

  async function disable(name) {
    if (!await confirmDisable(card, name)) return;
    show(created);
    try {
      await api.post(`/api/users/${encodeURIComponent(name)}/disable`, {});
      await draw();
    } catch (e) { reportError(e); }
  }

  const form = h('form.admin-form.add-user', {
    onsubmit: async (ev) => {
      ev.preventDefault();
      clearErrors(form);
      show(created);
      const value = (name) => form.elements.namedItem(name).value.trim(), password = newPassword();
      try {
        const { user } = await api.post('/api/users', { name: value('name'), role: value('role'), password });
        form.reset();
        await draw();
        show(created, h('div.once', {},
          h('p', { text: t('account_added', { name: user.name, role: t('role_' + user.role) }) }),
          h('p', {}, t('account_password'), ' ', h('code.password', { text: password })),
          h('p.muted', { text: t('account_password_once') })));
      } catch (e) { refuse(form, e); }
    },
  },
  h('h3', { text: t('add_account') }),
  h('div.inline-fields', {},
    field('user', 'name', t('account_name'), h('input', { required: true, autocomplete: 'off', spellcheck: 'false' })),
    field('user', 'role', t('role'), h('select', {}, kRoles.map((r) => h('option', { value: r, text: t('role_' + r) }))))),
  h('p.muted', { text: t('account_name_rule') }),
  h('button', { type: 'submit', text: t('add_account_button') }));
  card.append(form);
  await draw();
  return card;
}
