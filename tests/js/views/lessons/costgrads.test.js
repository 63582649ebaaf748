import { test } from "node:test";
import assert from "node:assert/strict";
import { gradRows } from "../../../../static/views/lessons/costgrads.js";

test("the pairs that send back exactly y − t come first", () => {
  const rows = gradRows({ pairs: { "sigmoid+sse": { is_y_minus_t: false }, "softmax+cross_entropy": { is_y_minus_t: true },
    "identity+sse": { is_y_minus_t: true } } });
  assert.deepEqual(rows.map((r) => r.key), ["softmax+cross_entropy", "identity+sse", "sigmoid+sse"]);
});
