// The admin's forms: each control labelled, with its own error line read with it, and a
// refusal shown in words at the field the server names.
import { ApiError } from '../api.js';
import { h } from '../dom.js';
import { reportError } from '../main.js';

// `name` is the request's field, so the server's `field` finds the control.
export function field(form, name, label, control) {
  const id = `${form}-${name}`;
  const error = h('p.error', { id: id + '-error' });
  Object.assign(control, { id, name });
  control.setAttribute('aria-describedby', error.id);
  return h('p.field', {}, h('label', { for: id, text: label }), control, error);
}

export function clearErrors(form) {
  for (const line of form.querySelectorAll('.error')) line.textContent = '';
  for (const control of form.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
}

// "phone: at most 300 characters" reads "at most 300 characters" under Phone; a failure of
// no field of the form goes to the status line.
export function refuse(form, e) {
  const control = e instanceof ApiError && e.field ? form.elements.namedItem(e.field) : null;
  if (!control) return reportError(e);
  document.getElementById(control.id + '-error').textContent = e.message.replace(`${e.field}: `, '');
  control.setAttribute('aria-invalid', 'true');
  control.focus();
}
