import { test } from "node:test";
import assert from "node:assert/strict";
import { configActivations, readouts } from "../../../../static/views/build/actplots.js";

test("the curves shown are the config's hidden activations, each once, with alpha where it counts", () => {
  assert.deepEqual(configActivations({ activation: "sigmoid" }), [{ name: "sigmoid" }]);
  assert.deepEqual(configActivations({ activation: ["relu", "relu", "elu"], alpha: 0.5 }), [{ name: "relu" }, { name: "elu", alpha: 0.5 }]);
  assert.deepEqual(configActivations({ activation: "leaky_relu", alpha: null }), [{ name: "leaky_relu" }]);
});

test("the numbers under a plot: the largest slope and the lowest value (sigmoid's quarter, ELU's floor)", () => {
  const z = [-6, -1, 0, 1, 6];
  const sig = z.map((v) => 1 / (1 + Math.exp(-v)));
  const r = readouts({ z, f: sig, df: sig.map((s) => s * (1 - s)) });
  assert.equal(r.maxSlope, 0.25);
  assert.ok(r.minValue > 0 && r.minValue < 0.01);
  assert.equal(readouts({ z, f: [null, 1, 2, 3, 4], df: [0, 1, 1, null, 1] }).minValue, 1, "nulls (non-finite numbers) are skipped");
});
