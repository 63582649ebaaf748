/**
 * The update, with the numbers: the optimizer's rule, then per parameter entry the weight
 * before, its gradient, the optimizer's buffers (momentum, Adam's m and v …) and the weight
 * after. Plain SGD shows the subtraction itself: w − η·∂L/∂w.
 */
import { h, sectionFor } from "../../dom.js";
import { fmt, tex } from "./arith.js";
import { math } from "../../tex.js";

const G = "\\frac{\\partial L}{\\partial w}";
const RULES = {
  sgd: `w\\leftarrow w-\\eta\\,${G}`,
  momentum: "v\\leftarrow \\mu v+g,\\quad w\\leftarrow w-\\eta\\,v",
  nesterov: "v\\leftarrow \\mu v+g,\\quad w\\leftarrow w-\\eta\\,(g+\\mu v)",
  adagrad: "G\\leftarrow G+g^2,\\quad w\\leftarrow w-\\eta\\,\\frac{g}{\\sqrt{G}+\\epsilon}",
  rmsprop: "E\\leftarrow \\alpha E+(1-\\alpha)\\,g^2,\\quad w\\leftarrow w-\\eta\\,\\frac{g}{\\sqrt{E}+\\epsilon}",
  adadelta: "E_g\\leftarrow \\rho E_g+(1-\\rho)g^2,\\ \\Delta=\\frac{\\sqrt{E_\\Delta+\\epsilon}}{\\sqrt{E_g+\\epsilon}}\\,g,\\ "
    + "E_\\Delta\\leftarrow \\rho E_\\Delta+(1-\\rho)\\Delta^2,\\ w\\leftarrow w-\\eta\\,\\Delta",
  adam: "m\\leftarrow \\beta_1 m+(1-\\beta_1)g,\\ v\\leftarrow \\beta_2 v+(1-\\beta_2)g^2,\\ "
    + "w\\leftarrow w-\\eta\\,\\frac{m/(1-\\beta_1^{\\,t})}{\\sqrt{v/(1-\\beta_2^{\\,t})}+\\epsilon}",
  adamw: "w\\leftarrow w-\\eta\\lambda w,\\ m\\leftarrow \\beta_1 m+(1-\\beta_1)g,\\ v\\leftarrow \\beta_2 v+(1-\\beta_2)g^2,\\ "
    + "w\\leftarrow w-\\eta\\,\\frac{m/(1-\\beta_1^{\\,t})}{\\sqrt{v/(1-\\beta_2^{\\,t})}+\\epsilon}",
};
/** torch's buffer names -> the symbol the rule uses. */
export const BUFFERS = { momentum_buffer: "v", sum: "G", square_avg: "E", grad_avg: "\\bar g", acc_delta: "E_\\Delta",
  exp_avg: "m", exp_avg_sq: "v", max_exp_avg_sq: "v_{\\max}" };

/** Which rule an update followed: sgd with momentum reads as momentum or Nesterov. */
export function ruleOf(optimizer) {
  if (optimizer.name === "sgd" && optimizer.momentum > 0) return optimizer.nesterov ? "nesterov" : "momentum";
  return optimizer.name;
}

/** Per parameter: [{label, before, grad, after, delta, buffers: {name: value}}] flattened. */
export function updateRows(param) {
  const flat = (a) => (Array.isArray(a) ? a.flat(Infinity) : [a]);
  const cols = Array.isArray(param.before[0]) ? param.before[0].length : 1;
  const two = Array.isArray(param.before[0]);
  const [before, grad, after, delta] = [param.before, param.grad, param.after, param.delta].map(flat);
  const buffers = Object.entries(param.buffers_after || {}).map(([k, v]) => [k, flat(v)]);
  return before.map((b, k) => ({
    label: `${param.name}[${two ? `${Math.floor(k / cols) + 1},${(k % cols) + 1}` : k + 1}]`,
    before: b, grad: grad[k], after: after[k], delta: delta[k], buffers: Object.fromEntries(buffers.map(([n, v]) => [n, v[k]])),
  }));
}

/** mountUpdate(root, {t}) -> {update(update | null)}: null until the student presses Update. */
export function mountUpdate(root, { t }) {
  return sectionFor(root, { class: "bp-update", "data-testid": "bp-update" }, (upd) => {
    const rule = ruleOf(upd.optimizer);
    const lr = upd.optimizer.lr;
    const names = Object.keys(upd.params[0].buffers_after || {});
    const plain = rule === "sgd";
    const head = (plain ? ["bp.update.entry", "bp.update.arith"] : ["bp.update.entry", "bp.update.before", "bp.update.grad"]).map((k) => h("th", { scope: "col" }, t(k)));
    const bufferHeads = names.map((n) => h("th", { scope: "col" }, math(BUFFERS[n] || `\\text{${n}}`), " ", h("span", { class: "hint" }, t(`bp.buffer.${n}`))));
    const last = plain ? [t("bp.update.after")] : [t("bp.update.delta"), t("bp.update.after")];
    return [
      h("h3", {}, t("bp.update.title")),
      h("p", {}, t(`bp.rule.${rule}`), " ", math(RULES[rule] || "")),
      h("p", { class: "hint" }, t("bp.update.params", { lr: fmt(lr), step: upd.step }), weightDecay(t, upd.optimizer)),
      h("div", { class: "bp-table-box" }, h("table", { class: "bp-table" },
        h("thead", {}, h("tr", {}, head, bufferHeads, last.map((s) => h("th", { scope: "col" }, s)))),
        upd.params.map((p) => h("tbody", { "data-param": p.name }, updateRows(p).map((r) => h("tr", { "data-entry": r.label, "data-testid": "bp-update-row" },
          h("th", { scope: "row" }, r.label),
          plain ? h("td", { class: "num" }, math(`${tex(r.before)}-${tex(lr)}\\times${tex(r.grad, true)}`))
            : [h("td", { class: "num" }, fmt(r.before, 6)), h("td", { class: "num" }, fmt(r.grad, 6))],
          names.map((n) => h("td", { class: "num" }, fmt(r.buffers[n], 6))),
          plain ? null : h("td", { class: "num" }, fmt(r.delta, 6)),
          h("td", { class: "num bp-after", "data-role": "after" }, fmt(r.after, 6)))))))),
    ];
  });
}

function weightDecay(t, optimizer) {
  return optimizer.weight_decay > 0 ? ` ${t("bp.update.decay", { wd: fmt(optimizer.weight_decay) })}` : "";
}
