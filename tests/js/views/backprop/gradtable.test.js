import { test } from "node:test";
import assert from "node:assert/strict";
import { entries } from "../../../../static/views/backprop/gradtable.js";
import { trace } from "./fixture.js";

test("every entry of a tensor in row order, named W1[i,j] from input i to unit j, with the endpoint's verdict", () => {
  const [W1, b1] = trace("xor_2_2_1").gradients.tensors;
  const rows = entries(W1);
  assert.deepEqual(rows.map((r) => r.label), ["W1[1,1]", "W1[1,2]", "W1[2,1]", "W1[2,2]"]);
  assert.equal(rows[2].analytic, W1.analytic[1][0]);
  assert.equal(rows[2].numeric, W1.numeric[1][0]);
  assert.equal(rows[2].error, W1.entries.relative_error[1][0]);
  assert.ok(rows.every((r) => r.verdict === "good"));
  assert.deepEqual(entries(b1).map((r) => r.label), ["b1[1]", "b1[2]"]);
});

test("a ReLU network's verdicts come through as the endpoint says (kinks and too-small entries included)", () => {
  const verdicts = new Set(trace("softmax_sse").gradients.tensors.flatMap((t) => entries(t).map((r) => r.verdict)));
  assert.ok([...verdicts].every((v) => ["good", "acceptable", "near_zero", "kink", "check", "wrong"].includes(v)));
});
