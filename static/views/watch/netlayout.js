/** Where the network diagram draws its neurons and links, and which link a pointer is on. Pure. */
import { strongestLinks } from "./series.js";

const PAD_X = 60, PAD_RIGHT = 30, PAD_Y = 24;

/** Centre [x, y] (CSS px) of the k-th shown neuron of layer l; counts[l] = neurons shown in layer l. */
export function nodeXY(l, k, counts, width, height) {
  const x = PAD_X + (l * (width - PAD_X - PAD_RIGHT)) / (counts.length - 1);
  const y = PAD_Y + ((k + 0.5) * (height - 2 * PAD_Y)) / counts[l];
  return [x, y];
}

/** The drawn links, strongest first per layer: [{layer, i, j, w, x1, y1, x2, y2}] with i, j real neuron indices. */
export function linkSegments(weights, shown, width, height, limit) {
  const counts = shown.map((s) => s.length);
  const out = [];
  weights.forEach((layer, l) => {
    for (const k of strongestLinks(layer.W, shown[l], shown[l + 1], limit)) {
      const [x1, y1] = nodeXY(l, k.from, counts, width, height);
      const [x2, y2] = nodeXY(l + 1, k.to, counts, width, height);
      out.push({ layer: l, i: shown[l][k.from], j: shown[l + 1][k.to], w: k.w, x1, y1, x2, y2 });
    }
  });
  return out;
}

/** The segment of W_layer[i, j] if both its neurons are shown, else null. */
export function pickSegment(pick, shown, width, height) {
  const { layer, index: [i, j] } = pick;
  if (!shown[layer + 1]) return null;
  const a = shown[layer].indexOf(i), b = shown[layer + 1].indexOf(j);
  if (a < 0 || b < 0) return null;
  const counts = shown.map((s) => s.length);
  const [x1, y1] = nodeXY(layer, a, counts, width, height);
  const [x2, y2] = nodeXY(layer + 1, b, counts, width, height);
  return { layer, i, j, x1, y1, x2, y2 };
}

/** Distance from point (px, py) to the segment (x1, y1)–(x2, y2). */
export function segmentDistance(s, px, py) {
  const dx = s.x2 - s.x1, dy = s.y2 - s.y1;
  const len2 = dx * dx + dy * dy;
  const f = len2 ? Math.max(0, Math.min(1, ((px - s.x1) * dx + (py - s.y1) * dy) / len2)) : 0;
  return Math.hypot(px - (s.x1 + f * dx), py - (s.y1 + f * dy));
}

/** The segment nearest (px, py) within `tol` px, ties going to the larger |w| (drawn on top); else null. */
export function nearestLink(segments, px, py, tol = 6) {
  let best = null, bestD = tol;
  for (const s of segments) {
    const d = segmentDistance(s, px, py);
    if (d < bestD - 1e-9 || (best && Math.abs(d - bestD) <= 1e-9 && Math.abs(s.w) > Math.abs(best.w))) { best = s; bestD = d; }
  }
  return best;
}

/** Up to n points per layer, strongest links first, where a click picks exactly that link: [{layer, i, j, x, y}]. */
export function clickPoints(segments, n) {
  const out = [];
  const taken = new Map();
  for (const s of segments) {
    if ((taken.get(s.layer) || 0) >= n) continue;
    for (const f of [0.5, 0.4, 0.6, 0.3, 0.7]) {
      const x = s.x1 + f * (s.x2 - s.x1), y = s.y1 + f * (s.y2 - s.y1);
      if (segments.every((o) => o === s || segmentDistance(o, x, y) > 3)) {
        out.push({ layer: s.layer, i: s.i, j: s.j, x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 });
        taken.set(s.layer, (taken.get(s.layer) || 0) + 1);
        break;
      }
    }
  }
  return out;
}
