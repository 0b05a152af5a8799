// Web Push (PROTOCOL.md "Push"): registers the service worker, subscribes with
// the server's VAPID key and stores the subscription on this device. Does
// nothing where the browser has no push support or the user has not allowed
// notifications: permission is asked only from the bell button (notify.js),
// which then calls this again.

function keyBytes(b64url) {
  const b64 = b64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (b64url.length % 4)) % 4);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

export async function enablePush(api) {
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !window.isSecureContext) return;
  try {
    const reg = await navigator.serviceWorker.register('/sw.js');
    if (Notification.permission !== 'granted') return;
    const { key } = await api.vapidPublicKey();
    let sub = await reg.pushManager.getSubscription();
    if (!sub) {
      sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key) });
    }
    await api.subscribeWebPush(sub);
  } catch (e) {
    // Push is a convenience: the app works without it.
  }
}
