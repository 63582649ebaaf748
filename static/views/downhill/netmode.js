/** Network mode: the real loss surface around the training run's weights, on a chosen plane, with the descent path. */
import { h, tx } from "../../dom.js";
import { fieldFromSurface } from "./heightfield.js";
import { follow, pointAt, valueAt } from "./race.js";

const PATH = "#D55E00";
const TRUE = "#000000";
const RESOLUTION = 41;

function controls(t) {
  const el = {
    plane: h("select", { id: "surface-plane", "data-testid": "surface-plane" },
      ["pca", "random", "weights"].map((p) => h("option", { value: p, "data-i18n": `downhill.plane.${p}` }, t(`downhill.plane.${p}`)))),
    layer: h("select", { id: "surface-layer", "data-testid": "surface-layer" }),
    w1: h("input", { id: "surface-w1", value: "406,0", "data-testid": "surface-w1", size: "6" }),
    w2: h("input", { id: "surface-w2", value: "408,1", "data-testid": "surface-w2", size: "6" }),
    refresh: tx(t, "downhill.refresh", "button", { type: "button", class: "btn small", "data-testid": "surface-refresh" }),
    variance: h("p", { class: "readout", "data-testid": "explained-variance" }),
    gap: h("p", { class: "readout", "data-testid": "surface-gap" }),
    note: h("p", { class: "hint", "data-testid": "surface-note", "aria-live": "polite" }),
  };
  el.weights = h("div", { class: "weight-pick", hidden: true },
    h("div", { class: "field" }, tx(t, "downhill.layer", "label", { for: "surface-layer" }), el.layer),
    h("div", { class: "field" }, tx(t, "downhill.w1", "label", { for: "surface-w1" }), el.w1),
    h("div", { class: "field" }, tx(t, "downhill.w2", "label", { for: "surface-w2" }), el.w2),
    tx(t, "downhill.w.help", "p", { class: "hint" }));
  const root = h("div", { class: "net-controls", "data-testid": "net-controls" },
    h("div", { class: "field" }, tx(t, "downhill.plane", "label", { for: "surface-plane" }), el.plane),
    tx(t, "downhill.plane.help", "p", { class: "hint" }), el.weights, el.refresh, el.variance, el.gap,
    h("p", { class: "hint legend-line" }, h("span", { class: "swatch", style: { background: PATH } }), tx(t, "downhill.legend.path"),
      h("span", { class: "swatch dashed" }), tx(t, "downhill.legend.true")), el.note);
  return { root, el };
}

const pair = (s) => s.split(/[ ,]+/).filter(Boolean).map(Number);

/** An untrained network's `surface` message (no path yet) -> one whose one-point path is the centre: the starting weights. */
export function startMessage(msg) {
  return { ...msg, path: [[0, 0]], path_loss: [msg.center_loss], path_surface_loss: [msg.center_loss] };
}

/**
 * mountNet(root, {t, onAsk(spec), onFollow(spec), onPicks(picks)}) -> {frame(dt) -> scene, relabel(),
 * showSurface(msg | null), showStart(msg | null), showing, showError(err), setLayers(sizes), showPicks(picks)}.
 * onAsk: draw this plane now; onFollow: keep this plane current while training; onPicks: typed weights.
 */
