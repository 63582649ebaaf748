import { test } from "node:test";
import assert from "node:assert/strict";
import { extraLabel } from "../../../../static/views/downhill/legend.js";

test("a racer's label is shown only when it says more than the optimizer's name", () => {
  assert.equal(extraLabel({ name: "rmsprop", label: "RMSProp" }), "");
  assert.equal(extraLabel({ name: "sgd", label: "SGD" }), "");
  assert.equal(extraLabel({ name: "sgd" }), "");
  assert.equal(extraLabel({ name: "sgd", label: "lr 0.005" }), "lr 0.005");
  assert.equal(extraLabel({ name: "sgd", label: "(4, 4)" }), "(4, 4)");
});
