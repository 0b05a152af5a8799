// Profile pictures (PROTOCOL.md section 8: a user's "avatar" is a media id). The bytes are
// fetched with the bearer token (an image URL cannot carry one) once per media id and shown from
// blob: URLs. format.paintAvatar asks avatarImage(id) for a user's picture; null means initials.

const urls = new Map(); // media id -> blob: URL, or null while loading / after a failure
let source = null; // {user(id) -> user | undefined, media(id) -> Promise<Blob>, loaded(userId)}

/** Where pictures come from: set at sign-in, cleared (null) at sign-out. */
export function setAvatarSource(s) {
  source = s;
  if (!s) {
    for (const u of urls.values()) if (u) URL.revokeObjectURL(u);
    urls.clear();
  }
}

/** The blob: URL of this user's picture when loaded; starts loading it otherwise. */
export function avatarImage(userId) {
  if (!source || !userId) return null;
  const u = source.user(userId);
  const mediaId = u && typeof u.avatar === 'string' ? u.avatar : null;
  if (!mediaId) return null;
  if (urls.has(mediaId)) return urls.get(mediaId);
  urls.set(mediaId, null);
  const s = source;
  s.media(mediaId).then((blob) => {
    if (source !== s) return;
    urls.set(mediaId, URL.createObjectURL(blob));
    s.loaded(userId);
  }, () => {
    // Unreadable or gone: initials, and another try after a minute.
    setTimeout(() => { if (urls.get(mediaId) === null) urls.delete(mediaId); }, 60000);
  });
  return null;
}
