import { test } from "node:test";
import assert from "node:assert/strict";
import { nodeXY, linkSegments, pickSegment, nearestLink, segmentDistance, clickPoints } from "../../../../static/views/watch/netlayout.js";

const T = (shape, values) => ({ shape, data: Float32Array.from(values) });
const seg = (x1, y1, x2, y2, w = 1, extra = {}) => ({ x1, y1, x2, y2, w, ...extra });

test("distance to a segment: perpendicular inside, to the nearer end outside", () => {
  const s = seg(0, 0, 10, 0);
  assert.equal(segmentDistance(s, 5, 3), 3);
  assert.equal(segmentDistance(s, 13, 4), 5);
  assert.equal(segmentDistance(seg(2, 2, 2, 2), 5, 6), 5);
});

test("the nearest link within tolerance is hit; farther than that, nothing", () => {
  const a = seg(0, 0, 100, 0, 0.5, { i: 1 }), b = seg(0, 10, 100, 10, -2, { i: 2 });
  assert.equal(nearestLink([a, b], 50, 3), a);
  assert.equal(nearestLink([a, b], 50, 8), b);
  assert.equal(nearestLink([a, b], 50, 30), null);
  assert.equal(nearestLink([a, b], 50, 5), b, "a tie goes to the stronger link, which is drawn on top");
});

test("link segments join the shown neurons and carry the real indices and weight", () => {
  // W_0 is 3×2; only inputs 0 and 2 are shown.
  const W = T([3, 2], [1, -4, 0, 0, 2, 3]);
  const shown = [[0, 2], [0, 1]];
  const segs = linkSegments([{ W }], shown, 300, 200, 10);
  assert.deepEqual(segs.map((s) => [s.i, s.j, s.w]), [[0, 1, -4], [2, 1, 3], [2, 0, 2], [0, 0, 1]]);
  const s = segs[0];
  assert.deepEqual([s.x1, s.y1], nodeXY(0, 0, [2, 2], 300, 200));
  assert.deepEqual([s.x2, s.y2], nodeXY(1, 1, [2, 2], 300, 200));
  assert.deepEqual(pickSegment({ layer: 0, index: [0, 1] }, shown, 300, 200), { layer: 0, i: 0, j: 1, x1: s.x1, y1: s.y1, x2: s.x2, y2: s.y2 });
  assert.equal(pickSegment({ layer: 0, index: [1, 1] }, shown, 300, 200), null, "input 1 is not drawn");
  assert.equal(pickSegment({ layer: 3, index: [0, 0] }, shown, 300, 200), null);
});

test("click points land on exactly their own link", () => {
  const W = T([4, 3], Array.from({ length: 12 }, (_, k) => (k % 5) - 2 + k / 100));
  const segs = linkSegments([{ W }], [[0, 1, 2, 3], [0, 1, 2]], 400, 280, 12);
  const pts = clickPoints(segs, 3);
  assert.equal(pts.length, 3);
  for (const p of pts) {
    const hit = nearestLink(segs, p.x, p.y);
    assert.deepEqual([hit.layer, hit.i, hit.j], [p.layer, p.i, p.j]);
  }
  const two = linkSegments([{ W }, { W: T([3, 2], [1, 2, 3, 4, 5, 6]) }], [[0, 1, 2, 3], [0, 1, 2], [0, 1]], 400, 280, 12);
  assert.deepEqual(clickPoints(two, 1).map((q) => q.layer), [0, 1], "n points per layer");
});
