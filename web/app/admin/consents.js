// The consent texts: each kind's current version, and a new version written from it (the
// older versions stay as they were signed; new consents sign the newest).
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { t, formatDate } from '../strings.js';
import { field, clearErrors, refuse } from './fields.js';

const kKinds = ['treatment', 'photos_record', 'photos_gallery', 'marketing'];

export async function consentTextsPart(root) {
  const { templates } = await api.get('/api/consent-templates');
  show(root, h('p.muted', { text: t('texts_help') }),
    h('div.texts', {}, kKinds.map((kind) => kindCard(root, templates.filter((x) => x.kind === kind)))));
}

function kindCard(root, versions) {
  const current = versions.find((x) => x.current);
  const kind = current.kind;
  const body = h('div');
  const card = h('section.card', { 'aria-labelledby': `text-${kind}-heading`, 'data-kind': kind },
    h('h2', { id: `text-${kind}-heading`, text: t('consent_kind_' + kind) }), body);

  function view() {
    show(body,
      h('p.muted', { text: t(current.created_at ? 'text_version_written' : 'text_version_shipped',
        { n: current.version, date: current.created_at ? formatDate(current.created_at) : '' }) }),
      h('h3', { text: current.title }),
      h('div.consent-text', { tabindex: 0, role: 'document', 'aria-label': current.title },
        current.body.split(/\n{2,}/).map((para) => h('p', { text: para }))),
      versions.length > 1 ? h('p.muted', { text: t('text_earlier', { n: versions.length - 1 }) }) : null,
      h('button.secondary', { type: 'button', text: t('text_new_version'), onclick: edit }));
  }

  function edit() {
    const prefix = `text-${kind}`;
    const form = h('form.admin-form', {
      onsubmit: async (ev) => {
        ev.preventDefault();
        clearErrors(form);
        try {
          await api.post('/api/consent-templates',
            { kind, title: form.elements.namedItem('title').value.trim(), body: form.elements.namedItem('body').value.trim() });
          await consentTextsPart(root);
        } catch (e) { refuse(form, e); }
      },
    },
    field(prefix, 'title', t('text_title'), h('input', { value: current.title, autocomplete: 'off' })),
    field(prefix, 'body', t('text_body'), h('textarea', { rows: 10, text: current.body })),
    h('p.actions', {}, h('button', { type: 'submit', text: t('text_save', { n: current.version + 1 }) }),
      h('button.secondary', { type: 'button', text: t('admin_cancel'), onclick: view })));
    show(body, form);
    form.elements.namedItem('body').focus();
  }

  view();
  return card;
}
