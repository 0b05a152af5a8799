// Helpers shared by the views: form errors, error texts, avatars, conversation titles.

import { $, h } from '../dom.js';
import { displayName, paintAvatar } from '../format.js';

export function formError(id, text) {
  const el = $(id);
  el.textContent = text || '';
  el.hidden = !text;
}

/** A sentence for an error from the SDK or a view's own check. */
export function errorText(e) {
  if (e && typeof e.status === 'number' && e.status === 403) return 'You are not allowed to do that.';
  if (e && e.code === 'forbidden') return 'You are not allowed to do that.';
  if (e && e.code === 'offline') return 'You are offline. Try again when connected.';
  return (e && e.message) || 'Something went wrong.';
}

/** The title of a conversation: the group's name or the other person's. */
export function title(app, c) {
  if (c.kind === 'group') return c.name || 'Group';
  const peer = app.store.peerId(c);
  if (!peer) return 'Just you';
  const u = app.people.user(peer);
  if (!u) app.people.ensure(peer);
  return u ? displayName(u) : '…';
}

export function avatarFor(app, c, cls) {
  const t = title(app, c);
  const id = c.kind === 'direct' ? (app.store.peerId(c) || c.id) : c.id;
  const el = h('span', { class: `avatar ${cls || ''}`, 'aria-hidden': 'true' });
  paintAvatar(el, id, t);
  return el;
}

/** The text of a system note. */
export function describeSystem(app, c, m) {
  const ev = m.event || {};
  const who = (id, start) => app.people.who(id, start);
  switch (ev.action) {
    case 'created':
      return c.kind === 'group' ? `${who(ev.by, true)} created the group “${ev.name || c.name || 'Group'}”` : 'Chat started';
    case 'member_added': return `${who(ev.by, true)} added ${who(ev.userId)}`;
    case 'member_removed': return `${who(ev.by, true)} removed ${who(ev.userId)}`;
    case 'member_left': return `${who(ev.userId, true)} left`;
    case 'renamed': return `${who(ev.by, true)} renamed the group to “${ev.name || ''}”`;
    default: return m.body || 'Update';
  }
}

export function typingText(app, c, short) {
  const ids = Array.from(c.typing.keys());
  if (!ids.length) return null;
  if (c.kind === 'direct') return 'typing…';
  const names = ids.map((id) => app.people.firstName(id));
  if (short && names.length > 1) return `${names.length} people are typing…`;
  if (names.length === 1) return `${names[0]} is typing…`;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} are typing…`;
}

/** Runs a form's async action, showing errors in errorId and disabling its buttons meanwhile. */
export function asyncForm(formId, errorId, action) {
  const form = $(formId);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const buttons = form.querySelectorAll('button[type=submit]');
    buttons.forEach((b) => { b.disabled = true; });
    formError(errorId, null);
    try {
      await action();
    } catch (ex) {
      formError(errorId, errorText(ex));
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  });
}
