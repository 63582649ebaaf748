/** Decision regions of a 2-D toy set: each pixel coloured by what the network predicts there. */
import { h } from "../../dom.js";
import { paintRegions } from "../../regions.js";

const N = 64;

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
      paintRegions(canvas, layers, config, view, N);
      note.textContent = t("watch.boundary.legend", { x0: view[0], x1: view[1], y0: view[2], y1: view[3] });
    },
  };
}
