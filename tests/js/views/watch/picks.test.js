import { test } from "node:test";
import assert from "node:assert/strict";
import { addPick, pickOrder, pixelIndex, describePicks, samePick } from "../../../../static/views/watch/picks.js";

const T = (shape, values) => ({ shape, data: Float32Array.from(values) });
const seg = (x1, y1, x2, y2, w = 1, extra = {}) => ({ x1, y1, x2, y2, w, ...extra });

test("picks: at most two of one layer, the newest replacing the oldest", () => {
  const p = (layer, i, j) => ({ layer, index: [i, j] });
  let picks = addPick([], p(0, 406, 0));
  picks = addPick(picks, p(0, 408, 1));
  assert.deepEqual(picks, [p(0, 406, 0), p(0, 408, 1)]);
  picks = addPick(picks, p(0, 5, 2));
  assert.deepEqual(picks, [p(0, 408, 1), p(0, 5, 2)]);
  assert.deepEqual(addPick(picks, p(1, 3, 4)), [p(1, 3, 4)], "another layer starts a new pair");
  assert.equal(pickOrder(picks, 0, 5, 2), 1);
  assert.equal(pickOrder(picks, 0, 9, 9), -1);
  assert.ok(samePick(p(1, 2, 3), p(1, 2, 3)) && !samePick(p(0, 2, 3), p(1, 2, 3)));
});

test("a pixel of a 28×28 picture shown at 56 px maps to its row-major index", () => {
  assert.equal(pixelIndex(0, 0, 56, 56), 0);
  assert.equal(pixelIndex(55.9, 55.9, 56, 56), 783);
  assert.equal(pixelIndex(2 * 3 + 1, 2 * 14 + 1, 56, 56), 14 * 28 + 3);
  assert.equal(pixelIndex(-1, 3, 56, 56), -1);
  assert.equal(pixelIndex(3, 56, 56, 56), -1);
});

test("the caption names the layer from 1 and each weight as w[i→j]", () => {
  const t = (k, p = {}) => `${k}|${Object.entries(p).map(([a, b]) => `${a}=${b}`).join(",")}`;
  assert.equal(describePicks([], t), "watch.pick.none|");
  assert.equal(describePicks([{ layer: 0, index: [406, 0] }], t), "watch.pick.one|l=1,a=w[406→0]");
  assert.equal(describePicks([{ layer: 1, index: [1, 2] }, { layer: 1, index: [3, 4] }], t), "watch.pick.two|l=2,a=w[1→2],b=w[3→4]");
  assert.equal(describePicks([{ layer: 1, index: [1, 2] }, { layer: 1, index: [1, 2] }], t), "watch.pick.same|l=2,a=w[1→2],b=w[1→2]");
});
