/** Prediction bars: one row per digit carrying data-digit and data-prob (0..1). */
import { h } from "../../dom.js";

/** mountBars(root, t) -> {update(probabilities, prediction), reset()}: one bar per class (ten digits, or a toy set's classes). */
export function mountBars(root, t) {
  const list = h("ol", { class: "bars", "data-testid": "prediction", role: "list" });
  root.append(list);
  let rows = [];
  function build(n) {
    rows = Array.from({ length: n }, (_, d) => {
      const fill = h("span", { class: "bar-fill" });
      const value = h("span", { class: "bar-value" }, "");
      const row = h("li", { class: "bar", dataset: { digit: d, prob: "0" } },
        h("span", { class: "bar-digit" }, d), h("span", { class: "bar-track" }, fill), value);
      return { row, fill, value };
    });
    list.replaceChildren(...rows.map((r) => r.row));
  }
  build(10);

  return {
    update(probs, prediction) {
      if (probs.length !== rows.length) build(probs.length);
      probs.forEach((p, d) => {
        const r = rows[d];
        const prob = Number.isFinite(p) ? p : 0;
        r.row.dataset.prob = String(prob);
        r.row.classList.toggle("top", d === prediction);
        r.fill.style.width = `${(100 * prob).toFixed(1)}%`;
        r.value.textContent = `${(100 * prob).toFixed(1)}%`;
        r.row.setAttribute("aria-label", t("draw.bar.aria", { digit: d, pct: (100 * prob).toFixed(1) }));
      });
      list.dataset.prediction = String(prediction);
    },
    /** Empty bars for n classes. */
    reset(n = rows.length) {
      if (n !== rows.length) build(n);
      rows.forEach((r) => { r.row.dataset.prob = "0"; r.fill.style.width = "0%"; r.value.textContent = ""; r.row.classList.remove("top"); });
      delete list.dataset.prediction;
    },
  };
}
