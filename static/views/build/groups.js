/** The Build form's groups (data, network, training), rendered from options + config. */
import { h, tOr } from "../../dom.js";
import { selectField, numberField, paramFields } from "./fields.js";
import { renderLayers } from "./layers.js";
import { presetConfig } from "../../presets.js";

/** Losses computed together with their output activation (softmax + CE, sigmoid + BCE) fix the output. */
export const FUSED = new Set(["softmax", "sigmoid"]);
export const names = (list) => (list || []).map((x) => (typeof x === "string" ? x : x.name));
export const datasetsOf = (options) => (Array.isArray(options.datasets) ? options.datasets
  : Object.entries(options.datasets || {}).map(([name, d]) => ({ name, ...d })));

const group = (t, titleKey, ...children) => h("div", { class: "group" }, h("h3", {}, t(titleKey)), ...children);
const choicesOf = (t, prefix, list) => list.map((n) => [n, tOr(t, `${prefix}.${n}`, n)]);

/** env = {t, options, config, set(part, structural)} -> [group elements]. */
export function groups(env) {
  return [dataGroup(env), networkGroup(env), trainingGroup(env)];
}

function dataGroup({ t, options, config, set }) {
  return group(t, "build.group.data",
    selectField({ key: "dataset", label: t("build.dataset"), value: config.dataset, testid: "dataset",
      choices: datasetsOf(options).map((d) => [d.name, tOr(t, `dataset.${d.name}`, d.name)]),
      onChange: (v) => set(datasetChange(options, config, v), true) }),
    h("p", { class: "hint", "data-testid": "dataset-about" }, tOr(t, `dataset.${config.dataset}.about`, "")));
}

function networkGroup({ t, options, config, set }) {
  const losses = options.losses || [];
  const lossOutput = (losses.find((l) => l.name === config.loss) || {}).output;
  const maxWidth = (options.limits && options.limits.width && options.limits.width[1]) || 1024;
  const usesAlpha = [].concat(config.activation).some((a) => a === "leaky_relu" || a === "elu");
  return group(t, "build.group.network",
    renderLayers(config, { t, activations: names(options.activations), maxWidth,
      onChange: (layers, activation) => set({ layers, activation }, true) }),
    usesAlpha ? numberField({ key: "alpha", label: t("build.alpha"), value: config.alpha ?? "", min: 0.0001, max: 10,
      help: t("build.alpha.help"), onChange: (v) => set({ alpha: v }) }) : null,
    usesAlpha ? h("p", { class: "hint" }, t("build.alpha.help")) : null,
    h("div", { class: "act-plots-slot" }),
    selectField({ key: "loss", label: t("build.loss"), value: config.loss, testid: "loss",
      choices: choicesOf(t, "loss", names(losses)), onChange: (v) => set(lossChange(losses, v), true) }),
    selectField({ key: "output", label: t("build.output"), value: config.output, testid: "output",
      choices: choicesOf(t, "out", FUSED.has(lossOutput) ? [lossOutput] : names(options.outputs)),
      onChange: (v) => set({ output: v }) }),
    selectField({ key: "init", label: t("build.init"), value: config.init, testid: "init",
      choices: choicesOf(t, "init", names(options.initializers)),
      onChange: (v) => set(v === "normal" && !config.init_std ? { init: v, init_std: 0.01 } : { init: v }, true) }),
    config.init === "normal" ? numberField({ key: "init_std", label: t("build.initStd"), value: config.init_std ?? 0.01,
      min: 0, max: 10, onChange: (v) => set({ init_std: v }) }) : null,
    h("a", { class: "hint-link", href: "#init-explorer", "data-testid": "init-explore-link" }, t("build.init.explore")));
}

function trainingGroup(env) {
  const { t, options, config, set } = env;
  const optimizers = options.optimizers || {};
  const schedules = options.schedules || {};
  return group(t, "build.group.training",
    selectField({ key: "optimizer", label: t("build.optimizer"), value: config.optimizer, testid: "optimizer",
      choices: choicesOf(t, "opt", Object.keys(optimizers)), onChange: (v) => set(optimizerChange(options, v), true) }),
    paramFields(t, "opt", config.optimizer, optimizers[config.optimizer], config.optimizer_params || {},
      (name, v) => set({ optimizer_params: { ...config.optimizer_params, [name]: v } }), ["lr"]),
    selectField({ key: "schedule", label: t("build.schedule"), value: config.schedule, testid: "schedule",
      choices: choicesOf(t, "sched", Object.keys(schedules)),
      onChange: (v) => set({ schedule: v, schedule_params: defaultsOf(schedules[v], FOLLOWS_RUN) }, true) }),
    paramFields(t, "sched", config.schedule, schedules[config.schedule], config.schedule_params || {},
      (name, v) => set({ schedule_params: withParam(config.schedule_params, name, v) }), [],
      followsRun(t, config)),
    h("div", { class: "schedule-curve" }),
    batchField(env),
    numberField({ key: "epochs", label: t("build.epochs"), value: config.epochs, min: 1, max: 500, step: 1,
      testid: "epochs", onChange: (v) => set({ epochs: Math.round(v) }) }),
    seedField(env));
}

