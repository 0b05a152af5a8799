// "Block" / "Unblock" in a direct chat's menu (PROTOCOL.md section 6). Added after chat.js has
// filled the menu (its click handler runs first, being wired first), so that file stays as is.

import { $, h } from '../dom.js';
import { accountError } from '../account.js';
import { confirmDialog } from './confirm.js';
import { title } from './util.js';

export function installChatMenuExtras(app, views) {
  $('chat-menu-button').addEventListener('click', () => {
    const menu = $('chat-menu');
    const c = app.store && app.store.active();
    if (menu.hidden || !c || c.kind !== 'direct') return;
    const peer = app.store.peerId(c);
    if (!peer) return;
    const blocked = app.account.isBlocked(peer);
    const name = title(app, c);
    menu.appendChild(h('button', {
      type: 'button', role: 'menuitem', class: 'menu-item', testid: blocked ? 'chat-unblock' : 'chat-block',
      on: {
        click: async () => {
          menu.hidden = true;
          if (blocked) {
            try {
              await app.account.unblock(peer);
              views.toast(`${name} is unblocked.`);
            } catch (e) {
              views.toast(accountError(e));
            }
            return;
          }
          const ok = await confirmDialog({
            title: `Block ${name}?`,
            text: 'Neither of you can write in this chat while blocked, and they do not see when you are online. They are not told.',
            confirmLabel: 'Block',
            danger: true,
            testid: 'confirm-block',
            errorText: accountError,
            action: () => app.account.block(peer),
          });
          if (ok) views.toast(`${name} is blocked.`);
        },
      },
    }, blocked ? `Unblock ${name}` : `Block ${name}`));
  });
}
