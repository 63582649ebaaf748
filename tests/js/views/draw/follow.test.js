import { test } from "node:test";
import assert from "node:assert/strict";
import { answeringRun, answererLabel, compactImage, probePixels, runInputs, toySubject } from "../../../../static/views/draw/follow.js";

const snap = (run_id, rows = 784, epoch = 1.25) => ({ run_id, epoch, tensors: { W1: { shape: [rows, 16], data: new Float32Array(rows * 16) } } });

test("the run answers once a snapshot of it arrived, and only digit runs", () => {
  assert.equal(answeringRun(null, snap("a")), null);
  assert.equal(answeringRun({ state: "requested" }, null), null);
  assert.equal(answeringRun({ state: "training", run_id: "a" }, null), null);
  assert.equal(answeringRun({ state: "training", run_id: "b" }, snap("a")), null);
  assert.equal(answeringRun({ state: "training", run_id: "a" }, snap("a", 2)), null);
  assert.equal(answeringRun({ state: "diverged", run_id: "a" }, snap("a")), null);
  assert.deepEqual(answeringRun({ state: "paused", run_id: "a" }, snap("a")), { run: "a", epoch: 1.25, live: true, paused: true });
  assert.deepEqual(answeringRun({ state: "done", run_id: "a" }, snap("a", 784, 3)), { run: "a", epoch: 3, live: false, paused: false });
});

test("the label names the ready-made model or your network and its epoch", () => {
  assert.deepEqual(answererLabel(null), { key: "draw.by.default", params: {} });
  assert.deepEqual(answererLabel({ run: "a", epoch: 2.44, live: true }), { key: "draw.by.live", params: { epoch: "2.4" } });
  assert.deepEqual(answererLabel({ run: "a", epoch: NaN, live: false }), { key: "draw.by.saved", params: { epoch: "0.0" } });
  assert.equal(answererLabel({ run: "a", epoch: 1, live: true, paused: true }).key, "draw.by.paused");
});

test("a compact canvas is one byte per pixel in base64, and the probe keeps 4 decimals", () => {
  const c = compactImage([[0, 1], [0.5, 2]]);
  assert.deepEqual([c.width, c.height], [2, 2]);
  assert.deepEqual(Array.from(Buffer.from(c.image_b64, "base64")), [0, 255, 128, 255]);
  const big = compactImage(Array.from({ length: 140 }, () => new Array(140).fill(0.3)));
  assert.equal(Buffer.from(big.image_b64, "base64").length, 140 * 140);
  assert.deepEqual(probePixels(Float32Array.from([0.123456, 1])), [0.1235, 1]);
  assert.equal(runInputs(snap("a", 2), { layers: [784, 10] }), 2);
  assert.equal(runInputs(null, { layers: [784, 10] }), 784);
});

test("the toy plane shows this page's toy run, else a picked toy run, else the configured set untrained", () => {
  const datasets = [{ name: "mnist", kind: "mnist", n_in: 784 }, { name: "moons", kind: "toy", n_in: 2 },
    { name: "delta_table", kind: "toy", n_in: 3 }];
  const toySnap = { run_id: "r1", epoch: 1, tensors: { W1: { shape: [2, 8] } } };
  const moons = { dataset: "moons", seed: 3 };
  const s = (state) => ({ state, run_id: "r1" });
  assert.deepEqual(toySubject({ status: s("training"), snapshot: toySnap, config: moons, datasets }),
    { dataset: datasets[1], seed: 3, run: "r1", live: true });
  assert.equal(toySubject({ status: s("done"), snapshot: toySnap, config: moons, datasets, picked: { id: "p" } }).run, "r1",
    "this page's run answers before a picked one");
  const digitSnap = { run_id: "r1", tensors: { W1: { shape: [784, 8] } } };
  assert.equal(toySubject({ status: s("training"), snapshot: digitSnap, config: { dataset: "mnist" }, datasets,
    picked: { id: "p", dataset: "moons", seed: 1 } }), null, "a digit run of this page keeps the pad");
  assert.deepEqual(toySubject({ status: null, snapshot: null, config: { dataset: "mnist" }, datasets, picked: { id: "p", dataset: "moons", seed: 1 } }),
    { dataset: datasets[1], seed: 1, run: "p", live: false });
  assert.equal(toySubject({ status: null, snapshot: null, config: moons, datasets, picked: { id: "p" } }), null, "a picked digit run: the pad");
  assert.deepEqual(toySubject({ status: null, snapshot: null, config: moons, datasets }), { dataset: datasets[1], seed: 3, run: null, live: false });
  assert.equal(toySubject({ status: null, snapshot: null, config: { dataset: "delta_table" }, datasets }).dataset.n_in, 3,
    "three inputs: no plane to draw, but no pad either");
});
