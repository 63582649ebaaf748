/** First-layer weight images: each hidden neuron's incoming weights as a 28×28 diverging picture; a click picks a pixel's weight. */
import { h, sizeButton } from "../../dom.js";
import { diverging, maxAbs, toRGBA } from "../../colors.js";
import { PICK_COLOURS, addPick, describePicks, pixelIndex } from "./picks.js";

const MAX_NEURONS = 64;
const SIDE = 28;

/** Column j of W (n_in × n_out) as a Float32Array (n_in). */
export function column(W, j) {
  const [nIn, nOut] = W.shape;
  const out = new Float32Array(nIn);
  for (let i = 0; i < nIn; i++) out[i] = W.data[i * nOut + j];
  return out;
}

/**
 * mount(root, t, {picks(), onPick(picks)}) -> {update(W1 tensor | null, plannedLayerSizes), showPicks(), reset()};
 * blank squares hold the space before training; a click on a pixel reports the new list of picked weights.
 */
export function mountWeights(root, t, { picks = () => [], onPick = () => {} } = {}) {
  const grid = h("div", { class: "weight-grid", "data-testid": "weight-images" });
  const note = h("p", { class: "hint" });
  const caption = h("p", { class: "pick-caption", "aria-live": "polite" });
  const size = sizeButton(t, grid, "--thumb", [56, 112, 168], "weights-size");
  root.append(size.button, grid, note, caption);
  let canvases = [];
  let shownW = null;

  function ensure(n) {
    if (canvases.length === n) return;
    canvases = Array.from({ length: n }, (_, j) => {
      const c = h("canvas", { width: SIDE, height: SIDE, class: "weight-img", "data-neuron": j });
      c.addEventListener("click", (e) => {
        const r = c.getBoundingClientRect();
        const p = pixelIndex(e.clientX - r.left - c.clientLeft, e.clientY - r.top - c.clientTop, c.clientWidth, c.clientHeight, SIDE);
        if (p >= 0 && shownW) onPick(addPick(picks(), { layer: 0, index: [p, j] }));
      });
      return c;
    });
    grid.replaceChildren(...canvases);
  }

  /** Neuron j's picture, with its picked pixels in the pick colours. */
  function paint(j) {
    const w = column(shownW, j);
    const m = maxAbs(w);
    const g = canvases[j].getContext("2d");
    g.putImageData(new ImageData(toRGBA(w, diverging, (v) => v / m), SIDE, SIDE), 0, 0);
    const mine = picks().map((p, n) => [p, n]).filter(([p]) => p.layer === 0 && p.index[1] === j);
    for (const [p, n] of mine) {
      g.fillStyle = PICK_COLOURS[n];
      g.fillRect(p.index[0] % SIDE, Math.floor(p.index[0] / SIDE), 1, 1);
    }
    canvases[j].classList.toggle("picked", mine.length > 0);
  }

  function label() {
    size.relabel();
    canvases.forEach((c, j) => { c.title = t(shownW ? "watch.weights.neuron.pick" : "watch.weights.neuron", { j: j + 1 }); });
    caption.textContent = shownW ? describePicks(picks(), t) : "";
  }


  return {
    update(W, planned = [0, 0]) {
      shownW = W && W.shape[0] === SIDE * SIDE ? W : null;
      if (!W && planned[0] === SIDE * SIDE) {
        ensure(Math.min(MAX_NEURONS, planned[1]));
        canvases.forEach((c) => c.getContext("2d").clearRect(0, 0, SIDE, SIDE));
        note.textContent = t("watch.weights.empty");
      } else if (!shownW) {
        ensure(0);
        note.textContent = t("watch.weights.none");
      } else {
        const n = Math.min(MAX_NEURONS, W.shape[1]);
        ensure(n);
        for (let j = 0; j < n; j++) paint(j);
        note.textContent = t(W.shape[1] > n ? "watch.weights.some" : "watch.weights.legend", { n, total: W.shape[1] });
      }
      label();
    },
    showPicks() { if (shownW) canvases.forEach((_, j) => paint(j)); label(); },
    reset() { shownW = null; ensure(0); label(); note.textContent = t("watch.weights.empty"); },
  };
}
