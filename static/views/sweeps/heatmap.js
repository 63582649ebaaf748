/**
 * A sweep's cells as a table: two axes make a heatmap (rows: the first setting, columns: the
 * second), one axis a row of cells under a line of the chosen score. Each cell is a button
 * coloured by its score (brighter is better), marked when it diverged; clicking one picks it.
 */
import { h, tOr } from "../../dom.js";
import { colourer, label, matrix, score } from "./grid.js";

const SVG = "http://www.w3.org/2000/svg";

/** A value as the page names it elsewhere (optimizers and activations by their short names). */
export function valueText(t, field, value) {
  if (field === "optimizer") return tOr(t, `downhill.opt.${value}`, String(value));
  if (field === "activation") return tOr(t, `act.${value}`, String(value));
  return label(field, value);
}

/** "learning rate 0.1, optimizer Adam": a cell by its settings. */
export const cellName = (t, sweep, cell) =>
  sweep.axes.map((a, k) => `${t(`sweeps.field.${a.field}`)} ${valueText(t, a.field, a.values[cell.coords[k] ?? 0])}`).join(", ");

function cellButton(t, cell, look, selected, onPick, name) {
  const status = cell.status || "waiting";
  const word = status === "diverged" ? `✕ ${t("sweeps.cell.diverged")}` : status === "training" ? "…" : look.text || "";
  const ended = cell.run_id && ["done", "diverged", "stopped", "error"].includes(status);
  return h("button", {
    type: "button", class: `sweep-cell ${status}${selected ? " selected" : ""}${look.dark ? " dark" : ""}`,
    "data-testid": "sweep-cell", dataset: { index: String(cell.index), status, row: String(cell.coords[0]), col: String(cell.coords[1] ?? 0),
      value: look.text || "" },
    style: look.fill ? { background: look.fill } : undefined, disabled: !ended,
    "aria-pressed": selected ? "true" : "false", "aria-label": `${name}: ${t(`sweeps.cell.${status}`)}${look.text ? `, ${look.text}` : ""}`,
    onClick: () => onPick(cell.index) }, word);
}

/** The score along a one-axis sweep: a line through the finished cells, each point above its cell. */
function line(cells, metric) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("class", "sweep-line");
  svg.setAttribute("aria-hidden", "true");
  const values = cells.map((c) => score(c, metric));
  const known = values.filter((v) => v !== null);
  const lo = Math.min(...known);
  const hi = Math.max(...known);
  const y = (v) => 80 - 64 * (hi > lo ? (v - lo) / (hi - lo) : 0.5);
  const points = values.map((v, i) => (v === null ? null : [`${(100 * (i + 0.5)) / cells.length}%`, y(v)]));
  const add = (tag, attrs) => {
    const el = document.createElementNS(SVG, tag);
    Object.entries(attrs).forEach(([k, v]) => el.setAttribute(k, v));
    svg.append(el);
  };
  points.forEach((p, i) => { const q = points[i + 1]; if (p && q) add("line", { x1: p[0], y1: p[1], x2: q[0], y2: q[1] }); });
  points.forEach((p) => { if (p) add("circle", { cx: p[0], cy: p[1], r: 6 }); });
  return svg;
}

/** mountHeatmap(root, {t, onPick(index)}) -> {update(sweep, cells, metric, selected)}. */
export function mountHeatmap(root, { t, onPick }) {
  return {
    update(sweep, cells, metric, selected) {
      if (!sweep || !sweep.shape) { root.replaceChildren(); return; }
      const rows = matrix(sweep, cells);
      const look = colourer(rows.flat(), metric);
      const [first, second] = sweep.axes;
      const button = (cell) => cellButton(t, cell, look(cell), cell.index === selected, onPick, cellName(t, sweep, cell));
      let table;
      if (second) {
        const head = h("tr", {}, h("th", { scope: "col", class: "sweep-corner" }, `${t(`sweeps.field.${first.field}`)} ↓  ${t(`sweeps.field.${second.field}`)} →`),
          second.values.map((v) => h("th", { scope: "col" }, valueText(t, second.field, v))));
        const body = rows.map((row, i) => h("tr", {}, h("th", { scope: "row" }, valueText(t, first.field, first.values[i])),
          row.map((cell) => h("td", {}, button(cell)))));
        table = h("table", { class: "sweep-grid", "data-testid": "sweep-heatmap" }, h("thead", {}, head), h("tbody", {}, body));
      } else {
        const flat = rows.map((r) => r[0]);
        const head = h("tr", {}, h("th", { scope: "col", class: "sweep-corner" }, `${t(`sweeps.field.${first.field}`)} →`),
          first.values.map((v) => h("th", { scope: "col" }, valueText(t, first.field, v))));
        table = h("table", { class: "sweep-grid", "data-testid": "sweep-heatmap" }, h("thead", {}, head),
          h("tbody", {}, h("tr", {}, h("th", { scope: "row" }), h("td", { colSpan: flat.length }, line(flat, metric))),
            h("tr", {}, h("th", { scope: "row" }, t(`sweeps.metric.${metric}`)), flat.map((cell) => h("td", {}, button(cell))))));
      }
      root.replaceChildren(table);
    },
  };
}
