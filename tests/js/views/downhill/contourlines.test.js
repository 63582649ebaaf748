import { test } from "node:test";
import assert from "node:assert/strict";
import { isoSegments, levels } from "../../../../static/views/downhill/contourlines.js";
import { makeField } from "../../../../static/views/downhill/heightfield.js";

const bowl = () => {
  const xs = [-1, 0, 1];
  return makeField(xs, xs, xs.flatMap((y) => xs.map((x) => x * x + y * y)));
};

test("marching squares: a level ring around a bowl's centre, none outside the range", () => {
  const f = bowl();
  const seg = isoSegments(f.z, 3, 3, 0.5);
  assert.equal(seg.length, 4 * 4);
  for (let k = 0; k < seg.length; k += 2) {
    const d = Math.hypot(seg[k] - 1, seg[k + 1] - 1);
    assert.ok(d > 0.3 && d < 0.8, `point ${seg[k]},${seg[k + 1]} is near the 0.5 ring`);
  }
  assert.equal(isoSegments(f.z, 3, 3, 5).length, 0);
  assert.deepEqual(levels(0, 1, 3), [0.25, 0.5, 0.75]);
});
