// A confirmation dialog (a modal <dialog>, never window.confirm): a question, optional fields
// (e.g. "type your username" and a password), and an action that runs inside the dialog so that
// a refusal from the server is shown there and the dialog stays open.

import { h } from '../dom.js';
import { errorText } from './util.js';

/**
 * Opens the dialog; resolves true once the action succeeded, false when cancelled.
 * options: {title, text, confirmLabel, danger, testid, fields: [{name, label, type, testid,
 * mustEqual, autocomplete}], action(values), errorText(e)}.
 * A field with mustEqual keeps the confirm button disabled until its value equals it.
 */
export function confirmDialog(options) {
  return new Promise((resolve) => {
    let done = false;
    const fields = (options.fields || []).map((f) => ({
      spec: f,
      input: h('input', {
        type: f.type || 'text', testid: f.testid, autocomplete: f.autocomplete || 'off',
        autocapitalize: 'none', spellcheck: 'false', name: f.name,
      }),
    }));
    const error = h('p', { class: 'form-error', role: 'alert', testid: 'confirm-error', hidden: true });
    const ok = h('button', {
      type: 'submit', class: `btn ${options.danger ? 'btn-danger' : 'btn-primary'}`, testid: 'confirm-ok',
    }, options.confirmLabel || 'OK');
    const cancel = h('button', { type: 'button', class: 'btn', testid: 'confirm-cancel' }, 'Cancel');
    const form = h('form', { class: 'dialog-form', method: 'dialog' },
      h('h2', { id: 'confirm-heading' }, options.title),
      options.text ? h('p', { class: 'confirm-text', testid: 'confirm-text' }, options.text) : null,
      fields.map((f) => h('label', { class: 'field' }, h('span', { class: 'field-label' }, f.spec.label), f.input)),
      error,
      h('div', { class: 'dialog-actions' }, cancel, ok));
    const dialog = h('dialog', {
      class: 'dialog confirm-dialog', testid: options.testid || 'confirm-dialog', 'aria-labelledby': 'confirm-heading',
    }, form);
    const ready = () => {
      ok.disabled = fields.some((f) => f.spec.mustEqual !== undefined && f.input.value.trim() !== f.spec.mustEqual);
    };
    for (const f of fields) f.input.addEventListener('input', ready);
    ready();
    const finish = (value) => {
      if (done) return;
      done = true;
      if (dialog.open) dialog.close();
      dialog.remove();
      resolve(value);
    };
    cancel.addEventListener('click', () => finish(false));
    dialog.addEventListener('cancel', () => finish(false)); // Escape
    dialog.addEventListener('close', () => finish(false));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (ok.disabled) return;
      const values = {};
      for (const f of fields) values[f.spec.name] = f.input.value;
      ok.disabled = true;
      error.hidden = true;
      try {
        if (options.action) await options.action(values);
        finish(true);
      } catch (ex) {
        error.textContent = (options.errorText || errorText)(ex);
        error.hidden = false;
        ready();
      }
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    (fields.length ? fields[0].input : cancel).focus();
  });
}
