// Formatting of names, times and avatars.

import { avatarImage } from './avatars.js';

export function displayName(user) {
  if (!user) return 'Unknown';
  return user.displayName || user.username || 'Unknown';
}

export function initials(name) {
  const parts = String(name || '?').trim().split(/\s+/).filter(Boolean);
  const chars = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : [parts[0] || '?'];
  return chars.map((p) => Array.from(p)[0] || '').join('').toUpperCase();
}

const AVATAR_COLORS = ['#ef4444', '#f97316', '#d97706', '#16a34a', '#0d9488', '#0284c7',
  '#2563eb', '#7c3aed', '#c026d3', '#db2777'];

export function avatarColor(id) {
  let hash = 0;
  for (const ch of String(id)) hash = (hash * 31 + ch.codePointAt(0)) | 0;
  return AVATAR_COLORS[Math.abs(hash) % AVATAR_COLORS.length];
}

/** Fills an avatar element: the user's picture when it has one, else initials on a colored disc. */
export function paintAvatar(el, id, name) {
  const url = avatarImage(id);
  el.textContent = url ? '' : initials(name);
  el.style.background = avatarColor(id);
  el.style.backgroundImage = url ? `url("${url}")` : '';
  el.classList.toggle('has-image', !!url);
  el.dataset.avatar = url ? 'image' : 'initials';
}

const timeFmt = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayFmt = new Intl.DateTimeFormat(undefined, { weekday: 'long' });
const dateFmt = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const shortDateFmt = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

export function clockTime(ts) {
  return timeFmt.format(new Date(ts));
}

function startOfDay(ts) {
  const d = new Date(ts);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** "Today", "Yesterday", a weekday in the last week, else a date. */
export function dayLabel(ts, now = Date.now()) {
  const days = Math.round((startOfDay(now) - startOfDay(ts)) / 86400000);
  if (days <= 0) return 'Today';
  if (days === 1) return 'Yesterday';
  if (days < 7) return dayFmt.format(new Date(ts));
  return dateFmt.format(new Date(ts));
}

export function sameDay(a, b) {
  return startOfDay(a) === startOfDay(b);
}

/** Time for the chat list: a clock time today, else a short day or date. */
export function listTime(ts, now = Date.now()) {
  if (!ts) return '';
  const days = Math.round((startOfDay(now) - startOfDay(ts)) / 86400000);
  if (days <= 0) return clockTime(ts);
  if (days === 1) return 'Yesterday';
  if (days < 7) return dayFmt.format(new Date(ts)).slice(0, 3);
  return shortDateFmt.format(new Date(ts));
}

/** "last seen just now", "last seen 5 min ago", "last seen today at 10:04", ... */
export function lastSeen(ts, now = Date.now()) {
  if (!ts) return 'offline';
  const s = Math.max(0, Math.round((now - ts) / 1000));
  if (s < 60) return 'last seen just now';
  const m = Math.round(s / 60);
  if (m < 60) return `last seen ${m} min ago`;
  const hrs = Math.round(m / 60);
  if (hrs < 24 && sameDay(ts, now)) return `last seen today at ${clockTime(ts)}`;
  if (dayLabel(ts, now) === 'Yesterday') return `last seen yesterday at ${clockTime(ts)}`;
  return `last seen ${dateFmt.format(new Date(ts))}`;
}
