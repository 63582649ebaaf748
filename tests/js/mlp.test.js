import { test } from "node:test";
import assert from "node:assert/strict";
import { forward, forwardAll, outputGrid } from "../../static/mlp.js";

const T = (shape, values) => ({ shape, data: Float32Array.from(values) });

test("forward matches a hand computation: relu hidden layer, softmax output", () => {
  const layers = [
    { W: T([2, 2], [1, -1, 2, 1]), b: T([2], [0, -1]) },
    { W: T([2, 2], [1, 0, 0, 1]), b: T([2], [0, 0]) },
  ];
  const out = forward(layers, { activation: "relu", output: "softmax" }, [1, 1]);
  // hidden z = [1*1 + 1*2 + 0, 1*-1 + 1*1 - 1] = [3, -1] -> relu [3, 0]; softmax([3, 0])
  const e = Math.exp(3);
  assert.ok(Math.abs(out[0] - e / (e + 1)) < 1e-9);
  assert.ok(Math.abs(out[0] + out[1] - 1) < 1e-12);
});

test("a grid runs top row first (largest y) and covers the view", () => {
  const layers = [{ W: T([2, 1], [0, 1]), b: T([1], [0]) }];
  const g = outputGrid(layers, { activation: [], output: "identity" }, [-1, 1, -1, 1], 2);
  assert.deepEqual(g.map((o) => o[0]), [0.5, 0.5, -0.5, -0.5]);
});

test("forwardAll gives every layer's activations, the last being the output", () => {
  const layers = [{ W: T([2, 2], [1, -1, 2, 1]), b: T([2], [0, -1]) }, { W: T([2, 1], [1, 1]), b: T([1], [0]) }];
  const all = forwardAll(layers, { activation: "relu", output: "identity" }, [1, 1]);
  assert.deepEqual(all.map((a) => Array.from(a)), [[3, 0], [3]]);
});
