/** The sweep form: one or two settings to vary, their values, epochs; start and cancel. */
import { h, tx } from "../../dom.js";
import { FIELDS, MAX_CELLS, axisSpec, cellCount } from "./grid.js";

/** What each field's values box starts with (the learning rate is a range instead). */
const EXAMPLES = { optimizer: "sgd, momentum, adam", batch_size: "8, 32, 128", init: "normal, xavier_normal, he_normal",
  activation: "sigmoid, tanh, relu", hidden: "4, 16, 64", seed: "0, 1, 2" };

function axisRow(t, k, first) {
  const field = h("select", { "data-testid": `sweep-field-${k}`, "aria-label": t(`sweeps.axis${k}`), "data-i18n-aria-label": `sweeps.axis${k}` },
    first ? [] : [h("option", { value: "" }, t("sweeps.none"))],
    FIELDS.map((f) => h("option", { value: f }, t(`sweeps.field.${f}`))));
  const values = h("input", { type: "text", "data-testid": `sweep-values-${k}`, "aria-label": t("sweeps.values"), "data-i18n-aria-label": "sweeps.values" });
  const num = (name, value, attrs = {}) => h("input", { type: "number", value, step: "any", min: "0", "data-testid": `sweep-${name}-${k}`,
    "aria-label": t(`sweeps.${name}`), "data-i18n-aria-label": `sweeps.${name}`, ...attrs });
  const min = num("min", "0.01");
  const max = num("max", "1");
  const points = num("points", "3", { step: "1", min: "1", max: String(MAX_CELLS) });
  const range = h("span", { class: "sweep-range" }, tx(t, "sweeps.min", "label"), min, tx(t, "sweeps.max", "label"), max,
    tx(t, "sweeps.points", "label"), points);
  const row = h("div", { class: "sweep-axis" }, tx(t, `sweeps.axis${k}`, "span", { class: "sweep-axis-name" }), field, values, range);
  const show = () => {
    const f = field.value;
    range.hidden = f !== "lr";
    values.hidden = !f || f === "lr";
    if (f && f !== "lr" && !values.dataset.edited) values.value = EXAMPLES[f];
  };
  values.addEventListener("input", () => { values.dataset.edited = "1"; });
  field.addEventListener("change", () => { delete values.dataset.edited; show(); });
  return { row, field, show, spec: () => (field.value ? axisSpec(field.value, { values: values.value, min: min.value, max: max.value, points: points.value }) : null) };
}

/** mountForm(root, {t, onStart(axes, epochs), onCancel()}) -> {update(sweep), relabel()}. */
export function mountForm(root, { t, onStart, onCancel }) {
  const axes = [axisRow(t, 1, true), axisRow(t, 2, false)];
  axes[0].field.value = "lr";
  axes[1].field.value = "optimizer";
  const epochs = h("input", { type: "number", value: "2", min: "1", max: "20", step: "1", id: "sweep-epochs", "data-testid": "sweep-epochs" });
  const count = h("span", { class: "hint", "data-testid": "sweep-count", "aria-live": "polite" });
  const start = h("button", { type: "button", class: "btn primary", "data-testid": "sweep-start" }, t("sweeps.start"));
  const cancel = h("button", { type: "button", class: "btn", "data-testid": "sweep-cancel", disabled: true }, t("sweeps.cancel"));
  const specs = () => axes.map((a) => a.spec()).filter(Boolean);
  const recount = () => {
    const n = cellCount(specs());
    count.textContent = Number.isFinite(n) ? t(n > MAX_CELLS ? "sweeps.count.over" : "sweeps.count", { n, max: MAX_CELLS }) : "";
  };
  for (const a of axes) {
    a.show();
    a.row.addEventListener("input", recount);
    a.row.addEventListener("change", recount);
  }
  start.addEventListener("click", () => onStart(specs(), Math.round(Number(epochs.value))));
  cancel.addEventListener("click", onCancel);
  root.append(h("div", { class: "sweep-form" }, axes.map((a) => a.row),
    h("div", { class: "sweep-axis" }, h("label", { for: "sweep-epochs", "data-i18n": "sweeps.epochs" }, t("sweeps.epochs")), epochs),
    h("div", { class: "sweep-buttons" }, start, cancel, count)));
  recount();
  return {
    update(sweep) {
      const running = !!sweep && ["requested", "running"].includes(sweep.state);
      cancel.disabled = !running || sweep.state === "requested";
      start.textContent = t(running ? "sweeps.restart" : "sweeps.start");
    },
    relabel() {
      for (const a of axes) for (const o of a.field.options) o.textContent = o.value ? t(`sweeps.field.${o.value}`) : t("sweeps.none");
      cancel.textContent = t("sweeps.cancel");
      recount();
    },
  };
}