export function mountNet(root, { t, onAsk, onFollow, onPicks }) {
  const { root: box, el } = controls(t);
  root.append(box);
  // msg: the run's surface (the `surface` message); start: the untrained network's (`surface` with a config),
  // shown until the run has one: the ball sits where Play will start it.
  const st = { field: null, msg: null, start: null, paths: [], s: 0, failed: false, layers: [] };

  /** The two weights of the "weights" plane, or null (with a note) when an index is out of range. */
  function chosenWeights() {
    const layers = st.layers;
    const layer = Number(el.layer.value || 0);
    const picks = [pair(el.w1.value), pair(el.w2.value)];
    const ok = picks.every(([r, c]) => Number.isInteger(r) && Number.isInteger(c) && r >= 0 && c >= 0 && r < layers[layer] && c < layers[layer + 1]);
    const same = picks[0][0] === picks[1][0] && picks[0][1] === picks[1][1];
    if (!ok || same) {
      el.note.textContent = t(same ? "downhill.w.same" : "downhill.w.range", { rows: layers[layer], cols: layers[layer + 1] });
      return null;
    }
    return picks.map((index) => ({ layer, index }));
  }

  /** The plane the controls describe, or null when the typed weights cannot make one. */
  function spec() {
    const out = { plane: el.plane.value, resolution: RESOLUTION };
    if (el.plane.value === "weights") {
      out.params = chosenWeights();
      if (!out.params) return null;
    }
    return out;
  }

  function request() {
    const s = spec();
    st.failed = !s;
    if (s) onAsk(s);
    else onFollow(null);
  }

  function showSurface(msg) {
    st.msg = msg && msg.tensors && msg.tensors.values ? msg : null;
    draw(st.msg || st.start);
  }

  /** The untrained network's surface (a `surface` message with `untrained`), or null: drawn while there is no run surface. */
  function showStart(msg) {
    st.start = msg && msg.tensors && msg.tensors.values ? startMessage(msg) : null;
    if (!st.msg) draw(st.start);
  }

  function draw(msg) {
    if (!msg) {
      st.field = null; st.paths = [];
      renderReadouts();
      return;
    }
    box.dataset.plane = msg.plane;
    st.field = fieldFromSurface(msg);
    st.field.label = msg.untrained ? `start:${msg.plane}` : `network:${msg.plane}`;
    const path = msg.path || [];
    st.paths = [{ points: path, values: msg.path_surface_loss || [], color: PATH },
      { points: path, values: (msg.path_loss || []).map((v) => (Number.isFinite(v) ? v : st.field.hi)), color: TRUE, dash: [4, 4] }];
    if (st.s > path.length - 1) st.s = 0;
    renderReadouts();
  }

  function renderReadouts() {
    const msg = st.msg;
    if (!st.failed) el.note.textContent = msg ? "" : t(st.start ? "downhill.net.start" : "downhill.net.empty");
    el.variance.textContent = msg && msg.explained_variance
      ? t("downhill.variance", { a: (100 * msg.explained_variance[0]).toFixed(1), b: (100 * msg.explained_variance[1]).toFixed(1) }) : "";
    const tl = (msg && msg.path_loss) || [];
    const sl = (msg && msg.path_surface_loss) || [];
    if (!tl.length) { el.gap.textContent = ""; return; }
    const gaps = tl.map((v, i) => Math.abs(v - sl[i])).filter(Number.isFinite);
    const mean = gaps.reduce((a, b) => a + b, 0) / Math.max(1, gaps.length);
    el.gap.textContent = t("downhill.gap", { now: gaps.length ? gaps[gaps.length - 1].toFixed(3) : "—", mean: mean.toFixed(3),
      loss: Number.isFinite(tl[tl.length - 1]) ? tl[tl.length - 1].toFixed(3) : "—" });
  }

  /** Typed boxes become the picks (so the diagram highlights them); unreadable ones just get the range note. */
  function typed() {
    const layer = Number(el.layer.value || 0);
    const picks = [pair(el.w1.value), pair(el.w2.value)];
    if (picks.every((p) => p.length === 2 && p.every(Number.isInteger))) onPicks(picks.map((index) => ({ layer, index })));
    else request();
  }

  /** Picks from the Watch panel fill the layer and the boxes, choose the "weights" plane, and redraw once there are two. */
  function showPicks(picks) {
    if (!picks || !picks.length) return;
    el.layer.value = String(picks[0].layer);
    [el.w1, el.w2].forEach((input, n) => { if (picks[n]) input.value = picks[n].index.join(","); });
    el.plane.value = "weights";
    el.weights.hidden = false;
    if (picks.length === 2) { request(); return; }
    st.failed = true;
    el.note.textContent = t("downhill.w.second");
  }

  function setLayers(sizes) {
    st.layers = sizes || [];
    const keep = el.layer.value;
    el.layer.replaceChildren(...st.layers.slice(1).map((n, i) => h("option", { value: i }, t("downhill.layer.n", { i: i + 1, a: st.layers[i], b: n }))));
    if (keep && Number(keep) < st.layers.length - 1) el.layer.value = keep;
    const s = spec();
    if (s) onFollow(s);
  }

  el.plane.addEventListener("change", () => { el.weights.hidden = el.plane.value !== "weights"; request(); });
  el.refresh.addEventListener("click", request);
  for (const input of [el.layer, el.w1, el.w2]) input.addEventListener("change", typed);
  renderReadouts();

  function frame(dt) {
    const shown = st.msg || st.start;
    const path = (shown && st.field && shown.path) || [];
    st.s = follow(st.s, Math.max(0, path.length - 1), dt);
    const sl = st.paths.length ? st.paths[0].values : [];
    const at = path.length ? pointAt(path, st.s) : null;
    const balls = at ? [{ x: at[0], y: at[1], value: valueAt(sl, st.s), color: PATH }] : [];
    return { field: st.field, paths: st.paths, balls, arrows: [], sliceBall: balls[0], axisLabel: "α", step: Math.round(st.s) };
  }

  return {
    frame,
    relabel: () => { setLayers(st.layers); renderReadouts(); },
    showSurface,
    showStart,
    /** "run": the training run's surface is shown; "start": the untrained network's; null: none yet. */
    get showing() { return st.msg ? "run" : st.start ? "start" : null; },
    showError(err) { st.failed = true; el.note.textContent = err.message; },
    setLayers,
    showPicks,
  };
}
