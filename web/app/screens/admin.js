// Admin: the staff accounts and how patients reach the clinic.
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { t } from '../strings.js';

// In the order a patient document prints them.
const contactFields = ['name', 'address', 'phone', 'after_hours_phone', 'email'];

export async function adminScreen(root) {
  const [users, contact] = await Promise.all([api.get('/api/users'), api.get('/api/clinic/contact')]);
  show(root,
    h('h1', { text: t('admin_title') }),
    h('div.columns', {},
      h('section.card', {}, h('h2', { text: t('users') }),
        h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: t('name') }), h('th', { scope: 'col', text: t('role') }))),
          h('tbody', {}, users.users.map((u) => h('tr', {},
            h('td', { text: u.name + (u.disabled ? ` (${t('disabled')})` : '') }), h('td', { text: t('role_' + u.role) })))))),
      h('section.card', {}, h('h2', { text: t('clinic_contact') }),
        h('dl', {}, contactFields.flatMap((k) => [h('dt', { text: t('contact_' + k) }),
          h('dd', { text: (contact.contact ?? contact)[k] || '—' })])))));
}
