/** The Watch panel: loss, accuracy, lr and gradient charts, histograms, network diagram, weight images. */
import { h, onScreen } from "../../dom.js";
import { createThrottle } from "../../throttle.js";
import { CATEGORICAL } from "../../colors.js";
import { layersOf, regionsOf } from "../../protocol.js";
import { lossSeries, accuracySeries, lrSeries, gradSeries } from "./series.js";
import { lineChart } from "../../linechart.js";
import { mountHistograms } from "./histograms.js";
import { mountNetwork } from "./network.js";
import { mountWeights } from "./weights.js";
import { mountActStats } from "./actstats.js";
import { mountBoundary } from "./boundary.js";
import { mountInitExplorer } from "./initexplorer.js";
import { mountOutputTable } from "./outputtable.js";
import { trainingExamples, trainingOutputs } from "../../trainoutputs.js";

const TABLE_ROWS = 16;   // a toy set this small gets its outputs tabled, example by example (the delta rule's four)

const C = CATEGORICAL;
const pctFmt = (v) => `${v}%`;

/** A chart card: title, body, help, and a note saying what will appear while it has nothing to show. */
function card(key, testid, wide = false) {
  const title = h("h3", { dataset: { i18n: `watch.${key}.title` } });
  const help = h("p", { class: "hint", dataset: { i18n: `watch.${key}.help` } });
  const body = h("div", { class: `card-body card-${key}`, "data-testid": testid });
  const empty = h("p", { class: "empty-note", dataset: { i18n: "watch.empty" } });
  return { el: h("figure", { class: `card${wide ? " wide" : ""}`, dataset: { empty: "true" } }, title, h("div", { class: "card-frame" }, body, empty), help), body };
}

/** The three fixed line charts: loss, accuracy, learning rate. */
function makeCharts(cards, t) {
  const x = t("watch.epoch");
  return {
    loss: lineChart(cards.loss.body, { height: 200, xLabel: x, series: [
      { label: t("watch.train"), stroke: C[0] }, { label: t("watch.val"), stroke: C[1], dash: [6, 3], points: true }] }),
    acc: lineChart(cards.acc.body, { height: 200, xLabel: x, range: [0, 100], yFormat: pctFmt, series: [
      { label: t("watch.train"), stroke: C[0], points: true }, { label: t("watch.val"), stroke: C[1], dash: [6, 3], points: true }] }),
    lr: lineChart(cards.lr.body, { height: 160, xLabel: x, series: [{ label: t("watch.lr"), stroke: C[2] }] }),
  };
}

