import { test } from "node:test";
import assert from "node:assert/strict";
import { pieces } from "../../static/tex.js";

test("text and $formulas$ come apart in order; a lone $ stays text", () => {
  assert.deepEqual(pieces("a $x^2$ b $y$"), [{ text: "a " }, { tex: "x^2" }, { text: " b " }, { tex: "y" }]);
  assert.deepEqual(pieces("$z$"), [{ tex: "z" }]);
  assert.deepEqual(pieces("costs $5"), [{ text: "costs $5" }]);
  assert.deepEqual(pieces(""), []);
});
