import { test } from "node:test";
import assert from "node:assert/strict";
import { parseNumbers, parseLayers, parseActivation, typedNumber, specTexts } from "../../../../static/views/backprop/netform.js";

test("typed numbers go as typed: finite, not finite (the server names them) or not numbers at all", () => {
  assert.deepEqual(parseNumbers("0, 1"), [0, 1]);
  assert.deepEqual(parseNumbers("0 -1"), [0, -1]);
  assert.deepEqual(parseLayers("2-4-1"), [2, 4, 1]);
  assert.deepEqual(parseLayers("2 - 4 - 1"), [2, 4, 1]);
  assert.deepEqual(parseLayers("2, x, 1"), [2, "x", 1]);
  assert.deepEqual(parseNumbers("-1, 0.5 1e-3"), [-1, 0.5, 0.001]);
  assert.deepEqual(parseNumbers("1, 1e999"), [1, Infinity]);
  assert.ok(Number.isNaN(parseNumbers("NaN")[0]));
  assert.deepEqual(parseNumbers("1, abc"), [1, "abc"]);
  assert.equal(typedNumber("0.05"), 0.05);
  assert.equal(typedNumber("fast"), "fast");
});

test("one activation for every hidden layer, or one each", () => {
  assert.equal(parseActivation("tanh"), "tanh");
  assert.deepEqual(parseActivation("tanh, relu"), ["tanh", "relu"]);
  assert.deepEqual(specTexts({ layers: [2, 4, 1], activation: ["tanh", "relu"], lr: 0.5, seed: 3 }),
    { layers: "2-4-1", activation: "tanh, relu", lr: "0.5", seed: "3" });
});
