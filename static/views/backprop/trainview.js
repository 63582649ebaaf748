/**
 * Many updates at once: the loss before each update (every run added to the same curve) and
 * the network's answer on every training example afterwards, ✓ or ✗.
 */
import { h } from "../../dom.js";
import { lineChart } from "../../linechart.js";
import { fmt } from "./arith.js";

const MAX_ROWS = 16;   // a larger toy set shows its first rows and its accuracy

/** mountTrain(root, {t, onRun(batch)}) -> {update({losses, last, busy}), batch(), relabel()}. */
export function mountTrain(root, { t, onRun }) {
  const batch = h("select", { class: "bp-batch", "data-testid": "bp-batch", "aria-label": t("bp.train.batch") });
  const run = h("button", { type: "button", class: "btn primary", "data-testid": "bp-train", onClick: () => onRun(batch.value) });
  const summary = h("p", { class: "bp-train-summary", "data-testid": "bp-train-summary", "aria-live": "polite" });
  const chartBox = h("div", { class: "bp-loss-chart", "data-testid": "bp-loss-chart" });
  const rows = h("div", { class: "bp-table-box" });
  const title = h("h3");
  const help = h("p", { class: "hint" });
  root.append(h("section", { class: "bp-train", "data-testid": "bp-train-box" }, title, help,
    h("div", { class: "bp-train-controls" }, run, batch), summary, h("div", { class: "bp-train-body" }, chartBox, rows)));
  let chart = null;
  let last = { losses: [], last: null, busy: false };

  function labels() {
    title.textContent = t("bp.train.title");
    help.textContent = t("bp.train.help");
    const chosen = batch.value || "all";
    batch.replaceChildren(...["all", "example"].map((v) => h("option", { value: v, selected: v === chosen }, t(`bp.train.batch.${v}`))));
    batch.setAttribute("aria-label", t("bp.train.batch"));
  }

  function draw(state) {
    last = state;
    run.textContent = t(state.busy ? "bp.train.running" : "bp.train.run", { n: 100 });
    run.disabled = !!state.busy;
    chartBox.hidden = !state.losses.length;
    if (state.losses.length && !chart) chart = lineChart(chartBox, { height: 190, xLabel: t("bp.train.updates"), series: [{ label: t("bp.train.loss"), stroke: "#0072B2" }] });
    if (chart) chart.setData([state.losses.map((_, i) => i + 1), state.losses]);
    const a = state.last;
    summary.textContent = a ? t(a.status === "diverged" ? "bp.train.diverged" : "bp.train.done", {
      steps: state.losses.length, loss: fmt(a.loss), correct: a.examples.filter((e) => e.correct).length, n: a.examples.length }) : "";
    rows.replaceChildren(a ? examplesTable(t, a.examples) : "");
  }

  labels();
  draw(last);
  return {
    update: draw,
    /** The batch choice (all examples per update, or one). */
    batch: () => batch.value || "all",
    relabel() {
      labels();
      if (chart) chart.relabel([t("bp.train.loss")], t("bp.train.updates"));
      draw(last);
    },
  };
}

function examplesTable(t, examples) {
  const shown = examples.slice(0, MAX_ROWS);
  return h("table", { class: "bp-table bp-examples", "data-testid": "bp-examples" },
    examples.length > MAX_ROWS ? h("caption", { class: "hint" }, t("bp.train.more", { n: examples.length - MAX_ROWS })) : null,
    h("thead", {}, h("tr", {}, ["bp.train.x", "bp.train.label", "bp.train.output", "bp.train.prediction", ""].map((k) => h("th", { scope: "col" }, k && t(k))))),
    h("tbody", {}, shown.map((e) => h("tr", { "data-correct": String(e.correct), "data-testid": "bp-example-row" },
      h("td", {}, `(${e.x.map((v) => fmt(v, 3)).join(", ")})`),
      h("td", { class: "num" }, String(e.label)),
      h("td", { class: "num" }, e.output.map((v) => fmt(v, 3)).join(", ")),
      h("td", { class: "num" }, String(e.prediction)),
      h("td", { class: e.correct ? "bp-right" : "bp-wrong", "aria-label": t(e.correct ? "bp.train.right" : "bp.train.wrong") }, e.correct ? "✓" : "✗")))));
}
