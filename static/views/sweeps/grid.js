/** A sweep as plain data for its views: the form's axes, the grid of cells, colours, progress. Pure. */
import { sequential, css } from "../../colors.js";

/** The settings a sweep can vary (docs/protocol.md), in the order the form offers them. */
export const FIELDS = ["lr", "optimizer", "batch_size", "init", "activation", "hidden", "seed"];
const INTEGER = new Set(["batch_size", "hidden", "seed"]);
export const MAX_CELLS = 100;

/** A value as an axis label: learning rates with 2 significant digits, the rest as they are. */
export function label(field, value) {
  if (field === "lr" && typeof value === "number") return Number(value.toPrecision(2)).toString();
  return String(value);
}

/** Comma-separated text -> the axis' values (numbers for numeric fields; anything else is the server's to judge). */
export function parseValues(field, text) {
  const parts = String(text).split(",").map((s) => s.trim()).filter(Boolean);
  if (field !== "lr" && !INTEGER.has(field)) return parts;
  return parts.map((p) => (p !== "" && Number.isFinite(Number(p)) ? Number(p) : p));
}

/** One axis for the `sweep` message: lr as a log range {min, max, points}, the others as values. */
export function axisSpec(field, { values, min, max, points }) {
  if (field === "lr") return { field, min: Number(min), max: Number(max), points: Math.round(Number(points)) };
  return { field, values: parseValues(field, values) };
}

/** How many cells the axes make (lr ranges count their points); NaN while a field is unreadable. */
export function cellCount(axes) {
  return axes.reduce((n, a) => n * (a.values ? a.values.length : a.points), 1);
}

/** The sweep's cells as rows (first axis) of columns (second axis); a one-axis sweep is one column. */
export function matrix(sweep, cells) {
  const [rows, cols = 1] = sweep.shape;
  const byIndex = new Map((cells || []).map((c) => [c.index, c]));
  return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => {
    const index = i * cols + j;
    return byIndex.get(index) || { index, coords: sweep.shape.length > 1 ? [i, j] : [i], status: "waiting" };
  }));
}

/** The number a cell shows for `metric` ("val_accuracy" | "val_loss"), or null. */
export const score = (cell, metric) => (cell && typeof cell[metric] === "number" ? cell[metric] : null);

/**
 * cell -> {fill, text, dark}: viridis over the finished cells' scores (the better, the brighter:
 * high accuracy, low loss); diverged, waiting and training cells get no colour but a word.
 */
export function colourer(cells, metric) {
  const values = cells.map((c) => score(c, metric)).filter((v) => v !== null);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const better = metric === "val_loss" ? (v) => (hi - v) / (hi - lo || 1) : (v) => (v - lo) / (hi - lo || 1);
  return (cell) => {
    const v = score(cell, metric);
    if (v === null) return { fill: null, text: null, status: cell.status };
    const t = values.length > 1 ? better(v) : 1;
    return { fill: css(sequential(t)), dark: t < 0.55, status: cell.status,
      text: metric === "val_accuracy" ? `${(100 * v).toFixed(1)}%` : v.toPrecision(3) };
  };
}

/** The best finished cell for `metric` (highest accuracy, lowest loss), or null. */
export function best(cells, metric) {
  let found = null;
  for (const c of cells) {
    const v = score(c, metric);
    if (v === null) continue;
    if (!found || (metric === "val_loss" ? v < score(found, metric) : v > score(found, metric))) found = c;
  }
  return found;
}

/** Seconds left -> a short phrase's parameters: {n, unit} in seconds below 2 minutes, else minutes. */
export function timeLeft(seconds) {
  if (typeof seconds !== "number" || !Number.isFinite(seconds)) return null;
  return seconds < 120 ? { n: Math.max(1, Math.round(seconds)), unit: "s" } : { n: Math.round(seconds / 60), unit: "min" };
}

/** Per-epoch validation curves of finished cells' runs -> uPlot data [epochs, ...one series per run]. */
export function overlay(runs, metric) {
  const epochs = Math.max(0, ...runs.map((r) => r.metrics.length));
  const x = Array.from({ length: epochs }, (_, i) => i + 1);
  return [x, ...runs.map((r) => x.map((_, i) => (r.metrics[i] && typeof r.metrics[i][metric] === "number" ? r.metrics[i][metric] : null)))];
}
