import { test } from "node:test";
import assert from "node:assert/strict";
import { lossSeries, accuracySeries, gradSeries, histogramGrid, sampleIndices, strongestLinks, strongestInputs } from "../../../../static/views/watch/series.js";

const rows = [
  { kind: "step", epoch: 0.5, train_loss: 2.0, lr: 0.1, grad_norms: [0.1, 0.5] },
  { kind: "epoch", epoch: 1, train_loss: 1.0, val_loss: 1.2, val_accuracy: 0.8, train_accuracy: 0.85, lr: 0.1, grad_norms: [0, 0.4] },
  { kind: "step", epoch: 1.5, train_loss: null, lr: 0.1, grad_norms: [null, 0.3] },
];

test("loss series: train at step rows, validation only at epoch ends, gaps for non-finite", () => {
  assert.deepEqual(lossSeries(rows), [[0.5, 1, 1.5], [2, null, null], [null, 1.2, null]]);
});

test("an epoch's whole-epoch mean is drawn only when the epoch had no step rows (no spike at epoch ends)", () => {
  const epochOnly = [{ kind: "epoch", epoch: 1, train_loss: 0.9, val_loss: 1 }, { kind: "epoch", epoch: 2, train_loss: 0.5, val_loss: 0.6 }];
  assert.deepEqual(lossSeries(epochOnly)[1], [0.9, 0.5]);
  const mixed = [{ kind: "step", epoch: 0.5, train_loss: 0.4 }, { kind: "epoch", epoch: 1, train_loss: 1.1 },
    { kind: "epoch", epoch: 2, train_loss: 0.3 }];
  assert.deepEqual(lossSeries(mixed)[1], [0.4, null, 0.3]);
});

test("accuracy series uses epoch rows and percent", () => {
  assert.deepEqual(accuracySeries(rows), [[1], [85], [80]]);
});

test("gradient series: one line per layer, zero and null become gaps for the log scale", () => {
  assert.deepEqual(gradSeries(rows), [[0.5, 1, 1.5], [0.1, null, null], [0.5, 0.4, 0.3]]);
});

test("histogram grid: mass lands in the right rows on a shared range, no empty stripes", () => {
  const history = [
    { histograms: [{ weights: { counts: [10, 0], edges: [-1, 0, 1] } }] },
    { histograms: [{ weights: { counts: [0, 10], edges: [-1, 0, 1] } }] },
  ];
  const g = histogramGrid(history, 0, "weights", 4);
  assert.equal(g.cols, 2);
  assert.equal(g.lo, -1);
  assert.equal(g.hi, 1);
  const col = (c) => [0, 1, 2, 3].map((r) => g.grid[r * g.cols + c]);
  assert.deepEqual(col(0), [0, 0, 1, 1]);
  assert.deepEqual(col(1), [1, 1, 0, 0]);
  const fine = histogramGrid([{ histograms: [{ weights: { counts: Array(30).fill(5), edges: Array.from({ length: 31 }, (_, i) => i) } }] }], 0, "weights", 40);
  assert.ok(Array.from(fine.grid).every((v) => v > 0.9), "uniform data fills every row");
});

test("sampling indices and strongest links", () => {
  assert.deepEqual(sampleIndices(3, 5), [0, 1, 2]);
  assert.deepEqual(sampleIndices(784, 3), [0, 392, 783]);
  const W = { shape: [2, 2], data: new Float32Array([0.1, -3, 2, 0.5]) };
  assert.deepEqual(strongestLinks(W, [0, 1], [0, 1], 2).map((l) => l.w), [-3, 2]);
});

test("strongest inputs are the rows with the most total |weight|, in index order", () => {
  const W = { shape: [4, 2], data: new Float32Array([0, 0, 5, -5, 0.1, 0, -1, 2]) };
  assert.deepEqual(strongestInputs(W, 2), [1, 3]);
  assert.deepEqual(strongestInputs(W, 9), [0, 1, 2, 3]);
});
