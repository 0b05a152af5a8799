// The sign-in / create-account screen.

import { $ } from '../dom.js';
import { formError } from './util.js';

export class AuthView {
  constructor(app) {
    this.app = app;
  }

  wire() {
    const form = $('auth-form');
    $('auth-toggle').addEventListener('click', () => {
      this.mode(form.dataset.mode === 'login' ? 'register' : 'login');
      $('auth-username').focus();
    });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const username = $('auth-username').value.trim();
      const password = $('auth-password').value;
      const mode = form.dataset.mode;
      const err = this.validate(username, password, mode);
      if (err) {
        formError('auth-error', err);
        return;
      }
      formError('auth-error', null);
      const submit = $('auth-submit');
      submit.disabled = true;
      submit.setAttribute('aria-busy', 'true');
      try {
        if (mode === 'register') await this.app.register(username, password, $('auth-displayname').value.trim());
        else await this.app.login(username, password);
        $('auth-password').value = '';
      } catch (ex) {
        formError('auth-error', this.message(ex, mode));
      } finally {
        submit.disabled = false;
        submit.removeAttribute('aria-busy');
      }
    });
  }

  validate(username, password, mode) {
    if (!username) return 'Enter your username.';
    if (mode === 'register') {
      if (!/^[A-Za-z0-9_.-]{3,32}$/.test(username)) {
        return 'Usernames are 3–32 characters: letters, digits, “_”, “.” or “-”.';
      }
      if (password.length < 8) return 'Use a password of at least 8 characters.';
    }
    if (!password) return 'Enter your password.';
    return null;
  }

  message(ex, mode) {
    if (ex && typeof ex.status === 'number') {
      if (ex.status === 401) return 'Wrong username or password.';
      if (ex.status === 409) return 'That username is taken. Try another one.';
      if (ex.status === 429) return 'Too many attempts. Wait a moment and try again.';
      if (ex.status === 0) return 'Cannot reach the server. Check your connection.';
      if (ex.status === 400) return ex.message;
    }
    return mode === 'register' ? 'Could not create the account. Try again.' : 'Could not sign in. Try again.';
  }

  mode(mode) {
    const form = $('auth-form');
    form.dataset.mode = mode;
    const reg = mode === 'register';
    $('auth-title').textContent = reg ? 'Create your account' : 'Sign in to Messenger';
    $('auth-submit').textContent = reg ? 'Create account' : 'Sign in';
    $('auth-switch-text').textContent = reg ? 'Already have an account?' : 'New here?';
    $('auth-toggle').textContent = reg ? 'Sign in' : 'Create an account';
    $('auth-displayname-field').hidden = !reg;
    $('auth-password').setAttribute('autocomplete', reg ? 'new-password' : 'current-password');
    formError('auth-error', null);
  }

  show(notice) {
    $('app-screen').hidden = true;
    $('auth-screen').hidden = false;
    this.mode('login');
    for (const id of ['auth-username', 'auth-password', 'auth-displayname']) $(id).value = '';
    if (notice) formError('auth-error', notice);
    $('auth-username').focus();
  }
}
