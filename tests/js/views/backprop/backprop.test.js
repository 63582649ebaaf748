import { test } from "node:test";
import assert from "node:assert/strict";
import { movedValues } from "../../../../static/views/backprop/backprop.js";
import { trace, node } from "./fixture.js";

test("after the update every weight and bias box holds the endpoint's new value", () => {
  const answer = trace("xor_2_2_1");
  const moved = movedValues(answer.update);
  const leaves = answer.graph.nodes.filter((n) => n.param).map((n) => n.id).sort();
  assert.deepEqual(Object.keys(moved).sort(), leaves);
  assert.equal(moved["W1.1.0"], answer.update.params[0].after[1][0]);
  assert.equal(moved["b2.0"], answer.next.params.b2[0]);
  assert.notEqual(moved["W2.0.0"], node(answer, "W2.0.0").value);
});
