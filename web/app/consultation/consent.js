// The treatment consent signed on the clinic's screen: the current text (its title and
// version), the patient's typed full name and drawn signature (POST .../consents); once
// signed, who signed what and when, with the signature as the server keeps it.
import { api, ApiError } from '../api.js';
import { h, show } from '../dom.js';
import { t, formatDate } from '../strings.js';
import { reportError } from '../main.js';
import { signaturePad } from './signature_pad.js';

export async function consentCard(patient) {
  const [{ templates }, { consents }] = await Promise.all([
    api.get('/api/consent-templates'), api.get(`/api/patients/${patient.id}/consents`)]);
  const template = templates.find((x) => x.kind === 'treatment' && x.current);
  const body = h('div');
  const card = h('section.card.consent', { 'aria-labelledby': 'consent-title' },
    h('h2', { id: 'consent-title', text: t('consent_title') }), body);

  function signed(k) {
    show(body,
      h('p', {}, h('strong', { text: t('consent_signed', { name: k.typed_name, date: formatDate(k.signed_at) }) })),
      h('p.muted', { text: t('consent_of', { title: k.title, id: k.id }) }),
      k.signed ? h('img.signature', { src: `/api/consents/${k.id}/signature`, alt: t('signature_alt', { name: k.typed_name }) }) : null);
  }

  function form() {
    const nameError = h('p.error', { id: 'consent-name-error', 'aria-live': 'polite' });
    const padError = h('p.error', { id: 'consent-pad-error', 'aria-live': 'polite' });
    const typedName = h('input', { id: 'consent-name', autocomplete: 'off', 'aria-describedby': nameError.id });
    const signButton = h('button', { type: 'submit', text: t('consent_sign'), disabled: true });
    const ready = () => { signButton.disabled = pad.empty() || !typedName.value.trim(); };
    const pad = signaturePad(ready);
    typedName.addEventListener('input', ready);
    const text = h('div.consent-text', { tabindex: 0, role: 'document', 'aria-label': template.title },
      template.body.split(/\n{2,}/).map((para) => h('p', { text: para })));
    const submit = async (ev) => {
      ev.preventDefault();
      nameError.textContent = padError.textContent = '';
      signButton.disabled = true;
      try {
        const { consent } = await api.post(`/api/patients/${patient.id}/consents`,
          { template_id: template.id, typed_name: typedName.value, signature: pad.signature() });
        signed(consent);
      } catch (e) {
        if (e instanceof ApiError && e.field === 'typed_name') nameError.textContent = e.message;
        else if (e instanceof ApiError && e.field.startsWith('signature')) padError.textContent = t('signature_refused', { why: e.message });
        else reportError(e);
        ready();
      }
    };
    show(body,
      h('h3', { text: t('consent_version', { title: template.title, n: template.version }) }), text,
      h('form', { onsubmit: submit },
        h('p.field', {}, h('label', { for: 'consent-name', text: t('consent_typed_name') }), typedName, nameError),
        h('p.field', {}, h('span.label', { text: t('consent_signature') }), pad.element, padError),
        h('p.actions', {}, signButton,
          h('button.secondary', { type: 'button', text: t('signature_clear'), onclick: () => pad.clear() }))));
  }

  const inForce = consents.filter((k) => k.kind === 'treatment' && k.decision === 'granted' && k.in_force).at(-1);
  if (inForce) signed(inForce); else form();
  return card;
}
