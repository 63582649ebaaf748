import { test } from "node:test";
import assert from "node:assert/strict";
import { inkRows, hasInk } from "../../../../static/views/draw/pad.js";

test("ink comes from the alpha channel, scaled to 0..1", () => {
  const rgba = new Uint8ClampedArray([0, 0, 0, 0, 0, 0, 0, 255, 0, 0, 0, 51, 9, 9, 9, 0]);
  assert.deepEqual(inkRows(rgba, 2, 2), [[0, 1], [0.2, 0]]);
  assert.equal(hasInk([[0, 0]]), false);
  assert.equal(hasInk([[0, 0.5]]), true);
});
