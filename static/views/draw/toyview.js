/**
 * The Draw panel for a 2-D toy set: the plane coloured by the class the network predicts (the
 * server's grid), the data points on it, and a click (or tap, or arrow keys) asks the network
 * about one point; the panel's glue asks the server and shows the answer in the bars and layers.
 * A toy set with more inputs than two has no plane to draw: a note says so.
 */
import { h } from "../../dom.js";
import { mountPlane } from "../../regions.js";

const SIDE = 280;

/** mountToyView(root, {t, onAsk([x, y])}) -> {update({regions, points, view, classes, inputs}), relabel(), asked}. */
export function mountToyView(root, { t, onAsk }) {
  const holder = h("div", { class: "toy-frame", "data-testid": "toy-map", role: "application", tabindex: "0",
    "aria-label": t("draw.toy.aria"), "data-i18n-aria-label": "draw.toy.aria" });
  const plane = mountPlane(holder, { testid: "toy-regions", side: SIDE });
  const marker = h("span", { class: "toy-marker", hidden: true });
  plane.frame.append(marker);
  const note = h("p", { class: "hint", "data-testid": "toy-note", "aria-live": "polite" });
  root.append(holder, note);
  let now = { regions: null, points: null, view: null, classes: 2 };
  let asked = null;   // the point asked about, [x, y]

  function ask(xy) {
    asked = xy;
    const [x0, x1, y0, y1] = now.view;
    Object.assign(marker.style, { left: `${((xy[0] - x0) / (x1 - x0)) * 100}%`, top: `${(1 - (xy[1] - y0) / (y1 - y0)) * 100}%` });
    marker.hidden = false;
    holder.dataset.asked = xy.map((v) => v.toFixed(2)).join(",");
    onAsk(xy);
  }

  holder.addEventListener("pointerdown", (e) => {
    if (!now.view) return;
    const r = plane.frame.getBoundingClientRect();
    const [x0, x1, y0, y1] = now.view;
    ask([x0 + ((e.clientX - r.left) / r.width) * (x1 - x0), y1 - ((e.clientY - r.top) / r.height) * (y1 - y0)]);
  });
  holder.addEventListener("keydown", (e) => {
    const d = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] }[e.key];
    if (!d || !now.view) return;
    e.preventDefault();
    const [x0, x1, y0, y1] = now.view;
    const at = asked || [(x0 + x1) / 2, (y0 + y1) / 2];
    ask([Math.min(x1, Math.max(x0, at[0] + d[0] * (x1 - x0) / 20)), Math.min(y1, Math.max(y0, at[1] + d[1] * (y1 - y0) / 20))]);
  });

  function relabel() {
    const help = now.points && now.points.train.length ? "draw.toy.help" : "draw.toy.helpNoPoints";
    if (!now.view) note.textContent = t("draw.toy.noPlane", { n: now.inputs });
    else note.textContent = t(now.regions ? help : "draw.toy.empty");
  }

  return {
    /** regions: the grid of the network that answers (null: none yet); points: {train, val} or null. */
    update(next) {
      now = next;
      holder.dataset.trained = String(!!now.regions);
      holder.hidden = !now.view;
      holder.dataset.points = String(now.points ? now.points.train.length + now.points.val.length : 0);
      plane.update(now);
      relabel();
    },
    relabel,
    get asked() { return asked; },
  };
}
