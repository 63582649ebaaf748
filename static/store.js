/** A tiny observable store: get, set, patch, subscribe(keys, fn). Pure, no DOM. */

export function createStore(initial = {}) {
  let state = { ...initial };
  const listeners = new Set();

  function notify(changed) {
    for (const l of [...listeners]) {
      if (l.keys === null || l.keys.some((k) => changed.includes(k))) l.fn(state, changed);
    }
  }

  /** Merge `values` into the state and tell the subscribers of the changed keys. */
  function patch(values) {
    const changed = Object.keys(values);
    if (!changed.length) return;
    state = { ...state, ...values };
    notify(changed);
  }

  return {
    get: (key) => (key === undefined ? state : state[key]),
    set: (key, value) => patch({ [key]: value }),
    patch,
    /**
     * Append `item` to the array under `key`, in place (a long history is not copied for every
     * message); past `max` the oldest items go, a tenth of max at a time. A missing key starts a new array.
     */
    append(key, item, max = Infinity) {
      const list = Array.isArray(state[key]) ? state[key] : [];
      list.push(item);
      if (list.length > max) list.splice(0, list.length - max + Math.floor(max / 10));
      if (list !== state[key]) state = { ...state, [key]: list };
      notify([key]);
    },
    /** Call fn(state, changedKeys) when any of `keys` changes ("*" for all); returns unsubscribe. */
    subscribe(keys, fn) {
      const entry = { keys: keys === "*" ? null : [].concat(keys), fn };
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
  };
}
