import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { matchViews } from "../../../../static/views/lessons/viewmatch.js";
import { explorerBody } from "../../../../static/views/watch/initexplorer.js";

const data = JSON.parse(readFileSync(new URL("../../../../static/lessons/lessons.json", import.meta.url), "utf8"));
const runs = { runOf: (lesson, preset) => (lesson === "analyze" && preset === "trained" ? "run-7" : null) };

test("a published race belongs to the preset that asked for exactly that race", () => {
  const race = data.lessons.find((l) => l.id === "learning-rate").presets[0].race;
  const found = matchViews(data, "toyRaceResult", { body: structuredClone(race), answer: { paths: [] } }, runs);
  assert.deepEqual(found.map((m) => [m.lesson, m.preset, m.key]), [["learning-rate", "four-rates", "race"]]);
  const changed = { ...structuredClone(race), steps: 61 };
  assert.deepEqual(matchViews(data, "toyRaceResult", { body: changed, answer: {} }, runs), []);
});

test("the explorer's own request for sigmoid is the std-1 and std-0.01 lessons' request", () => {
  const found = matchViews(data, "initExperimentResult", { body: explorerBody("sigmoid", "mnist"), answer: { results: [] } }, runs);
  assert.deepEqual(found.map((m) => m.lesson).sort(), ["init-small", "init-std1"]);
  assert.deepEqual(matchViews(data, "initExperimentResult", { body: explorerBody("relu", "mnist"), answer: {} }, runs).map((m) => m.lesson), ["init-relu"]);
});

test("an analysis counts only for the preset's own latest run; curves by their list", () => {
  const analyze = data.lessons.find((l) => l.id === "analyze").presets[0].analyze;
  assert.equal(matchViews(data, "analysis", { body: { ...analyze, run: "run-7" }, answer: {} }, runs).length, 1);
  assert.equal(matchViews(data, "analysis", { body: { ...analyze, run: "run-8" }, answer: {} }, runs).length, 0);
  const list = data.lessons.find((l) => l.id === "activations").presets[0].activations;
  assert.equal(matchViews(data, "activationCurves", { list: structuredClone(list), answers: { sigmoid: {} } }, runs).length, 1);
  assert.deepEqual(matchViews(data, "activationCurves", { list: [{ name: "relu" }], answers: {} }, runs), []);
});
