import { test } from "node:test";
import assert from "node:assert/strict";
import { createRecorder, snapshotRow, recordState } from "../../../../static/views/lessons/records.js";
import { paramCount } from "../../../../static/netsize.js";
import { evaluate } from "../../../../static/views/lessons/rules.js";

const config = { dataset: "xor", layers: [2, 4, 1], lr: 2 };

test("the network's size from its layers: 784-16-16-10 has 13,002 weights and biases", () => {
  assert.equal(paramCount([784, 16, 16, 10]), 13002);
  assert.equal(paramCount([3, 1]), 4);
});

test("a run started with the set-up config is recorded for its preset, message by message", () => {
  const rec = createRecorder();
  rec.arm("xor-backprop", "hidden-layer", config, new Set(["epochs"]));
  assert.deepEqual(rec.record("xor-backprop", "hidden-layer").network, { n_params: 17, layers: [2, 4, 1] });
  rec.status({ type: "status", state: "training", run_id: "r1" }, { ...config });
  rec.metric({ kind: "step", step: 1, epoch: 1, train_loss: 0.7, run_id: "r1" });
  rec.metric({ kind: "epoch", step: 1, epoch: 1, val_accuracy: 1, run_id: "r1" });
  rec.metric({ kind: "epoch", step: 2, epoch: 2, val_accuracy: 1, run_id: "other" });
  const record = rec.record("xor-backprop", "hidden-layer");
  assert.equal(record.steps.length, 1);
  assert.equal(record.epochs.length, 1);
  const check = { source: "epochs", metric: "val_accuracy", op: "==", value: 1, at: "last" };
  assert.equal(evaluate(check, rec.records("xor-backprop"), "hidden-layer"), "pending", "'last' waits for the end");
  rec.status({ type: "status", state: "done", run_id: "r1" }, config);
  assert.equal(evaluate(check, rec.records("xor-backprop"), "hidden-layer"), "pass");
  assert.equal(rec.runOf("xor-backprop", "hidden-layer"), "r1");
});

test("a run with changed settings is not the lesson's; a reset stops the one being recorded", () => {
  const rec = createRecorder();
  rec.arm("l", "p", config, new Set());
  rec.status({ state: "training", run_id: "r1" }, { ...config, lr: 0.5 });
  assert.equal(rec.current, null);
  assert.equal(rec.record("l", "p").status, undefined);
  rec.status({ state: "training", run_id: "r2" }, config);
  assert.equal(rec.current.runId, "r2");
  rec.status(null, config);
  assert.equal(rec.record("l", "p").status, "stopped");
  assert.equal(rec.current, null);
});

test("snapshots are kept only for a preset whose checks read them, as the probe's activations per layer", () => {
  const frame = { kind: "step", step: 3, epoch: 0.5, run_id: "r1", tensors: {
    act1: { shape: [1, 2], data: Float32Array.from([0.5, 0.5]) }, act2: { shape: [1], data: Float32Array.from([0.25]) } } };
  assert.deepEqual(snapshotRow(frame), { kind: "step", step: 3, epoch: 0.5, probe: [[0.5, 0.5], [0.25]] });
  const rec = createRecorder();
  rec.arm("l", "p", config, new Set(["epochs"]));
  rec.status({ state: "training", run_id: "r1" }, config);
  assert.equal(rec.snapshot(frame), null);
  rec.arm("l", "q", config, new Set(["snapshots"]));
  rec.status({ state: "training", run_id: "r2" }, config);
  rec.snapshot({ ...frame, run_id: "r2" });
  assert.equal(rec.record("l", "q").snapshots.length, 1);
});

test("views of presets that train nothing, and the states a record keeps", () => {
  const rec = createRecorder();
  rec.arm("lr", "four", null);
  rec.view("lr", "four", "race", { paths: [] });
  assert.deepEqual(rec.record("lr", "four"), { race: { paths: [] } });
  assert.equal(recordState("lost"), "stopped");
  assert.equal(recordState("requested"), "queued");
  assert.equal(recordState("diverged"), "diverged");
});
