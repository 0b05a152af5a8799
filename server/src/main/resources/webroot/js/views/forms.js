// Building blocks of the pages (settings.js, devices.js, contacts.js): cards, labelled fields and
// forms whose async action shows the server's refusal (or a success note) inside the form.

import { h } from '../dom.js';
import { accountError } from '../account.js';

/** A form whose async action shows its error (or a success note) inside it. */
export function pageForm(testid, fields, submitLabel, action, options = {}) {
  const error = h('p', { class: 'form-error', role: 'alert', testid: `${testid}-error`, hidden: true });
  const note = h('p', { class: 'form-note', role: 'status', testid: `${testid}-note`, hidden: true });
  const submit = h('button', { type: 'submit', class: `btn ${options.danger ? 'btn-danger' : 'btn-primary'}`, testid: `${testid}-submit` }, submitLabel);
  const form = h('form', { class: 'page-form', testid, novalidate: true }, fields, error, note, h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    error.hidden = true;
    note.hidden = true;
    try {
      const text = await action();
      if (text) {
        note.textContent = text;
        note.hidden = false;
      }
    } catch (ex) {
      error.textContent = accountError(ex);
      error.hidden = false;
    } finally {
      submit.disabled = false;
    }
  });
  return { form, error, note };
}

export function field(label, attrs) {
  const input = h('input', attrs);
  return { label: h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), input), input };
}

export function section(title, testid, ...children) {
  return h('section', { class: 'settings-card', testid, 'aria-label': title }, h('h3', { class: 'settings-title' }, title), children);
}
