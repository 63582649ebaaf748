/** Metrics history -> the aligned arrays the charts draw. Pure. */

const finite = (v) => (typeof v === "number" && Number.isFinite(v) ? v : null);
const positive = (v) => (typeof v === "number" && Number.isFinite(v) && v > 0 ? v : null);

/**
 * metrics rows -> [epochs, train loss, val loss (epoch rows only)].
 * Step rows carry the mean loss since the previous snapshot, epoch rows the whole epoch's mean,
 * which includes the epoch's early, higher losses: drawn on the same line it would spike at
 * every epoch end. So an epoch row's training loss is drawn only when its epoch had no step rows.
 */
export function lossSeries(metrics) {
  const x = [], train = [], val = [];
  let steps = 0;
  for (const m of metrics) {
    x.push(m.epoch);
    const epochRow = m.kind === "epoch";
    train.push(epochRow && steps > 0 ? null : finite(m.train_loss));
    val.push(epochRow ? finite(m.val_loss) : null);
    steps = epochRow ? 0 : steps + 1;
  }
  return [x, train, val];
}

/** metrics rows -> [epochs, train accuracy, val accuracy], epoch rows only, in percent. */
export function accuracySeries(metrics) {
  const rows = metrics.filter((m) => m.kind === "epoch");
  const pct = (v) => (finite(v) === null ? null : 100 * v);
  return [rows.map((m) => m.epoch), rows.map((m) => pct(m.train_accuracy)), rows.map((m) => pct(m.val_accuracy))];
}

/** metrics rows -> [epochs, lr]. */
export function lrSeries(metrics) {
  return [metrics.map((m) => m.epoch), metrics.map((m) => finite(m.lr))];
}

/** metrics rows -> [epochs, layer 1 norms, layer 2 norms, ...]; zero/non-finite become gaps (log scale). */
export function gradSeries(metrics, field = "grad_norms") {
  const layers = metrics.reduce((n, m) => Math.max(n, (m[field] || []).length), 0);
  const out = [metrics.map((m) => m.epoch)];
  for (let i = 0; i < layers; i++) out.push(metrics.map((m) => positive((m[field] || [])[i])));
  return out;
}

/**
 * Histogram snapshots -> a rows×cols grid (row 0 = highest value) of log(1+count) scaled to [0, 1]
 * per column, on one value range shared by all columns; cols ≤ maxCols (latest kept).
 */
export function histogramGrid(history, layer, kind, rows = 40, maxCols = 240) {
  const hs = history.map((s) => s.histograms && s.histograms[layer] && s.histograms[layer][kind]).filter(Boolean);
  const used = hs.length > maxCols ? hs.slice(hs.length - maxCols) : hs;
  let lo = Infinity, hi = -Infinity;
  for (const hst of used) {
    lo = Math.min(lo, hst.edges[0]);
    hi = Math.max(hi, hst.edges[hst.edges.length - 1]);
  }
  const cols = used.length;
  const grid = new Float32Array(rows * cols);
  if (!cols || !(hi > lo)) return { rows, cols, grid, lo: cols ? lo : 0, hi: cols ? hi : 0 };
  used.forEach((hst, c) => {
    let colMax = 0;
    hst.counts.forEach((n, k) => spreadBin(grid, cols, c, rows, ((hst.edges[k] - lo) / (hi - lo)) * rows,
      ((hst.edges[k + 1] - lo) / (hi - lo)) * rows, n));
    for (let r = 0; r < rows; r++) colMax = Math.max(colMax, grid[r * cols + c]);
    for (let r = 0; r < rows; r++) grid[r * cols + c] = colMax ? Math.log1p(grid[r * cols + c]) / Math.log1p(colMax) : 0;
  });
  return { rows, cols, grid, lo, hi };
}

/** Add `count` to column c over rows covering [a, b) (row units from the bottom), split by overlap. */
function spreadBin(grid, cols, c, rows, a, b, count) {
  const width = Math.max(b - a, 1e-9);
  for (let r = Math.max(0, Math.floor(a)); r < Math.min(rows, Math.ceil(b)); r++) {
    const overlap = Math.min(b, r + 1) - Math.max(a, r);
    if (overlap > 0) grid[(rows - 1 - r) * cols + c] += (count * overlap) / width;
  }
}

/** n evenly spaced indices in [0, total) (all of them when total ≤ n). */
export function sampleIndices(total, n) {
  if (total <= n) return Array.from({ length: total }, (_, i) => i);
  return Array.from({ length: n }, (_, i) => Math.round((i * (total - 1)) / (n - 1)));
}

/** Links between two shown layers, strongest first, at most `limit`: [{from, to, w}] with from/to positions. */
export function strongestLinks(W, shownIn, shownOut, limit) {
  const [, nOut] = W.shape;
  const links = [];
  shownIn.forEach((i, a) => shownOut.forEach((j, b) => links.push({ from: a, to: b, w: W.data[i * nOut + j] })));
  links.sort((p, q) => Math.abs(q.w) - Math.abs(p.w));
  return links.slice(0, limit);
}

/** Indices of the n rows of W (n_in × n_out) with the largest total |weight|, in index order. */
export function strongestInputs(W, n) {
  const [nIn, nOut] = W.shape;
  if (nIn <= n) return Array.from({ length: nIn }, (_, i) => i);
  const score = new Float64Array(nIn);
  for (let i = 0; i < nIn; i++) for (let j = 0; j < nOut; j++) score[i] += Math.abs(W.data[i * nOut + j]);
  return Array.from(score.keys()).sort((a, b) => score[b] - score[a]).slice(0, n).sort((a, b) => a - b);
}
