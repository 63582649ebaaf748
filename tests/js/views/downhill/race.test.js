import { test } from "node:test";
import assert from "node:assert/strict";
import { pointAt, valueAt, velocity, downhill, advance, follow, defaultRacers } from "../../../../static/views/downhill/race.js";

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
