import { test } from "node:test";
import assert from "node:assert/strict";
import { curveFrame } from "../../../../static/views/downhill/curve1d.js";

test("the curve fills the plot: its lowest value at the bottom, its highest at the top, w left to right", () => {
  const f = curveFrame([-3, 0, 3], [2, 0.5, 8]);
  assert.equal(f.lo, 0.5);
  assert.equal(f.hi, 8);
  assert.ok(f.py(0.5) > f.py(8), "higher cost is drawn higher up");
  assert.ok(f.px(-3) < f.px(0) && f.px(0) < f.px(3));
  assert.equal(f.py(1e9), f.py(8), "values beyond the curve's range stay on the plot");
});
