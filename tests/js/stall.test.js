import { test } from "node:test";
import assert from "node:assert/strict";
import { stalled, remedies } from "../../static/stall.js";

const steps = (epoch, losses) => losses.map((l, i) => ({ kind: "step", epoch: epoch - 1 + (i + 1) / (losses.length + 1), train_loss: l }));

test("accuracy at chance after a whole epoch is a stall (lr 10, SGD, sigmoid sits at 10 %)", () => {
  const metrics = [...steps(1, [2.4, 2.31, 2.3, 2.32]), { kind: "epoch", epoch: 1, val_accuracy: 0.1032, val_loss: 2.3 }];
  assert.deepEqual(stalled(metrics, 10), { reason: "chance", epoch: 1, accuracy: 0.1032, chance: 0.1 });
  assert.equal(stalled(metrics.slice(0, 4), 10), null, "nothing is said before an epoch has ended");
});

test("a loss that stays flat for the whole epoch is a stall; a falling one or a learned one is not", () => {
  const flat = [...steps(2, [1.5, 1.501, 1.499, 1.5, 1.5, 1.501]), { kind: "epoch", epoch: 2, val_accuracy: 0.4 }];
  assert.equal(stalled(flat, 10).reason, "flat");
  const falling = [...steps(2, [1.5, 1.4, 1.3, 1.2, 1.1, 1.0]), { kind: "epoch", epoch: 2, val_accuracy: 0.4 }];
  assert.equal(stalled(falling, 10), null);
  const learned = [...steps(2, [0.1, 0.1, 0.1, 0.1]), { kind: "epoch", epoch: 2, val_accuracy: 0.97 }];
  assert.equal(stalled(learned, 10), null);
  assert.equal(stalled([...steps(1, [0.7, 0.7, 0.7, 0.7]), { kind: "epoch", epoch: 1, val_accuracy: 0.55 }], 2).reason, "chance", "55 % of two classes is guessing");
  assert.equal(stalled([...steps(1, [0.7, 0.7, 0.7, 0.7]), { kind: "epoch", epoch: 1, val_accuracy: 0.7 }], 2).reason, "flat");
});

test("what to try starts with a ten times smaller learning rate when it is large", () => {
  const r = remedies({ lr: 10, optimizer: "sgd", activation: "sigmoid", layers: [784, 16, 16, 10], init: "xavier_normal" });
  assert.deepEqual(r[0], { key: "stall.try.lr", params: { lr: 1 } });
  assert.ok(r.some((x) => x.key === "stall.try.relu"));
  assert.equal(remedies({ lr: 0.1, optimizer: "sgd", init: "zeros", activation: "relu", layers: [2, 4, 2] })[0].key, "stall.try.init");
});
