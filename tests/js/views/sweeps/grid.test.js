import { test } from "node:test";
import assert from "node:assert/strict";
import { axisSpec, best, cellCount, colourer, label, matrix, overlay, parseValues, timeLeft } from "../../../../static/views/sweeps/grid.js";

test("axes for the sweep message: lr as a log range, the others as typed values", () => {
  assert.deepEqual(axisSpec("lr", { min: "0.001", max: "1", points: "5" }), { field: "lr", min: 0.001, max: 1, points: 5 });
  assert.deepEqual(axisSpec("optimizer", { values: "sgd, adam,,momentum" }), { field: "optimizer", values: ["sgd", "adam", "momentum"] });
  assert.deepEqual(axisSpec("hidden", { values: "8, 32, x" }), { field: "hidden", values: [8, 32, "x"] });
  assert.deepEqual(parseValues("seed", "0,1, 2"), [0, 1, 2]);
  assert.equal(cellCount([{ field: "lr", points: 4 }, { field: "seed", values: [1, 2, 3] }]), 12);
});

test("labels: learning rates rounded to two digits", () => {
  assert.equal(label("lr", 0.0316227766), "0.032");
  assert.equal(label("lr", 1), "1");
  assert.equal(label("optimizer", "adam"), "adam");
});

test("the grid puts each cell at its row and column, waiting where none came yet", () => {
  const sweep = { shape: [2, 3] };
  const rows = matrix(sweep, [{ index: 4, status: "done", val_accuracy: 0.9 }]);
  assert.equal(rows.length, 2);
  assert.equal(rows[1][1].status, "done");
  assert.deepEqual(rows[0][2], { index: 2, coords: [0, 2], status: "waiting" });
  assert.equal(matrix({ shape: [3] }, [])[2][0].index, 2);   // one axis: one column
});

test("colours: brighter is better, diverged and unfinished cells have none", () => {
  const cells = [{ status: "done", val_accuracy: 0.5, val_loss: 2 }, { status: "done", val_accuracy: 0.9, val_loss: 0.3 },
    { status: "diverged", val_accuracy: null, val_loss: null }, { status: "training" }];
  const acc = colourer(cells, "val_accuracy");
  assert.equal(acc(cells[1]).fill, "rgb(253 231 37)");     // the best: viridis' yellow
  assert.equal(acc(cells[0]).fill, "rgb(68 1 84)");        // the worst: its purple
  assert.equal(acc(cells[1]).text, "90.0%");
  assert.deepEqual(acc(cells[2]), { fill: null, text: null, status: "diverged" });
  const loss = colourer(cells, "val_loss");
  assert.equal(loss(cells[1]).fill, "rgb(253 231 37)");    // the lowest loss is the best
  assert.equal(loss(cells[0]).text, "2.00");
  assert.equal(best(cells, "val_loss"), cells[1]);
  assert.equal(best(cells.slice(2), "val_accuracy"), null);
});

test("time left in seconds, then minutes; nothing before an estimate", () => {
  assert.deepEqual(timeLeft(12.4), { n: 12, unit: "s" });
  assert.deepEqual(timeLeft(0.2), { n: 1, unit: "s" });
  assert.deepEqual(timeLeft(600), { n: 10, unit: "min" });
  assert.equal(timeLeft(null), null);
});

test("overlay: one series per run over the longest run's epochs, gaps as null", () => {
  const runs = [{ metrics: [{ val_loss: 2 }, { val_loss: 1 }] }, { metrics: [{ val_loss: 3 }] }];
  assert.deepEqual(overlay(runs, "val_loss"), [[1, 2], [2, 1], [3, null]]);
});
