/** Prediction bars: one row per digit carrying data-digit and data-prob (0..1). */
import { h } from "../../dom.js";

/** mountBars(root, t) -> {update(probabilities (10), prediction), reset()}. */
export function mountBars(root, t) {
  const rows = Array.from({ length: 10 }, (_, d) => {
    const fill = h("span", { class: "bar-fill" });
    const value = h("span", { class: "bar-value" }, "");
    const row = h("li", { class: "bar", dataset: { digit: d, prob: "0" } },
      h("span", { class: "bar-digit" }, d), h("span", { class: "bar-track" }, fill), value);
    return { row, fill, value };
  });
  const list = h("ol", { class: "bars", "data-testid": "prediction", role: "list" }, rows.map((r) => r.row));
  root.append(list);

  return {
    update(probs, prediction) {
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
    reset() {
      rows.forEach((r) => { r.row.dataset.prob = "0"; r.fill.style.width = "0%"; r.value.textContent = ""; r.row.classList.remove("top"); });
      delete list.dataset.prediction;
    },
  };
}
