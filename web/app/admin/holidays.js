// The days the clinic is closed: the list by date, one added (date and name) or removed.
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { t, formatDate } from '../strings.js';
import { reportError } from '../main.js';
import { field, clearErrors, refuse } from './fields.js';

export async function holidaysPart(root) {
  const list = h('div');
  const said = h('p.saved', { 'aria-live': 'polite' });

  async function draw() {
    const { holidays } = await api.get('/api/clinic/holidays');
    show(list, holidays.length === 0 ? h('p.muted', { text: t('holidays_none') }) : h('table.holidays', {},
      h('thead', {}, h('tr', {}, [t('holiday_date'), t('holiday_name'), t('account_change')]
        .map((c) => h('th', { scope: 'col', text: c })))),
      h('tbody', {}, holidays.map((x) => h('tr', { 'data-date': x.date },
        h('td', {}, h('time', { datetime: x.date, text: formatDate(x.date) })), h('td', { text: x.name }),
        h('td', {}, h('button.secondary.small', {
          type: 'button', text: t('holiday_remove'), 'aria-label': t('holiday_remove_named', { name: x.name, date: formatDate(x.date) }),
          onclick: () => remove(x),
        })))))));
  }

  async function remove(x) {
    try {
      await api.post(`/api/clinic/holidays/${x.date}/removal`, {});
      await draw();
      said.textContent = t('holiday_removed', { name: x.name, date: formatDate(x.date) });
    } catch (e) { reportError(e); }
  }

  const form = h('form.admin-form.holiday-form', {
    onsubmit: async (ev) => {
      ev.preventDefault();
      clearErrors(form);
      said.textContent = '';
      try {
        const { holiday } = await api.post('/api/clinic/holidays',
          { date: form.elements.namedItem('date').value, name: form.elements.namedItem('name').value.trim() });
        form.reset();
        await draw();
        said.textContent = t('holiday_added', { name: holiday.name, date: formatDate(holiday.date) });
      } catch (e) { refuse(form, e); }
    },
  },
  h('div.inline-fields', {},
    field('holiday', 'date', t('holiday_date'), h('input', { type: 'date', required: true })),
    field('holiday', 'name', t('holiday_name'), h('input', { required: true, autocomplete: 'off', placeholder: t('holiday_name_example') }))),
  h('button', { type: 'submit', text: t('holiday_add') }));

  await draw();
  show(root, h('p.muted', { text: t('holidays_help') }),
    h('div.columns', {},
      h('section.card', { 'aria-labelledby': 'holidays-title' }, h('h2', { id: 'holidays-title', text: t('holidays') }), list, said),
      h('section.card', { 'aria-labelledby': 'holiday-add-title' }, h('h2', { id: 'holiday-add-title', text: t('holiday_add_title') }), form)));
}
