/** Decision regions of a 2-D toy set: each pixel coloured by what the network predicts there. */
import { h } from "../../dom.js";
import { diverging, CATEGORICAL } from "../../colors.js";
import { outputGrid } from "./mlp.js";

const N = 64;
const hexRgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** One output row -> [r, g, b]: two classes on the diverging scale, more by class colour and confidence. */
export function regionColour(out) {
  if (out.length === 1) return diverging(2 * out[0] - 1);
  if (out.length === 2) return diverging(2 * out[1] - 1);
  let k = 0;
  for (let i = 1; i < out.length; i++) if (out[i] > out[k]) k = i;
  const base = hexRgb(CATEGORICAL[k % CATEGORICAL.length]);
  const w = Math.max(0, Math.min(1, out[k]));
  return base.map((c) => Math.round(255 + (c - 255) * w));
}

/** mount(root, t) -> {update(layers, config, view | null)}. */
export function mountBoundary(root, t) {
  const canvas = h("canvas", { class: "boundary", width: N, height: N, "data-testid": "boundary", role: "img" });
  const note = h("p", { class: "hint" });
  root.append(canvas, note);
  return {
    update(layers, config, view) {
      canvas.setAttribute("aria-label", t("watch.boundary.aria"));
      if (!layers.length || layers[0].W.shape[0] !== 2 || !view) {
        canvas.getContext("2d").clearRect(0, 0, N, N);
        note.textContent = t("watch.boundary.empty");
        return;
      }
      const grid = outputGrid(layers, config, view, N);
      const img = new ImageData(N, N);
      grid.forEach((out, i) => {
        const [r, g, b] = regionColour(out);
        img.data.set([r, g, b, 255], 4 * i);
      });
      canvas.getContext("2d").putImageData(img, 0, 0);
      note.textContent = t("watch.boundary.legend", { x0: view[0], x1: view[1], y0: view[2], y1: view[3] });
    },
  };
}
