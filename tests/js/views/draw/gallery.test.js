import { test } from "node:test";
import assert from "node:assert/strict";
import { moveIndex } from "../../../../static/views/draw/gallery.js";

test("arrow keys move within the gallery's grid and stop at its edges", () => {
  assert.equal(moveIndex("ArrowRight", 0, 10, 4), 1);
  assert.equal(moveIndex("ArrowDown", 1, 10, 4), 5);
  assert.equal(moveIndex("ArrowDown", 8, 10, 4), 9, "the last row is short: stop at the last digit");
  assert.equal(moveIndex("ArrowUp", 2, 10, 4), 0);
  assert.equal(moveIndex("ArrowLeft", 0, 10, 4), 0);
  assert.equal(moveIndex("End", 3, 10, 4), 9);
  assert.equal(moveIndex("Home", 7, 10, 4), 0);
  assert.equal(moveIndex("Tab", 3, 10, 4), -1, "Tab leaves the gallery");
});
