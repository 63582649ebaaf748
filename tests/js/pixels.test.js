import { test } from "node:test";
import assert from "node:assert/strict";
import { gridShape, heatmapPixels } from "../../static/pixels.js";

test("heatmaps: near-square grids, unused cells transparent, diverging zero is light", () => {
  assert.deepEqual(gridShape(16), { cols: 4, rows: 4 });
  assert.deepEqual(gridShape(10), { cols: 4, rows: 3 });
  const px = heatmapPixels([-1, 0, 1], 2, 2, "diverging");
  assert.equal(px[15], 0);
  assert.ok(px[4] > 230 && px[5] > 230 && px[6] > 230);
  assert.ok(px[2] > px[0] && px[8] > px[10]);
});
