import { test } from "node:test";
import assert from "node:assert/strict";
import { pointAt, valueAt, velocity, downhill, advance, follow, defaultRacers, racersOf, raceBody, onPlane } from "../../../../static/views/downhill/race.js";

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

test("default racers use the function's suggested learning rates, AdaDelta and AdamW included", () => {
  const racers = defaultRacers(["sgd", "adam", "rmsprop", "adagrad", "adadelta", "adamw"], { lrs: { sgd: 0.1, adam: 0.3, adadelta: 30 } });
  assert.deepEqual(racers.map((r) => r.name), ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam", "adamw"]);
  assert.equal(racers[0].lr, 0.1);
  assert.equal(racers[6].lr, 0.3);
  assert.equal(racers[5].lr, 30);
  assert.equal(defaultRacers(["adadelta"], { lrs: { adadelta: 30 } }, 10).find((r) => r.name === "adadelta").lr, 10, "held to the server's limit");
});

test("a lesson's race round-trips through the racers: own starts, labels and extra settings kept", () => {
  const body = { function: "himmelblau", steps: 100, optimizers: [
    { name: "sgd", lr: 0.01, start: [4, 4], label: "(4, 4)" }, { name: "adadelta", lr: 1, eps: 0.01, label: "AdaDelta" }] };
  const racers = racersOf(body);
  assert.deepEqual(racers[1].extra, { eps: 0.01 });
  assert.deepEqual(racers[0].start, [4, 4]);
  assert.deepEqual(raceBody("himmelblau", null, 100, racers), body, "no common start: the server's own");
  assert.deepEqual(raceBody("curve", [3.2], 60, [{ name: "sgd", lr: 0.1 }]).optimizers, [{ name: "sgd", lr: 0.1, label: "sgd" }]);
  assert.deepEqual(onPlane([[3.2], [1.5]]), [[3.2, 0], [1.5, 0]]);
  assert.deepEqual(onPlane([[1, 2]]), [[1, 2]]);
});
