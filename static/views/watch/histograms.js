/** Weight / activation histograms over time as a heatmap (time → right, value ↑). */
import { h } from "../../dom.js";
import { sequential, toRGBA } from "../../colors.js";
import { histogramGrid } from "./series.js";

/** mount(root, t) -> {update(history, nLayers), reset()}; a layer and kind picker sits above. */
export function mountHistograms(root, t) {
  const layerSel = h("select", { id: "hist-layer", "data-testid": "hist-layer", onChange: () => draw() });
  const kindSel = h("select", { id: "hist-kind", "data-testid": "hist-kind", onChange: () => draw() });
  const canvas = h("canvas", { class: "heatmap", "data-testid": "hist-heatmap", role: "img" });
  const hi = h("span", { class: "axis-hi" });
  const lo = h("span", { class: "axis-lo" });
  const layerLabel = h("label", { for: "hist-layer" });
  const kindLabel = h("label", { for: "hist-kind" });
  root.append(h("div", { class: "pickers" }, layerLabel, layerSel, kindLabel, kindSel),
    h("div", { class: "heatmap-box" }, canvas, hi, lo));
  let history = [];
  let nLayers = 0;

  function relabel() {
    layerLabel.textContent = t("watch.hist.layer");
    kindLabel.textContent = t("watch.hist.kind");
    const keep = kindSel.value || "weights";
    kindSel.replaceChildren(...["weights", "activations"].map((k) =>
      h("option", { value: k, selected: k === keep }, t(`watch.hist.${k}`))));
    canvas.setAttribute("aria-label", t("watch.hist.aria"));
  }

  function setLayers(n) {
    if (n === nLayers) return;
    nLayers = n;
    layerSel.replaceChildren(...Array.from({ length: n }, (_, i) =>
      h("option", { value: i }, t(i === n - 1 ? "watch.layer.output" : "watch.layer.n", { i: i + 1 }))));
  }

  function draw() {
    const g = histogramGrid(history, Number(layerSel.value || 0), kindSel.value || "weights");
    if (!g.cols) {
      canvas.width = 1; canvas.height = 1;
      canvas.getContext("2d").clearRect(0, 0, 1, 1);
      hi.textContent = lo.textContent = "";
      return;
    }
    canvas.width = g.cols;
    canvas.height = g.rows;
    const img = new ImageData(toRGBA(g.grid, sequential, (v) => v), g.cols, g.rows);
    canvas.getContext("2d").putImageData(img, 0, 0);
    hi.textContent = g.hi.toPrecision(3);
    lo.textContent = g.lo.toPrecision(3);
  }

  relabel();
  return {
    update(next, layers) { history = next || []; setLayers(layers); draw(); },
    relabel() { const n = nLayers; nLayers = -1; relabel(); setLayers(n); draw(); },
    reset() { history = []; draw(); },
  };
}
