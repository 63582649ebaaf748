import { test } from "node:test";
import assert from "node:assert/strict";
import { updateRows, ruleOf, BUFFERS } from "../../../../static/views/backprop/updateview.js";
import { trace } from "./fixture.js";

test("SGD: each row is before − η·grad = after, as the endpoint computed it", () => {
  const upd = trace("xor_2_2_1").update;
  assert.equal(ruleOf(upd.optimizer), "sgd");
  const rows = updateRows(upd.params[0]);
  assert.deepEqual(rows.map((r) => r.label), ["W1[1,1]", "W1[1,2]", "W1[2,1]", "W1[2,2]"]);
  for (const r of rows) assert.ok(Math.abs(r.before - upd.optimizer.lr * r.grad - r.after) < 1e-15);
  assert.deepEqual(updateRows(upd.params[3]).map((r) => r.label), ["b2[1]"]);
});

test("momentum and Adam show their buffers per entry, under the symbols of their rule", () => {
  const momentum = trace("delta_rule").update;
  assert.equal(ruleOf(momentum.optimizer), "momentum");
  const row = updateRows(momentum.params[0])[0];
  assert.deepEqual(Object.keys(row.buffers), ["momentum_buffer"]);
  assert.equal(row.buffers.momentum_buffer, momentum.params[0].buffers_after.momentum_buffer[0][0]);
  const adam = trace("softmax_sse").update;
  assert.equal(ruleOf(adam.optimizer), "adam");
  assert.deepEqual(Object.keys(updateRows(adam.params[1])[0].buffers).sort(), ["exp_avg", "exp_avg_sq"]);
  assert.equal(BUFFERS.exp_avg, "m");
  assert.equal(ruleOf({ name: "sgd", momentum: 0.9, nesterov: true }), "nesterov");
});
