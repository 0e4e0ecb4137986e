/**
 * A small event emitter (browsers and Node alike). A listener that throws does not stop the others
 * nor the SDK: its error goes to `console.error`.
 */
export class Emitter {
  #listeners = new Map();

  /**
   * Calls `listener` for every event of `type` until the returned function is called.
   * @param {string} type
   * @param {(event: any) => void} listener
   * @returns {() => void} unsubscribes
   */
  on(type, listener) {
    if (typeof listener !== 'function') {
      throw new TypeError('listener must be a function');
    }
    let set = this.#listeners.get(type);
    if (!set) {
      set = new Set();
      this.#listeners.set(type, set);
    }
    set.add(listener);
    return () => this.off(type, listener);
  }

  /** Calls `listener` for the next event of `type` only. */
  once(type, listener) {
    const off = this.on(type, (event) => {
      off();
      listener(event);
    });
    return off;
  }

  off(type, listener) {
    this.#listeners.get(type)?.delete(listener);
  }

  /** @protected */
  emit(type, event) {
    const set = this.#listeners.get(type);
    if (!set) {
      return;
    }
    for (const listener of [...set]) {
      try {
        listener(event);
      } catch (error) {
        console.error(`DataIVR SDK: a "${type}" listener threw`, error);
      }
    }
  }
}
