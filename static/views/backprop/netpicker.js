/**
 * Which network and which example: the course's presets, a network of one's own (written as
 * the course writes it: layers "2-4-1", activation "tanh"), and one training example taken from
 * the data or typed. Values go to the server as typed; its 422 is shown under the field it names.
 */
import { h, tOr } from "../../dom.js";

/** The request fields that have a place in this form, most specific first when looked up. */
export const HOMES = ["dataset", "layers", "activation", "alpha", "output", "loss", "optimizer", "optimizer_params", "lr", "seed",
  "example.x", "example.label", "example.target", "example.index", "example"];

/** The form field an error's dotted path belongs to ("example.x.1" -> "example.x"), or null. */
export function fieldHome(field, homes = HOMES) {
  if (!field) return null;
  const parts = String(field).split(".");
  for (let n = parts.length; n > 0; n--) {
    const key = parts.slice(0, n).join(".");
    if (homes.includes(key)) return key;
  }
  return null;
}

const tokens = (text, between = /[\s,;]+/) => String(text).split(between).map((s) => s.trim()).filter(Boolean);

/** A typed number as JSON will carry it: finite or not (the server names what is wrong), else the text. */
export function typedNumber(token) {
  const n = Number(token);
  return !Number.isNaN(n) || /^[+-]?nan$/i.test(token) ? n : token;
}

/** "0, -1" or "0 -1" -> [0, -1]; what is not a number stays as typed. */
export const parseNumbers = (text) => tokens(text).map(typedNumber);

/** "2-4-1", "2 - 4 - 1" or "2, 4, 1" -> [2, 4, 1] (layer widths: a dash separates). */
export const parseLayers = (text) => tokens(text, /[\s,;–-]+/).map(typedNumber);

/** "tanh" -> "tanh" (every hidden layer); "tanh, relu" -> one per hidden layer. */
export function parseActivation(text) {
  const names = String(text).split(/[\s,;]+/).filter(Boolean);
  return names.length === 1 ? names[0] : names;
}

/** A spec -> the texts its fields show. */
export function specTexts(spec) {
  return { layers: spec.layers.join("-"), activation: [].concat(spec.activation).join(", "), lr: String(spec.lr), seed: String(spec.seed ?? 0) };
}

const OPTIMIZERS = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam", "adamw"];

