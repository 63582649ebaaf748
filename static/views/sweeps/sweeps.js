/**
 * The Sweeps view (inside the Runs panel): many short runs over one or two settings, the rest
 * from Build. A heatmap (or a line for one setting) fills in as cells finish; clicking a cell
 * draws its validation curve over the others'.
 */
import { h, tx } from "../../dom.js";
import { lineChart } from "../../linechart.js";
import { CATEGORICAL } from "../../colors.js";
import { best, overlay, timeLeft } from "./grid.js";
import { mountForm } from "./form.js";
import { mountHeatmap, valueText } from "./heatmap.js";

const OTHERS = "#b8c0c8";

/** mount(root, {store, api, t, actions}) -> {}. Reads store "sweep", "sweepCells", "sweepError". */
export function mount(root, { store, api, t, actions }) {
  let metric = "val_accuracy";
  let selected = null;
  const curves = new Map();   // run id -> per-epoch metrics, read once a cell has ended
  const progress = h("p", { class: "sweep-progress", "data-testid": "sweep-progress", "aria-live": "polite" });
  const bar = h("progress", { max: "1", value: "0", class: "sweep-bar", "data-testid": "sweep-bar" });
  const error = h("p", { class: "field-note", "data-testid": "sweep-error", role: "alert" });
  const metricButtons = ["val_accuracy", "val_loss"].map((m) => h("button", { type: "button", class: "btn small", "data-testid": `sweep-metric-${m}`,
    "aria-pressed": String(m === metric), onClick: () => { metric = m; draw(); if (selected !== null) showCurves(); } }, t(`sweeps.metric.${m}`)));
  const gridBox = h("div", { class: "sweep-map" });
  const chartBox = h("div", { class: "sweep-overlay", "data-testid": "sweep-overlay" });
  const caption = h("p", { class: "hint", "data-testid": "sweep-overlay-caption" });
  const heatmap = mountHeatmap(gridBox, { t, onPick: (index) => { selected = index; draw(); showCurves(); } });
  const formBox = h("div");
  const form = mountForm(formBox, { t, onStart: (axes, epochs) => { selected = null; chartBox.replaceChildren(); caption.textContent = "";
    actions.sweep(axes, epochs); }, onCancel: () => actions.cancelSweep() });
  root.replaceChildren(h("section", { class: "sweeps", "aria-labelledby": "h-sweeps" },
    h("h3", { id: "h-sweeps", "data-i18n": "sweeps.title" }, t("sweeps.title")), tx(t, "sweeps.help", "p", { class: "hint" }),
    formBox, error, h("div", { class: "sweep-status" }, bar, progress),
    h("div", { class: "sweep-metrics", role: "group" }, metricButtons), gridBox, caption, chartBox));

  const sweep = () => store.get("sweep");
  const cells = () => Object.values(store.get("sweepCells") || {});

  function draw() {
    const e = store.get("sweepError");
    const asked = sweep();
    const s = e && asked && asked.state === "requested" ? null : asked;   // refused: nothing started
    form.update(s);
    metricButtons.forEach((b, i) => { b.setAttribute("aria-pressed", String(["val_accuracy", "val_loss"][i] === metric)); b.textContent = t(`sweeps.metric.${["val_accuracy", "val_loss"][i]}`); });
    error.textContent = e ? e.message : "";
    if (!s || !s.shape) { progress.textContent = s ? t("sweeps.requested") : ""; bar.value = 0; heatmap.update(null); return; }
    bar.value = s.total ? s.done / s.total : 0;
    const left = timeLeft(s.seconds_left);
    const top = best(cells(), metric);
    progress.textContent = [t(`sweeps.state.${s.state}`, { done: s.done, total: s.total }),
      left ? t(`sweeps.left.${left.unit}`, { n: left.n }) : "", top ? t("sweeps.best", { cell: cellName(s, top) }) : ""].filter(Boolean).join(" · ");
    progress.dataset.state = s.state;
    progress.dataset.sweep = s.sweep_id;
    heatmap.update(s, cells(), metric, selected);
  }

  function cellName(s, cell) {
    return s.axes.map((a, k) => `${t(`sweeps.field.${a.field}`)} ${valueText(t, a.field, a.values[cell.coords[k] ?? 0])}`).join(", ");
  }

  /** The picked cell's validation curve over every other finished cell's (their runs read once each). */
  async function showCurves() {
    const s = sweep();
    const ended = cells().filter((c) => c.run_id && ["done", "stopped", "diverged"].includes(c.status));
    await Promise.all(ended.filter((c) => !curves.has(c.run_id)).map(async (c) => {
      try { curves.set(c.run_id, (await api(`/api/runs/${c.run_id}`)).metrics); } catch { curves.set(c.run_id, []); }
    }));
    const pick = ended.find((c) => c.index === selected);
    if (!pick || sweep() !== s) return;
    const others = ended.filter((c) => c !== pick);
    const order = [...others, pick];
    chartBox.replaceChildren();
    const chart = lineChart(chartBox, { height: 220, xLabel: t("sweeps.epoch"),
      series: order.map((c) => ({ label: cellName(s, c), stroke: c === pick ? CATEGORICAL[5] : OTHERS, points: true })) });
    chart.setData(overlay(order.map((c) => ({ metrics: curves.get(c.run_id) || [] })), metric));
    chartBox.dataset.series = String(order.length);
    chartBox.dataset.picked = String(pick.index);
    caption.textContent = t("sweeps.overlay", { cell: cellName(s, pick), metric: t(`sweeps.metric.${metric}`) });
  }

  store.subscribe(["sweep", "sweepCells", "sweepError"], draw);
  store.subscribe(["lang"], () => { form.relabel(); draw(); if (selected !== null) showCurves(); });
  draw();
  return {};
}
