import { test } from "node:test";
import assert from "node:assert/strict";
import { START, next, prev, whole, phase, canUpdate, current, visible, edgeStates, consumers, keyAction } from "../../../../static/views/backprop/stepper.js";
import { trace, node, CASES } from "./fixture.js";

/** Every position from the start to the end, pressing → each time. */
function walk(g) {
  const out = [START];
  for (let p = next(START, g); p !== out[out.length - 1]; p = next(p, g)) out.push(p);
  return out;
}

test("→ walks graph.forward one node at a time, then graph.backward from the loss, then stops", () => {
  const g = trace("xor_2_2_1").graph;
  const reached = walk(g).slice(1).map((p) => current(p, g));
  assert.deepEqual(reached.map((c) => c.id), [...g.forward, ...g.backward]);
  assert.deepEqual(reached.map((c) => c.dir), [...g.forward.map(() => "forward"), ...g.backward.map(() => "backward")]);
  assert.equal(g.forward.at(-1), "L");
  assert.equal(g.backward[0], "L");
  const end = walk(g).at(-1);
  assert.equal(next(end, g), end, "nothing past the end of the backward pass");
});

test("the phases in order, the update only when both passes are shown, and no step back after it", () => {
  const g = trace("delta_rule").graph;
  const phases = walk(g).map((p) => phase(p, g));
  assert.deepEqual([...new Set(phases)], ["start", "forward", "forward-done", "backward", "done"]);
  assert.deepEqual(walk(g).map((p) => canUpdate(p, g)), phases.map((ph) => ph === "done"));
  const updated = { ...whole(START, g), updated: true };
  assert.equal(phase(updated, g), "updated");
  assert.equal(prev(updated), updated);
  assert.equal(next(updated, g), updated);
  assert.deepEqual(prev(prev({ f: 4, b: 1, updated: false })), { f: 3, b: 0, updated: false });
  assert.equal(prev(START), START);
});

test("values: leaves from the start, each operation once the forward pass reached it", () => {
  const g = trace("xor_2_2_1").graph;
  const leaves = g.nodes.filter((n) => !n.inputs).map((n) => n.id);
  const atStart = visible(START, g);
  assert.ok(leaves.every((id) => atStart[id].value));
  assert.ok(g.forward.every((id) => !atStart[id].value));
  const three = visible({ f: 3, b: 0, updated: false }, g);
  assert.deepEqual(g.forward.filter((id) => three[id].value), g.forward.slice(0, 3));
  assert.ok(g.nodes.every((n) => !three[n.id].grad), "no gradient before the backward pass");
});

test("gradients: an operation's when its step comes; a leaf's once every node it feeds has sent its part", () => {
  const answer = trace("xor_2_2_1");
  const g = answer.graph;
  const F = g.forward.length;
  // x1 feeds s1[1] and s1[2]: its gradient is the sum of both, shown only after the second.
  const readers = consumers(g)["x.0"].map((c) => c.node.id);
  assert.deepEqual(readers, ["s1.0", "s1.1"]);
  const afterFirst = visible({ f: F, b: g.backward.indexOf("s1.0") + 1, updated: false }, g);
  assert.equal(afterFirst["x.0"].grad, false);
  const afterBoth = visible({ f: F, b: g.backward.indexOf("s1.1") + 1, updated: false }, g);
  assert.equal(afterBoth["x.0"].grad, true);
  const sent = readers.map((id) => node(answer, id).inputs.find((e) => e.from === "x.0").downstream);
  assert.ok(Math.abs(sent[0] + sent[1] - node(answer, "x.0").upstream) < 1e-12);
  // The fused output y and the target never get a gradient; L gets ∂L/∂L = 1 at the first backward step.
  const end = visible(whole(START, g), g);
  assert.equal(end["y.0"].grad, false);
  assert.equal(end["t.0"].grad, false);
  assert.equal(visible({ f: F, b: 1, updated: false }, g).L.grad, true);
  assert.equal(node(answer, "L").upstream, 1);
});

test("every node with a gradient shows it by the end of the backward pass, in every case", () => {
  for (const name of CASES) {
    const g = trace(name).graph;
    const end = visible(whole(START, g), g);
    const missing = g.nodes.filter((n) => n.upstream !== null && !end[n.id].grad);
    assert.deepEqual(missing.map((n) => n.id), [], name);
  }
});

test("edges light up into the node computed, out of the node differentiated, and stay marked once passed", () => {
  const g = trace("xor_2_2_1").graph;
  const F = g.forward.length;
  const fwd = edgeStates({ f: 1, b: 0, updated: false }, g);
  assert.deepEqual(Object.keys(fwd).filter((k) => fwd[k] === "forward").sort(), ["W1.0.0>s1.0", "W1.1.0>s1.0", "x.0>s1.0", "x.1>s1.0"]);
  const back = edgeStates({ f: F, b: 2, updated: false }, g);
  assert.deepEqual(Object.keys(back).filter((k) => back[k] === "backward").sort(), ["b2.0>z2.0", "s2.0>z2.0"]);
  assert.equal(back["z2.0>L"], "done", "the fused edge from L straight to z has carried its gradient");
  assert.equal(back["t.0>L"], "", "a target receives nothing");
});

test("keys: arrows step, p u n r act, nothing with a modifier", () => {
  assert.equal(keyAction({ key: "ArrowRight" }), "next");
  assert.equal(keyAction({ key: "ArrowLeft" }), "prev");
  assert.equal(keyAction({ key: "U" }), "update");
  assert.equal(keyAction({ key: "n" }), "nextExample");
  assert.equal(keyAction({ key: "r" }), "train");
  assert.equal(keyAction({ key: "p" }), "whole");
  assert.equal(keyAction({ key: "r", ctrlKey: true }), null);
  assert.equal(keyAction({ key: "x" }), null);
});
