import { test } from "node:test";
import assert from "node:assert/strict";
import { predicted } from "../../../../static/views/watch/outputtable.js";

test("one output unit reads as the probability of class 1; several, as the largest", () => {
  assert.equal(predicted([0.7]), 1);
  assert.equal(predicted([0.3]), 0);
  assert.equal(predicted([0.2, 0.5, 0.3]), 1);
});
