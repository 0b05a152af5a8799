// The emoji picker: a button in the composer opens a grid of common emoji (a built-in list, no
// font or image from elsewhere), grouped by theme; a click inserts the emoji at the cursor and keeps
// the picker open; Esc or a click outside closes it. Arrow keys move between emoji.

import { $, h, icon } from '../dom.js';

const GROUPS = [
  ['Smileys', '😀 😃 😄 😁 😆 😅 😂 🤣 😊 😇 🙂 🙃 😉 😌 😍 🥰 😘 😋 😛 😜 🤪 🤨 🧐 🤓 😎 🥳 😏 😒 😞 😔 😟 😕 🙁 😣 😖 😫 😩 🥺 😢 😭 😤 😠 😡 🤯 😳 😱 😨 😰 😥 🤗 🤔 🤭 🤫 🤥 😶 😐 😑 😬 🙄 😯 😴 🤤 😪 😵 🤐 🥴 🤢 🤮 🤧 😷 🤒 🤕'],
  ['Gestures', '👍 👎 👌 ✌️ 🤞 🤟 🤘 🤙 👈 👉 👆 👇 ☝️ ✋ 🤚 🖐️ 🖖 👋 👏 🙌 👐 🤲 🙏 🤝 💪 ✍️ 👀 🧠'],
  ['Hearts', '❤️ 🧡 💛 💚 💙 💜 🖤 🤍 🤎 💔 ❣️ 💕 💞 💓 💗 💖 💘 💝'],
  ['Things', '🎉 🎊 🎁 🎂 🍰 ☕ 🍺 🍷 🍕 🍔 🍟 🌮 🍎 🍓 🔥 ⭐ 🌟 ✨ ⚡ ☀️ 🌙 🌈 ☔ ❄️ 🌸 🌻 🍀 🐶 🐱 🐻 🐼 🦊 🐵 🚀 ✈️ 🚗 🏠 ⚽ 🏀 🎵 🎶 📷 📎 📌 📅 ⏰ 💡 💯 ✅ ❌ ❓ ❗ ➕'],
];

export class EmojiPicker {
  constructor(views) {
    this.views = views;
  }

  install() {
    this.button = h('button', {
      type: 'button', class: 'attach-btn emoji-btn', testid: 'emoji-button', 'aria-label': 'Emoji', title: 'Emoji',
      'aria-haspopup': 'dialog', 'aria-expanded': 'false', on: { click: (e) => { e.stopPropagation(); this.toggle(); } },
    }, icon('smile'));
    const input = $('composer-input');
    $('composer').insertBefore(this.button, input);
    this.panel = h('div', {
      class: 'emoji-panel', id: 'emoji-panel', testid: 'emoji-panel', role: 'dialog', 'aria-label': 'Emoji', hidden: true,
      on: { keydown: (e) => this.keys(e), click: (e) => e.stopPropagation() },
    }, GROUPS.map(([name, list]) => [
      h('div', { class: 'emoji-group', role: 'heading', 'aria-level': '3' }, name),
      h('div', { class: 'emoji-grid', role: 'group', 'aria-label': name }, list.split(' ').map((emoji) => h('button', {
        type: 'button', class: 'emoji-option', testid: 'emoji-option', dataset: { emoji }, 'aria-label': emoji,
        on: { click: () => this.insert(emoji) },
      }, emoji))),
    ]));
    $('composer').parentNode.insertBefore(this.panel, $('composer'));
    document.addEventListener('click', () => this.close());
  }

  toggle() {
    if (this.panel.hidden) this.open();
    else this.close();
  }

  open() {
    this.panel.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    const first = this.panel.querySelector('.emoji-option');
    if (first) first.focus();
  }

  close(focus) {
    if (this.panel.hidden) return;
    this.panel.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
    if (focus) $('composer-input').focus();
  }

  /** Puts the emoji at the composer's cursor (replacing a selection). */
  insert(emoji) {
    const input = $('composer-input');
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? start;
    input.value = input.value.slice(0, start) + emoji + input.value.slice(end);
    input.selectionStart = input.selectionEnd = start + emoji.length;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }

  keys(e) {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.close(true);
      return;
    }
    const all = Array.from(this.panel.querySelectorAll('.emoji-option'));
    const i = all.indexOf(document.activeElement);
    if (i < 0) return;
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: 8, ArrowUp: -8 }[e.key];
    if (!step) return;
    e.preventDefault();
    all[Math.max(0, Math.min(all.length - 1, i + step))].focus();
  }
}
