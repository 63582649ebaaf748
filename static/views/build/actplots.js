/** f and f′ of the chosen activations, side by side, from GET /api/activation/{name} (the engine's own formulas). */
import { h, tOr } from "../../dom.js";
import { CATEGORICAL } from "../../colors.js";

const W = 130;
const H = 84;
const Y = [-1.25, 1.75];   // f of ReLU leaves the box above 1.75: the slopes are what matter here

/** The list of activations a config uses: its hidden activations, each once, with its alpha where it has one. Pure. */
export function configActivations(config) {
  const names = [...new Set([].concat(config.activation || []))];
  return names.map((name) => (["leaky_relu", "elu"].includes(name) && config.alpha != null ? { name, alpha: config.alpha } : { name }));
}

/** What the curves say in numbers: the largest slope, and the lowest value (ELU's floor). Pure. */
export function readouts(answer) {
  const finite = (xs) => xs.filter((v) => typeof v === "number" && Number.isFinite(v));
  const df = finite(answer.df);
  const f = finite(answer.f);
  return { maxSlope: Math.max(...df), minSlope: Math.min(...df), minValue: Math.min(...f) };
}

function draw(canvas, answer) {
  const dpr = window.devicePixelRatio || 1;
  canvas.width = W * dpr;
  canvas.height = H * dpr;
  const g = canvas.getContext("2d");
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  const z0 = answer.z[0];
  const z1 = answer.z[answer.z.length - 1];
  const px = (z) => ((z - z0) / (z1 - z0)) * W;
  const py = (y) => H - ((y - Y[0]) / (Y[1] - Y[0])) * H;
  g.strokeStyle = "#c4ccd4";
  g.lineWidth = 1;
  g.beginPath();
  for (const y of [0, 1]) { g.moveTo(0, py(y)); g.lineTo(W, py(y)); }
  g.moveTo(px(0), 0); g.lineTo(px(0), H);
  g.stroke();
  const curve = (ys, color, dash) => {
    g.save();
    g.beginPath();
    g.rect(0, 0, W, H);
    g.clip();
    g.strokeStyle = color; g.lineWidth = 2; g.setLineDash(dash);
    g.beginPath();
    answer.z.forEach((z, i) => (i ? g.lineTo(px(z), py(ys[i] ?? NaN)) : g.moveTo(px(z), py(ys[i] ?? NaN))));
    g.stroke();
    g.restore();
  };
  curve(answer.f, CATEGORICAL[0], []);
  curve(answer.df, CATEGORICAL[1], [5, 3]);
}

const fmt = (v) => (Math.abs(v) < 5e-4 ? "0" : Number(v.toFixed(3)).toString().replace("-", "−"));

/**
 * mountActPlots(root, {t, api, onCurves({list, answers})}) -> {update(list)}: list = [{name, alpha?}];
 * onCurves hears the answers once every curve of a list is in (the lessons check them).
 */
export function mountActPlots(root, { t, api, onCurves }) {
  const grid = h("div", { class: "act-plots-grid" });
  const legend = h("p", { class: "hint act-plots-legend" });
  const box = h("figure", { class: "act-plots", "data-testid": "act-plots" }, grid, legend);
  root.append(box);
  const cache = new Map();
  let shown = null;

  async function fetchOne({ name, alpha }) {
    const key = `${name}|${alpha ?? ""}`;
    if (!cache.has(key)) cache.set(key, api(`/api/activation/${name}${alpha != null ? `?alpha=${alpha}` : ""}`));
    try { return await cache.get(key); } catch (err) { cache.delete(key); throw err; }
  }

  function cell(spec, answer) {
    const canvas = h("canvas", { class: "act-plot", role: "img", style: { width: `${W}px`, height: `${H}px` } });
    const r = readouts(answer);
    const title = tOr(t, `act.${spec.name}`, spec.name) + (spec.alpha != null ? ` (α = ${spec.alpha})` : "");
    canvas.setAttribute("aria-label", t("build.act.aria", { name: title, max: fmt(r.maxSlope), min: fmt(r.minValue) }));
    draw(canvas, answer);
    return h("div", { class: "act-plot-cell", dataset: { activation: spec.name } }, h("strong", {}, title), canvas,
      h("small", { "data-testid": `act-readout-${spec.name}` }, t("build.act.readout", { max: fmt(r.maxSlope), min: fmt(r.minValue) })));
  }

  return {
    async update(list) {
      const key = JSON.stringify(list);
      if (key === shown) return;
      shown = key;
      try {
        const answers = await Promise.all(list.map(fetchOne));
        if (shown !== key) return;
        grid.replaceChildren(...list.map((spec, i) => cell(spec, answers[i])));
        legend.textContent = t("build.act.legend");
        onCurves({ list, answers: Object.fromEntries(list.map((spec, i) => [spec.name, answers[i]])) });
      } catch (err) {
        if (shown === key) { legend.textContent = err.message; shown = null; }
      }
    },
    relabel() { const list = shown; shown = null; if (list) this.update(JSON.parse(list)); },
  };
}
