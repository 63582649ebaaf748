import { test } from "node:test";
import assert from "node:assert/strict";
import { makeField, sample, toUnit, fromUnit, fieldFromCurve } from "../../../../static/views/downhill/heightfield.js";
import { rowThrough } from "../../../../static/views/downhill/slice1d.js";

const bowl = () => {
  const xs = [-1, 0, 1];
  return makeField(xs, xs, xs.flatMap((y) => xs.map((x) => x * x + y * y)));
};

test("field heights span 0..1 and steep ranges switch to a log scale", () => {
  const f = bowl();
  assert.equal(f.height(f.lo), 0);
  assert.equal(f.height(f.hi), 1);
  assert.equal(f.log, false);
  const steep = makeField([0, 1, 2], [0, 1], [0, 0.1, 0.2, 0.1, 0.2, 1000]);
  assert.equal(steep.log, true);
  assert.ok(steep.height(0.2) > 0.2 / 1000 * 10);
});

test("sampling is bilinear and unit coordinates round-trip", () => {
  const f = bowl();
  assert.equal(sample(f, 0, 0), 0);
  assert.equal(sample(f, 0.5, 0), 0.5);
  assert.deepEqual(toUnit(f, 1, -1), [1, 0]);
  assert.deepEqual(fromUnit(f, 0.5, 0.5), [0, 0]);
  assert.deepEqual(rowThrough(f, 0.9).values, [2, 1, 2]);
});

test("a 1-D curve becomes a trough: the curve in every row, sampled along y = 0", () => {
  const f = fieldFromCurve({ x: [-1, 0, 1], z: [1, 0, 1] });
  assert.equal(f.nx, 3);
  assert.ok(f.ny >= 2 && f.ys[0] === -1 && f.ys[f.ny - 1] === 1);
  assert.equal(sample(f, 0, 0), 0);
  assert.equal(sample(f, -1, 0.7), 1);
  assert.deepEqual(rowThrough(f, 0).values, [1, 0, 1]);
});
