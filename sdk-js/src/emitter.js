// A small typed event emitter (no dependency on Node's or the DOM's).

/**
 * Calls listeners synchronously, in the order they were added. A listener that throws does not
 * stop the others; its error is reported through `onListenerError` (by default `console.error`).
 * Not thread-safe (JavaScript runs it on one thread).
 *
 * @template {Record<string, any>} Events map of event name to payload type
 */
export class Emitter {
  constructor() {
    /** @type {Map<keyof Events, Set<(payload: any) => void>>} */
    this.listeners = new Map();
    /** @type {(error: unknown, event: keyof Events) => void} */
    this.onListenerError = (error, event) => console.error(`messenger: listener of ${String(event)} failed`, error);
  }

  /**
   * Adds a listener; returns a function that removes it.
   * @template {keyof Events} K
   * @param {K} event
   * @param {(payload: Events[K]) => void} listener
   * @returns {() => void}
   */
  on(event, listener) {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return () => this.off(event, listener);
  }

  /**
   * Adds a listener called once.
   * @template {keyof Events} K
   * @param {K} event
   * @param {(payload: Events[K]) => void} listener
   * @returns {() => void}
   */
  once(event, listener) {
    const off = this.on(event, (payload) => {
      off();
      listener(payload);
    });
    return off;
  }

  /**
   * Removes a listener.
   * @template {keyof Events} K
   * @param {K} event
   * @param {(payload: Events[K]) => void} listener
   */
  off(event, listener) {
    const set = this.listeners.get(event);
    if (set) set.delete(listener);
  }

  /**
   * Calls every listener of `event` with `payload`.
   * @template {keyof Events} K
   * @param {K} event
   * @param {Events[K]} payload
   */
  emit(event, payload) {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of Array.from(set)) {
      try {
        listener(payload);
      } catch (e) {
        this.onListenerError(e, event);
      }
    }
  }
}
