// The endpoint's answers the panel's tests read (tests/fixtures/backprop_traces.json, checked
// against the live endpoint by tests/app/routes/test_backprop.py).
import { readFileSync } from "node:fs";

const cases = JSON.parse(readFileSync(new URL("../../../fixtures/backprop_traces.json", import.meta.url), "utf8"));

/** The trace answer of a case: xor_2_2_1, delta_rule, softmax_sse, units. */
export const trace = (name) => structuredClone(cases[name].answer);
export const CASES = Object.keys(cases);
export const node = (answer, id) => answer.graph.nodes.find((n) => n.id === id);
