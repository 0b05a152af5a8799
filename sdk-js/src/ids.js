// Random ids for clientId and ref.

/**
 * 128 random bits as 32 hex characters (crypto.randomUUID needs a secure context in browsers;
 * getRandomValues does not).
 * @returns {string}
 */
export function randomId() {
  const b = new Uint8Array(16);
  globalThis.crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
