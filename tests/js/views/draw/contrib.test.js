import { test } from "node:test";
import assert from "node:assert/strict";
import { contribution, weightColumn, firstLayer, argmax } from "../../../../static/views/draw/contrib.js";

test("contribution is input times the neuron's weight column", () => {
  const W = Float32Array.from([1, 2, 3, 4, 5, 6]);        // 3 inputs × 2 neurons
  assert.deepEqual(Array.from(contribution([1, 0, 2], W, 2, 1)), [2, 0, 12]);
  assert.deepEqual(Array.from(weightColumn(W, 2, 0)), [1, 3, 5]);
  const fl = firstLayer({ W: [[1, 2], [3, 4], [5, 6]] });
  assert.deepEqual([fl.nIn, fl.nOut, Array.from(fl.W)], [3, 2, [1, 2, 3, 4, 5, 6]]);
  assert.equal(argmax([0.1, 0.9, 0.3]), 1);
});
