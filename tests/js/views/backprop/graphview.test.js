import { test } from "node:test";
import assert from "node:assert/strict";
import { arrivals } from "../../../../static/views/backprop/graphview.js";
import { trace, node } from "./fixture.js";

test("the node just differentiated sends each input its downstream gradient (none forward)", () => {
  const answer = trace("xor_2_2_1");
  const s = node(answer, "s2.0");
  const sent = arrivals(answer.graph, { dir: "backward", id: "s2.0" });
  assert.deepEqual(Object.keys(sent), ["a1.0", "W2.0.0", "a1.1", "W2.1.0"]);
  assert.equal(sent["a1.0"], s.inputs[0].downstream);
  assert.deepEqual(arrivals(answer.graph, { dir: "forward", id: "s2.0" }), {});
  assert.deepEqual(Object.keys(arrivals(answer.graph, { dir: "backward", id: "L" })), ["z2.0"], "the target receives nothing");
});
