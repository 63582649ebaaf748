import { test } from "node:test";
import assert from "node:assert/strict";
import { encodeConfig, decodeConfig, encodePage, decodePage } from "../../static/urlstate.js";

const DEFAULTS = { dataset: "mnist", layers: [784, 16, 16, 10], activation: "sigmoid", output: "softmax",
  loss: "cross_entropy", init: "xavier_normal", optimizer: "sgd", optimizer_params: { momentum: 0 },
  lr: 0.1, schedule: "constant", schedule_params: {}, batch_size: 32, epochs: 3, seed: 0 };

test("a config survives the trip through the hash, seed and nested params included", () => {
  const config = { ...DEFAULTS, layers: [784, 64, 32, 10], activation: ["relu", "tanh"], optimizer: "adam",
    optimizer_params: { betas: [0.8, 0.99], amsgrad: true, eps: 1e-8 }, lr: 0.003, schedule: "step",
    schedule_params: { step_size: 2, gamma: 0.5 }, batch_size: 1, seed: 1234, init_std: 0.01 };
  const hash = `#${encodeConfig(config)}`;
  const { config: back, errors, found } = decodeConfig(hash, DEFAULTS);
  assert.equal(found, true);
  assert.deepEqual(errors, []);
  assert.deepEqual(back.layers, [784, 64, 32, 10]);
  assert.deepEqual(back.activation, ["relu", "tanh"]);
  assert.equal(back.lr, 0.003);
  assert.equal(back.seed, 1234);
  assert.equal(back.batch_size, 1);
  assert.deepEqual(back.optimizer_params, { betas: [0.8, 0.99], amsgrad: 1, eps: 1e-8 });
  assert.deepEqual(back.schedule_params, { step_size: 2, gamma: 0.5 });
});

test("the hash is readable: layers as 784-16-10", () => {
  assert.match(encodeConfig(DEFAULTS), /layers=784-16-16-10/);
});

test("an empty or foreign hash leaves the defaults", () => {
  for (const h of ["", "#", "#panel-draw", "#foo=bar"]) {
    const { config, found } = decodeConfig(h, DEFAULTS);
    assert.equal(found, false);
    assert.deepEqual(config, DEFAULTS);
  }
});

test("bad values are reported and ignored, good ones still apply", () => {
  const { config, errors } = decodeConfig("#lr=abc&epochs=2.5&seed=7&layers=784-x-10", DEFAULTS);
  assert.deepEqual(errors.sort(), ["epochs", "layers", "lr"]);
  assert.equal(config.seed, 7);
  assert.equal(config.lr, DEFAULTS.lr);
});

test("a link naming another optimizer without its params does not inherit the default's params", () => {
  const { config } = decodeConfig("#optimizer=adam", DEFAULTS);
  assert.deepEqual(config.optimizer_params, {});
});

test("the speed and the language ride in the link beside the config", () => {
  const hash = `#${encodeConfig(DEFAULTS)}&${encodePage({ speed: 30, lang: "ko" })}`;
  assert.deepEqual(decodePage(hash), { speed: 30, lang: "ko", errors: [] });
  assert.equal(decodeConfig(hash, DEFAULTS).found, true);
  assert.deepEqual(decodeConfig(hash, DEFAULTS).errors, [], "page keys are not config errors");
  assert.equal(decodePage("#speed=max").speed, null, "max: as fast as possible");
  assert.equal(encodePage({ speed: null }), "speed=max");
  assert.deepEqual(decodePage("#speed=0&lang=fr").errors, ["speed", "lang"]);
});

test("a bare ko in the hash or ?lang=ko opens the page in Korean", () => {
  assert.equal(decodePage("#ko").lang, "ko");
  assert.equal(decodePage("#layers=784-10-10&ko").lang, "ko");
  assert.equal(decodePage("?lang=ko").lang, "ko");
  assert.equal(decodePage("").lang, undefined);
});

test("the lesson open and the preset it set up travel in the link", () => {
  const page = decodePage(`#${encodeConfig(DEFAULTS)}&${encodePage({ lesson: "xor-backprop", preset: "hidden-layer", lang: "ko" })}`);
  assert.equal(page.lesson, "xor-backprop");
  assert.equal(page.preset, "hidden-layer");
  assert.equal(decodePage("#lesson=knobs").lesson, "knobs");
  assert.deepEqual(decodePage("#lesson=<script>").errors, ["lesson"]);
});
