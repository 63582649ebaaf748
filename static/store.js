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
    /** Append `item` to the array under `key` (a new array, at most `max` long). */
    append(key, item, max = Infinity) {
      const prev = state[key] || [];
      const next = prev.length >= max ? prev.slice(prev.length - max + 1) : prev.slice();
      next.push(item);
      patch({ [key]: next });
    },
    /** Call fn(state, changedKeys) when any of `keys` changes ("*" for all); returns unsubscribe. */
    subscribe(keys, fn) {
      const entry = { keys: keys === "*" ? null : [].concat(keys), fn };
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
  };
}
