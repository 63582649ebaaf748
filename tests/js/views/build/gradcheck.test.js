import { test } from "node:test";
import assert from "node:assert/strict";
import { describe } from "../../../../static/views/build/gradcheck.js";

const config = { dataset: "mnist", layers: [784, 16, 16, 10] };

test("what the Check gradients box says: nothing yet, checking, the result, or why not", () => {
  assert.deepEqual(describe(null, config), { kind: "none" });
  assert.deepEqual(describe({ state: "running", config }, config), { kind: "running" });
  const result = { verdict: "good", tensors: [] };
  assert.deepEqual(describe({ state: "done", config, result }, config), { kind: "result", result, stale: false });
  assert.equal(describe({ state: "done", config, result }, { ...config, layers: [784, 32, 10] }).stale, true, "the network changed since");
  const other = describe({ state: "error", config, status: 503, field: null, message: "the server is still loading MNIST" }, config);
  assert.deepEqual(other, { kind: "error", message: "the server is still loading MNIST", stale: false });
});

test("a network too large to check says how many parameters it has and the limit", () => {
  const big = { dataset: "mnist", layers: [784, 64, 10] };
  const d = describe({ state: "error", config: big, status: 422, field: "config.layers", message: "config.layers: 50,890 …", max: 20000 }, big);
  assert.deepEqual(d, { kind: "tooLarge", n: 50890, max: 20000, stale: false });
});
