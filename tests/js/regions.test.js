import { test } from "node:test";
import assert from "node:assert/strict";
import { regionColour } from "../../static/regions.js";

const T = (shape, values) => ({ shape, data: Float32Array.from(values) });

test("two-class regions: blue-ish for class 0, orange-ish for class 1, light when undecided", () => {
  const [r0, , b0] = regionColour([0.95, 0.05]);
  const [r1, , b1] = regionColour([0.05, 0.95]);
  assert.ok(b0 > r0 && r1 > b1);
  assert.ok(regionColour([0.5, 0.5]).every((c) => c > 230));
});
