import { test } from "node:test";
import assert from "node:assert/strict";
import { settingsLine } from "../../../../static/views/runs/table.js";
import { mergeDictionaries, translator } from "../../../../static/i18n.js";
import build from "../../../../static/i18n/build-text.js";
import downhill from "../../../../static/i18n/downhill-text.js";
import runs from "../../../../static/i18n/runs-text.js";

const dict = mergeDictionaries([build, downhill, runs]);

test("a run's settings in one line, in the page's language", () => {
  const config = { layers: [784, 16, 16, 10], activation: "sigmoid", optimizer: "sgd", lr: 0.5, batch_size: 32, epochs: 10 };
  assert.equal(settingsLine(config, translator(dict, "en")), "784-16-16-10 Sigmoid · SGD lr 0.5 · batch 32 · epochs 10");
  assert.equal(settingsLine(config, translator(dict, "ko")), "784-16-16-10 시그모이드 · SGD 학습률 0.5 · 배치 32 · 에폭 10");
});
