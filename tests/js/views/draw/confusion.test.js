import { test } from "node:test";
import assert from "node:assert/strict";
import { rowShares } from "../../../../static/views/draw/confusion.js";

test("confusion rows become shares that sum to one", () => {
  assert.deepEqual(rowShares([[3, 1], [0, 0]]), [[0.75, 0.25], [0, 0]]);
});
