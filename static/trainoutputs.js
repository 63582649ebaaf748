/**
 * The network's outputs on the training examples of a small toy set (the delta-rule table): the one
 * place that says where they come from. The server's own, when a snapshot carries them (`outputs`);
 * else the browser's forward pass (mlp.js) on the snapshot's weights. Pure.
 */
import { forward } from "./mlp.js";
import { layersOf } from "./protocol.js";

/** examples {x: [[n_in]], y: [label]} cut to the run's train_size (a run trains on the first n). */
export function trainingExamples(points, config) {
  const n = config.train_size || points.x.length;
  return { x: points.x.slice(0, n), y: points.y.slice(0, n) };
}

/** (snapshot, config, examples) -> {inputs, outputs: [[y] per example], targets: [label]} or null when the weights do not fit. */
export function trainingOutputs(snapshot, config, examples) {
  if (!snapshot || !examples || !examples.x.length) return null;
  if (Array.isArray(snapshot.outputs)) return { inputs: examples.x, outputs: snapshot.outputs, targets: examples.y };
  const { weights } = layersOf(snapshot);
  if (!weights.length || weights[0].W.shape[0] !== examples.x[0].length) return null;
  return { inputs: examples.x, outputs: examples.x.map((x) => Array.from(forward(weights, config, x))), targets: examples.y };
}
