/**
 * After the backward pass: ∂L/∂W and ∂L/∂b of every parameter beside the numerical gradient
 * (central difference) and their relative error, coloured by the endpoint's verdicts.
 */
import { h, sectionFor } from "../../dom.js";
import { fmt, fmtError } from "./arith.js";
import { math } from "../../tex.js";
import { verdictBadge } from "../../verdicts.js";

/** Every entry of a parameter tensor, flattened: [{label, index, value, analytic, numeric, error, verdict}]. */
export function entries(tensor) {
  const flat = (a) => (Array.isArray(a) ? a.flat(Infinity) : [a]);
  const cols = tensor.shape.length === 2 ? tensor.shape[1] : 1;
  const [value, analytic, numeric] = [tensor.value, tensor.analytic, tensor.numeric].map(flat);
  const errors = flat(tensor.entries.relative_error);
  const verdicts = flat(tensor.entries.verdict);
  return analytic.map((a, k) => {
    const index = tensor.shape.length === 2 ? [Math.floor(k / cols), k % cols] : [k];
    return { label: `${tensor.name}[${index.map((i) => i + 1).join(",")}]`, index, value: value[k], analytic: a,
      numeric: numeric[k], error: errors[k], verdict: verdicts[k] };
  });
}

/** mountGradTable(root, {t}) -> {update(gradients | null)}: null hides it until the backward pass is done. */
export function mountGradTable(root, { t }) {
  return sectionFor(root, { class: "bp-grads", "data-testid": "bp-grads" }, (gradients) => {
    const th = gradients.thresholds;
    return [
      h("h3", {}, t("bp.grads.title")),
      h("p", { class: "hint" }, t("bp.grads.help"), " ", math("\\frac{L(\\theta+h)-L(\\theta-h)}{2h},\\ h=10^{-5}")),
      h("p", { class: "hint bp-thresholds" }, verdictBadge(t, "good"), ` < ${fmtError(th.good)} · `,
        verdictBadge(t, "acceptable"), ` ≤ ${fmtError(th.acceptable)} · `, verdictBadge(t, "check"), ` ≤ ${fmtError(th.wrong)} · `,
        verdictBadge(t, "wrong"), ` > ${fmtError(th.wrong)}`),
      h("div", { class: "bp-table-box" }, h("table", { class: "bp-table" },
        h("thead", {}, h("tr", {}, ["bp.grads.entry", "bp.grads.analytic", "bp.grads.numeric", "bp.grads.error", "bp.grads.verdict"]
          .map((k) => h("th", { scope: "col" }, t(k))))),
        gradients.tensors.map((tensor) => h("tbody", { "data-tensor": tensor.name },
          h("tr", { class: "bp-tensor-row" }, h("th", { scope: "rowgroup", colspan: 3 }, tensor.name, " ",
            h("span", { class: "hint" }, `(${tensor.shape.join("×")})`)),
          h("td", { class: "num" }, fmtError(tensor.relative_error)), h("td", {}, verdictBadge(t, tensor.verdict))),
          entries(tensor).map((e) => h("tr", { "data-entry": e.label, "data-testid": "bp-grad-row" },
            h("th", { scope: "row" }, e.label),
            h("td", { class: "num", "data-role": "analytic" }, fmt(e.analytic, 6)),
            h("td", { class: "num", "data-role": "numeric" }, fmt(e.numeric, 6)),
            h("td", { class: `num verdict-text-${e.verdict}` }, fmtError(e.error)),
            h("td", {}, verdictBadge(t, e.verdict)))))))),
    ];
  });
}
