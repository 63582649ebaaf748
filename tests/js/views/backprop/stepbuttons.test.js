import { test } from "node:test";
import assert from "node:assert/strict";
import { enabled } from "../../../../static/views/backprop/stepbuttons.js";

const on = (phase, busy = false) => Object.entries(enabled(phase, busy)).filter(([, v]) => v).map(([k]) => k).sort();

test("each button works only where its step makes sense", () => {
  assert.deepEqual(on("start"), ["forward", "nextExample", "restart", "whole"]);
  assert.deepEqual(on("forward"), ["forward", "nextExample", "prev", "restart", "whole"]);
  assert.deepEqual(on("forward-done"), ["backward", "nextExample", "prev", "restart", "whole"]);
  assert.deepEqual(on("done"), ["nextExample", "prev", "restart", "update"]);
  assert.deepEqual(on("updated"), ["nextExample", "restart"]);
  assert.deepEqual(on("done", true), [], "nothing while the server is answering");
});
