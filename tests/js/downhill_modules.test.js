import { test } from "node:test";
import assert from "node:assert/strict";
import { makeField, sample, toUnit, fromUnit } from "../../static/views/field.js";
import { isoSegments, levels } from "../../static/views/contourlines.js";
import { pointAt, valueAt, velocity, downhill, advance, follow, defaultRacers } from "../../static/views/race.js";
import { rowThrough } from "../../static/views/slice1d.js";

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

test("balls move smoothly between path points and stop at the end", () => {
  const pts = [[0, 0], [2, 0], [2, 4]];
  assert.deepEqual(pointAt(pts, 0.5), [1, 0]);
  assert.deepEqual(pointAt(pts, 1.25), [2, 1]);
  assert.deepEqual(pointAt(pts, 9), [2, 4]);
  assert.equal(valueAt([10, 20], 0.5), 15);
  assert.deepEqual(velocity(pts, 1), [0, 4]);
  assert.deepEqual(downhill([[1, -2]], 0), [-1, 2]);
  assert.equal(advance(0, 0.5, 12, 3), 3);
  const s = follow(0, 10, 0.35);
  assert.ok(s > 4.9 && s < 5.1);
  assert.equal(follow(10, 10, 0.1), 10);
});

test("default racers use the function's suggested learning rates", () => {
  const racers = defaultRacers(["sgd", "adam", "rmsprop", "adagrad"], { lrs: { sgd: 0.1, adam: 0.3 } });
  assert.deepEqual(racers.map((r) => r.name), ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"]);
  assert.equal(racers[0].lr, 0.1);
  assert.equal(racers[5].lr, 0.3);
});
