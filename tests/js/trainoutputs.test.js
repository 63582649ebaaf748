import { test } from "node:test";
import assert from "node:assert/strict";
import { trainingExamples, trainingOutputs } from "../../static/trainoutputs.js";

const points = { train: { x: [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], y: [0, 0, 1, 1] }, same: true };
const table = points.train;
// One sigmoid neuron that copies the first input: z = 10·x1 − 5.
const snapshot = { tensors: { W1: { shape: [3, 1], data: Float32Array.from([10, 0, 0]) }, b1: { shape: [1], data: Float32Array.from([-5]) } } };

test("the outputs on every training example, from the snapshot's weights", () => {
  const rows = trainingOutputs(snapshot, { activation: "sigmoid", output: "sigmoid" }, trainingExamples(points, {}));
  assert.deepEqual(rows.targets, [0, 0, 1, 1]);
  assert.ok(rows.outputs[0][0] < 0.01 && rows.outputs[2][0] > 0.99);
  assert.equal(rows.inputs.length, 4);
});

test("the server's own outputs win when a snapshot carries them; weights that do not fit give none", () => {
  const outputs = { shape: [4, 1], data: Float32Array.from([0.125, 0.25, 0.75, 0.875]) };
  const rows = trainingOutputs({ tensors: { ...snapshot.tensors, outputs } }, {}, table);
  assert.deepEqual(rows.outputs, [[0.125], [0.25], [0.75], [0.875]]);
  assert.equal(trainingOutputs(snapshot, {}, { x: [[1, 2]], y: [0] }), null);
  assert.equal(trainingOutputs(null, {}, table), null);
});

test("a run with train_size trains on the first examples", () => {
  assert.deepEqual(trainingExamples(points, { train_size: 2 }).y, [0, 0]);
});
