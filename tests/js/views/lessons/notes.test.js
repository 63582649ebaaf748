import { test } from "node:test";
import assert from "node:assert/strict";
import { presetNote } from "../../../../static/views/lessons/notes.js";

const t = (key, params = {}) => `${key}${Object.keys(params).length ? JSON.stringify(params) : ""}`;
const preset = { id: "p", config: {}, panel: "watch" };
const armed = { lesson: "l", preset: "p" };

test("what a preset's line says as its run goes", () => {
  const note = (record, extra = {}) => presetNote({ t, lessonId: "l", preset, record, armed, current: null, status: null, epochs: 1, ...extra });
  assert.equal(note({}), "lessons.note.ready");
  assert.equal(note({ status: "paused", steps: [], epochs: [] }), "lessons.note.paused0");
  assert.equal(note({ status: "paused", steps: [], epochs: [], untrained: { accuracy: 0.097 } }), 'lessons.note.untrained{"acc":"9.7 %"}');
  assert.equal(note({ status: "training", steps: [{ step: 5, epoch: 0.25 }], epochs: [] }), 'lessons.note.training{"epoch":0.25,"epochs":1}');
  assert.equal(note({ status: "done", steps: [], epochs: [] }), "lessons.note.done");
  assert.equal(note({ status: "done", steps: [], epochs: [{ epoch: 1, val_accuracy: 0.935 }], untrained: { accuracy: 0.097 } }),
    'lessons.note.doneAcc{"acc":"93.5 %","epoch":1} lessons.note.wasUntrained{"acc":"9.7 %"}');
  assert.equal(note({ status: "stopped" }), "lessons.note.stopped");
  assert.equal(note({}, { status: { state: "training", run_id: "x" } }), "lessons.note.changed", "a run that is not the lesson's");
  assert.equal(presetNote({ t, lessonId: "l", preset, record: undefined, armed: null }), "", "nothing set up yet");
});

test("a preset that only fills a view says where it is shown", () => {
  assert.equal(presetNote({ t, lessonId: "l", preset: { id: "v", panel: "downhill" }, record: { race: {} } }), 'lessons.note.view{"panel":"panel.downhill"}');
  assert.equal(presetNote({ t, lessonId: "l", preset: { id: "g", panel: "lessons" }, record: { gradients: {} } }), "lessons.note.here");
  assert.equal(presetNote({ t, lessonId: "l", preset: { id: "v", panel: "build" }, record: {} }), "");
});
