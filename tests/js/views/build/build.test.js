import { test } from "node:test";
import assert from "node:assert/strict";
import { normalizeConfig, updatesPerEpoch, blockedReason, allowedText } from "../../../../static/views/build/build.js";
import { datasetChange } from "../../../../static/views/build/groups.js";
import { coerceParams } from "../../../../static/views/build/fields.js";
import { paramCount, activationList, compactActivation } from "../../../../static/views/build/layers.js";

const OPTIONS = {
  datasets: [{ name: "mnist", kind: "mnist", n_in: 784, n_out: 10, n_train: 55000 },
    { name: "moons", kind: "toy", n_in: 2, n_out: 1, n_train: 400 }, { name: "ring", kind: "toy", n_in: 2, n_out: 1, n_train: 20 }],
  optimizers: { adam: { lr: { default: 0.001, type: "float" }, betas: { default: [0.9, 0.999], type: "pair" },
    amsgrad: { default: false, type: "bool" } } },
  schedules: { step: { step_size: { default: 3, type: "int" }, gamma: { default: 0.1, type: "float" } } },
  defaults: { dataset: "mnist", layers: [784, 16, 16, 10], activation: "sigmoid", output: "softmax",
    loss: "cross_entropy", optimizer: "adam", optimizer_params: {}, lr: 0.5, schedule: "step",
    schedule_params: {}, batch_size: 32, epochs: 5, seed: 0 },
};

test("784-16-16-10 has the course's 13,002 weights and biases", () => {
  assert.equal(paramCount([784, 16, 16, 10]), 13002);
});

test("a link's loose values become the types the server expects", () => {
  const c = normalizeConfig(OPTIONS, { optimizer_params: { amsgrad: 1, betas: [0.8, 0.99], bogus: 3 },
    schedule_params: { step_size: 2.0 }, layers: [5, 32, 7] });
  assert.deepEqual(c.optimizer_params, { amsgrad: true, betas: [0.8, 0.99] });
  assert.deepEqual(c.schedule_params, { step_size: 2 });
  assert.deepEqual(c.layers, [784, 32, 10], "input and output widths follow the data set");
  assert.equal(coerceParams(OPTIONS.optimizers.adam, { amsgrad: 0 }).amsgrad, false);
});

test("switching to a one-output toy set without a preset keeps hidden layers and picks sigmoid + BCE", () => {
  const part = datasetChange(OPTIONS, { ...OPTIONS.defaults, layers: [784, 24, 10] }, "ring");
  assert.deepEqual(part.layers, [2, 24, 1]);
  assert.equal(part.output, "sigmoid");
  assert.equal(part.loss, "binary_cross_entropy");
  assert.equal(part.batch_size, 20, "a batch never exceeds the training set");
});

test("switching to a toy set applies the settings that learn it; back to MNIST restores the defaults", () => {
  const moons = datasetChange(OPTIONS, OPTIONS.defaults, "moons");
  assert.deepEqual(moons.layers, [2, 16, 16, 1]);
  assert.equal(moons.optimizer, "adam");
  assert.equal(moons.activation, "tanh");
  assert.equal(moons.loss, "binary_cross_entropy");
  const back = datasetChange(OPTIONS, { ...OPTIONS.defaults, ...moons }, "mnist");
  assert.deepEqual([back.layers, back.optimizer, back.lr, back.epochs], [[784, 16, 16, 10], "adam", 0.5, 5]);
  assert.equal(back.loss, "cross_entropy");
});

test("per-layer activations expand and collapse", () => {
  assert.deepEqual(activationList({ layers: [784, 8, 8, 8, 10], activation: "relu" }), ["relu", "relu", "relu"]);
  assert.deepEqual(activationList({ layers: [784, 8, 8, 10], activation: ["tanh"] }), ["tanh", "tanh"]);
  assert.equal(compactActivation(["elu", "elu"]), "elu");
  assert.deepEqual(compactActivation(["elu", "relu"]), ["elu", "relu"]);
});

test("updates an epoch follow the data set, the batch and train_size", () => {
  assert.equal(updatesPerEpoch(OPTIONS, { dataset: "mnist", batch_size: 32 }), 1719);
  assert.equal(updatesPerEpoch(OPTIONS, { dataset: "mnist", batch_size: 32, train_size: 3200 }), 100);
});

test("out-of-range values name their control and range in the reason Play waits", () => {
  const t = (key, p = {}) => `${key}:${Object.values(p).join("|")}`;
  assert.equal(allowedText({ min: 0, max: 10, minOpen: true }, t), "build.allowed:0 < x ≤ 10");
  assert.equal(allowedText({ min: 1, max: 500, whole: true }, t), "build.allowed.whole:1 ≤ x ≤ 500");
  assert.equal(blockedReason(new Map(), t), "");
  const why = blockedReason(new Map([["lr", { label: "Learning rate", allowed: "0 < x ≤ 10" }]]), t);
  assert.equal(why, "build.cannotStart:Learning rate (0 < x ≤ 10)");
});

test("a two-class set keeps one sigmoid output ([2, 4, 1] on XOR); other widths follow the set", () => {
  const options = { ...OPTIONS, datasets: [...OPTIONS.datasets, { name: "xor", kind: "toy", n_in: 2, n_out: 2, n_train: 4 }] };
  assert.deepEqual(normalizeConfig(options, { dataset: "xor", layers: [2, 4, 1] }).layers, [2, 4, 1]);
  assert.deepEqual(normalizeConfig(options, { dataset: "xor", layers: [2, 4, 3] }).layers, [2, 4, 2]);
  assert.deepEqual(normalizeConfig(options, { dataset: "mnist", layers: [784, 16, 1] }).layers, [784, 16, 10]);
});
