/** Decision regions of a 2-D toy set: each cell coloured by what the network predicts there, with the data points. */
import { h } from "../../dom.js";
import { mountPlane } from "../../regions.js";

const SIDE = 320;

/** mount(root, t) -> {update({regions, points, view, classes})}: regions from the server (null before training). */
export function mountBoundary(root, t) {
  const plane = mountPlane(root, { testid: "boundary", side: SIDE, label: true });
  const note = h("p", { class: "hint", "data-testid": "boundary-note" });
  root.append(note);
  return {
    update({ regions, points, view, classes }) {
      plane.label(t("watch.boundary.aria"));
      plane.update({ regions, points, view, classes });
      const v = view || (regions && regions.view);
      const legend = v ? t(classes > 2 ? "watch.boundary.legend.many" : "watch.boundary.legend", { x0: v[0], x1: v[1], y0: v[2], y1: v[3] }) : "";
      const dots = points ? ` ${t(points.val.length ? "watch.boundary.dots" : "watch.boundary.dots.train")}` : "";
      note.textContent = regions ? legend + dots : t("watch.boundary.empty") + dots;
    },
  };
}
