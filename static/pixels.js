/** Small heatmaps for the Draw panel: low-resolution ImageData, scaled up by CSS (pixelated). */
import { sequential, diverging, maxAbs, toRGBA } from "./colors.js";

/** Near-square grid for n cells: n -> {cols, rows}. */
export function gridShape(n) {
  const cols = Math.max(1, Math.ceil(Math.sqrt(n)));
  return { cols, rows: Math.max(1, Math.ceil(n / cols)) };
}

/** (values (n), kind "sequential"|"diverging", range?) -> v -> t, mapping values onto the scale's domain. */
export function normalizer(values, kind, range) {
  if (kind === "diverging") {
    const m = range ?? maxAbs(values);
    return (v) => v / m;
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (range) [lo, hi] = range;
  const span = hi - lo || 1;
  return (v) => (v - lo) / span;
}

/** values (n) -> RGBA bytes for a cols×rows grid; cells past n are transparent. */
export function heatmapPixels(values, cols, rows, kind = "sequential", range) {
  const scale = kind === "diverging" ? diverging : sequential;
  const out = new Uint8ClampedArray(cols * rows * 4);
  toRGBA(values, scale, normalizer(values, kind, range), out.subarray(0, values.length * 4));
  return out;
}

/** Paint values (n, row-major cols wide) into `canvas` at one pixel per value. */
export function paintHeatmap(canvas, values, { cols, rows, kind = "sequential", range } = {}) {
  const shape = cols ? { cols, rows: rows ?? Math.ceil(values.length / cols) } : gridShape(values.length);
  canvas.width = shape.cols;
  canvas.height = shape.rows;
  const img = new ImageData(heatmapPixels(values, shape.cols, shape.rows, kind, range), shape.cols, shape.rows);
  canvas.getContext("2d").putImageData(img, 0, 0);
  return shape;
}

/** Grayscale image (w·h in 0..1, ink high) painted dark-on-light, like ink on paper. */
export function paintDigit(canvas, pixels, w = 28, h = w) {
  canvas.width = w;
  canvas.height = h;
  const out = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    const g = Math.round(255 * (1 - Math.min(1, Math.max(0, pixels[i] || 0))));
    out[4 * i] = g; out[4 * i + 1] = g; out[4 * i + 2] = g; out[4 * i + 3] = 255;
  }
  canvas.getContext("2d").putImageData(new ImageData(out, w, h), 0, 0);
}
