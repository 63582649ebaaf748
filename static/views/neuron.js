/** One hidden neuron up close: its contribution map (input × weight) and its weights, for the neuron under the pointer. */
import { paintHeatmap } from "./heatmap.js";
import { contribution, weightColumn, firstLayer, argmax } from "./contrib.js";

const WEIGHTS = "/api/model/weights";

/** The default model's first layer (GET /api/model/weights, asked for only if the server lists it): the model /api/predict answers with. */
function weightSource(ctx) {
  let fetched = null;
  let asked = false;
  return {
    async load() {
      if (asked) return;
      asked = true;
      try {
        const spec = await ctx.api("/openapi.json");
        if (spec.paths && spec.paths[WEIGHTS]) fetched = firstLayer((await ctx.api(WEIGHTS)).layers[0]);
      } catch { fetched = null; }
    },
    get(nHidden) {
      return fetched && fetched.nIn === 784 && fetched.nOut === nHidden ? fetched : null;
    },
  };
}

/** createNeuronView(ctx, el, layers) -> {show(answer | null), pick(layer, neuron)}. */
export function createNeuronView(ctx, el, layers) {
  const { t } = ctx;
  const weights = weightSource(ctx);
  let answer = null;
  let neuron = null;

  function draw(j) {
    const hidden = answer.activations[0];
    neuron = j;
    layers.select(0, j);
    const w = weights.get(hidden.length);
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
      draw(neuron !== null && neuron < hidden.length ? neuron : argmax(hidden));
    },
    async pick(l, j) {
      if (!answer) return;
      if (l !== 0) {
        layers.select(l, j);
        el.contribNote.textContent = t("draw.contrib.first", { j: j + 1, a: answer.activations[l][j].toFixed(2) });
        return;
      }
      await weights.load();
      draw(j);
    },
  };
}
