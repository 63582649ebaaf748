/**
 * What the Backprop panel and the Build panel's gradient check ask of the server, over HTTP:
 * the presets, one traced step, many updates, a gradient check. Answers go into the store
 * (bpPresets, bpTrace, bpTrain, bpError, bpBusy, gradcheck) and are returned; a 422 becomes
 * {message, field} naming what was wrong. The newest request wins: an older answer is dropped.
 */
import { detailText } from "./api.js";

/** JSON text of a body; a typed number JSON cannot carry (Infinity, NaN) goes as a bare token, so the server names its field. */
export function bodyText(body) {
  const marks = [];
  const text = JSON.stringify(body, (k, v) => (typeof v === "number" && !Number.isFinite(v) ? `\u0000${marks.push(String(v)) - 1}` : v));
  return text.replace(/"\\u0000(\d+)"/g, (m, i) => marks[Number(i)]);
}

/** POST or GET a path: {ok: true, data} or {ok: false, message, field}. */
export async function request(fetchImpl, path, body) {
  try {
    const res = await fetchImpl(path, body === undefined ? {} : { method: "POST", headers: { "Content-Type": "application/json" }, body: bodyText(body) });
    const data = await res.json().catch(() => null);
    if (res.ok) return { ok: true, data };
    return { ok: false, status: res.status, message: detailText(data) || `${res.status} ${res.statusText}`, field: (data && data.field) || null };
  } catch (err) {
    return { ok: false, status: 0, message: err.message, field: null };
  }
}

/** createBackpropActions(store, fetchImpl) -> {backpropPresets, traceBackprop, trainBackprop, checkGradients}. */
export function createBackpropActions(store, fetchImpl = (...a) => fetch(...a)) {
  let asked = 0;       // the newest trace or train request
  let checked = 0;     // the newest gradient check

  async function ask(path, body, about) {
    const mine = ++asked;
    store.set("bpBusy", about);
    const r = await request(fetchImpl, path, body);
    if (mine !== asked) return null;
    store.patch({ bpBusy: null, bpError: r.ok ? null : { about, message: r.message, field: r.field, status: r.status } });
    return r.ok ? r.data : null;
  }

  /** The presets and limits (store bpPresets), or null when the server could not say. */
  async function backpropPresets() {
    const r = await request(fetchImpl, "/api/backprop/presets");
    if (r.ok) store.set("bpPresets", r.data);
    else store.set("bpError", { about: "presets", message: r.message, field: null, status: r.status });
    return r.ok ? r.data : null;
  }

  return {
    backpropPresets,
    /** One example traced node by node (store bpTrace); null on a 422 (store bpError names the field). */
    async traceBackprop(body) {
      const answer = await ask("/api/backprop/trace", body, "trace");
      if (answer) store.set("bpTrace", answer);
      return answer;
    },
    /** `steps` updates in a row (store bpTrain). */
    async trainBackprop(body) {
      const answer = await ask("/api/backprop/train", body, "train");
      if (answer) store.set("bpTrain", answer);
      return answer;
    },
    /** The gradient check of a training config's network (store gradcheck: {state, config, result | message, field}). */
    async checkGradients(config, examples = 4) {
      const mine = ++checked;
      store.set("gradcheck", { state: "running", config });
      const r = await request(fetchImpl, "/api/gradcheck", { config, examples });
      // A network too large to check is told with the limit, which the presets' answer carries.
      if (!r.ok && r.field === "config.layers" && !store.get("bpPresets")) await backpropPresets();
      if (mine !== checked) return null;
      const limits = (store.get("bpPresets") || {}).limits || {};
      store.set("gradcheck", r.ok ? { state: "done", config, result: r.data }
        : { state: "error", config, message: r.message, field: r.field, status: r.status, max: limits.gradcheck_params });
      return r.ok ? r.data : null;
    },
  };
}