/** mount(root, {store, t}) -> {reset()}. */
export function mount(root, ctx) {
  const { store } = ctx;
  const t = (...a) => ctx.t(...a);
  const summary = h("p", { class: "summary", "data-testid": "watch-summary" });
  const cards = {
    loss: card("loss", "loss-chart"), acc: card("acc", "acc-chart"), lr: card("lr", "lr-chart"),
    grad: card("grad", "grad-chart"), hist: card("hist", "hist-card", true), net: card("net", "net-card", true),
    weights: card("weights", "weights-card", true), outputs: card("outputs", "outputs-card", true),
    boundary: card("boundary", "boundary-card", true), init: card("init", "init-explorer", true),
  };
  Object.assign(cards.init.el, { id: "init-explorer" });
  cards.init.el.dataset.empty = cards.outputs.el.dataset.empty = "false";
  // The loss card is shown on the first screen too (slots.js moves it): its home keeps its place here.
  const lossHome = h("div", { class: "slot slot-home loss-home" }, cards.loss.el);
  root.append(summary, h("div", { class: "cards" }, lossHome, Object.values(cards).slice(1).map((c) => c.el)));

  const charts = makeCharts(cards, t);
  let grad = null;
  let gradLayers = -1;
  const heatmap = mountHistograms(cards.hist.body, t);
  const actStats = mountActStats(cards.hist.body, t);
  const boundary = mountBoundary(cards.boundary.body, t);
  const outputs = mountOutputTable(cards.outputs.body, t);
  const examples = followExamples(store);
  const explorer = mountInitExplorer(cards.init.body, { t, api: ctx.api, onResult: (r) => store.set("initExperimentResult", r) });
  store.subscribe(["initExperiment"], () => { const body = store.get("initExperiment"); if (body) explorer.show(body); });
  const picking = { picks: () => store.get("pickedWeights") || [], onPick: (picks) => store.set("pickedWeights", picks) };
  const network = mountNetwork(cards.net.body, t, picking);
  const weights = mountWeights(cards.weights.body, t, picking);
  store.subscribe(["pickedWeights"], () => { network.redraw(); weights.showPicks(); });

  function gradChart(n) {
    if (n === gradLayers) return;
    gradLayers = n;
    cards.grad.body.replaceChildren();
    grad = lineChart(cards.grad.body, { height: 160, log: true, xLabel: t("watch.epoch"),
      series: Array.from({ length: n }, (_, i) => ({ label: t(i === n - 1 ? "watch.layer.output" : "watch.layer.n", { i: i + 1 }),
        stroke: C[i % C.length] })) });
  }

  // Snapshots can arrive 30 times a second. Curves redraw at most 10 times a second and the
  // pictures (diagram, weight images, histograms) 4 times: faster is not seen, but it takes
  // the frames the rolling ball needs. The newest data is always drawn in the end.
  const curves = createThrottle(() => requestAnimationFrame(drawCharts), 100);
  const pictures = createThrottle(() => requestAnimationFrame(() => drawPictures()), 250);
  function schedule(_, changed) {
    const reset = !(store.get("metrics") || []).length;   // a reset shows at once
    if (changed.includes("metrics") || changed.includes("config")) reset ? curves.now() : curves.soon();
    if (changed.some((k) => k !== "metrics")) reset ? pictures.now() : pictures.soon();
  }

  function drawCharts() {
    const metrics = store.get("metrics") || [];
    charts.loss.setData(lossSeries(metrics));
    charts.acc.setData(accuracySeries(metrics));
    charts.lr.setData(lrSeries(metrics));
    const planned = (store.get("config") || {}).layers || [];
    const g = gradSeries(metrics);
    gradChart(Math.max(1, g.length > 1 ? g.length - 1 : planned.length - 1));
    grad.setData(g);
    summary.textContent = summarize(metrics, t);
    for (const key of ["loss", "acc", "lr", "grad"]) cards[key].el.dataset.empty = String(!metrics.length);
    // A run that blew up ends its curve in numbers too large to draw: the chart says why it stops.
    const blewUp = (store.get("status") || {}).state === "diverged";
    const note = cards.loss.el.querySelector(".empty-note");
    note.dataset.i18n = blewUp ? "watch.empty.diverged" : "watch.empty";
    note.textContent = t(note.dataset.i18n);
    if (blewUp) cards.loss.el.dataset.empty = "true";
    // Light step rows (between full snapshots) carry no activation statistics: show the newest that does.
    const withStats = metrics.findLast((m) => m.activation_stats && m.activation_stats.length);
    actStats.update(withStats ? withStats.activation_stats : null, planned.length - 1);
  }

  // While a run trains, a picture far from the viewport is redrawn only every 2 s, and at
  // once when it scrolls near: the diagram and the weight images would otherwise take the
  // frames of the ball the user is watching. Paused, finished or idle, everything is current.
  const OFF_SCREEN_MS = 2000;
  const training = () => (store.get("status") || {}).state === "training";
  const planned = () => (store.get("config") || {}).layers || [];
  const layers = () => layersOf(store.get("lastSnapshot"));
  const parts = {
    hist: () => {
      const snap = store.get("lastSnapshot");
      heatmap.update(store.get("histHistory") || [], snap && snap.histograms ? snap.histograms.length : planned().length - 1);
    },
    net: () => network.update(layers(), planned()),
    weights: () => {
      const first = layers().weights[0];
      weights.update(first ? first.W : null, planned());
    },
    boundary: () => {
      if (cards.boundary.el.hidden) return;
      const ds = datasetInfo(store);
      boundary.update({ regions: regionsOf(store.get("lastSnapshot")), points: store.get("toyPoints"),
        view: ds.view && ds.view.length ? ds.view : null, classes: Math.max(2, ds.n_out) });
    },
    outputs: () => {
      if (cards.outputs.el.hidden) return;
      const snap = store.get("lastSnapshot");
      const status = store.get("status");
      const mine = snap && status && snap.run_id === status.run_id;
      const rows = mine ? trainingOutputs(snap, examples.now()) : null;
      outputs.update(rows);
      if (rows) store.set("trainingOutputs", { run_id: snap.run_id, step: snap.step, ...rows });
    },
  };
  const drawn = {};
  const near = {};
  for (const key of Object.keys(parts)) {
    drawn[key] = { at: -Infinity, stale: false };
    near[key] = onScreen(cards[key].el, () => { if (drawn[key].stale) drawPart(key); });
  }
  // Which picture has nothing to show yet (its card then says what will appear): the diagram and
  // the plane always show something (the planned network, the data points).
  const emptyPicture = {
    hist: () => !(store.get("histHistory") || []).length, weights: () => !layers().weights.length,
    net: () => false, boundary: () => false, outputs: () => false,
  };
  function drawPart(key) {
    drawn[key] = { at: performance.now(), stale: false };
    parts[key]();
    cards[key].el.dataset.empty = String(emptyPicture[key]());
  }

  /** Which picture cards this data set has: weight images for digits, the plane for a 2-D toy set, the outputs table for a small one. */
  function chooseCards() {
    const ds = datasetInfo(store);
    cards.weights.el.hidden = !!ds && ds.kind === "toy";
    cards.boundary.el.hidden = !ds || ds.kind !== "toy" || ds.n_in !== 2;   // a plane needs two inputs
    cards.outputs.el.hidden = !examples.wanted();
    const netHelp = cards.net.el.querySelector(":scope > .hint");
    netHelp.dataset.i18n = ds && ds.kind === "toy" ? "watch.net.help.toy" : "watch.net.help";
    netHelp.textContent = t(netHelp.dataset.i18n);
  }

  function drawPictures(force = false) {
    chooseCards();
    for (const key of Object.keys(parts)) {
      const since = performance.now() - drawn[key].at;
      if (force || !training() || near[key]() || since > OFF_SCREEN_MS) drawPart(key);
      else if (!drawn[key].stale) {
        drawn[key].stale = true;   // the newest data is drawn in the end, on screen or not
        setTimeout(() => { if (drawn[key].stale) drawPart(key); }, OFF_SCREEN_MS - since);
      }
    }
  }

  function drawStale() {
    for (const key of Object.keys(parts)) if (drawn[key].stale) drawPart(key);
  }
  store.subscribe(["status"], () => { if (!training()) drawStale(); curves.soon(); });

  function drawAll() {
    drawCharts();
    drawPictures(true);
  }

  function relabel() {
    const x = t("watch.epoch");
    charts.loss.relabel([t("watch.train"), t("watch.val")], x);
    charts.acc.relabel([t("watch.train"), t("watch.val")], x);
    charts.lr.relabel([t("watch.lr")], x);
    gradLayers = -1;
    heatmap.relabel();
    explorer.relabel();
    drawAll();
  }

  store.subscribe(["metrics", "lastSnapshot", "histHistory", "config", "toyPoints"], schedule);
  store.subscribe(["lang"], relabel);
  let width = root.clientWidth;
  new ResizeObserver(() => {
    if (root.clientWidth === width) return;
    width = root.clientWidth;
    Object.values(charts).forEach((c) => c.resize());
    if (grad) grad.resize();
    network.redraw();
  }).observe(root);
  cards.loss.el.addEventListener("slotmove", () => charts.loss.resize());
  drawAll();
  return { reset: drawAll, parts: { loss: cards.loss.el }, homes: { loss: lossHome } };
}

