// The clinic's identity as patients read it on every document (name, address, phone,
// after-hours number, e-mail), edited in place; and a new treatment room.
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { t } from '../strings.js';
import { field, clearErrors, refuse } from './fields.js';

// In the order a patient document prints them.
const contactFields = [
  { name: 'name', type: 'text' }, { name: 'address', type: 'text' }, { name: 'phone', type: 'tel' },
  { name: 'after_hours_phone', type: 'tel' }, { name: 'email', type: 'email' }];

export async function contactCard() {
  const { contact } = await api.get('/api/clinic/contact');
  const body = h('div');
  const saved = h('p.saved', { 'aria-live': 'polite' });
  const card = h('section.card.contact-card', { 'aria-labelledby': 'contact-title' },
    h('h2', { id: 'contact-title', text: t('clinic_contact') }),
    h('p.muted', { text: t('clinic_contact_help') }), body, saved);

  function view(c) {
    show(body,
      h('dl', {}, contactFields.flatMap(({ name }) => [h('dt', { text: t('contact_' + name) }), h('dd', { text: c[name] || '—' })])),
      h('button.secondary', { type: 'button', text: t('edit_contact'), onclick: () => edit(c) }));
  }

  function edit(c) {
    saved.textContent = '';
    // The server checks the values (at most 300 characters each); its refusal shows at the field.
    const form = h('form.admin-form', {
      onsubmit: async (ev) => {
        ev.preventDefault();
        clearErrors(form);
        const values = Object.fromEntries(contactFields.map(({ name }) => [name, form.elements.namedItem(name).value.trim()]));
        try {
          const r = await api.put('/api/clinic/contact', values);
          view(r.contact);
          saved.textContent = t('contact_saved');
        } catch (e) { refuse(form, e); }
      },
    },
    contactFields.map(({ name, type }) => field('contact', name, t('contact_' + name),
      h('input', { type, value: c[name], autocomplete: 'off' }))),
    h('p.actions', {}, h('button', { type: 'submit', text: t('save_contact') }),
      h('button.secondary', { type: 'button', text: t('admin_cancel'), onclick: () => view(c) })));
    show(body, form);
    form.elements.namedItem('name').focus();
  }

  view(contact);
  return card;
}

// The admin role does not read the rooms (GET /api/rooms is the calendar's), so the card
// only adds one and says so.
export function roomsCard() {
  const added = h('p.saved', { 'aria-live': 'polite' });
  const form = h('form.admin-form', {
    onsubmit: async (ev) => {
      ev.preventDefault();
      clearErrors(form);
      added.textContent = '';
      try {
        const { room } = await api.post('/api/rooms', { name: form.elements.namedItem('name').value.trim() });
        form.reset();
        added.textContent = t('room_added', { name: room.name });
      } catch (e) { refuse(form, e); }
    },
  },
  field('room', 'name', t('room_name'), h('input', { required: true, autocomplete: 'off' })),
  h('button', { type: 'submit', text: t('add_room') }));
  return h('section.card', { 'aria-labelledby': 'rooms-title' },
    h('h2', { id: 'rooms-title', text: t('rooms') }), h('p.muted', { text: t('rooms_help') }), form, added);
}
