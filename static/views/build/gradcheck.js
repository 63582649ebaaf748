/**
 * Check gradients (Build panel): backprop against central differences for the network being
 * built, at its starting weights: the relative error per parameter tensor and its worst entry,
 * coloured by verdict; a plain message when the network is too large to check one by one.
 */
import { h } from "../../dom.js";
import { verdictBadge } from "../../verdicts.js";
import { paramCount } from "./layers.js";

const short = (v) => (v === 0 ? "0" : Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5 ? v.toExponential(1).replace("e+", "e") : String(Number(v.toPrecision(4))));

/** What the result box says for a gradcheck state: {kind: "none"|"running"|"result"|"tooLarge"|"error", ...}. */
export function describe(state, config) {
  if (!state) return { kind: "none" };
  const stale = JSON.stringify(state.config) !== JSON.stringify(config);
  if (state.state === "running") return { kind: "running" };
  if (state.state === "error") {
    return state.field === "config.layers" && state.status === 422
      ? { kind: "tooLarge", n: paramCount(state.config.layers || []), max: state.max, stale }
      : { kind: "error", message: state.message, stale };
  }
  return { kind: "result", result: state.result, stale };
}

/** mountGradcheck(root, {t, onCheck()}) -> {update(state, config)}. */
export function mountGradcheck(root, { t, onCheck }) {
  const button = h("button", { type: "button", class: "btn small", "data-testid": "gradcheck", onClick: onCheck });
  const out = h("div", { class: "gradcheck-out", "data-testid": "gradcheck-result", "aria-live": "polite" });
  root.append(h("div", { class: "gradcheck" }, button, out));
  return {
    update(state, config) {
      const d = describe(state, config);
      button.textContent = t(d.kind === "running" ? "gradcheck.running" : "gradcheck.button");
      button.disabled = d.kind === "running";
      out.dataset.kind = d.kind;
      const stale = d.stale ? [h("p", { class: "hint gradcheck-stale" }, t("gradcheck.stale"))] : [];
      if (d.kind === "tooLarge") out.replaceChildren(h("p", { class: "field-note" }, t(d.max ? "gradcheck.tooLarge" : "gradcheck.tooLarge.noMax",
        { n: d.n.toLocaleString(), max: (d.max || 0).toLocaleString() })), ...stale);
      else if (d.kind === "error") out.replaceChildren(h("p", { class: "field-note" }, t("gradcheck.failed", { message: d.message })), ...stale);
      else if (d.kind === "result") out.replaceChildren(...stale, ...report(t, d.result, state.config));
      else out.replaceChildren();
    },
  };
}

function report(t, r, config) {
  return [
    h("p", { class: "gradcheck-summary" }, verdictBadge(t, r.verdict), " ", h("strong", {}, (config.layers || []).join("-")), " · ",
      t("gradcheck.summary", { n: r.n_params.toLocaleString(), loss: short(r.loss), seconds: r.seconds.toFixed(1) })),
    h("p", { class: "hint" }, t("gradcheck.help", { examples: r.examples })),
    h("table", { class: "gradcheck-table" },
      h("thead", {}, h("tr", {}, ["gradcheck.tensor", "gradcheck.error", "gradcheck.worst"].map((k) => h("th", { scope: "col" }, t(k))))),
      h("tbody", {}, r.tensors.map((x) => h("tr", { "data-tensor": x.name },
        h("th", { scope: "row" }, `${x.name} `, h("span", { class: "hint" }, x.shape.join("×"))),
        h("td", {}, verdictBadge(t, x.verdict), " ", short(x.relative_error)),
        h("td", {}, worst(t, x)))))),
  ];
}

function worst(t, x) {
  const notes = x.kinks || x.near_zero ? h("span", { class: "hint" }, ` (${t("gradcheck.notes", { kinks: x.kinks, near: x.near_zero })})`) : null;
  if (!x.worst) return h("span", {}, t("gradcheck.none"), notes);
  const w = x.worst;
  return h("span", { class: `verdict-text-${w.verdict}` }, t("gradcheck.worstEntry", { entry: `${x.name}[${w.index.map((i) => i + 1).join(",")}]`,
    analytic: short(w.analytic), numeric: short(w.numeric), error: short(w.relative_error) }), notes);
}
