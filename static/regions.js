/**
 * The plane of a 2-D toy set: the decision regions the server computed (the class the network
 * predicts in each cell of an n×n grid, and how sure it is) painted as an n×n image that CSS
 * scales up, and the data points on top, training points filled, validation points as rings.
 * The browser computes no network: it draws the grid it is given.
 */
import { h } from "./dom.js";
import { diverging, CATEGORICAL } from "./colors.js";

const hexRgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const clamp01 = (v) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);

// Regions stop short of the class colours, so the data points (in full class colour) stand out on them.
const REACH = 0.7;

/** A cell's class and confidence -> [r, g, b]: two classes on the diverging scale (white where undecided), more by class colour, paler when unsure. */
export function regionColour(cls, confidence, classes) {
  if (classes <= 2) {
    const p1 = cls === 1 ? clamp01(confidence) : 1 - clamp01(confidence);
    return diverging(REACH * (2 * p1 - 1));
  }
  const base = hexRgb(CATEGORICAL[cls % CATEGORICAL.length]);
  const w = REACH * clamp01(confidence);
  return base.map((c) => Math.round(255 + (c - 255) * w));
}

/** The solid colour of class k on the map (the far end of its region's scale). */
export function classColour(k, classes) {
  if (classes <= 2) return diverging(k === 0 ? -1 : 1);
  return hexRgb(CATEGORICAL[k % CATEGORICAL.length]);
}

/** GET /api/runs/{id}/regions's `regions` (rows) -> {view, size, classes, confidence} (flat, row 0 = top); null stays null. */
export function regionsFromAnswer(regions) {
  if (!regions) return null;
  return { view: regions.view, size: regions.size, classes: regions.classes.flat(), confidence: regions.confidence.flat() };
}

/** GET /api/datasets/{name}/points -> {train: [{x, y, label}], val: [...], same, examples: {x: [[n_in]], y}} (the plane's points; the examples as sent). */
export function pointsFromAnswer(answer) {
  const list = (part) => part.x.map(([x, y], i) => ({ x, y, label: part.y[i] }));
  // `examples`: the training examples as they came (any number of inputs), for the outputs table.
  return { train: list(answer.train), val: answer.same ? [] : list(answer.val), same: !!answer.same, examples: answer.train };
}

/** Paint regions {size, classes, confidence} on a canvas of size×size pixels (row 0 at the top). */
export function paintRegions(canvas, regions, classes) {
  const n = regions.size;
  if (canvas.width !== n) canvas.width = n;
  if (canvas.height !== n) canvas.height = n;
  const img = new ImageData(n, n);
  for (let i = 0; i < n * n; i++) {
    const [r, g, b] = regionColour(regions.classes[i], regions.confidence[i], classes);
    img.data[4 * i] = r; img.data[4 * i + 1] = g; img.data[4 * i + 2] = b; img.data[4 * i + 3] = 255;
  }
  canvas.getContext("2d").putImageData(img, 0, 0);
}

/** Where a point of the view lands on a square of `side` px: [px, py] (y up). */
export function toPixels(p, view, side) {
  const [x0, x1, y0, y1] = view;
  return [((p.x - x0) / (x1 - x0)) * side, (1 - (p.y - y0) / (y1 - y0)) * side];
}

/** Points {train, val} as dots on an overlay canvas of `side` CSS px: training points filled in their class colour, validation points as rings of it. */
export function paintPoints(canvas, points, view, side, classes) {
  const dpr = globalThis.devicePixelRatio || 1;
  const px = Math.round(side * dpr);
  if (canvas.width !== px) canvas.width = px;
  if (canvas.height !== px) canvas.height = px;
  const g = canvas.getContext("2d");
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, side, side);
  if (!points || !view) return;
  const dot = (p, hollow) => {
    const [x, y] = toPixels(p, view, side);
    const colour = `rgb(${classColour(p.label, classes).join(" ")})`;
    g.beginPath();
    g.arc(x, y, hollow ? 3 : 3.5, 0, 2 * Math.PI);
    g.fillStyle = hollow ? "#fff" : colour;
    g.strokeStyle = hollow ? colour : "#fff";
    g.lineWidth = hollow ? 2.5 : 1;
    g.fill();
    g.stroke();
  };
  for (const p of points.val || []) dot(p, true);
  for (const p of points.train || []) dot(p, false);
}

/**
 * mountPlane(root, {testid, side, label}) -> {frame, update({regions, points, view, classes})}: two stacked
 * canvases in a square frame (regions below, points above) that other parts (a marker) may join.
 */
export function mountPlane(root, { testid, side = 280, label = null } = {}) {
  const regions = h("canvas", { class: "plane-regions", "data-testid": testid, "aria-hidden": label ? null : "true", role: label ? "img" : null });
  const dots = h("canvas", { class: "plane-points", "data-testid": `${testid}-points`, "aria-hidden": "true" });
  const frame = h("div", { class: "plane", style: { width: `${side}px` } }, regions, dots);
  root.append(frame);
  return {
    frame,
    label(text) { regions.setAttribute("aria-label", text); },
    /** regions: {size, classes, confidence} or null (cleared); points: {train, val} or null. */
    update({ regions: grid, points, view, classes }) {
      frame.dataset.drawn = String(!!grid);
      frame.dataset.points = String(points ? points.train.length + points.val.length : 0);
      if (grid) paintRegions(regions, grid, classes);
      else regions.getContext("2d").clearRect(0, 0, regions.width, regions.height);
      paintPoints(dots, points, view || (grid && grid.view), side, classes);
    },
  };
}
