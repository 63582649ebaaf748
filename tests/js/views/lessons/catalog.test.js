import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { byTopic, lessonById, neighbours, presetConfig, presetSpeed, sourcesOf, lookTarget, sameJson, lessonText, topicName }
  from "../../../../static/views/lessons/catalog.js";

const read = (name) => JSON.parse(readFileSync(new URL(`../../../../static/lessons/${name}.json`, import.meta.url), "utf8"));
const data = read("lessons");
const texts = { en: read("en"), ko: read("ko") };

test("the index walks the topics in order, every lesson once", () => {
  const groups = byTopic(data);
  assert.deepEqual(groups.map((g) => g.topic), data.topics);
  assert.deepEqual(groups.flatMap((g) => g.lessons.map((l) => l.id)), data.lessons.map((l) => l.id));
});

test("previous and next follow the file, and stop at the ends", () => {
  const first = neighbours(data, data.lessons[0].id);
  assert.equal(first.prev, null);
  assert.equal(first.next.id, data.lessons[1].id);
  assert.equal(first.count, data.lessons.length);
  const last = neighbours(data, data.lessons.at(-1).id);
  assert.equal(last.next, null);
  assert.equal(lessonById(data, "no-such-lesson"), null);
});

test("a preset's run is base_config with its own keys on top; a view preset trains nothing", () => {
  const xor = lessonById(data, "xor-backprop").presets[0];
  const config = presetConfig(data, xor);
  assert.deepEqual(config.layers, [2, 4, 1]);
  assert.equal(config.dataset, "xor");
  assert.equal(config.seed, data.base_config.seed);
  config.layers.push(9);
  assert.deepEqual(presetConfig(data, xor).layers, [2, 4, 1], "a fresh copy each time");
  assert.equal(presetConfig(data, lessonById(data, "activations").presets[0]), null);
});

test("speeds, sources and where Set up takes the student", () => {
  assert.equal(presetSpeed({ speed: "max" }), null);
  assert.equal(presetSpeed({ speed: 20 }), 20);
  assert.equal(presetSpeed({}), undefined);
  assert.deepEqual([...sourcesOf(lessonById(data, "knobs").presets[0])].sort(), ["epochs", "network", "untrained"]);
  assert.equal(lookTarget(lessonById(data, "learning-rate").presets[0]), "#panel-downhill");
  assert.equal(lookTarget(lessonById(data, "init-std1").presets[0]), "[data-testid=init-explorer]");
  assert.equal(lookTarget(lessonById(data, "activations").presets[0]), "[data-testid=act-plots]");
  assert.equal(lookTarget(lessonById(data, "delta-rule").presets[0]), "[data-testid=outputs-card]");
  assert.equal(lookTarget(lessonById(data, "knobs").presets[0]), "#panel-watch");
});

test("configs compare by value, whatever the key order", () => {
  assert.ok(sameJson({ a: [1, { b: 2 }], c: null }, { c: null, a: [1, { b: 2 }] }));
  assert.ok(!sameJson({ a: [1, 2] }, { a: [2, 1] }));
  assert.ok(sameJson({ a: 1, b: undefined }, { a: 1 }));
  assert.ok(!sameJson({ a: 1 }, { a: "1" }));
});

test("texts in each language, English where a language lacks one", () => {
  assert.equal(lessonText(texts, "ko", "knobs").title, texts.ko.lessons.knobs.title);
  assert.equal(lessonText({ en: texts.en, ko: { lessons: {} } }, "ko", "knobs").title, texts.en.lessons.knobs.title);
  assert.equal(topicName(texts, "ko", "init"), texts.ko.topics.init);
});

test("every lesson and preset has its words in both languages", () => {
  for (const lang of ["en", "ko"]) {
    for (const lesson of data.lessons) {
      const text = texts[lang].lessons[lesson.id];
      assert.ok(text && text.title && text.body.length && text.outcome && text.look, `${lang}/${lesson.id}`);
      for (const preset of lesson.presets) {
        assert.ok(text.presets[preset.id], `${lang}/${lesson.id}/${preset.id}`);
        for (const check of preset.checks) assert.ok(text.checks[check.id], `${lang}/${lesson.id}/${check.id}`);
      }
    }
  }
});
