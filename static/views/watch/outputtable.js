/** The network's output on every training example of a small toy set, as a table that updates while it trains. */
import { h } from "../../dom.js";

const num = (v) => (typeof v === "number" ? v.toFixed(3) : "—");

/** The class an output row predicts: one unit is read as the probability of class 1. Pure. */
export function predicted(out) {
  if (out.length === 1) return out[0] > 0.5 ? 1 : 0;
  return out.indexOf(Math.max(...out));
}

/** mountOutputTable(root, t) -> {update({inputs, outputs, targets} | null)}. */
export function mountOutputTable(root, t) {
  const table = h("table", { class: "output-table", "data-testid": "output-table" });
  const note = h("p", { class: "hint" });
  root.append(h("div", { class: "table-scroll" }, table), note);
  return {
    update(rows) {
      if (!rows) { table.replaceChildren(); note.textContent = t("watch.outputs.empty"); return; }
      const k = rows.outputs[0] ? rows.outputs[0].length : 1;
      const head = h("tr", {}, h("th", { scope: "col" }, "#"), h("th", { scope: "col" }, t("watch.outputs.x")),
        h("th", { scope: "col" }, t("watch.outputs.t")),
        h("th", { scope: "col" }, t(k === 1 ? "watch.outputs.y" : "watch.outputs.probs")), h("th", { scope: "col" }, t("watch.outputs.right")));
      const body = rows.outputs.map((out, i) => {
        const right = predicted(out) === rows.targets[i];
        return h("tr", { dataset: { right: String(right) } }, h("td", {}, String(i + 1)),
          h("td", { class: "num" }, `(${rows.inputs[i].map((v) => Number(v.toFixed(2))).join(", ")})`),
          h("td", { class: "num" }, String(rows.targets[i])),
          h("td", { class: "num", "data-testid": `output-${i}` }, out.map(num).join(" · ")),
          h("td", { class: right ? "yes" : "no" }, right ? "✓" : "✗"));
      });
      table.replaceChildren(h("thead", {}, head), h("tbody", {}, body));
      note.textContent = t("watch.outputs.legend");
    },
  };
}
