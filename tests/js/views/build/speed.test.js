import { test } from "node:test";
import assert from "node:assert/strict";
import { SPEEDS, speedChoices, speedAllowed, runSeconds, duration } from "../../../../static/views/build/speed.js";

const t = (key, p = {}) => ({ "build.speed.sec": `${p.s} s`, "build.speed.min": `${p.m} min ${p.s} s`, "build.speed.hours": `${p.h} h` })[key];

test("from slow motion to as fast as possible, one choice each", () => {
  assert.equal(SPEEDS[0], 1);
  assert.equal(SPEEDS.at(-1), null, "as fast as possible is the last choice");
});

test("a run's length at a speed reads in seconds, minutes or hours", () => {
  assert.equal(runSeconds(600, 10), 60);
  assert.equal(runSeconds(600, null), null);
  assert.equal(duration(12.4, t), "12 s");
  assert.equal(duration(95, t), "1 min 35 s");
  assert.equal(duration(3 * 3600, t), "3.0 h");
});

test("the choices follow the server's range: its maximum is the fastest paced choice", () => {
  assert.deepEqual(speedChoices([0, 1000]), [1, 3, 10, 30, 100, 300, 1000, null]);
  assert.deepEqual(speedChoices([0, 50]), [1, 3, 10, 30, 50, null]);
  assert.deepEqual(speedChoices([0, 5000]).slice(-3), [3000, 5000, null]);
  assert.ok(speedAllowed(null, [0, 50]) && speedAllowed(50, [0, 50]));
  assert.ok(!speedAllowed(51, [0, 50]) && !speedAllowed(0, [0, 50]) && !speedAllowed(Number.NaN, [0, 50]));
});
