/** One hidden neuron up close: its contribution map (input × weight) and its weights, for the neuron under the pointer. */
import { paintHeatmap } from "../../pixels.js";
import { contribution, weightColumn, firstLayer, argmax } from "./contrib.js";

const WEIGHTS = "/api/model/weights";

/**
 * First-layer weights of the network behind an answer: a training run's come with its snapshots
 * (the newest the page has); the ready-made model's and a saved run's are fetched once.
 */
function weightSource({ api, snapshot }) {
  const fetched = new Map();
  const fromSnapshot = (runId) => {
    const snap = snapshot();
    return snap && snap.run_id === runId && snap.tensors && snap.tensors.W1 ? firstLayer(snap.tensors.W1) : null;
  };
  const pending = new Map();
  return {
    /** Resolves once the answer's weights are at hand (or could not be had). */
    load(answer) {
      const run = answer.run;
      const key = run ? run.id : "default";
      if ((run && fromSnapshot(run.id)) || fetched.has(key)) return Promise.resolve();
      if (!pending.has(key)) {
        pending.set(key, api(run ? `${WEIGHTS}?run=${run.id}` : WEIGHTS)
          .then((body) => { fetched.set(key, firstLayer(body.layers[0])); }, () => {})
          .finally(() => pending.delete(key)));
      }
      return pending.get(key);
    },
    get(answer, nHidden) {
      const w = (answer.run && fromSnapshot(answer.run.id)) || fetched.get(answer.run ? answer.run.id : "default");
      return w && w.nIn === 784 && w.nOut === nHidden ? w : null;
    },
  };
}

/** createNeuronView({t, api, snapshot() -> newest snapshot}, el, layers) -> {show(answer | null), pick(layer, neuron)}. */
export function createNeuronView({ t, api, snapshot }, el, layers) {
  const weights = weightSource({ api, snapshot });
  let answer = null;
  let neuron = null;

  function draw(j) {
    const hidden = answer.activations[0];
    neuron = j;
    layers.select(0, j);
    const w = weights.get(answer, hidden.length);
    const line = t("draw.contrib.neuron", { j: j + 1, a: hidden[j].toFixed(2) });
    el.contrib.closest("figure").hidden = el.weights.closest("figure").hidden = !w;
    if (!w) {
      el.contribNote.textContent = `${line} ${t("draw.contrib.none")}`;
      return;
    }
    paintHeatmap(el.contrib, contribution(answer.input, w.W, w.nOut, j), { cols: 28, kind: "diverging" });
    paintHeatmap(el.weights, weightColumn(w.W, w.nOut, j), { cols: 28, kind: "diverging" });
    el.contrib.dataset.neuron = String(j);
    el.contribNote.textContent = line;
  }

  return {
    show(next) {
      answer = next;
      if (!answer) { el.contribNote.textContent = ""; return; }
      const hidden = answer.activations[0];
      const j = neuron !== null && neuron < hidden.length ? neuron : argmax(hidden);
      draw(j);
      if (!weights.get(answer, hidden.length)) weights.load(answer).then(() => { if (answer === next) draw(j); });
    },
    async pick(l, j) {
      if (!answer) return;
      if (l !== 0) {
        layers.select(l, j);
        el.contribNote.textContent = t("draw.contrib.first", { j: j + 1, a: answer.activations[l][j].toFixed(2) });
        return;
      }
      await weights.load(answer);
      if (answer) draw(j);
    },
  };
}
