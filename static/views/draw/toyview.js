/**
 * The Draw panel for a 2-D toy set: the plane coloured by the class the network predicts, the data
 * points on it, and a click (or tap, or arrow keys) asks the network about one point: its answer
 * and its hidden layers, computed from the newest weights.
 */
import { h, tx } from "../../dom.js";
import { forwardAll } from "../../mlp.js";
import { paintRegions, paintPoints } from "../../regions.js";

const GRID = 96;
const SIDE = 280;

/** mountToyView(root, {t, onAnswer({probabilities, prediction, activations})}) -> {update({layers, config, view, points}), relabel()}. */
export function mountToyView(root, { t, onAnswer }) {
  const regions = h("canvas", { class: "toy-regions", "data-testid": "toy-regions", "aria-hidden": "true" });
  const dots = h("canvas", { class: "toy-points", "data-testid": "toy-points", "aria-hidden": "true" });
  const marker = h("span", { class: "toy-marker", hidden: true });
  const frame = h("div", { class: "toy-frame", "data-testid": "toy-map", role: "application", tabindex: "0",
    "aria-label": t("draw.toy.aria"), "data-i18n-aria-label": "draw.toy.aria" }, regions, dots, marker);
  const note = h("p", { class: "hint", "data-testid": "toy-note", "aria-live": "polite" });
  root.append(frame, note);
  let now = { layers: [], config: null, view: null, points: null };
  let asked = null;   // the point asked about, [x, y]

  function ask(xy) {
    asked = xy;
    const [x0, x1, y0, y1] = now.view;
    Object.assign(marker.style, { left: `${((xy[0] - x0) / (x1 - x0)) * 100}%`, top: `${(1 - (xy[1] - y0) / (y1 - y0)) * 100}%` });
    marker.hidden = false;
    frame.dataset.asked = xy.map((v) => v.toFixed(2)).join(",");
    if (!now.layers.length) return;
    const acts = forwardAll(now.layers, now.config, xy).map((a) => Array.from(a));
    const out = acts[acts.length - 1];
    const probabilities = out.length === 1 ? [1 - out[0], out[0]] : out;
    onAnswer({ probabilities, prediction: probabilities.indexOf(Math.max(...probabilities)), activations: acts });
  }

  frame.addEventListener("pointerdown", (e) => {
    if (!now.view) return;
    const r = frame.getBoundingClientRect();
    const [x0, x1, y0, y1] = now.view;
    ask([x0 + ((e.clientX - r.left) / r.width) * (x1 - x0), y1 - ((e.clientY - r.top) / r.height) * (y1 - y0)]);
  });
  frame.addEventListener("keydown", (e) => {
    const d = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] }[e.key];
    if (!d || !now.view) return;
    e.preventDefault();
    const [x0, x1, y0, y1] = now.view;
    const at = asked || [(x0 + x1) / 2, (y0 + y1) / 2];
    ask([Math.min(x1, Math.max(x0, at[0] + d[0] * (x1 - x0) / 20)), Math.min(y1, Math.max(y0, at[1] + d[1] * (y1 - y0) / 20))]);
  });

  function relabel() {
    const trained = now.layers.length && now.layers[0].W.shape[0] === 2;
    const help = now.points && now.points.length ? "draw.toy.help" : "draw.toy.helpNoPoints";
    note.textContent = t(trained ? help : "draw.toy.empty", { n: now.points ? now.points.length : 0 });
  }

  return {
    update(next) {
      now = next;
      const trained = now.layers.length && now.layers[0].W.shape[0] === 2 && now.view;
      frame.dataset.trained = String(!!trained);
      if (trained) paintRegions(regions, now.layers, now.config, now.view, GRID);
      else regions.getContext("2d").clearRect(0, 0, regions.width, regions.height);
      if (now.view) paintPoints(dots, now.points || [], now.view, SIDE, Math.max(2, (now.config.layers || [0, 2]).at(-1)));
      frame.dataset.points = String((now.points || []).length);
      if (asked && trained) ask(asked);
      relabel();
    },
    relabel,
  };
}
