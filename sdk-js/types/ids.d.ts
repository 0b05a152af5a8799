/**
 * 128 random bits as 32 hex characters (crypto.randomUUID needs a secure context in browsers;
 * getRandomValues does not).
 * @returns {string}
 */
export function randomId(): string;
