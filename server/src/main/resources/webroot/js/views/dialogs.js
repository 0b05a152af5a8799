// The dialogs: new direct chat, new group, group info (rename, members, add, leave).

import { $, h, clear } from '../dom.js';
import { avatarColor, initials } from '../format.js';
import { formError, errorText, asyncForm } from './util.js';

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

    asyncForm('new-chat-form', 'new-chat-error', async () => {
      await this.app.actions.startDirect($('new-chat-username').value);
      $('new-chat-dialog').close();
    });
    asyncForm('new-group-form', 'new-group-error', async () => {
      const names = $('group-members').value.split(/[\s,;]+/).map((s) => s.replace(/^@/, '')).filter(Boolean);
      if (!names.length) throw new Error('Add at least one member.');
      await this.app.actions.createGroup($('group-name').value, names);
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
      const name = $('group-add-username').value.trim();
      if (!c) return;
      if (!name) throw new Error('Enter a username.');
      await this.app.actions.addMember(c, name);
      $('group-add-username').value = '';
      this.renderGroupInfo();
    });
    $('group-leave').addEventListener('click', async () => {
      const c = this.groupConv;
      if (!c) return;
      try {
        await this.app.actions.leaveGroup(c);
        $('group-info-dialog').close();
        this.views.toast(`You left “${c.name}”.`);
      } catch (e) {
        formError('group-info-error', errorText(e));
      }
    });
  }

  open(id) {
    const d = $(id);
    for (const f of d.querySelectorAll('.form-error')) formError(f.id, null);
    for (const i of d.querySelectorAll('input')) i.value = '';
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
    $('group-add-username').value = '';
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
    const sig = JSON.stringify([admin, members.map((m) => [m.userId, m.role, name(m.userId)])]);
    if (ul.dataset.sig === sig && ul.dataset.conv === c.id) return;
    ul.dataset.sig = sig;
    ul.dataset.conv = c.id;
    clear(ul);
    for (const m of members) {
      const n = m.userId === me ? 'You' : name(m.userId);
      const u = this.app.people.user(m.userId);
      const av = h('span', { class: 'avatar avatar-sm', 'aria-hidden': 'true' }, initials(n));
      av.style.background = avatarColor(m.userId);
      ul.appendChild(h('li', { class: 'member', testid: 'group-member', dataset: { userId: m.userId } },
        av,
        h('span', { class: 'member-name' }, n, u && m.userId !== me ? h('span', { class: 'muted' }, ` @${u.username}`) : null),
        m.role === 'admin' ? h('span', { class: 'role-badge' }, 'admin') : null,
        admin && m.userId !== me
          ? h('button', {
            type: 'button', class: 'btn btn-small btn-danger-outline', testid: 'group-remove-member', 'aria-label': `Remove ${n}`,
            on: {
              click: async () => {
                try {
                  await this.app.actions.removeMember(c, m.userId);
                } catch (e) {
                  formError('group-info-error', errorText(e));
                }
              },
            },
          }, 'Remove')
          : null));
    }
  }
}
