/** First-layer weight images: each hidden neuron's incoming weights as a 28×28 diverging picture. */
import { h } from "../../dom.js";
import { diverging, maxAbs, toRGBA } from "../../colors.js";

const MAX_NEURONS = 64;

/** Column j of W (n_in × n_out) as a Float32Array (n_in). */
export function column(W, j) {
  const [nIn, nOut] = W.shape;
  const out = new Float32Array(nIn);
  for (let i = 0; i < nIn; i++) out[i] = W.data[i * nOut + j];
  return out;
}

/** mount(root, t) -> {update(W1 tensor | null, plannedLayerSizes), reset()}; blank squares hold the space before training. */
export function mountWeights(root, t) {
  const grid = h("div", { class: "weight-grid", "data-testid": "weight-images" });
  const note = h("p", { class: "hint" });
  root.append(grid, note);
  let canvases = [];

  function ensure(n) {
    if (canvases.length === n) return;
    canvases = Array.from({ length: n }, (_, j) => h("canvas", { width: 28, height: 28, class: "weight-img",
      title: t("watch.weights.neuron", { j: j + 1 }) }));
    grid.replaceChildren(...canvases);
  }

  return {
    update(W, planned = [0, 0]) {
      if (!W && planned[0] === 784) {
        ensure(Math.min(MAX_NEURONS, planned[1]));
        canvases.forEach((c) => c.getContext("2d").clearRect(0, 0, 28, 28));
        note.textContent = t("watch.weights.empty");
        return;
      }
      if (!W || W.shape[0] !== 784) {
        ensure(0);
        note.textContent = t("watch.weights.none");
        return;
      }
      const n = Math.min(MAX_NEURONS, W.shape[1]);
      ensure(n);
      for (let j = 0; j < n; j++) {
        const w = column(W, j);
        const m = maxAbs(w);
        canvases[j].getContext("2d").putImageData(new ImageData(toRGBA(w, diverging, (v) => v / m), 28, 28), 0, 0);
      }
      note.textContent = t(W.shape[1] > n ? "watch.weights.some" : "watch.weights.legend", { n, total: W.shape[1] });
    },
    reset() { ensure(0); note.textContent = t("watch.weights.empty"); },
  };
}
