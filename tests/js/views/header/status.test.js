import { test } from "node:test";
import assert from "node:assert/strict";
import { fieldLabel, withoutFieldPrefix, localizeFields, describe } from "../../../../static/views/header/status.js";
import { mergeDictionaries, translator } from "../../../../static/i18n.js";
import common from "../../../../static/i18n/common-text.js";
import build from "../../../../static/i18n/build-text.js";
import params from "../../../../static/i18n/params-text.js";

const dict = mergeDictionaries([common, build, params]);
const en = translator(dict, "en");
const ko = translator(dict, "ko");
// /api/options describes the parameters (no UI text); their labels are the page's own.
const options = {
  optimizers: { sgd: { momentum: { default: 0, type: "float" }, dampening: { default: 0, type: "float" } },
    adam: { betas: { default: [0.9, 0.999], type: "pair" } } },
  schedules: { plateau: { patience: { default: 2, type: "int" } } },
};
const state = (lang) => ({ options, lang, config: { optimizer: "sgd", schedule: "plateau", layers: [784, 16, 16, 10] } });

/** [path, language, expected label] rows checked by fieldLabel. */
const expectLabels = (rows) => {
  for (const [path, lang, want] of rows) assert.equal(fieldLabel(path, lang === "ko" ? ko : en, state(lang)), want, path);
};

test("a server field path names the control's label in the page's language", () => {
  expectLabels([["config.lr", "en", "Learning rate"], ["config.lr", "ko", "학습률"], ["batch_size", "ko", "배치 크기"],
    ["config.epochs", "ko", "에폭 수"]]);
});

test("hyperparameters are named by the page's own labels, in its language", () => {
  assert.equal(fieldLabel("config.optimizer_params.dampening", ko, state("ko")), "감쇠 (dampening)");
  assert.equal(fieldLabel("schedule_params.patience", en, state("en")), "patience (epochs)");
  assert.equal(fieldLabel("opt.momentum", ko, state("ko")), "모멘텀", "link keys use opt./sched.");
  assert.equal(fieldLabel("opt.betas", en, state("en")), "betas (β1, β2)", "another optimizer's parameter still has a label");
  assert.equal(fieldLabel("opt.nonsense", en, state("en")), "nonsense");
  assert.equal(fieldLabel("optimizer_params", en, state("en")), "Optimizer");
});

test("layer and activation paths name the hidden layer", () => {
  expectLabels([["config.layers.2", "en", "Hidden layer 2"], ["layers.0", "ko", "층별 뉴런 수"],
    ["activation.0", "ko", "은닉층 1의 활성화 함수"], ["activation", "en", "Activation function"]]);
});

test("unknown paths give null, so the caller keeps the raw path", () => {
  assert.equal(fieldLabel("type", en, state("en")), null);
  assert.equal(fieldLabel("config", en, state("en")), null);
  assert.equal(fieldLabel(null, en, state("en")), null);
});

test("the server message keeps its text but loses a repeated field-path prefix", () => {
  assert.equal(withoutFieldPrefix("config.lr: Input should be greater than 0", "config.lr"), "Input should be greater than 0");
  assert.equal(withoutFieldPrefix("lr is too large", "config.lr"), "lr is too large");
  const d = describe({ connection: "open", status: { state: "error", message: "config.lr: too big", field: "config.lr" }, config: { lr: 1 } });
  const params = localizeFields(d, ko, state("ko"));
  assert.equal(ko(d.key, params), "문제가 생겼어요 (학습률): too big");
  const raw = localizeFields(describe({ connection: "open", status: { state: "error", message: "m", field: "type" } }), en, state("en"));
  assert.equal(raw.field, " (type)");
});

test("a bad link lists each unreadable value by its label and its link key", () => {
  const d = describe({ connection: "open", status: { state: "badlink", fields: "lr, opt.momentum, zzz" } });
  assert.equal(localizeFields(d, ko, state("ko")).fields, "학습률(lr), 모멘텀(opt.momentum), zzz");
});

test("a stalled run's message says it is not learning and what to try", () => {
  const stall = { reason: "chance", epoch: 1, accuracy: 0.0998, chance: 0.1, tries: [{ key: "stall.try.lr", params: { lr: 1 } }] };
  const d = describe({ connection: "open", status: { state: "training" }, config: { lr: 10 }, stall });
  assert.equal(d.key, "status.msg.stalled.chance");
  assert.equal(d.params.acc, "10.0%");
  assert.equal(d.stalled, true);
  assert.equal(describe({ connection: "open", status: { state: "diverged" }, config: { lr: 10 }, stall }).key, "status.msg.diverged");
});
