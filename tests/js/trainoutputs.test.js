import { test } from "node:test";
import assert from "node:assert/strict";
import { trainingExamples, trainingOutputs } from "../../static/trainoutputs.js";

const table = { x: [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], y: [0, 0, 1, 1] };
const outputs = { shape: [4, 1], data: Float32Array.from([0.125, 0.25, 0.75, 0.875]) };

test("the outputs on every training example come from the snapshot's own outputs tensor", () => {
  const rows = trainingOutputs({ tensors: { outputs } }, table);
  assert.deepEqual(rows.outputs, [[0.125], [0.25], [0.75], [0.875]]);
  assert.deepEqual(rows.targets, [0, 0, 1, 1]);
  assert.equal(rows.inputs.length, 4);
});

test("no outputs until a snapshot carries them, nor for other examples than the run's", () => {
  assert.equal(trainingOutputs({ tensors: {} }, table), null);
  assert.equal(trainingOutputs(null, table), null);
  assert.equal(trainingOutputs({ tensors: { outputs } }, trainingExamples(table, { train_size: 2 })), null);
});

test("a run with train_size trains on the first examples", () => {
  assert.deepEqual(trainingExamples(table, { train_size: 2 }).y, [0, 0]);
  assert.equal(trainingExamples(table, {}).x.length, 4);
});
