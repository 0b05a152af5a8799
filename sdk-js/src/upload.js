// Media upload with progress (PROTOCOL.md "Media"): XMLHttpRequest where the platform has it
// (browsers report upload progress only through it), else fetch with one progress call at the end.

import { MessengerError } from './errors.js';

/**
 * @typedef {object} UploadOptions
 * @property {string} [name] the file name to keep (sent as `?name=`; the server checks it)
 * @property {(sent: number, total: number) => void} [onProgress] bytes sent so far and in all
 * @property {AbortSignal} [signal] aborts the upload (rejects with code `aborted`)
 */

/** @param {Blob | ArrayBuffer | Uint8Array} bytes @returns {number} */
function sizeOf(bytes) {
  if (typeof Blob !== 'undefined' && bytes instanceof Blob) return bytes.size;
  return /** @type {ArrayBuffer | Uint8Array} */ (bytes).byteLength;
}

/**
 * POSTs bytes to `url` with XMLHttpRequest, reporting progress; resolves with the parsed JSON answer.
 * @param {string} url
 * @param {Record<string, string>} headers
 * @param {Blob | ArrayBuffer | Uint8Array} bytes
 * @param {UploadOptions} options
 * @returns {Promise<any>}
 */
export function xhrUpload(url, headers, bytes, options) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    const total = sizeOf(bytes);
    xhr.upload.onprogress = (e) => {
      if (options.onProgress) options.onProgress(e.loaded, e.lengthComputable ? e.total : total);
    };
    xhr.onerror = () => reject(new MessengerError('network', 'Cannot reach the server.', 0));
    xhr.onabort = () => reject(new MessengerError('aborted', 'The upload was cancelled.', 0));
    xhr.onload = () => {
      let data = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch (e) {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        if (options.onProgress) options.onProgress(total, total);
        resolve(data);
        return;
      }
      const err = (data && data.error) || {};
      reject(new MessengerError(err.code || `http_${xhr.status}`, err.message || `HTTP ${xhr.status}`, xhr.status));
    };
    if (options.signal) {
      if (options.signal.aborted) {
        reject(new MessengerError('aborted', 'The upload was cancelled.', 0));
        return;
      }
      options.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    xhr.send(/** @type {any} */ (bytes));
  });
}

/** The query string for an upload's options. @param {UploadOptions} options @returns {string} */
export function uploadQuery(options) {
  return options.name ? `?name=${encodeURIComponent(options.name)}` : '';
}
