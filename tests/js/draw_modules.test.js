import { test } from "node:test";
import assert from "node:assert/strict";
import { inkRows, hasInk } from "../../static/views/drawpad.js";
import { createPredictor } from "../../static/views/predictor.js";
import { contribution, weightColumn, firstLayer, argmax } from "../../static/views/contrib.js";
import { gridShape, heatmapPixels } from "../../static/views/heatmap.js";
import { rowShares } from "../../static/views/confusion.js";

test("ink comes from the alpha channel, scaled to 0..1", () => {
  const rgba = new Uint8ClampedArray([0, 0, 0, 0, 0, 0, 0, 255, 0, 0, 0, 51, 9, 9, 9, 0]);
  assert.deepEqual(inkRows(rgba, 2, 2), [[0, 1], [0.2, 0]]);
  assert.equal(hasInk([[0, 0]]), false);
  assert.equal(hasInk([[0, 0.5]]), true);
});

test("predictor keeps one request in flight and sends only the newest drawing next", async () => {
  const sent = [];
  const answers = [];
  let release;
  const send = (body) => { sent.push(body); return new Promise((r) => { release = () => r({ echo: body }); }); };
  const p = createPredictor(send, (a) => answers.push(a.echo), assert.fail);
  p.request(() => 1);
  p.request(() => 2);
  p.request(() => 3);
  assert.deepEqual(sent, [1]);
  release();
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(sent, [1, 3]);
  release();
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(answers, [1, 3]);
  assert.equal(p.busy, false);
});

test("contribution is input times the neuron's weight column", () => {
  const W = Float32Array.from([1, 2, 3, 4, 5, 6]);        // 3 inputs × 2 neurons
  assert.deepEqual(Array.from(contribution([1, 0, 2], W, 2, 1)), [2, 0, 12]);
  assert.deepEqual(Array.from(weightColumn(W, 2, 0)), [1, 3, 5]);
  const fl = firstLayer({ W: [[1, 2], [3, 4], [5, 6]] });
  assert.deepEqual([fl.nIn, fl.nOut, Array.from(fl.W)], [3, 2, [1, 2, 3, 4, 5, 6]]);
  assert.equal(argmax([0.1, 0.9, 0.3]), 1);
});

test("heatmaps: near-square grids, unused cells transparent, diverging zero is light", () => {
  assert.deepEqual(gridShape(16), { cols: 4, rows: 4 });
  assert.deepEqual(gridShape(10), { cols: 4, rows: 3 });
  const px = heatmapPixels([-1, 0, 1], 2, 2, "diverging");
  assert.equal(px[15], 0);
  assert.ok(px[4] > 230 && px[5] > 230 && px[6] > 230);
  assert.ok(px[2] > px[0] && px[8] > px[10]);
});

test("confusion rows become shares that sum to one", () => {
  assert.deepEqual(rowShares([[3, 1], [0, 0]]), [[0.75, 0.25], [0, 0]]);
});

test("the end of a stroke goes out beside the request in flight, and the older answer is then dropped", async () => {
  const sent = [];
  const answers = [];
  const release = [];
  const send = (body) => { sent.push(body); return new Promise((r) => { release.push(() => r({ echo: body })); }); };
  const p = createPredictor(send, (a) => answers.push(a.echo), assert.fail);
  p.request(() => "move");
  p.request(() => "move 2");                  // waits behind the one in flight
  p.request(() => "end", { urgent: true });   // does not wait, and supersedes "move 2"
  assert.deepEqual(sent, ["move", "end"]);
  release[1]();
  await new Promise((r) => setTimeout(r, 0));
  release[0]();                               // the obsolete answer arrives last
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(answers, ["end"]);
  assert.equal(p.busy, false);
  assert.deepEqual(sent, ["move", "end"], "nothing was left waiting");
});
