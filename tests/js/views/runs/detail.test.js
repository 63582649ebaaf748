import { test } from "node:test";
import assert from "node:assert/strict";
import { runSeries } from "../../../../static/views/runs/detail.js";

test("a saved run's epoch rows become its loss and accuracy curves (percent, gaps for missing values)", () => {
  const s = runSeries([{ epoch: 1, train_loss: 1.2, val_loss: 1.1, train_accuracy: 0.7, val_accuracy: 0.72 },
    { epoch: 2, train_loss: 0.8, val_loss: null, train_accuracy: 0.8, val_accuracy: 0.81 }]);
  assert.deepEqual(s.loss, [[1, 2], [1.2, 0.8], [1.1, null]]);
  assert.deepEqual(s.acc[0], [1, 2]);
  assert.ok(Math.abs(s.acc[2][1] - 81) < 1e-9);
});
