/**
 * The network's outputs on the training examples of a small toy set (the delta-rule table): the one
 * place that says where they come from: a full snapshot's `outputs` tensor (n_train × n_out), the
 * server's own forward pass on every training example (app/toyviews.py). Pure.
 */

/** A toy set's training examples {x: [[n_in]], y: [label]} (GET /api/datasets/{name}/points' `train`), cut to the run's train_size (it trains on the first n). */
export function trainingExamples(examples, config) {
  const n = config.train_size || examples.x.length;
  return { x: examples.x.slice(0, n), y: examples.y.slice(0, n) };
}

/** (snapshot, examples) -> {inputs, outputs: [[y] per example], targets: [label]}, or null until a snapshot carries them. */
export function trainingOutputs(snapshot, examples) {
  const t = snapshot && snapshot.tensors && snapshot.tensors.outputs;
  if (!t || !examples || t.shape[0] !== examples.x.length) return null;
  const outputs = Array.from({ length: t.shape[0] }, (_, k) => Array.from(t.data.subarray(k * t.shape[1], (k + 1) * t.shape[1])));
  return { inputs: examples.x, outputs, targets: examples.y };
}