/**
 * The training examples of a small toy set, for the outputs table: from store "toyPoints" (static/toypoints.js).
 * -> {wanted(), now()}: whether the set is small enough to table, its examples as the run trains on them (or null).
 */
function followExamples(store) {
  const wanted = () => {
    const ds = datasetInfo(store);
    const config = store.get("config") || {};
    return !!ds && ds.kind === "toy" && !!ds.points && Math.min(ds.n_train, config.train_size || Infinity) <= TABLE_ROWS;
  };
  return {
    wanted,
    now() {
      const points = wanted() && store.get("toyPoints");
      return points ? trainingExamples(points.examples, store.get("config")) : null;
    },
  };
}

/** The /api/options entry of the configured dataset, if known. */
function datasetInfo(store) {
  const options = store.get("options") || {};
  const list = Array.isArray(options.datasets) ? options.datasets : [];
  return list.find((d) => d.name === (store.get("config") || {}).dataset) || null;
}

/** The newest numbers in one line: epoch, step, losses, validation accuracy. */
export function summarize(metrics, t) {
  if (!metrics.length) return t("watch.summary.empty");
  const last = metrics[metrics.length - 1];
  const lastEpoch = [...metrics].reverse().find((m) => m.kind === "epoch");
  const f = (v, d = 4) => (typeof v === "number" ? v.toPrecision(d) : "—");
  return t("watch.summary", {
    epoch: f(last.epoch, 3), step: last.step, lr: typeof last.lr === "number" ? Number(last.lr.toPrecision(3)) : "—", loss: f(last.train_loss),
    val: lastEpoch ? f(lastEpoch.val_loss) : "—",
    acc: lastEpoch && typeof lastEpoch.val_accuracy === "number" ? `${(100 * lastEpoch.val_accuracy).toFixed(1)}%` : "—",
  });
}
