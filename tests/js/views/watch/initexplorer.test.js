import { test } from "node:test";
import assert from "node:assert/strict";
import { explorerBody, initLabel, layerReadout } from "../../../../static/views/watch/initexplorer.js";

const t = (key, params = {}) => `${key}${JSON.stringify(params)}`;

test("the explorer asks for the book's figure: five layers of 100 units, four initializations", () => {
  const body = explorerBody("tanh", "gaussian");
  assert.equal(body.activation, "tanh");
  assert.equal(body.inputs, "gaussian");
  assert.equal(body.depth, 5);
  assert.equal(body.width, 100);
  assert.deepEqual(body.inits.map((i) => i.init), ["normal", "normal", "xavier_normal", "he_normal"]);
});

test("column titles and each layer's numbers: saturation for S-curves, zeros and dead units for ReLU", () => {
  assert.equal(initLabel({ init: "normal", std: 0.01 }, t), 'watch.init.std{"std":0.01}');
  const layer = { std: 0.0123, zero: 0.5, dead: 2, saturated: 0.48 };
  assert.match(layerReadout(layer, "sigmoid", t), /watch\.init\.saturated\{"v":"48%"\}/);
  const relu = layerReadout(layer, "relu", t);
  assert.match(relu, /watch\.init\.zero\{"v":"50%"\}/);
  assert.match(relu, /watch\.init\.dead\{"n":2\}/);
});
