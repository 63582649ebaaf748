/** A height field for the surface views: grid values, their range and the height transform. Pure. */

/** Finite min, max and median of values. */
export function stats(values) {
  const finite = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
  if (!finite.length) return { lo: 0, hi: 1, median: 0.5 };
  return { lo: finite[0], hi: finite[finite.length - 1], median: finite[Math.floor(finite.length / 2)] };
}

/** xs (nx), ys (ny), z (nx·ny, row j at ys[j]) -> field with height(v) in 0..1 (log-scaled when the range is steep). */
export function makeField(xs, ys, z) {
  const values = z instanceof Float32Array ? z : Float32Array.from(z);
  const { lo, hi, median } = stats(values);
  const log = hi - lo > 20 * (median - lo) + 1e-12 && hi - lo > 0;
  const span = hi - lo || 1;
  const top = log ? Math.log1p(span) : span;
  const height = (v) => {
    if (!Number.isFinite(v)) return 1;
    const d = Math.min(span, Math.max(0, v - lo));
    return (log ? Math.log1p(d) : d) / top;
  };
  return { xs: Array.from(xs), ys: Array.from(ys), nx: xs.length, ny: ys.length, z: values, lo, hi, log, height };
}

/** The `surface` message of /ws/train -> field over (α, β). */
export function fieldFromSurface(msg) {
  const values = msg.tensors.values.data;
  return makeField(msg.alphas, msg.betas, values);
}

/** GET /api/toy/{fn}/surface answer -> field over (x, y). */
export function fieldFromToy(answer) {
  return makeField(answer.x, answer.y, answer.z.flat());
}

/** World (x, y) -> unit square (u, v), v = 0 at ys[0]. */
export function toUnit(field, x, y) {
  const { xs, ys } = field;
  return [(x - xs[0]) / (xs[xs.length - 1] - xs[0]), (y - ys[0]) / (ys[ys.length - 1] - ys[0])];
}

/** Unit square -> world. */
export function fromUnit(field, u, v) {
  const { xs, ys } = field;
  return [xs[0] + u * (xs[xs.length - 1] - xs[0]), ys[0] + v * (ys[ys.length - 1] - ys[0])];
}

/** Field value at world (x, y), bilinear between grid nodes (clamped to the grid). */
export function sample(field, x, y) {
  const [u, v] = toUnit(field, x, y);
  const fi = Math.min(field.nx - 1, Math.max(0, u * (field.nx - 1)));
  const fj = Math.min(field.ny - 1, Math.max(0, v * (field.ny - 1)));
  const i = Math.min(field.nx - 2, Math.floor(fi));
  const j = Math.min(field.ny - 2, Math.floor(fj));
  const a = fi - i;
  const b = fj - j;
  const at = (ii, jj) => field.z[jj * field.nx + ii];
  return (1 - b) * ((1 - a) * at(i, j) + a * at(i + 1, j)) + b * ((1 - a) * at(i, j + 1) + a * at(i + 1, j + 1));
}

const CURVE_ROWS = 9;

/**
 * GET /api/toy/{fn}/surface answer of a 1-D function (x, z) -> a field over (w, y), the curve
 * repeated along y in [-1, 1]: the 3-D view shows it as a trough whose cross-section is the curve.
 */
export function fieldFromCurve(answer) {
  const ys = Array.from({ length: CURVE_ROWS }, (_, j) => -1 + (2 * j) / (CURVE_ROWS - 1));
  const z = [];
  for (let j = 0; j < CURVE_ROWS; j++) z.push(...answer.z);
  return makeField(answer.x, ys, z);
}
