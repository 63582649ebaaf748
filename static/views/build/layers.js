/** The hidden-layer editor: neurons and activation per layer, add and remove. */
import { h, tOr } from "../../dom.js";
import { paramCount } from "../../netsize.js";

export { paramCount };
import { checkNumber } from "./fields.js";

export const MAX_HIDDEN = 7;

/** Per-hidden-layer activation list from a config whose activation is a name or a list. */
export function activationList(config) {
  const n = config.layers.length - 2;
  const a = config.activation;
  return Array.from({ length: n }, (_, i) => (Array.isArray(a) ? a[i] ?? a[a.length - 1] : a));
}

/** A list that is all one name collapses to that name (shorter links). */
export function compactActivation(list) {
  return list.length && list.every((x) => x === list[0]) ? list[0] : list;
}

/** render(config, {t, activations, onChange(layers, activation)}) -> element. */
export function renderLayers(config, { t, activations, maxWidth = 1024, onChange }) {
  const sizes = config.layers;
  const acts = activationList(config);
  const hidden = sizes.slice(1, -1);
  const emit = (nextHidden, nextActs) =>
    onChange([sizes[0], ...nextHidden, sizes[sizes.length - 1]], compactActivation(nextActs));
  // A width out of range (or not whole) stays as typed, with the allowed range under it, and Play
  // says why it waits (checkNumber): never rounded or clamped behind the student's back.
  const notes = hidden.map((_, i) => h("p", { class: "field-note", id: `layer-${i}-note`, "data-testid": `layer-${i}-neurons-note`, "aria-live": "polite" }));
  const rows = hidden.map((n, i) => h("li", { class: "layer-row" },
    h("span", { class: "layer-name" }, t("build.layers.hidden", { i: i + 1 })),
    h("input", { type: "number", min: 1, max: maxWidth, step: 1, value: n, dataset: { key: `layer.${i}.n` },
      "aria-label": t("build.layers.neurons.aria", { i: i + 1 }), "data-testid": `layer-${i}-neurons`, "aria-describedby": `layer-${i}-note`,
      onChange: (e) => checkNumber(e.target, { key: `layer.${i}.n`, label: t("build.layers.hidden", { i: i + 1 }), note: notes[i],
        min: 1, max: maxWidth, whole: true, onChange: (v) => emit(hidden.map((x, j) => (j === i ? v : x)), acts) }) }),
    h("select", { dataset: { key: `layer.${i}.act` }, "aria-label": t("build.layers.act.aria", { i: i + 1 }),
      "data-testid": `layer-${i}-activation`,
      onChange: (e) => emit(hidden, acts.map((x, j) => (j === i ? e.target.value : x))) },
    activations.map((a) => h("option", { value: a, selected: a === acts[i] }, tOr(t, `act.${a}`, a)))),
    h("button", { type: "button", class: "btn icon", dataset: { key: `layer.${i}.remove` },
      "aria-label": t("build.layers.remove", { i: i + 1 }), title: t("build.layers.remove", { i: i + 1 }),
      onClick: () => emit(hidden.filter((_, j) => j !== i), acts.filter((_, j) => j !== i)) }, "−"),
    notes[i]));
  const add = h("button", { type: "button", class: "btn", dataset: { key: "layer.add" }, "data-testid": "layer-add",
    disabled: hidden.length >= MAX_HIDDEN,
    onClick: () => emit([...hidden, hidden[hidden.length - 1] || 16], [...acts, acts[acts.length - 1] || activations[0]]) },
  t("build.layers.add"));
  return h("div", { class: "layers" },
    h("p", { class: "layer-io" }, t("build.layers.input", { n: sizes[0] })),
    h("ol", { class: "layer-list" }, rows),
    add,
    h("p", { class: "layer-io" }, t("build.layers.output", { n: sizes[sizes.length - 1] })),
    h("p", { class: "hint", "data-testid": "param-count" }, t("build.layers.params", { n: paramCount(sizes).toLocaleString() })));
}

