import { test } from "node:test";
import assert from "node:assert/strict";
import { differences, overlay } from "../../../../static/views/runs/compare.js";
import { mergeDictionaries, translator } from "../../../../static/i18n.js";
import build from "../../../../static/i18n/build-text.js";

const t = translator(mergeDictionaries([build]), "en");

test("each run is named by what sets it apart from the others", () => {
  const base = { dataset: "mnist", layers: [784, 16, 16, 10], output: "softmax", loss: "cross_entropy", lr: 0.5 };
  const names = differences([base, { ...base, output: "sigmoid", loss: "sse" }], t);
  assert.deepEqual(names, ["Output activation: Softmax · Loss (cost): Cross-entropy",
    "Output activation: Sigmoid · Loss (cost): Sum of squared errors (½·Σ, averaged over examples)"]);
  assert.deepEqual(differences([base, { ...base, lr: 0.1 }], t, { labels: false }), ["0.5", "0.1"]);
  assert.deepEqual(differences([base, base], t), ["", ""]);
});

test("curves on one epoch axis: every update where the page watched it, else the saved epochs", () => {
  const a = { metrics: [{ epoch: 1, train_loss: 0.5, val_accuracy: 0.9 }], steps: [{ epoch: 0.5, train_loss: 1 }, { epoch: 1, train_loss: 0.4 }] };
  const b = { metrics: [{ epoch: 1, train_loss: 0.6, val_accuracy: 0.7 }] };
  const o = overlay([a, b]);
  assert.deepEqual(o.x, [0.5, 1]);
  assert.deepEqual(o.loss, [[1, 0.4], [null, 0.6]]);
  assert.deepEqual(o.acc, [[null, 90], [null, 70]]);
});
