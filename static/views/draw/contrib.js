/** Per-neuron contribution maps: what each input pixel adds to one first-layer neuron. Pure. */

/** input (784), W (Float32Array n_in·n_out, row-major [i][j]), nOut, j -> (784) input[i]·W[i][j]. */
export function contribution(input, W, nOut, j) {
  const out = new Float32Array(input.length);
  for (let i = 0; i < input.length; i++) out[i] = input[i] * W[i * nOut + j];
  return out;
}

/** Column j of W: the neuron's 784 weights as a picture. */
export function weightColumn(W, nOut, j, nIn = W.length / nOut) {
  const out = new Float32Array(nIn);
  for (let i = 0; i < nIn; i++) out[i] = W[i * nOut + j];
  return out;
}

/** {W: [[n_out] × n_in]} (JSON) or {data, shape} (a snapshot tensor) -> {W: Float32Array, nIn, nOut}. */
export function firstLayer(source) {
  if (!source) return null;
  if (source.data && source.shape) return { W: source.data, nIn: source.shape[0], nOut: source.shape[1] };
  const rows = source.W;
  if (!Array.isArray(rows) || !rows.length) return null;
  const nIn = rows.length;
  const nOut = rows[0].length;
  const W = new Float32Array(nIn * nOut);
  rows.forEach((r, i) => W.set(r, i * nOut));
  return { W, nIn, nOut };
}

/** Index of the largest value (the most active neuron). */
export function argmax(values) {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
