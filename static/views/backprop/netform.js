/**
 * A network of one's own, written the way the course writes it: layers "2-4-1", activation
 * "tanh" (or one per hidden layer), output and loss, optimizer, learning rate, seed. Values go
 * to the server as typed: what is wrong comes back as a 422 naming the field.
 */
import { h, tOr } from "../../dom.js";

const OPTIMIZERS = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam", "adamw"];

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

/** A select's choices redrawn, its value kept when it is still among them. */
function keep(el, choices) {
  const v = el.value;
  el.replaceChildren(...choices.map(([value, label]) => h("option", { value }, label)));
  if (v && choices.some(([c]) => c === v)) el.value = v;
}

/** mountNetForm(root, {t, note(key), onApply(spec)}) -> {draw(options, limits), fill(spec)}; note(key) gives a field's error line. */
export function mountNetForm(root, { t, note, onApply }) {
  const input = (key, attrs = {}) => h("input", { "data-testid": `bp-${key}`, "data-field": key, autocomplete: "off", ...attrs });
  const select = (key) => h("select", { "data-testid": `bp-${key}`, "data-field": key });
  const f = { dataset: select("dataset"), layers: input("layers", { spellcheck: "false" }), activation: input("activation", { spellcheck: "false" }),
    output: select("output"), loss: select("loss"), optimizer: select("optimizer"), lr: input("lr", { inputmode: "decimal" }),
    seed: input("seed", { type: "number", step: 1 }) };
  const apply = h("button", { type: "submit", class: "btn primary", "data-testid": "bp-apply" });
  const form = h("form", { class: "bp-build-grid", onSubmit: (e) => { e.preventDefault(); onApply(readSpec()); } });
  root.append(form);

  function readSpec() {
    return { dataset: f.dataset.value, layers: parseLayers(f.layers.value), activation: parseActivation(f.activation.value),
      output: f.output.value, loss: f.loss.value, optimizer: f.optimizer.value, lr: typedNumber(f.lr.value.trim()),
      seed: typedNumber(f.seed.value.trim() || "0") };
  }

  function field(key, help) {
    f[key].id = `bp-f-${key}`;
    return h("div", { class: "bp-field" }, h("label", { for: f[key].id }, t(`bp.f.${key}`)), f[key],
      help ? h("p", { class: "hint" }, help) : null, note(key));
  }

  return {
    /** The choices from /api/options (toy sets only) and the panel's limits, in the page's language. */
    draw(options, limits = {}) {
      keep(f.dataset, (options.datasets || []).filter((d) => d.kind === "toy").map((d) => [d.name, tOr(t, `dataset.${d.name}`, d.name)]));
      keep(f.output, (options.outputs || []).map((n) => [n, tOr(t, `out.${n}`, n)]));
      keep(f.loss, (options.losses || []).map((l) => [l.name, tOr(t, `loss.${l.name}`, l.name)]));
      keep(f.optimizer, OPTIMIZERS.filter((o) => o in (options.optimizers || {}) || o in (options.optimizer_presets || {}))
        .map((o) => [o, tOr(t, `bp.opt.${o}`, tOr(t, `opt.${o}`, o))]));
      apply.textContent = t("bp.apply");
      form.replaceChildren(field("dataset"), field("layers", t("bp.f.layers.help", { n: limits.backprop_units || 40 })),
        field("activation", t("bp.f.activation.help", { names: (options.activations || []).join(", ") })), field("output"),
        field("loss"), field("optimizer"), field("lr"), field("seed"),
        h("div", { class: "bp-apply-row" }, apply, h("span", { class: "hint" }, t("bp.apply.help"))));
    },
    /** Put a spec's values into the form (a preset chosen, or the network the server accepted). */
    fill(spec) {
      const texts = specTexts(spec);
      for (const key of ["dataset", "output", "loss", "optimizer"]) f[key].value = spec[key];
      for (const key of ["layers", "activation", "lr", "seed"]) f[key].value = texts[key];
    },
  };
}
