import { test } from "node:test";
import assert from "node:assert/strict";
import { PRESETS, defaultSpeed, presetConfig } from "../../static/presets.js";

test("a default 10-epoch MNIST run at the default speed takes about a minute", () => {
  const updates = Math.ceil(55000 / 32) * 10;
  const seconds = updates / defaultSpeed("mnist");
  assert.ok(seconds > 45 && seconds < 75, `${seconds} s`);
});

test("each toy set has settings of its own; MNIST takes the server's defaults; others none", () => {
  for (const name of ["moons", "circles", "blobs", "spirals", "xor", "delta_table"]) {
    const c = presetConfig(name);
    assert.ok(c.layers.length >= 2 && c.lr > 0 && c.epochs > 0, name);
    assert.ok(PRESETS[name].speed > 0, name);
  }
  assert.deepEqual(presetConfig("mnist", { layers: [784, 16, 10], lr: 0.5, seed: 3 }), { layers: [784, 16, 10], lr: 0.5 });
  assert.deepEqual(presetConfig("unknown"), {});
});

test("a data set's speed is no faster than the server paces", () => {
  assert.equal(defaultSpeed("mnist", [0, 50]), 50);
  assert.equal(defaultSpeed("moons", [0, 1000]), PRESETS.moons.speed);
});
