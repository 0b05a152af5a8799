/**
 * Calls listeners synchronously, in the order they were added. A listener that throws does not
 * stop the others; its error is reported through `onListenerError` (by default `console.error`).
 * Not thread-safe (JavaScript runs it on one thread).
 *
 * @template {Record<string, any>} Events map of event name to payload type
 */
export class Emitter<Events extends Record<string, any>> {
    /** @type {Map<keyof Events, Set<(payload: any) => void>>} */
    listeners: Map<keyof Events, Set<(payload: any) => void>>;
    /** @type {(error: unknown, event: keyof Events) => void} */
    onListenerError: (error: unknown, event: keyof Events) => void;
    /**
     * Adds a listener; returns a function that removes it.
     * @template {keyof Events} K
     * @param {K} event
     * @param {(payload: Events[K]) => void} listener
     * @returns {() => void}
     */
    on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): () => void;
    /**
     * Adds a listener called once.
     * @template {keyof Events} K
     * @param {K} event
     * @param {(payload: Events[K]) => void} listener
     * @returns {() => void}
     */
    once<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): () => void;
    /**
     * Removes a listener.
     * @template {keyof Events} K
     * @param {K} event
     * @param {(payload: Events[K]) => void} listener
     */
    off<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): void;
    /**
     * Calls every listener of `event` with `payload`.
     * @template {keyof Events} K
     * @param {K} event
     * @param {Events[K]} payload
     */
    emit<K extends keyof Events>(event: K, payload: Events[K]): void;
}
