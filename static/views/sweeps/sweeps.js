/**
 * The Sweeps view (inside the Runs panel): many short runs over one or two settings, the rest
 * from Build. A heatmap (or a line for one setting) fills in as cells finish; clicking a cell
 * draws its validation curve over the others'.
 */
import { h, tx } from "../../dom.js";
import { best, timeLeft } from "./grid.js";
import { mountForm } from "./form.js";
import { cellName, mountHeatmap } from "./heatmap.js";
import { mountOverlay } from "./overlay.js";

const METRICS = ["val_accuracy", "val_loss"];

/** The progress line: cells done of all, time left, the best so far. */
function progressText(t, sweep, cells, metric) {
  const left = timeLeft(sweep.seconds_left);
  const top = best(cells, metric);
  return [t(`sweeps.state.${sweep.state}`, { done: sweep.done, total: sweep.total }),
    left ? t(`sweeps.left.${left.unit}`, { n: left.n }) : "", top ? t("sweeps.best", { cell: cellName(t, sweep, top) }) : ""]
    .filter(Boolean).join(" · ");
}

/** mount(root, {store, api, t, actions}) -> {}. Reads store "sweep", "sweepCells", "sweepError". */
export function mount(root, { store, api, t, actions }) {
  const view = { metric: "val_accuracy", selected: null };
  const progress = h("p", { class: "sweep-progress", "data-testid": "sweep-progress", "aria-live": "polite" });
  const bar = h("progress", { max: "1", value: "0", class: "sweep-bar", "data-testid": "sweep-bar" });
  const error = h("p", { class: "field-note", "data-testid": "sweep-error", role: "alert" });
  const metricButtons = METRICS.map((m) => h("button", { type: "button", class: "btn small", "data-testid": `sweep-metric-${m}`,
    onClick: () => { view.metric = m; draw(); showCurves(); } }));
  const gridBox = h("div", { class: "sweep-map" });
  const chartBox = h("div", { class: "sweep-overlay", "data-testid": "sweep-overlay" });
  const caption = h("p", { class: "hint", "data-testid": "sweep-overlay-caption" });
  const curves = mountOverlay(chartBox, caption, { api, t });
  const heatmap = mountHeatmap(gridBox, { t, onPick: (index) => { view.selected = index; draw(); showCurves(); } });
  const formBox = h("div");
  const form = mountForm(formBox, { t, onCancel: () => actions.cancelSweep(),
    onStart: (axes, epochs) => { view.selected = null; curves.clear(); actions.sweep(axes, epochs); } });
  root.replaceChildren(h("section", { class: "sweeps", "aria-labelledby": "h-sweeps" },
    h("h3", { id: "h-sweeps", "data-i18n": "sweeps.title" }, t("sweeps.title")), tx(t, "sweeps.help", "p", { class: "hint" }),
    formBox, error, h("div", { class: "sweep-status" }, bar, progress),
    h("div", { class: "sweep-metrics", role: "group" }, metricButtons), gridBox, caption, chartBox));
  const cells = () => Object.values(store.get("sweepCells") || {});

  function draw() {
    const e = store.get("sweepError");
    const asked = store.get("sweep");
    const s = e && asked && asked.state === "requested" ? null : asked;   // refused: nothing started
    form.update(s);
    metricButtons.forEach((b, i) => { b.setAttribute("aria-pressed", String(METRICS[i] === view.metric)); b.textContent = t(`sweeps.metric.${METRICS[i]}`); });
    error.textContent = e ? e.message : "";
    if (!s || !s.shape) { progress.textContent = s ? t("sweeps.requested") : ""; bar.value = 0; heatmap.update(null); return; }
    bar.value = s.total ? s.done / s.total : 0;
    progress.textContent = progressText(t, s, cells(), view.metric);
    Object.assign(progress.dataset, { state: s.state, sweep: s.sweep_id });
    heatmap.update(s, cells(), view.metric, view.selected);
  }

  function showCurves() {
    const s = store.get("sweep");
    if (view.selected !== null && s && s.axes) curves.show(s, cells(), view.selected, view.metric, (c) => cellName(t, s, c));
  }

  store.subscribe(["sweep", "sweepCells", "sweepError"], draw);
  store.subscribe(["lang"], () => { form.relabel(); draw(); showCurves(); });
  draw();
  return {};
}
