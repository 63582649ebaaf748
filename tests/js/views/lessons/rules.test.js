// The page's lesson rule evaluator passes the shared cases the Python twin passes
// (tests/fixtures/lesson_rules.json), and every check of lessons.json is well formed for it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { evaluate, path, valueOf, PASS, FAIL, PENDING } from "../../../../static/views/lessons/rules.js";

const read = (rel) => JSON.parse(readFileSync(new URL(rel, import.meta.url), "utf8"));
const { cases } = read("../../../fixtures/lesson_rules.json");
const lessons = read("../../../../static/lessons/lessons.json");

for (const c of cases) {
  test(`shared case: ${c.name}`, () => {
    assert.equal(evaluate({ id: "c", ...c.check }, c.records, "p"), c.expect);
  });
}

test("the shared cases cover all three verdicts", () => {
  assert.deepEqual(new Set(cases.map((c) => c.expect)), new Set([PASS, FAIL, PENDING]));
});

test("paths: negative indices, slices as in Python, keys with '+', missing keys", () => {
  const row = { a: [[1, 2, 3], [4, 5, 6]], "x+y": { z: 7 } };
  assert.deepEqual(path(row, "a.-1.0:2"), [4, 5]);
  assert.deepEqual(path(row, "a.*.-1"), [3, 6]);
  assert.deepEqual(path(row, "a.0.1:"), [2, 3]);
  assert.deepEqual(path(row, "a.0.:-1"), [1, 2]);
  assert.deepEqual(path(row, "a.0.::2"), [1, 3]);
  assert.equal(path(row, "x+y.z"), 7);
  assert.throws(() => path(row, "a.5"));
  assert.throws(() => path(row, "b"));
});

test("reducers and arithmetic on a row", () => {
  const ctx = { records: {}, record: {}, source: "race", rows: [] };
  const row = { p: [[0, 0], [3, 4], [3, 4]], v: [2, -1, 1, 3] };
  assert.deepEqual(valueOf({ step_lengths: "p" }, row, ctx), [5, 0]);
  assert.equal(valueOf({ sign_changes: "v" }, row, ctx), 2);
  assert.equal(valueOf({ spread: "v" }, row, ctx), 4);
  assert.deepEqual(valueOf({ abs: { diff: ["v", 1] } }, row, ctx), [1, 2, 0, 2]);
  assert.deepEqual(valueOf({ dist: ["p", [0, 0]] }, row, ctx), [0, 5, 5]);
});

test("a view that is there, and one that is not yet", () => {
  const check = { source: "network", metric: "n_params", op: "==", value: 13002 };
  assert.equal(evaluate(check, { p: { network: { n_params: 13002 } } }, "p"), PASS);
  assert.equal(evaluate(check, { p: { network: { n_params: 7850 } } }, "p"), FAIL);
  assert.equal(evaluate(check, { p: {} }, "p"), PENDING);
  assert.equal(evaluate(check, {}, "p"), PENDING);
});

test("every check of lessons.json evaluates to a verdict on an empty record without throwing", () => {
  for (const lesson of lessons.lessons) {
    for (const preset of lesson.presets) {
      for (const check of preset.checks) {
        const verdict = evaluate(check, { [preset.id]: { status: "training", epochs: [], steps: [], snapshots: [] } }, preset.id);
        assert.ok([PASS, FAIL, PENDING].includes(verdict), `${lesson.id}/${check.id}`);
        assert.notEqual(verdict, PASS, `${lesson.id}/${check.id} passes on nothing`);
      }
    }
  }
});
