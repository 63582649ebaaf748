import { test } from "node:test";
import assert from "node:assert/strict";
import { layoutGraph, SIZES, curve } from "../../../../static/views/backprop/graphlayout.js";
import { trace, CASES } from "./fixture.js";

const overlap = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

test("one column per stage, left to right; no two boxes overlap; everything inside the drawing", () => {
  for (const name of CASES) {
    const { graph } = trace(name);
    const lay = layoutGraph(graph);
    const boxes = graph.nodes.map((n) => ({ ...lay.boxes[n.id], n }));
    for (const b of boxes) {
      assert.equal(b.x, lay.columns[b.n.column].x, `${name} ${b.n.id}`);
      assert.ok(b.x >= 0 && b.y >= SIZES.header && b.x + b.w <= lay.width && b.y + b.h <= lay.height, `${name} ${b.n.id}`);
    }
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) assert.ok(!overlap(boxes[i], boxes[j]), `${name}: ${boxes[i].n.id} / ${boxes[j].n.id}`);
    assert.equal(lay.columns.length, graph.columns.length);
    assert.ok(lay.columns.every((c, i) => i === 0 || c.x > lay.columns[i - 1].x));
  }
});

test("each column is centred on the tallest, rows in the endpoint's order", () => {
  const { graph } = trace("xor_2_2_1");
  const lay = layoutGraph(graph);
  const middle = (ids) => { const ys = ids.map((id) => lay.boxes[id]); return (ys[0].y + ys.at(-1).y + ys.at(-1).h) / 2; };
  const weights = middle(["W1.0.0", "W1.1.0", "W1.0.1", "W1.1.1"]);
  assert.equal(middle(["x.0", "x.1"]), weights);
  assert.equal(middle(["L"]), weights);
  assert.ok(lay.boxes["x.0"].y < lay.boxes["x.1"].y);
});

test("an edge leaves its input's right side and reaches its operation's left side", () => {
  const { graph } = trace("softmax_sse");
  const lay = layoutGraph(graph);
  const inputs = graph.nodes.reduce((n, node) => n + (node.inputs || []).length, 0);
  assert.equal(lay.edges.length, inputs);
  for (const e of lay.edges) {
    const [x1, y1] = e.path.slice(1).split(" ")[0].split(",").map(Number);
    const [x2, y2] = e.path.split(" ").at(-1).split(",").map(Number);
    const a = lay.boxes[e.from];
    const b = lay.boxes[e.to];
    assert.ok(Math.abs(x1 - (a.x + a.w)) < 0.1 && Math.abs(y1 - (a.y + a.h / 2)) < 0.1, e.id);
    assert.ok(Math.abs(x2 - b.x) < 0.1 && Math.abs(y2 - (b.y + b.h / 2)) < 0.1, e.id);
  }
  assert.equal(lay.fusedBox, null, "softmax + SSE is not fused: the loss reads y");
});

test("a fused pair gets a box around y, t and L, and its gradient edge from L to z passes under the box", () => {
  const { graph } = trace("xor_2_2_1");
  const lay = layoutGraph(graph);
  const box = lay.fusedBox;
  for (const id of ["y.0", "t.0", "L"]) {
    const b = lay.boxes[id];
    assert.ok(b.x > box.x && b.x + b.w < box.x + box.w && b.y > box.y && b.y + b.h < box.y + box.h, id);
  }
  const jump = lay.edges.find((e) => e.fused);
  assert.equal(jump.id, "z2.0>L");
  const lowest = Math.max(...jump.path.match(/-?\d+(\.\d+)?/g).map(Number).filter((v, i) => i % 2 === 1));
  assert.ok(lowest > box.y + box.h, "the jump dips below the box");
  assert.ok(lay.height >= lowest);
  assert.ok(!lay.boxes["z2.0"] || lay.boxes["z2.0"].x + lay.boxes["z2.0"].w <= box.x, "z stays outside the box");
});

test("a curve without a bend is a plain cubic between its ends", () => {
  assert.equal(curve(0, 10, 100, 30).path, "M0,10 C50,10 50,30 100,30");
});
