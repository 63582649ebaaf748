/**
 * The data points of the toy set being set up (GET /api/datasets/{name}/points with the config's
 * seed), asked once per set and seed and kept in the store as "toyPoints": {key, train, val, same}
 * (null for MNIST). `pointsOf` asks for another seed's (a saved run's), from the same cache.
 */
import { pointsFromAnswer } from "./regions.js";

const asked = new Map();   // "name|seed" -> Promise of {train, val, same}

/** The points of set `name` made with `seed` (cached; a failed request is asked again next time). */
export function pointsOf(api, name, seed) {
  const key = `${name}|${seed}`;
  if (!asked.has(key)) {
    const answer = api(`/api/datasets/${encodeURIComponent(name)}/points?seed=${seed}`).then(pointsFromAnswer);
    answer.catch(() => asked.delete(key));
    asked.set(key, answer);
  }
  return asked.get(key);
}

/** Keep store "toyPoints" on the points of the configured toy set. */
export function followToyPoints(store, api) {
  async function load() {
    const config = store.get("config") || {};
    const ds = ((store.get("options") || {}).datasets || []).find((d) => d.name === config.dataset);
    if (!ds || !ds.points) { if (store.get("toyPoints")) store.set("toyPoints", null); return; }
    const key = `${ds.name}|${config.seed ?? 0}`;
    if ((store.get("toyPoints") || {}).key === key) return;
    try {
      const points = await pointsOf(api, ds.name, config.seed ?? 0);
      const now = store.get("config") || {};
      if (`${now.dataset}|${now.seed ?? 0}` === key) store.set("toyPoints", { key, ...points });
    } catch { /* no points: the regions alone */ }
  }
  store.subscribe(["config", "options"], load);
  load();
}
