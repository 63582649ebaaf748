/** The confusion matrix of the test set: rows are true digits, columns the network's answers. */
import { h } from "../../dom.js";
import { sequential, css } from "../../colors.js";

/** counts (10×10) -> per-row shares (each row sums to 1; an empty row stays 0). */
export function rowShares(counts) {
  return counts.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((c) => (total ? c / total : 0));
  });
}

/** mountConfusion(root, t) -> {update(counts), relabel()}. */
export function mountConfusion(root, t) {
  const table = h("table", { class: "confusion", "data-testid": "confusion" });
  root.append(table);
  let counts = null;

  function cell(c, share, i, j) {
    const t01 = Math.sqrt(share);
    const bg = sequential(t01);
    return h("td", { style: { background: css(bg), color: t01 > 0.6 ? "#111" : "#fff" },
      title: t("draw.confusion.cell", { count: c, label: i, pred: j }) }, c);
  }

  function update(next) {
    counts = next;
    if (!counts) { table.replaceChildren(); return; }
    const shares = rowShares(counts);
    const head = h("tr", {}, h("th", { scope: "col", class: "corner" }, t("draw.confusion.corner")),
      counts.map((_, j) => h("th", { scope: "col" }, j)));
    const rows = counts.map((row, i) => h("tr", {},
      h("th", { scope: "row" }, i), row.map((c, j) => cell(c, shares[i][j], i, j))));
    table.replaceChildren(h("caption", {}, t("draw.confusion.caption")), h("thead", {}, head), h("tbody", {}, rows));
  }

  return { update, relabel: () => update(counts) };
}