function batchField({ t, options, config, set }) {
  const datasets = datasetsOf(options);
  const ds = datasets.find((d) => d.name === config.dataset) || datasets[0] || { n_train: 1 };
  const presets = [["batchgd", ds.n_train], ["sgd", 1], ["minibatch", 32]];
  const updates = Math.ceil(ds.n_train / Math.max(1, config.batch_size));
  return h("div", { class: "batch" },
    numberField({ key: "batch_size", label: t("build.batch"), value: config.batch_size, min: 1, max: 60000, step: 1,
      testid: "batch-size", onChange: (v) => set({ batch_size: Math.round(v) }, true) }),
    h("div", { class: "presets", role: "group", "aria-label": t("build.batch.presets") },
      presets.map(([k, n]) => h("button", { type: "button", class: "btn small", dataset: { key: `batch.${k}` },
        "data-testid": `batch-${k}`, "aria-pressed": config.batch_size === n ? "true" : "false",
        title: t(`build.batch.${k}.title`), onClick: () => set({ batch_size: n }, true) }, t(`build.batch.${k}`)))),
    h("p", { class: "hint" }, t("build.batch.updates", { n: updates.toLocaleString(), total: ds.n_train.toLocaleString() })));
}

function seedField({ t, config, set }) {
  return h("div", { class: "seed-row" },
    numberField({ key: "seed", label: t("build.seed"), value: config.seed, min: 0, max: 2 ** 31 - 1, step: 1,
      testid: "seed", onChange: (v) => set({ seed: Math.round(v) }) }),
    h("button", { type: "button", class: "btn small", dataset: { key: "seed.random" }, title: t("build.seed.random"),
      onClick: () => set({ seed: Math.floor(Math.random() * 100000) }, true) }, t("build.seed.random")));
}

/** Schedule parameters that follow the run unless the student sets them: a cosine's T_max is the number of epochs. */
const FOLLOWS_RUN = ["T_max"];
const followsRun = (t, config) => ({ T_max: t("build.tmax.follows", { n: config.epochs }) });

/** params with name set to v, or without it when v is null (it follows its default again). */
function withParam(params, name, v) {
  const next = { ...params, [name]: v };
  if (v === null) delete next[name];
  return next;
}

function defaultsOf(spec, skip = []) {
  return Object.fromEntries(Object.entries(spec || {}).filter(([k]) => k !== "lr" && !skip.includes(k)).map(([k, s]) => [k, s.default]));
}

function optimizerChange(options, name) {
  const spec = options.optimizers[name] || {};
  return { optimizer: name, optimizer_params: defaultsOf(spec), ...(spec.lr ? { lr: spec.lr.default } : {}) };
}

function lossChange(losses, name) {
  const out = (losses.find((l) => l.name === name) || {}).output;
  return FUSED.has(out) ? { loss: name, output: out } : { loss: name };
}

/** Switching data sets applies its preset (presets.js), fixes the input/output widths and, for one output, the loss. */
export function datasetChange(options, config, name) {
  const ds = datasetsOf(options).find((d) => d.name === name);
  if (!ds) return { dataset: name };
  const preset = presetConfig(name, options.defaults);
  const hidden = (preset.layers || config.layers).slice(1, -1);
  const part = { ...preset, dataset: name, layers: [ds.n_in, ...hidden, ds.n_out] };
  if ((part.batch_size ?? config.batch_size) > ds.n_train) part.batch_size = Math.min(32, ds.n_train);
  if (ds.n_out === 1 && config.output === "softmax") Object.assign(part, { output: "sigmoid", loss: "binary_cross_entropy" });
  if (ds.n_out > 1 && config.loss === "binary_cross_entropy") Object.assign(part, { output: "softmax", loss: "cross_entropy" });
  return part;
}
