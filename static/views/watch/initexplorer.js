/**
 * The initialization explorer: the same inputs through five layers of 100 units, once per
 * initialization, with each layer's activation histogram (POST /api/experiments/init-histograms),
 * side by side as in the book's figure.
 */
import { h, tOr } from "../../dom.js";
import { CATEGORICAL } from "../../colors.js";

const W = 120;
const H = 46;
export const ACTIVATIONS = ["sigmoid", "tanh", "relu"];

/** The request the explorer makes for an activation and inputs: the lessons' body, the server's defaults spelled out. Pure. */
export function explorerBody(activation = "sigmoid", inputs = "mnist") {
  return { activation, inputs, examples: 1000, depth: 5, width: 100, bins: 30, seed: 0,
    inits: [{ init: "normal", std: 1.0 }, { init: "normal", std: 0.01 }, { init: "xavier_normal" }, { init: "he_normal" }] };
}

/** An initialization's column title, in the page's words ("std 1", "Xavier"). Pure. */
export function initLabel(result, t) {
  if (result.init === "normal") return t("watch.init.std", { std: result.std });
  return tOr(t, `watch.init.${result.init}`, result.init);
}

/** One layer's numbers under its histogram: the share an S-curve saturates, or ReLU's zeros and dead units. Pure. */
export function layerReadout(layer, activation, t) {
  const pct = (v) => `${Math.round(100 * v)}%`;
  const std = t("watch.init.sd", { v: layer.std < 0.01 ? layer.std.toExponential(1) : layer.std.toFixed(3) });
  if (activation === "relu") return `${std} · ${t("watch.init.zero", { v: pct(layer.zero) })} · ${t("watch.init.dead", { n: layer.dead })}`;
  return `${std} · ${t("watch.init.saturated", { v: pct(layer.saturated) })}`;
}

function paint(canvas, counts, color) {
  const dpr = window.devicePixelRatio || 1;
  canvas.width = W * dpr;
  canvas.height = H * dpr;
  const g = canvas.getContext("2d");
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  const top = Math.max(1, ...counts);
  const bw = W / counts.length;
  g.fillStyle = color;
  counts.forEach((c, i) => { const bh = (c / top) * (H - 2); g.fillRect(i * bw + 0.5, H - bh, Math.max(1, bw - 1), bh); });
  g.fillStyle = "#aab4be";
  g.fillRect(0, H - 1, W, 1);
}

/** mountInitExplorer(root, {t, api, onResult({body, answer})}) -> {show(body), relabel()}. */
export function mountInitExplorer(root, { t, api, onResult }) {
  const act = h("select", { "data-testid": "init-activation" });
  const inputs = h("select", { "data-testid": "init-inputs" });
  const run = h("button", { type: "button", class: "btn small primary", "data-testid": "init-run" });
  const grid = h("div", { class: "init-grid", "data-testid": "init-grid" });
  const note = h("p", { class: "hint", "aria-live": "polite" });
  root.append(h("div", { class: "init-controls" }, h("label", {}, h("span", { class: "init-label" }), act),
    h("label", {}, h("span", { class: "init-label" }), inputs), run), grid, note);
  let body = explorerBody();
  let answer = null;
  let asked = 0;

  function controls() {
    const [actLabel, inLabel] = root.querySelectorAll(".init-label");
    actLabel.textContent = t("watch.init.activation");
    inLabel.textContent = t("watch.init.inputs");
    act.replaceChildren(...ACTIVATIONS.map((a) => h("option", { value: a, selected: a === body.activation }, tOr(t, `act.${a}`, a))));
    inputs.replaceChildren(...["mnist", "gaussian"].map((v) => h("option", { value: v, selected: v === body.inputs }, t(`watch.init.inputs.${v}`))));
    run.textContent = t("watch.init.run");
  }

  function draw() {
    if (!answer) { grid.replaceChildren(); note.textContent = t("watch.init.empty"); return; }
    const results = answer.results;
    const head = [h("span"), ...results.map((r, k) => h("strong", { class: "init-col", style: { color: CATEGORICAL[k] } }, initLabel(r, t)))];
    const rows = Array.from({ length: answer.depth }, (_, l) => [
      h("span", { class: "init-row" }, t("watch.layer.n", { i: l + 1 })),
      ...results.map((r, k) => {
        const canvas = h("canvas", { class: "init-hist", style: { width: `${W}px`, height: `${H}px` }, role: "img" });
        const layer = r.layers[l];
        const words = layerReadout(layer, answer.activation, t);
        canvas.setAttribute("aria-label", `${initLabel(r, t)}, ${t("watch.layer.n", { i: l + 1 })}: ${words}`);
        paint(canvas, layer.counts, CATEGORICAL[k]);
        return h("div", { class: "init-cell", dataset: { init: k, layer: l } }, canvas, h("small", {}, words));
      })]);
    grid.style.setProperty("--cols", String(results.length));
    grid.replaceChildren(...head, ...rows.flat());
    const [lo, hi] = [results[0].edges[0], results[0].edges[results[0].edges.length - 1]];
    note.textContent = t("watch.init.legend", { n: answer.examples.toLocaleString(), lo: Number(lo.toFixed(2)), hi: Number(hi.toFixed(2)) });
  }

  async function show(next) {
    body = structuredClone(next);
    controls();
    const mine = ++asked;
    note.textContent = t("watch.init.loading");
    try {
      const result = await api("/api/experiments/init-histograms", { method: "POST", body });
      if (mine !== asked) return;
      answer = result;
      draw();
      onResult({ body, answer });
    } catch (err) {
      if (mine === asked) note.textContent = err.message;
    }
  }

  run.addEventListener("click", () => show({ ...body, activation: act.value, inputs: inputs.value }));
  controls();
  draw();
  return { show, relabel() { controls(); draw(); } };
}
