/** Hidden-layer activations for the current digit: one small heatmap per layer; hover, tap, click or arrow keys pick a neuron. */
import { h, sizeButton } from "../../dom.js";
import { paintHeatmap, gridShape } from "../../pixels.js";

const CELL = 24;   // px per neuron of an empty grid (drawn sharp, not scaled up from one pixel)

/** An empty grid for n neurons: light cells with outlines, so the layer reads as neurons waiting for input. */
export function paintIdleGrid(canvas, n) {
  const { cols, rows } = gridShape(n);
  canvas.width = cols * CELL;
  canvas.height = rows * CELL;
  const g = canvas.getContext("2d");
  g.clearRect(0, 0, canvas.width, canvas.height);
  for (let j = 0; j < n; j++) {
    const x = (j % cols) * CELL;
    const y = Math.floor(j / cols) * CELL;
    g.fillStyle = "#eef1f4";
    g.fillRect(x + 1, y + 1, CELL - 2, CELL - 2);
    g.strokeStyle = "#9aa5b1";
    g.lineWidth = 1;
    g.strokeRect(x + 1.5, y + 1.5, CELL - 3, CELL - 3);
  }
}

/**
 * mountLayers(root, {t, onPick(layer, neuron)}) -> {update(hidden activations [[n_1], ...]), idle(sizes, inviteKey),
 * select(l, j), relabel()}. idle: empty outlined grids (no input yet) with a line inviting to give one.
 */
export function mountLayers(root, { t, onPick }) {
  const box = h("div", { class: "layer-maps", "data-testid": "hidden-activations", dataset: { idle: "false" } });
  const invite = h("p", { class: "layers-invite", "data-testid": "layers-invite", "aria-live": "polite" });
  const size = sizeButton(t, box, "--map", [96, 192], "layers-size");
  root.append(box, invite, size.button);
  let items = [];
  let acts = [];
  let inviteKey = null;

  function build(n) {
    items = Array.from({ length: n }, (_, l) => {
      const canvas = h("canvas", { class: "heat layer-heat", tabindex: "0", dataset: { layer: l } });
      const title = h("span", { class: "layer-title" });
      const mark = h("span", { class: "neuron-mark", hidden: true });
      const fig = h("figure", { class: "layer-map" }, h("div", { class: "layer-wrap" }, canvas, mark), h("figcaption", {}, title));
      const pick = (e) => {
        const shape = gridShape(acts[l].length);
        const r = canvas.getBoundingClientRect();
        const col = Math.floor(((e.clientX - r.left) / r.width) * shape.cols);
        const row = Math.floor(((e.clientY - r.top) / r.height) * shape.rows);
        const j = row * shape.cols + col;
        if (j >= 0 && j < acts[l].length) onPick(l, j);
      };
      canvas.addEventListener("pointermove", pick);
      canvas.addEventListener("pointerdown", pick);   // a tap (touch, pen) or a click picks too
      canvas.addEventListener("keydown", (e) => keyPick(e, l));
      return { canvas, title, fig, mark, selected: 0 };
    });
    box.replaceChildren(...items.map((i) => i.fig));
  }

  function keyPick(e, l) {
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: gridShape(acts[l].length).cols, ArrowUp: -gridShape(acts[l].length).cols }[e.key];
    if (!step) return;
    e.preventDefault();
    const j = Math.min(acts[l].length - 1, Math.max(0, items[l].selected + step));
    onPick(l, j);
  }

  function relabel() {
    size.relabel();
    invite.textContent = inviteKey ? t(inviteKey) : "";
    items.forEach((it, l) => {
      const n = acts[l] ? acts[l].length : 0;
      it.title.textContent = t("draw.layer.title", { i: l + 1, n });
      it.canvas.setAttribute("aria-label", t("draw.layer.aria", { i: l + 1, n }));
    });
  }

  return {
    update(hidden) {
      acts = hidden;
      inviteKey = null;
      box.dataset.idle = "false";
      if (items.length !== hidden.length) build(hidden.length);
      hidden.forEach((a, l) => {
        paintHeatmap(items[l].canvas, a, { kind: "sequential", range: [Math.min(0, ...a), Math.max(1, ...a)] });
        items[l].canvas.dataset.values = String(a.length);
        items[l].canvas.dataset.sum = a.reduce((x, y) => x + y, 0).toFixed(4);
      });
      relabel();
    },
    /** No input yet: an outlined grid per layer (`sizes`: neurons per hidden layer) and the invitation `key`. */
    idle(sizes, key) {
      acts = sizes.map((n) => new Array(n).fill(0));
      inviteKey = key;
      box.dataset.idle = "true";
      if (items.length !== sizes.length) build(sizes.length);
      sizes.forEach((n, l) => {
        paintIdleGrid(items[l].canvas, n);
        items[l].canvas.dataset.values = String(n);
        items[l].canvas.dataset.sum = "0.0000";
        items[l].mark.hidden = true;
      });
      relabel();
    },
    select(l, j) {
      items.forEach((it, k) => {
        it.canvas.dataset.selected = k === l ? String(j) : "";
        it.mark.hidden = k !== l;
        if (k !== l) return;
        const { cols, rows } = gridShape(acts[l].length);
        Object.assign(it.mark.style, { left: `${(100 * (j % cols)) / cols}%`, top: `${(100 * Math.floor(j / cols)) / rows}%`,
          width: `${100 / cols}%`, height: `${100 / rows}%` });
      });
      if (items[l]) items[l].selected = j;
    },
    relabel,
  };
}
