/**
 * POSTs bytes to `url` with XMLHttpRequest, reporting progress; resolves with the parsed JSON answer.
 * @param {string} url
 * @param {Record<string, string>} headers
 * @param {Blob | ArrayBuffer | Uint8Array} bytes
 * @param {UploadOptions} options
 * @returns {Promise<any>}
 */
export function xhrUpload(url: string, headers: Record<string, string>, bytes: Blob | ArrayBuffer | Uint8Array, options: UploadOptions): Promise<any>;
/** The query string for an upload's options. @param {UploadOptions} options @returns {string} */
export function uploadQuery(options: UploadOptions): string;
export type UploadOptions = {
    /**
     * the file name to keep (sent as `?name=`; the server checks it)
     */
    name?: string | undefined;
    /**
     * bytes sent so far and in all
     */
    onProgress?: ((sent: number, total: number) => void) | undefined;
    /**
     * aborts the upload (rejects with code `aborted`)
     */
    signal?: AbortSignal | undefined;
};
