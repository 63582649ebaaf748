import { test } from "node:test";
import assert from "node:assert/strict";
import { axisNumber } from "../../static/numbers.js";

test("axis numbers stay readable at every scale: small gradients, tight ranges, diverged losses", () => {
  assert.deepEqual([0.001, 0.0001, 0.00001].map((v) => axisNumber(v)), ["0.001", "1e-4", "1e-5"], "a log axis of gradients no longer reads 0 0 0");
  assert.equal(axisNumber(2.5e12), "2.5e12");
  assert.equal(axisNumber(1e30), "1e30");
  assert.equal(axisNumber(0.1234, 0.002), "0.1234", "ticks 0.002 apart keep the digits that differ");
  assert.equal(axisNumber(12, 5), "12");
  assert.equal(axisNumber(0), "0");
  assert.equal(axisNumber(NaN), "");
});

test("the 1-D slice's two ends read differently even when they are close (it read 0.12 / 0.12)", () => {
  assert.notEqual(axisNumber(0.1234, 0.0021), axisNumber(0.1213, 0.0021));
});
