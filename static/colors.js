/** Colour-blind-safe scales: sequential (viridis), diverging (blue-white-orange), categorical. Pure. */

const VIRIDIS = [
  [68, 1, 84], [72, 40, 120], [62, 74, 137], [49, 104, 142], [38, 130, 142],
  [31, 158, 137], [53, 183, 121], [109, 205, 89], [180, 222, 44], [253, 231, 37],
];
const DIVERGING = [
  [33, 102, 172], [103, 169, 207], [209, 229, 240], [247, 247, 247],
  [254, 224, 182], [241, 163, 64], [179, 88, 6],
];
/** Okabe-Ito: distinguishable under the common colour-vision deficiencies. */
export const CATEGORICAL = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

const clamp01 = (t) => (Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : NaN);

function lookup(stops, t) {
  if (Number.isNaN(t)) return [128, 128, 128];
  const x = t * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  return stops[i].map((c, k) => Math.round(c + (stops[i + 1][k] - c) * f));
}

/** t in [0, 1] -> [r, g, b] on viridis (dark purple = low, yellow = high); NaN -> grey. */
export function sequential(t) {
  return lookup(VIRIDIS, clamp01(t));
}

/** v in [-1, 1] -> [r, g, b]: blue negative, near-white zero, orange positive; NaN -> grey. */
export function diverging(v) {
  return lookup(DIVERGING, clamp01((v + 1) / 2));
}

/** [r, g, b] -> "rgb(r g b)". */
export function css(rgb, alpha = 1) {
  return alpha === 1 ? `rgb(${rgb[0]} ${rgb[1]} ${rgb[2]})` : `rgb(${rgb[0]} ${rgb[1]} ${rgb[2]} / ${alpha})`;
}

/** Largest |v| among finite values (at least `floor`), for symmetric diverging scales. */
export function maxAbs(values, floor = 1e-12) {
  let m = floor;
  for (const v of values) if (Number.isFinite(v) && Math.abs(v) > m) m = Math.abs(v);
  return m;
}

/** values (n) -> RGBA bytes (4n) on `scale`, with values mapped by `normalize(v)`. */
export function toRGBA(values, scale, normalize, out = new Uint8ClampedArray(values.length * 4)) {
  for (let i = 0; i < values.length; i++) {
    const [r, g, b] = scale(normalize(values[i]));
    out[4 * i] = r; out[4 * i + 1] = g; out[4 * i + 2] = b; out[4 * i + 3] = 255;
  }
  return out;
}
