/** Form fields for the Build panel: labelled number, select, checkbox and hyperparameter inputs. */
import { h } from "../../dom.js";
import { paramText } from "../../i18n.js";

let counter = 0;
const nextId = (key) => `f-${key.replace(/\W/g, "-")}-${++counter}`;

/** A labelled <select>; choices are [value, text] pairs. */
export function selectField({ key, label, value, choices, onChange, help, testid }) {
  const id = nextId(key);
  const select = h("select", { id, dataset: { key }, "data-testid": testid, title: help,
    onChange: (e) => onChange(e.target.value) },
  choices.map(([v, text]) => h("option", { value: v, selected: String(v) === String(value) }, text)));
  return h("div", { class: "field" }, h("label", { for: id }, label), select);
}

/** Whether text is a number within [min, max] ((min, max] with minOpen), whole when asked. */
export function inRange(text, { min, max, minOpen = false, whole = false }) {
  const x = Number(text);
  return text !== "" && Number.isFinite(x) && (!whole || Number.isInteger(x))
    && (min == null || (minOpen ? x > min : x >= min)) && (max == null || x <= max);
}

/**
 * Check an input's text against its range. Nothing is changed silently: out of range, the input is
 * marked invalid and a bubbling "fieldcheck" event ({key, label, ok, min, max, minOpen, whole, note})
 * asks the panel to say why next to it (in `note`) and to hold Play back; in range, onChange(x).
 */
export function checkNumber(input, { key, label, note, onChange, optional = false, ...range }) {
  const empty = optional && input.value.trim() === "";   // an optional value left empty follows its default
  const ok = empty || inRange(input.value, range);
  input.setAttribute("aria-invalid", ok ? "false" : "true");
  input.dispatchEvent(new CustomEvent("fieldcheck", { bubbles: true, detail: { key, label, ok, note, ...range } }));
  if (ok) onChange(empty ? null : Number(input.value));
}

/**
 * A labelled number input; commits on change; out-of-range text is kept, marked and explained (checkNumber).
 * optional: an empty input is allowed and commits null (the value then follows its default, shown as placeholder).
 */
export function numberField({ key, label, value, min, max, minOpen, step = "any", onChange, help, testid, optional, placeholder }) {
  const id = nextId(key);
  const note = h("p", { class: "field-note", id: `${id}-note`, "data-testid": testid ? `${testid}-note` : undefined, "aria-live": "polite" });
  const input = h("input", { id, type: "number", inputmode: "decimal", value, min, max, step, placeholder,
    dataset: { key }, "data-testid": testid, title: help, "aria-describedby": `${id}-note`,
    onChange: (e) => checkNumber(e.target, { key, label, note, onChange, min, max, minOpen, optional, whole: step === 1 }) });
  return h("div", { class: "field" }, h("label", { for: id }, label), input, note);
}

/** A labelled checkbox. */
export function checkboxField({ key, label, value, onChange, help }) {
  const id = nextId(key);
  const input = h("input", { id, type: "checkbox", checked: !!value, dataset: { key }, title: help,
    onChange: (e) => onChange(e.target.checked) });
  return h("div", { class: "field field-check" }, input, h("label", { for: id }, label));
}

/** Two number inputs for a pair such as Adam's betas. */
export function pairField({ key, label, value, min, max, onChange, help }) {
  const pair = Array.isArray(value) ? value.slice() : [0, 0];
  const id = nextId(key);
  const input = (i) => h("input", { id: i === 0 ? id : undefined, type: "number", step: "any", min, max,
    value: pair[i], dataset: { key: `${key}.${i}` }, title: help, "aria-label": `${label} ${i + 1}`,
    onChange: (e) => {
      const x = Number(e.target.value);
      if (e.target.value === "" || !Number.isFinite(x)) return;
      pair[i] = x;
      onChange(pair.slice());
    } });
  return h("div", { class: "field field-pair" }, h("label", { for: id }, label), h("span", {}, input(0), input(1)));
}

/**
 * Hyperparameter spec {param: {default, type, min, max}} of `owner` (an optimizer or schedule) + values -> fields.
 * follows: {param: text} for parameters that follow the run unless set (a cosine's T_max follows the epochs): left
 * empty, the text is shown in their place, and emptying one again lets it follow.
 */
export function paramFields(t, prefix, owner, spec, values, onChange, skip = [], follows = {}) {
  return Object.entries(spec || {}).filter(([name]) => !skip.includes(name)).map(([name, s]) => {
    const free = name in follows;
    const common = { key: `${prefix}.${name}`, ...paramText(t, owner, name), value: values[name] ?? (free ? "" : s.default),
      onChange: (v) => onChange(name, v), ...(free ? { optional: true, placeholder: follows[name] } : {}) };
    if (s.type === "bool") return checkboxField({ ...common, value: !!(values[name] ?? s.default) });
    if (s.type === "pair") return pairField({ ...common, min: s.min, max: s.max });
    return numberField({ ...common, min: s.min ?? undefined, max: s.max ?? undefined,
      step: s.type === "int" ? 1 : "any" });
  });
}

/** Coerce link-decoded values (1/0, numbers) to the spec's types; drops unknown names. */
export function coerceParams(spec, values) {
  const out = {};
  for (const [name, s] of Object.entries(spec || {})) {
    if (!(name in (values || {}))) continue;
    const v = values[name];
    if (s.type === "bool") out[name] = v === true || v === 1;
    else if (s.type === "pair") out[name] = Array.isArray(v) ? v.map(Number) : s.default;
    else if (s.type === "int") out[name] = Math.round(Number(v));
    else out[name] = Number(v);
  }
  return out;
}
