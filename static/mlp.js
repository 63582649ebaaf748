/**
 * A forward pass of the trained MLP in the browser, for decision-region maps of 2-D toy sets (an
 * n×n grid each snapshot: a round trip per map would lag). The formulas match engine/activations.py;
 * the server's forward pass is the reference. Pure.
 */

const HIDDEN = {
  sigmoid: (z) => 1 / (1 + Math.exp(-z)),
  tanh: Math.tanh,
  relu: (z) => (z > 0 ? z : 0),
  leaky_relu: (z, a = 0.01) => (z > 0 ? z : a * z),
  elu: (z, a = 1) => (z > 0 ? z : a * (Math.exp(z) - 1)),
  identity: (z) => z,
};

/** Output activation applied to one row of logits in place. */
function finish(out, name) {
  if (name === "softmax") {
    const m = Math.max(...out);
    let s = 0;
    for (let k = 0; k < out.length; k++) { out[k] = Math.exp(out[k] - m); s += out[k]; }
    for (let k = 0; k < out.length; k++) out[k] /= s;
  } else if (name === "sigmoid") {
    for (let k = 0; k < out.length; k++) out[k] = 1 / (1 + Math.exp(-out[k]));
  }
  return out;
}

/** x (n_in) -> output (n_out) through layers [{W: {shape, data}, b}] with config's activations. */
export function forward(layers, config, x) {
  const all = forwardAll(layers, config, x);
  return all[all.length - 1];
}

/** x (n_in) -> every layer's post-activation [(n_1), …, (n_out)] (the hidden layers and the output). */
export function forwardAll(layers, config, x) {
  const acts = [].concat(config.activation);
  const out = [];
  let a = Float64Array.from(x);
  layers.forEach((layer, l) => {
    const [nIn, nOut] = layer.W.shape;
    const z = new Float64Array(nOut);
    for (let j = 0; j < nOut; j++) {
      let s = layer.b ? layer.b.data[j] : 0;
      for (let i = 0; i < nIn; i++) s += a[i] * layer.W.data[i * nOut + j];
      z[j] = s;
    }
    if (l < layers.length - 1) {
      const f = HIDDEN[acts[Math.min(l, acts.length - 1)]] || HIDDEN.identity;
      for (let j = 0; j < nOut; j++) z[j] = f(z[j], config.alpha ?? undefined);
    } else {
      finish(z, config.output);
    }
    a = z;
    out.push(z);
  });
  return out;
}

/** Outputs on an n×n grid over view [xmin, xmax, ymin, ymax]; row 0 is the top (ymax). */
export function outputGrid(layers, config, view, n) {
  const [x0, x1, y0, y1] = view;
  const grid = [];
  for (let r = 0; r < n; r++) {
    const y = y1 - ((r + 0.5) * (y1 - y0)) / n;
    for (let c = 0; c < n; c++) grid.push(forward(layers, config, [x0 + ((c + 0.5) * (x1 - x0)) / n, y]));
  }
  return grid;
}
