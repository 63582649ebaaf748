import { test } from "node:test";
import assert from "node:assert/strict";
import { createThrottle } from "../../static/throttle.js";

const snap = (run_id, rows = 784, epoch = 1.25) => ({ run_id, epoch, tensors: { W1: { shape: [rows, 16], data: new Float32Array(rows * 16) } } });

test("the throttle runs at most once per window and once more at its end", () => {
  let now = 0;
  const timers = [];
  let runs = 0;
  const th = createThrottle(() => { runs++; }, 500, { clock: () => now, setTimer: (fn, ms) => { timers.push({ fn, at: now + ms }); return timers.length; }, clearTimer: () => { timers.length = 0; } });
  th.soon();
  assert.equal(runs, 1);
  now = 100; th.soon(); th.soon(); th.soon();
  assert.equal(runs, 1);
  assert.equal(timers.length, 1);
  assert.equal(timers[0].at, 500);
  now = 500; timers.shift().fn();
  assert.equal(runs, 2);
  now = 600; th.now();
  assert.equal(runs, 3);
});
