/**
 * Which network and which example: the course's presets, a network of one's own (netform.js)
 * and the example (examplepick.js). A 422 from the server is shown under the field it names.
 */
import { h } from "../../dom.js";
import { mountNetForm } from "./netform.js";
import { mountExamplePick } from "./examplepick.js";

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

/** mountPicker(root, {t, onPreset(name), onApply(spec), onExample(example)}) -> {update, fill, showExample, showError, clearErrors}. */
export function mountPicker(root, { t, onPreset, onApply, onExample }) {
  const notes = {};
  const note = (key) => notes[key] || (notes[key] = h("p", { class: "field-note", "data-testid": `bp-note-${key}`, "aria-live": "polite" }));
  const presetBox = h("div", { class: "bp-presets", role: "group" });
  const general = h("p", { class: "field-note bp-general-error", "data-testid": "bp-error", "aria-live": "polite" });
  const build = h("div", { class: "bp-build", "data-testid": "bp-build", id: "bp-build", hidden: true });
  const exampleBox = h("div");
  const own = h("button", { type: "button", class: "btn bp-preset bp-own", "data-testid": "bp-build-toggle", "aria-controls": "bp-build",
    "aria-expanded": "false", onClick: () => openForm(build.hidden) });
  root.append(h("div", { class: "bp-picker" }, presetBox, build, exampleBox, general));
  const form = mountNetForm(build, { t, note, onApply });
  const examples = mountExamplePick(exampleBox, { t, note, onExample });
  const ownLabel = () => own.replaceChildren(h("strong", {}, `${t("bp.build")} ${build.hidden ? "▸" : "▾"}`), h("span", { class: "hint" }, t("bp.build.about")));
  const openForm = (open) => { build.hidden = !open; own.setAttribute("aria-expanded", String(open)); ownLabel(); };

  return {
    /** state = {presets, limits, options, active (preset name or null), examples, example}: draw the choices. */
    update({ presets = {}, limits, options, active, examples: known = [], example }) {
      presetBox.setAttribute("aria-label", t("bp.presets"));
      presetBox.replaceChildren(...Object.keys(presets).map((name) => h("button", { type: "button", class: "btn bp-preset",
        "data-testid": `bp-preset-${name}`, "aria-pressed": String(active === name), onClick: () => onPreset(name) },
      h("strong", {}, t(`bp.preset.${name}`)), h("span", { class: "hint" }, t(`bp.preset.${name}.about`)))), own);
      ownLabel();
      if (options) form.draw(options, limits);
      examples.draw({ examples: known, example });
    },
    fill: (spec) => form.fill(spec),
    showExample: (example) => examples.showExample(example),
    /** The server's message under the field it names (the form opens when the field is in it). */
    showError(field, message) {
      const home = fieldHome(field);
      const target = (home && notes[home]) || general;
      target.textContent = home ? message : `${t("bp.error")} ${message}`;
      if (home && build.contains(target)) openForm(true);
      if (home && home.startsWith("example.") && home !== "example.index") examples.typeOne();
      const control = home && root.querySelector(`[data-field="${home}"]`);
      if (control) control.setAttribute("aria-invalid", "true");
    },
    clearErrors() {
      for (const n of [...Object.values(notes), general]) n.textContent = "";
      root.querySelectorAll("[aria-invalid=true]").forEach((el) => el.setAttribute("aria-invalid", "false"));
    },
  };
}
