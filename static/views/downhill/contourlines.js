/** Marching squares: iso-line segments of a grid at a level, and evenly spaced levels. Pure. */

/** Interpolated crossing between two corner values. */
const cross = (a, b, level) => (a === b ? 0.5 : (level - a) / (b - a));

/** h (nx·ny, row-major, row j), nx, ny, level -> flat segments [i0, j0, i1, j1, ...] in grid units. */
export function isoSegments(h, nx, ny, level) {
  const out = [];
  for (let j = 0; j < ny - 1; j++) {
    for (let i = 0; i < nx - 1; i++) {
      const a = h[j * nx + i];
      const b = h[j * nx + i + 1];
      const c = h[(j + 1) * nx + i + 1];
      const d = h[(j + 1) * nx + i];
      const edges = [];
      if ((a < level) !== (b < level)) edges.push([i + cross(a, b, level), j]);
      if ((b < level) !== (c < level)) edges.push([i + 1, j + cross(b, c, level)]);
      if ((d < level) !== (c < level)) edges.push([i + cross(d, c, level), j + 1]);
      if ((a < level) !== (d < level)) edges.push([i, j + cross(a, d, level)]);
      for (let k = 0; k + 1 < edges.length; k += 2) out.push(...edges[k], ...edges[k + 1]);
    }
  }
  return out;
}

/** k levels strictly between lo and hi, evenly spaced. */
export function levels(lo, hi, k) {
  return Array.from({ length: k }, (_, i) => lo + ((i + 1) * (hi - lo)) / (k + 1));
}
