import { test } from "node:test";
import assert from "node:assert/strict";
import { fieldHome } from "../../../../static/views/backprop/netpicker.js";

test("an error's field finds the form field it belongs to, most specific first", () => {
  assert.equal(fieldHome("example.x.1"), "example.x");
  assert.equal(fieldHome("example.x"), "example.x");
  assert.equal(fieldHome("example.label"), "example.label");
  assert.equal(fieldHome("example"), "example");
  assert.equal(fieldHome("activation.1"), "activation");
  assert.equal(fieldHome("layers.0"), "layers");
  assert.equal(fieldHome("optimizer_params.momentum"), "optimizer_params");
  assert.equal(fieldHome("params.W1.0.1"), null, "parameters are the page's own: no field to point at");
  assert.equal(fieldHome(null), null);
});
