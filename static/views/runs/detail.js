/** One saved run opened: its settings, its curves, its first-layer weights, downloads, and Draw with it. */
import { h } from "../../dom.js";
import { lineChart } from "../../linechart.js";
import { paintHeatmap } from "../../pixels.js";
import { CATEGORICAL } from "../../colors.js";
import { settingsLine, when } from "./table.js";
import { mountPlane } from "../../regions.js";

const MAX_PICTURES = 32;
const finite = (v) => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** Saved epoch rows -> [[epochs], [train loss], [val loss]] and [[epochs], [train %], [val %]]. */
export function runSeries(metrics) {
  const rows = (metrics || []).filter((m) => typeof m.epoch === "number");
  const x = rows.map((m) => m.epoch);
  const pct = (v) => (finite(v) === null ? null : 100 * v);
  return { loss: [x, rows.map((m) => finite(m.train_loss)), rows.map((m) => finite(m.val_loss))],
    acc: [x, rows.map((m) => pct(m.train_accuracy)), rows.map((m) => pct(m.val_accuracy))] };
}

/** Column j of a weight matrix given as nested rows [[n_out] × n_in]. */
const column = (rows, j) => rows.map((r) => r[j]);

/** mountDetail(root, {t, onDrawWith(id)}) -> {show(run, weights | null), close()}. */
export function mountDetail(root, { t, onDrawWith }) {
  const title = h("h3", { "data-testid": "run-title" });
  const setup = h("p", { class: "hint" });
  const links = h("p", { class: "run-links" });
  const drawWith = h("button", { type: "button", class: "btn", "data-testid": "run-draw" });
  const lossBox = h("div", { class: "card-body", "data-testid": "run-loss-chart" });
  const accBox = h("div", { class: "card-body", "data-testid": "run-acc-chart" });
  const pictures = h("div", { class: "weight-grid", "data-testid": "run-weights" });
  const picturesNote = h("p", { class: "hint" });
  const box = h("div", { class: "run-detail", "data-testid": "run-detail", hidden: true },
    title, setup, h("div", { class: "run-buttons" }, drawWith, links),
    h("div", { class: "cards" }, h("figure", { class: "card" }, h("h3", {}, t("watch.loss.title")), lossBox),
      h("figure", { class: "card" }, h("h3", {}, t("watch.acc.title")), accBox)),
    h("figure", { class: "card wide", "data-testid": "run-weights-card" }, h("h3", {}, t("watch.weights.title")), pictures, picturesNote));
  // A two-input toy run: its decision regions and the data instead of weight pictures.
  const planeTitle = h("h3", {});
  const planeCard = h("figure", { class: "card wide", hidden: true }, planeTitle);
  const plane = mountPlane(planeCard, { testid: "run-regions", side: 280, label: true });
  box.append(planeCard);
  root.append(box);
  let charts = null;
  let shown = null;

  function drawCharts(run) {
    const x = t("watch.epoch");
    const two = [{ label: t("watch.train"), stroke: CATEGORICAL[0], points: true }, { label: t("watch.val"), stroke: CATEGORICAL[1], dash: [6, 3], points: true }];
    lossBox.replaceChildren();
    accBox.replaceChildren();
    charts = { loss: lineChart(lossBox, { height: 180, xLabel: x, series: two }),
      acc: lineChart(accBox, { height: 180, xLabel: x, range: [0, 100], yFormat: (v) => `${v}%`, series: two }) };
    const series = runSeries(run.metrics);
    charts.loss.setData(series.loss);
    charts.acc.setData(series.acc);
  }

  function drawWeights(weights) {
    const W = weights && weights.layers && weights.layers[0] && weights.layers[0].W;
    const square = W && W.length === 784;
    const n = square ? Math.min(MAX_PICTURES, W[0].length) : 0;
    pictures.replaceChildren(...Array.from({ length: n }, (_, j) => {
      const c = h("canvas", { class: "weight-img", title: t("watch.weights.neuron", { j: j + 1 }) });
      paintHeatmap(c, column(W, j), { cols: 28, kind: "diverging" });
      return c;
    }));
    picturesNote.textContent = !weights ? t("runs.noWeights") : square ? t("watch.weights.legend") : t("watch.weights.none");
  }

  function drawPlane(toy) {
    planeCard.hidden = !toy;
    weightsCard().hidden = !!toy;
    if (!toy) return;
    planeTitle.textContent = t("watch.boundary.title");
    plane.label(t("watch.boundary.aria"));
    plane.update(toy);
  }
  const weightsCard = () => box.querySelector("[data-testid=run-weights-card]");

  return {
    /** toy: {regions, points, view, classes} of a two-input toy run (GET /api/runs/{id}/regions), else null. */
    show(run, weights, toy = null) {
      shown = run;
      box.hidden = false;
      title.textContent = t("runs.title", { id: run.id, when: when(run, t) });
      setup.textContent = `${t(`dataset.${run.config.dataset}`)} · ${settingsLine(run.config, t)}`;
      links.replaceChildren(
        h("a", { class: "btn small", href: `/api/runs/${run.id}/config.json`, download: `${run.id}-config.json`, "data-testid": "run-config" }, t("runs.download.config")),
        run.has_weights ? h("a", { class: "btn small", href: `/api/runs/${run.id}/weights.npz`, download: `${run.id}-weights.npz`, "data-testid": "run-weights-file" }, t("runs.download.weights")) : null);
      drawWith.textContent = t("runs.draw");
      drawWith.hidden = !run.has_weights;
      drawWith.onclick = () => onDrawWith(run.id);
      drawCharts(run);
      drawWeights(weights);
      drawPlane(toy);
    },
    close() { shown = null; box.hidden = true; },
    get shown() { return shown; },
  };
}
