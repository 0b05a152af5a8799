// The dialogs: new direct chat, new group, group info (rename, members with presence, add,
// remove and leave, the last two confirmed). Members are picked from known people (picker.js).

import { $, h, clear } from '../dom.js';
import { paintAvatar, lastSeen } from '../format.js';
import { formError, asyncForm } from './util.js';
import { MemberPicker } from './picker.js';
import { confirmDialog } from './confirm.js';

export class Dialogs {
  constructor(app, views) {
    this.app = app;
    this.views = views;
    this.groupConv = null;
  }

  wire() {
    for (const d of document.querySelectorAll('dialog')) {
      d.addEventListener('click', (e) => {
        if (e.target.closest('[data-close]')) d.close();
        else if (e.target === d) d.close(); // click on the backdrop
      });
      d.addEventListener('close', () => {
        if (d.id === 'group-info-dialog') this.groupConv = null;
        const back = this.app.store && this.app.store.active() ? $('composer-input') : $('new-chat');
        if (back && !back.closest('[hidden]')) back.focus();
      });
    }
    $('new-chat').addEventListener('click', () => this.open('new-chat-dialog'));
    $('list-empty-start').addEventListener('click', () => this.open('new-chat-dialog'));
    $('new-group').addEventListener('click', () => this.open('new-group-dialog'));
    $('group-info-button').addEventListener('click', () => this.openGroupInfo());
    this.groupPicker = new MemberPicker(this.app, $('group-members'), { onError: (t) => formError('new-group-error', t) });
    this.addPicker = new MemberPicker(this.app, $('group-add-username'), {
      exclude: () => new Set(this.groupConv ? this.groupConv.members.map((m) => m.userId) : []),
      onError: (t) => formError('group-info-error', t),
    });

    asyncForm('new-chat-form', 'new-chat-error', async () => {
      await this.app.actions.startDirect($('new-chat-username').value);
      $('new-chat-dialog').close();
    });
    asyncForm('new-group-form', 'new-group-error', async () => {
      const { ids, usernames } = this.groupPicker.value();
      if (!ids.length && !usernames.length) throw new Error('Add at least one member.');
      await this.app.actions.createGroup($('group-name').value, usernames, ids);
      this.groupPicker.reset();
      $('new-group-dialog').close();
    });
    asyncForm('rename-form', 'group-info-error', async () => {
      const c = this.groupConv;
      const name = $('group-info-name').value.trim();
      if (!c) return;
      if (!name) throw new Error('The name cannot be empty.');
      await this.app.actions.renameGroup(c, name);
      this.views.toast('Group renamed.');
    });
    asyncForm('add-member-form', 'group-info-error', async () => {
      const c = this.groupConv;
      if (!c) return;
      const { ids, usernames } = this.addPicker.value();
      if (!ids.length && !usernames.length) throw new Error('Pick someone to add.');
      await this.app.actions.addMembers(c, ids, usernames);
      this.addPicker.reset();
      this.renderGroupInfo();
    });
    $('group-leave').addEventListener('click', async () => {
      const c = this.groupConv;
      if (!c) return;
      const left = await confirmDialog({
        title: `Leave “${c.name}”?`,
        text: 'You will no longer see its messages. An admin can add you again.',
        confirmLabel: 'Leave group',
        danger: true,
        testid: 'confirm-leave',
        action: () => this.app.actions.leaveGroup(c),
      });
      if (!left) return;
      if ($('group-info-dialog').open) $('group-info-dialog').close();
      this.views.toast(`You left “${c.name}”.`);
    });
  }

  open(id) {
    const d = $(id);
    for (const f of d.querySelectorAll('.form-error')) formError(f.id, null);
    for (const i of d.querySelectorAll('input')) i.value = '';
    if (id === 'new-group-dialog') this.groupPicker.reset();
    d.showModal();
    const first = d.querySelector('input');
    if (first) first.focus();
  }

  closeAll() {
    for (const d of document.querySelectorAll('dialog[open]')) d.close();
  }

  openGroupInfo() {
    const c = this.app.store.active();
    if (!c || c.kind !== 'group') return;
    this.groupConv = c;
    formError('group-info-error', null);
    $('group-info-name').value = c.name;
    this.addPicker.reset();
    const others = c.members.map((m) => m.userId).filter((id) => id !== this.app.store.me);
    this.app.people.loadPresence(others);
    this.app.people.subscribe(others);
    this.renderGroupInfo();
    $('group-info-dialog').showModal();
    $(this.app.actions.isAdmin(c) ? 'group-info-name' : 'group-leave').focus();
  }

  renderGroupInfo() {
    const c = this.groupConv;
    if (!c) return;
    if (!this.app.store || !this.app.store.convs.has(c.id)) {
      $('group-info-dialog').close();
      return;
    }
    const admin = this.app.actions.isAdmin(c);
    $('group-info-name').disabled = !admin;
    $('group-rename-submit').hidden = !admin;
    $('add-member-form').hidden = !admin;
    const ul = $('group-member-list');
    const me = this.app.store.me;
    const name = (id) => this.app.people.name(id);
    const members = [...c.members].sort((a, b) => (a.userId === me ? -1 : b.userId === me ? 1 : name(a.userId).localeCompare(name(b.userId))));
    // Rebuild only when something shown changed (keeps focus on a Remove button).
    const now = this.app.now();
    const presence = (id) => {
      const p = id === me ? { status: 'online' } : this.app.store.presence.get(id);
      if (!p) return null;
      return { status: p.status, text: p.status === 'online' ? 'online' : lastSeen(p.lastSeen, now) };
    };
    const sig = JSON.stringify([admin, members.map((m) => [m.userId, m.role, name(m.userId), presence(m.userId)])]);
    if (ul.dataset.sig === sig && ul.dataset.conv === c.id) return;
    ul.dataset.sig = sig;
    ul.dataset.conv = c.id;
    clear(ul);
    for (const m of members) {
      const n = m.userId === me ? 'You' : name(m.userId);
      const u = this.app.people.user(m.userId);
      const av = h('span', { class: 'avatar avatar-sm', 'aria-hidden': 'true' });
      paintAvatar(av, m.userId, n);
      const p = presence(m.userId);
      const wrap = h('span', { class: 'avatar-wrap' }, av,
        p ? h('span', { class: `presence-dot ${p.status}`, testid: 'member-presence-dot', dataset: { status: p.status } }) : null);
      ul.appendChild(h('li', { class: 'member', testid: 'group-member', dataset: { userId: m.userId, presence: p ? p.status : '' } },
        wrap,
        h('span', { class: 'member-name' }, n, u && u.username && m.userId !== me ? h('span', { class: 'muted' }, ` @${u.username}`) : null,
          p && m.userId !== me ? h('span', { class: 'member-presence', testid: 'member-presence' }, p.text) : null),
        m.role === 'admin' ? h('span', { class: 'role-badge' }, 'admin') : null,
        admin && m.userId !== me
          ? h('button', {
            type: 'button', class: 'btn btn-small btn-danger-outline', testid: 'group-remove-member', 'aria-label': `Remove ${n}`,
            on: {
              click: () => confirmDialog({
                title: `Remove ${n}?`,
                text: `${n} will no longer see “${c.name}”.`,
                confirmLabel: 'Remove',
                danger: true,
                testid: 'confirm-remove-member',
                action: () => this.app.actions.removeMember(c, m.userId),
              }),
            },
          }, 'Remove')
          : null));
    }
  }
}
