/** Decision regions of a 2-D toy set and its data points, painted on a canvas. */
import { diverging, CATEGORICAL } from "./colors.js";
import { outputGrid } from "./mlp.js";

const hexRgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** One output row -> [r, g, b]: two classes on the diverging scale, more by class colour and confidence. */
export function regionColour(out) {
  if (out.length === 1) return diverging(2 * out[0] - 1);
  if (out.length === 2) return diverging(2 * out[1] - 1);
  let k = 0;
  for (let i = 1; i < out.length; i++) if (out[i] > out[k]) k = i;
  const base = hexRgb(CATEGORICAL[k % CATEGORICAL.length]);
  const w = Math.max(0, Math.min(1, out[k]));
  return base.map((c) => Math.round(255 + (c - 255) * w));
}

/** The solid colour of class k on the map (the far end of its region's scale). */
export function classColour(k, classes) {
  if (classes <= 2) return diverging(k === 0 ? -1 : 1);
  return hexRgb(CATEGORICAL[k % CATEGORICAL.length]);
}

/** Paint the regions of `layers` over view [x0, x1, y0, y1] on an n×n canvas (row 0 = top). */
export function paintRegions(canvas, layers, config, view, n) {
  canvas.width = canvas.height = n;
  const img = new ImageData(n, n);
  outputGrid(layers, config, view, n).forEach((out, i) => {
    const [r, g, b] = regionColour(out);
    img.data.set([r, g, b, 255], 4 * i);
  });
  canvas.getContext("2d").putImageData(img, 0, 0);
}

/** Points [{x, y, label}] as dots on an overlay canvas of `side` CSS px over the same view, ringed so they show on any region. */
export function paintPoints(canvas, points, view, side, classes) {
  const dpr = window.devicePixelRatio || 1;
  canvas.width = canvas.height = Math.round(side * dpr);
  const g = canvas.getContext("2d");
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, side, side);
  const [x0, x1, y0, y1] = view;
  for (const p of points || []) {
    const px = ((p.x - x0) / (x1 - x0)) * side;
    const py = (1 - (p.y - y0) / (y1 - y0)) * side;
    const [r, gg, b] = classColour(p.label, classes);
    g.fillStyle = `rgb(${r} ${gg} ${b})`;
    g.strokeStyle = "#fff";
    g.lineWidth = 1.5;
    g.beginPath(); g.arc(px, py, 3.5, 0, 2 * Math.PI); g.fill(); g.stroke();
  }
}
