// Service worker: shows a notification for each Web Push (PROTOCOL.md "Push").
// The payload is {conversationId, seq, senderId}: no message text leaves the server.

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (e) {
    data = {};
  }
  event.waitUntil((async () => {
    const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    if (open.some((c) => c.visibilityState === 'visible')) return;
    await self.registration.showNotification('New message', {
      body: 'You have a new message in Messenger.',
      tag: data.conversationId || 'messenger',
      renotify: true,
      data,
    });
  })());
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const id = event.notification.data && event.notification.data.conversationId;
  const url = id ? `/#/c/${encodeURIComponent(id)}` : '/';
  event.waitUntil((async () => {
    const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    if (open.length) {
      await open[0].focus();
      open[0].navigate(url);
      return;
    }
    await self.clients.openWindow(url);
  })());
});
