/** The cost lesson's table: for each output/loss pair, what it sends back to the last weighted sum z. */
import { h, tOr } from "../../dom.js";

const vec = (v) => `(${(v || []).map((x) => (typeof x === "number" ? x.toFixed(3) : "—")).join(", ")})`;

/** One row per pair, the pairs that send back exactly y − t first. Pure. */
export function gradRows(answer) {
  return Object.entries(answer.pairs || {}).map(([key, p]) => ({ key, ...p }))
    .sort((a, b) => Number(b.is_y_minus_t) - Number(a.is_y_minus_t));
}

/** mountGradTable(root, t) -> {update(answer | null, error?)}: answer of POST /api/experiments/output-gradients. */
export function mountGradTable(root, t) {
  const box = h("figure", { class: "grad-table", "data-testid": "grad-table" });
  root.append(box);
  return {
    update(answer, error) {
      if (!answer) { box.replaceChildren(h("p", { class: "hint" }, error || t("lessons.loading"))); return; }
      const name = (p) => `${tOr(t, `lessons.grad.out.${p.output}`, p.output)} + ${tOr(t, `lessons.grad.loss.${p.loss}`, p.loss)}`;
      const head = ["lessons.grad.pair", "lessons.grad.y", "lessons.grad.loss", "lessons.grad.dz", "lessons.grad.same"]
        .map((k) => h("th", { scope: "col" }, t(k)));
      const rows = gradRows(answer).map((p) => h("tr", { dataset: { pair: p.key, same: String(p.is_y_minus_t) } },
        h("th", { scope: "row" }, name(p)), h("td", { class: "num" }, vec(p.y)),
        h("td", { class: "num" }, typeof p.loss_value === "number" ? p.loss_value.toFixed(4) : "—"),
        h("td", { class: "num" }, vec(p.grad)),
        h("td", { class: p.is_y_minus_t ? "yes" : "no" }, p.is_y_minus_t ? t("lessons.grad.yes") : t("lessons.grad.no"))));
      box.replaceChildren(
        h("figcaption", {}, t("lessons.grad.caption", { z: vec(answer.logits), t: vec(answer.target) })),
        h("div", { class: "table-scroll" }, h("table", {}, h("thead", {}, h("tr", {}, head)), h("tbody", {}, rows))));
    },
  };
}
