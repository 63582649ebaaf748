/** Several saved runs overlaid: their training loss and validation accuracy on one pair of charts, each named by what sets it apart. */
import { h, tOr } from "../../dom.js";
import { lineChart } from "../../linechart.js";
import { CATEGORICAL } from "../../colors.js";
import { settingsLine } from "./table.js";

const finite = (v) => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** Config fields a comparison may name: [field, label key, prefix of its values' names]. */
const FIELDS = [["dataset", "build.dataset", "dataset"], ["layers", "build.layers.field"], ["activation", "build.activation", "act"],
  ["output", "build.output", "out"], ["loss", "build.loss", "loss"], ["init", "build.init", "init"], ["init_std", "build.initStd"],
  ["optimizer", "build.optimizer", "opt"], ["optimizer_params", "build.optimizer"], ["lr", "build.lr"], ["schedule", "build.schedule", "sched"],
  ["schedule_params", "build.schedule"], ["batch_size", "build.batch"], ["epochs", "build.epochs"], ["train_size", "build.trainSize"], ["seed", "build.seed"]];

const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What sets each config apart from the others: per run, "field: value" (or just the values) for every field that differs among them. Pure. */
export function differences(configs, t, { labels = true } = {}) {
  const differing = FIELDS.filter(([key]) => configs.some((c) => !same(c[key], configs[0][key])));
  const value = (c, [key, , prefix]) => {
    const v = c[key];
    if (v === null || v === undefined) return "—";
    if (Array.isArray(v)) return key === "layers" ? v.join("-") : v.map((x) => (prefix ? tOr(t, `${prefix}.${x}`, x) : x)).join(", ");
    if (typeof v === "object") return Object.entries(v).map(([k, x]) => `${k} ${x}`).join(", ") || "—";
    return prefix ? tOr(t, `${prefix}.${v}`, String(v)) : String(v);
  };
  return configs.map((c) => differing.map((f) => (labels ? `${t(f[1])}: ${value(c, f)}` : value(c, f))).join(" · "));
}

/**
 * Runs -> aligned series over one x axis (epochs): {x, loss: [per run], acc: [per run, %]}. A run's
 * training loss is its every update when the page watched it (`steps`), else its epochs. Pure.
 */
export function overlay(runs) {
  const lossRows = runs.map((r) => (r.steps && r.steps.length ? r.steps : (r.metrics || []))
    .filter((m) => typeof m.epoch === "number").map((m) => [m.epoch, finite(m.train_loss)]));
  const accRows = runs.map((r) => (r.metrics || []).filter((m) => typeof m.epoch === "number").map((m) => [m.epoch, finite(m.val_accuracy)]));
  const x = [...new Set([...lossRows, ...accRows].flat().map(([e]) => e))].sort((a, b) => a - b);
  const at = new Map(x.map((e, i) => [e, i]));
  const align = (rows, scale = 1) => {
    const out = new Array(x.length).fill(null);
    for (const [e, v] of rows) out[at.get(e)] = v === null ? null : v * scale;
    return out;
  };
  return { x, loss: lossRows.map((rows) => align(rows)), acc: accRows.map((rows) => align(rows, 100)) };
}

/** mountCompare(root, {t}) -> {show(runs), hide()}; runs = [{id, created, config, final, metrics, steps?}]. */
export function mountCompare(root, { t }) {
  const list = h("ul", { class: "compare-list" });
  const lossBox = h("div", { class: "card-body", "data-testid": "compare-loss-chart" });
  const accBox = h("div", { class: "card-body", "data-testid": "compare-acc-chart" });
  const title = h("h3", {});
  const help = h("p", { class: "hint" });
  const box = h("section", { class: "runs-compare", "data-testid": "runs-compare", hidden: true }, title, help, list,
    h("div", { class: "cards" }, h("figure", { class: "card" }, h("h3", { class: "compare-loss-title" }), lossBox),
      h("figure", { class: "card" }, h("h3", { class: "compare-acc-title" }), accBox)));
  root.append(box);

  return {
    show(runs) {
      box.hidden = runs.length < 2;
      box.dataset.runs = runs.map((r) => r.id).join(",");
      if (runs.length < 2) return;
      title.textContent = t("runs.compare.title", { n: runs.length });
      help.textContent = t("runs.compare.help");
      box.querySelector(".compare-loss-title").textContent = t("runs.compare.loss");
      box.querySelector(".compare-acc-title").textContent = t("runs.compare.acc");
      const diff = differences(runs.map((r) => r.config || {}), t);
      const short = differences(runs.map((r) => r.config || {}), t, { labels: false });
      const name = (r, i) => `#${i + 1} ${diff[i] || r.id}`;
      list.replaceChildren(...runs.map((r, i) => h("li", { dataset: { run: r.id } },
        h("span", { class: "swatch", style: { background: CATEGORICAL[i % CATEGORICAL.length] } }),
        h("strong", {}, name(r, i)), " ",
        h("span", { class: "hint" }, `${settingsLine(r.config, t)} · ${t("runs.acc")} ${r.final && typeof r.final.val_accuracy === "number" ? `${(100 * r.final.val_accuracy).toFixed(1)}%` : "—"}`))));
      const data = overlay(runs);
      const series = (i) => ({ label: `#${i + 1} ${short[i] || runs[i].id}`, stroke: CATEGORICAL[i % CATEGORICAL.length], points: true });
      lossBox.replaceChildren();
      accBox.replaceChildren();
      lineChart(lossBox, { height: 200, xLabel: t("watch.epoch"), series: runs.map((_, i) => ({ ...series(i), points: false })) }).setData([data.x, ...data.loss]);
      lineChart(accBox, { height: 200, xLabel: t("watch.epoch"), range: [0, 100], yFormat: (v) => `${v}%`, series: runs.map((_, i) => series(i)) })
        .setData([data.x, ...data.acc]);
    },
    hide() { box.hidden = true; },
  };
}