/** mountPicker(root, {t, onPreset(name), onApply(spec), onExample(example)}) -> {update, fill, showError, clearErrors}. */
export function mountPicker(root, { t, onPreset, onApply, onExample }) {
  const notes = {};
  const note = (key) => (notes[key] = h("p", { class: "field-note", "data-testid": `bp-note-${key}`, "aria-live": "polite" }));
  const presetBox = h("div", { class: "bp-presets", role: "group" });
  const general = h("p", { class: "field-note bp-general-error", "data-testid": "bp-error", "aria-live": "polite" });
  const input = (key, attrs = {}) => h("input", { "data-testid": `bp-${key}`, "data-field": key, ...attrs });
  const f = {
    dataset: h("select", { "data-testid": "bp-dataset", "data-field": "dataset" }),
    layers: input("layers", { inputmode: "text", autocomplete: "off", spellcheck: "false" }),
    activation: input("activation", { autocomplete: "off", spellcheck: "false" }),
    output: h("select", { "data-testid": "bp-output", "data-field": "output" }),
    loss: h("select", { "data-testid": "bp-loss", "data-field": "loss" }),
    optimizer: h("select", { "data-testid": "bp-optimizer", "data-field": "optimizer" }),
    lr: input("lr", { inputmode: "decimal", autocomplete: "off" }),
    seed: input("seed", { type: "number", step: 1 }),
  };
  const apply = h("button", { type: "submit", class: "btn primary", "data-testid": "bp-apply" });
  const form = h("form", { class: "bp-build-grid", onSubmit: (e) => { e.preventDefault(); onApply(readSpec()); } });
  const build = h("div", { class: "bp-build", "data-testid": "bp-build", id: "bp-build", hidden: true }, form);
  const own = h("button", { type: "button", class: "btn bp-preset bp-own", "data-testid": "bp-build-toggle", "aria-controls": "bp-build",
    "aria-expanded": "false", onClick: () => openForm(build.hidden) });
  const ownLabel = () => own.replaceChildren(h("strong", {}, `${t("bp.build")} ${build.hidden ? "▸" : "▾"}`), h("span", { class: "hint" }, t("bp.build.about")));
  const openForm = (open) => { build.hidden = !open; own.setAttribute("aria-expanded", String(open)); ownLabel(); };
  const ex = {
    choice: h("select", { "data-testid": "bp-example", "data-field": "example.index", onChange: () => chooseExample() }),
    x: input("example-x", { "data-field": "example.x", autocomplete: "off", spellcheck: "false" }),
    label: input("example-label", { type: "number", step: 1, min: 0, "data-field": "example.label" }),
    go: h("button", { type: "button", class: "btn small", "data-testid": "bp-example-go", onClick: () => chooseExample() }),
    shown: h("p", { class: "bp-example-now", "data-testid": "bp-example-now" }),
  };
  const typed = h("div", { class: "bp-typed" });
  const exampleBox = h("div", { class: "bp-example-box" });
  root.append(h("div", { class: "bp-picker" }, presetBox, build, exampleBox, general));
  let state = { presets: {}, options: null, active: null, examples: [], example: { index: 0 } };
  let typing = false;     // "type one" chosen: the typed fields stay open until an example of the data is chosen

  function readSpec() {
    return { dataset: f.dataset.value, layers: parseLayers(f.layers.value), activation: parseActivation(f.activation.value),
      output: f.output.value, loss: f.loss.value, optimizer: f.optimizer.value, lr: typedNumber(f.lr.value.trim()),
      seed: typedNumber(f.seed.value.trim() || "0") };
  }

  function chooseExample() {
    typing = ex.choice.value === "typed";
    typed.hidden = !typing;
    if (!typing) onExample({ index: Number(ex.choice.value) });
    else if (ex.x.value.trim()) onExample({ x: parseNumbers(ex.x.value), label: typedNumber(ex.label.value.trim() || "0") });
  }

  /** Draw the choices (options, presets, the number of examples); the current values stay. */
  function update(next) {
    // A new example of the data (n, or a run of updates) closes the typed fields.
    if (next.example && next.example !== state.example && next.example.index !== undefined) typing = false;
    state = { ...state, ...next };
    const { options, presets, active } = state;
    presetBox.setAttribute("aria-label", t("bp.presets"));
    presetBox.replaceChildren(...Object.keys(presets).map((name) => h("button", { type: "button", class: "btn bp-preset",
      "data-testid": `bp-preset-${name}`, "aria-pressed": String(active === name), onClick: () => onPreset(name) },
    h("strong", {}, t(`bp.preset.${name}`)), h("span", { class: "hint" }, t(`bp.preset.${name}.about`)))), own);
    ownLabel();
    if (options) drawForm(options);
    drawExample();
  }

  function drawForm(options) {
    const keep = (el, choices) => {
      const v = el.value;
      el.replaceChildren(...choices.map(([value, label]) => h("option", { value }, label)));
      if (v && choices.some(([c]) => c === v)) el.value = v;
    };
    const toys = (options.datasets || []).filter((d) => d.kind === "toy");
    keep(f.dataset, toys.map((d) => [d.name, tOr(t, `dataset.${d.name}`, d.name)]));
    keep(f.output, (options.outputs || []).map((n) => [n, tOr(t, `out.${n}`, n)]));
    keep(f.loss, (options.losses || []).map((l) => [l.name, tOr(t, `loss.${l.name}`, l.name)]));
    keep(f.optimizer, OPTIMIZERS.filter((o) => o in (options.optimizers || {}) || o in (options.optimizer_presets || {}))
      .map((o) => [o, tOr(t, `bp.opt.${o}`, tOr(t, `opt.${o}`, o))]));
    const acts = (options.activations || []).join(", ");
    const limit = (state.limits && state.limits.backprop_units) || 40;
    form.replaceChildren(
      field("dataset", f.dataset), field("layers", f.layers, t("bp.f.layers.help", { n: limit })),
      field("activation", f.activation, t("bp.f.activation.help", { names: acts })), field("output", f.output),
      field("loss", f.loss), field("optimizer", f.optimizer), field("lr", f.lr), field("seed", f.seed),
      h("div", { class: "bp-apply-row" }, apply, h("span", { class: "hint" }, t("bp.apply.help"))));
    apply.textContent = t("bp.apply");
  }

  function field(key, control, help) {
    const id = `bp-f-${key}`;
    control.id = id;
    return h("div", { class: "bp-field" }, h("label", { for: id }, t(`bp.f.${key}`)), control,
      help ? h("p", { class: "hint" }, help) : null, notes[key] || note(key));
  }

  function drawExample() {
    const index = state.example && state.example.index;
    ex.choice.replaceChildren(...state.examples.map((e, i) => h("option", { value: String(i) }, exampleText(t, i, e))),
      h("option", { value: "typed" }, t("bp.example.typed")));
    ex.choice.value = typing || index === null || index === undefined ? "typed" : String(index);
    ex.x.placeholder = t("bp.example.x.placeholder");
    ex.go.textContent = t("bp.example.go");
    typed.replaceChildren(h("label", { for: "bp-ex-x" }, t("bp.example.x")), Object.assign(ex.x, { id: "bp-ex-x" }), notes["example.x"] || note("example.x"),
      h("label", { for: "bp-ex-label" }, t("bp.example.label")), Object.assign(ex.label, { id: "bp-ex-label" }),
      notes["example.label"] || note("example.label"), ex.go);
    typed.hidden = ex.choice.value !== "typed";
    if (ex.choice.value === "typed" && !ex.x.value && state.example && state.example.x) {
      ex.x.value = state.example.x.join(", ");
      ex.label.value = String(state.example.label ?? "");
    }
    exampleBox.replaceChildren(h("div", { class: "bp-example-pick" }, h("label", { for: "bp-ex-choice" }, t("bp.example")),
      Object.assign(ex.choice, { id: "bp-ex-choice" }), notes["example.index"] || note("example.index")), typed, ex.shown,
    notes.example || note("example"));
  }

  return {
    update,
    /** Put a spec's values into the form (a preset chosen, or the spec the server accepted). */
    fill(spec) {
      const texts = specTexts(spec);
      for (const key of ["dataset", "output", "loss", "optimizer"]) f[key].value = spec[key];
      for (const key of ["layers", "activation", "lr", "seed"]) f[key].value = texts[key];
    },
    /** Say which example is in use: "x = (0, 1), target 1". */
    showExample(example) {
      ex.shown.textContent = t("bp.example.now", { x: example.x.map((v) => String(v)).join(", "), t: example.target.join(", ") });
    },
    /** The server's message under the field it names (the build form opens when the field is in it). */
    showError(field, message) {
      const home = fieldHome(field);
      const target = (home && notes[home]) || general;
      target.textContent = home ? message : `${t("bp.error")} ${message}`;
      if (home && build.contains(target)) openForm(true);
      if (home && home.startsWith("example.") && home !== "example.index") { typing = true; ex.choice.value = "typed"; typed.hidden = false; }
      const control = home && root.querySelector(`[data-field="${home}"]`);
      if (control) control.setAttribute("aria-invalid", "true");
    },
    clearErrors() {
      for (const n of [...Object.values(notes), general]) n.textContent = "";
      root.querySelectorAll("[aria-invalid=true]").forEach((el) => el.setAttribute("aria-invalid", "false"));
    },
  };
}

function exampleText(t, i, e) {
  return e ? t("bp.example.row", { i: i + 1, x: e.x.join(", "), label: e.label }) : t("bp.example.index", { i: i + 1 });
}
