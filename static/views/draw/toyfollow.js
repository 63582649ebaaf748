/**
 * A toy set replaces the digit tools: the pad's place shows the plane with the decision regions
 * (this page's run: its snapshots; a saved run picked in the Runs panel: GET /api/runs/{id}/regions)
 * and the data points; the bars and hidden layers answer for the point clicked (POST /api/predict
 * with `point`), asked again as the run trains. The clicked point is the run's probe too.
 */
import { createThrottle } from "../../throttle.js";
import { regionsOf } from "../../protocol.js";
import { regionsFromAnswer } from "../../regions.js";
import { pointsOf } from "../../toypoints.js";
import { mountToyView } from "./toyview.js";
import { toySubject } from "./follow.js";

const REFRESH_MS = 500;   // a training run's answer for the asked point is re-asked at most this often

/**
 * followToySet({t, api, onProbe(xy)}, el, {bars, layers, view}) -> {update(now), relabel(), active()}:
 * now = {status, snapshot, config, datasets, drawWith}; active(): whether the plane stands in for the pad.
 */
export function followToySet({ t, api, onProbe }, el, { bars, layers, view }) {
  let now = { status: null, snapshot: null, config: {}, datasets: [], drawWith: null };
  const saved = new Map();   // picked run id -> {dataset, seed, regions} | {dataset: null} (a digit run)
  let points = { key: null, value: null };
  let subject;   // toySubject's answer; undefined until the first update
  const toy = mountToyView(el.toyBox, { t, onAsk: (xy) => { if (subject && subject.live) onProbe(xy); answer.now(); } });

  /** The picked run's set and, for a two-input toy set, its regions; asked once (saved weights do not change). */
  async function learn(id) {
    const run = await api(`/api/runs/${id}`);
    const ds = (now.datasets || []).find((d) => d.name === run.config.dataset);
    const plane = ds && ds.kind === "toy" && ds.n_in === 2 && run.has_weights;
    const regions = plane ? regionsFromAnswer((await api(`/api/runs/${id}/regions`)).regions) : null;
    return { dataset: run.config.dataset, seed: run.config.seed ?? 0, regions };
  }
  function picked() {
    const id = now.drawWith;
    if (!id) return null;
    if (!saved.has(id)) {
      saved.set(id, null);
      learn(id).then((known) => saved.set(id, known), () => saved.set(id, { dataset: null })).finally(() => draw.now());
    }
    const known = saved.get(id);
    return known ? { id, ...known } : { id, dataset: null };
  }

  async function loadPoints(ds, seed) {
    const key = `${ds.name}|${seed}`;
    if (points.key === key) return;
    points = { key, value: null };
    try {
      const value = await pointsOf(api, ds.name, seed);
      if (points.key === key) { points.value = ds.n_in === 2 ? value : null; draw.now(); }
    } catch { /* no points for this set: the regions alone */ }
  }

  const answer = createThrottle(async () => {
    const xy = toy.asked;
    if (!xy || !subject || !subject.run || subject.dataset.n_in !== 2) return;
    try {
      const a = await api("/api/predict", { method: "POST", body: { point: xy, run: subject.run } });
      const probabilities = a.probabilities.length === 1 ? [1 - a.probabilities[0], a.probabilities[0]] : a.probabilities;
      bars.update(probabilities, a.prediction);
      layers.update(a.activations.slice(0, -1));
    } catch (err) {
      el.note.textContent = err.message;
    }
  }, REFRESH_MS);

  const draw = createThrottle(() => {
    const pick = picked();
    subject = toySubject({ ...now, picked: pick });
    const mode = subject ? "toy" : "digits";
    el.padBox.dataset.mode = el.answerBox.dataset.mode = view.dataset.mode = mode;
    if (!subject) return;
    const ds = subject.dataset;
    loadPoints(ds, subject.seed);
    const regions = !subject.run ? null : subject.run === (pick && pick.id) && !subject.live ? pick.regions : regionsOf(now.snapshot);
    toy.update({ regions, points: points.value, view: ds.n_in === 2 ? ds.view : null, classes: Math.max(2, ds.n_out), inputs: ds.n_in });
    if (!subject.run || !toy.asked) {
      bars.reset(Math.max(2, ds.n_out));
      layers.idle(((now.config || {}).layers || []).slice(1, -1), subject.run ? "draw.layers.invite.toy" : "draw.layers.invite.untrained");
    } else answer.soon();
  }, 250);
  return {
    update(next) { const first = subject === undefined; now = next; if (first) draw.now(); else draw.soon(); },
    relabel: () => toy.relabel(),
    active: () => !!subject,
  };
}
