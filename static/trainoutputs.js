/**
 * The network's outputs on the training examples of a small toy set (the delta-rule table): the one
 * place that says where they come from. The server's own, when a snapshot carries them (tensor `outputs`);
 * else the browser's forward pass (mlp.js) on the snapshot's weights. Pure.
 */
import { forward } from "./mlp.js";
import { layersOf } from "./protocol.js";

/** GET /api/datasets/{name}/points's training examples {x: [[n_in]], y: [label]}, cut to the run's train_size (it trains on the first n). */
export function trainingExamples(points, config) {
  const n = config.train_size || points.train.x.length;
  return { x: points.train.x.slice(0, n), y: points.train.y.slice(0, n) };
}

/** A snapshot's own `outputs` tensor (n_train × n_out, the server's forward pass) as rows, or null. */
function serverOutputs(snapshot) {
  const t = snapshot.tensors && snapshot.tensors.outputs;
  return t ? Array.from({ length: t.shape[0] }, (_, k) => Array.from(t.data.subarray(k * t.shape[1], (k + 1) * t.shape[1]))) : null;
}

/** (snapshot, config, examples) -> {inputs, outputs: [[y] per example], targets: [label]} or null when the weights do not fit. */
export function trainingOutputs(snapshot, config, examples) {
  if (!snapshot || !examples || !examples.x.length) return null;
  const own = serverOutputs(snapshot);
  if (own) return { inputs: examples.x, outputs: own, targets: examples.y };
  // Until the server sends its own outputs (branch `polish`), the browser's forward pass: the one line to remove then.
  const { weights } = layersOf(snapshot);
  if (!weights.length || weights[0].W.shape[0] !== examples.x[0].length) return null;
  return { inputs: examples.x, outputs: examples.x.map((x) => Array.from(forward(weights, config, x))), targets: examples.y };
}
