import { test } from "node:test";
import assert from "node:assert/strict";
import { regionColour, classColour, regionsFromAnswer, pointsFromAnswer, toPixels } from "../../static/regions.js";

test("two-class regions: blue for a sure class 0, orange for a sure class 1, light where undecided", () => {
  const [r0, , b0] = regionColour(0, 0.95, 2);
  const [r1, , b1] = regionColour(1, 0.95, 2);
  assert.ok(b0 > r0 && r1 > b1);
  assert.ok(regionColour(1, 0.5, 2).every((c) => c > 230));
  assert.deepEqual(regionColour(0, 0.9, 2), regionColour(1, 0.1, 2), "the same probability of class 1, either way round");
  assert.notDeepEqual(regionColour(0, 1, 2), classColour(0, 2), "regions stay paler than the points drawn on them");
});

test("more classes: each its own colour, paler when the network is less sure", () => {
  const sure = [0, 1, 2].map((k) => regionColour(k, 1, 3));
  assert.equal(new Set(sure.map(String)).size, 3);
  const unsure = regionColour(2, 0.4, 3);
  assert.ok(unsure.every((c, i) => c >= sure[2][i] && sure[2][i] >= classColour(2, 3)[i]));
  assert.deepEqual(regionColour(1, Number.NaN, 3), [255, 255, 255]);
});

test("answers over HTTP become the same shapes as a snapshot's", () => {
  const r = regionsFromAnswer({ view: [0, 1, 0, 1], size: 2, classes: [[0, 1], [1, 1]], confidence: [[0.9, 0.8], [0.7, 0.6]] });
  assert.deepEqual(r.classes, [0, 1, 1, 1]);
  assert.deepEqual(r.confidence, [0.9, 0.8, 0.7, 0.6]);
  assert.equal(regionsFromAnswer(null), null);
  const p = pointsFromAnswer({ train: { x: [[0.5, 0.25]], y: [1] }, val: { x: [[0, 0]], y: [0] }, same: false });
  assert.deepEqual(p.train, [{ x: 0.5, y: 0.25, label: 1 }]);
  assert.deepEqual(p.val, [{ x: 0, y: 0, label: 0 }]);
  const table = pointsFromAnswer({ train: { x: [[0, 1]], y: [0] }, val: { x: [[0, 1]], y: [0] }, same: true });
  assert.deepEqual(table.val, [], "a truth table's validation points are its training points: drawn once");
});

test("points land where the regions grid puts them: y up, the view's corners at the frame's", () => {
  assert.deepEqual(toPixels({ x: -1, y: 1 }, [-1, 1, -1, 1], 100), [0, 0]);
  assert.deepEqual(toPixels({ x: 1, y: -1 }, [-1, 1, -1, 1], 100), [100, 100]);
  assert.deepEqual(toPixels({ x: 0, y: 0.5 }, [-1, 1, -1, 1], 100), [50, 25]);
});
