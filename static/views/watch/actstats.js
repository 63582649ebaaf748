/**
 * A small table of per-layer activation statistics: mean, spread, the share of exact zeros, dead units
 * (zero for every probe example: flagged) and the share saturated (flagged past half).
 */
import { h } from "../../dom.js";

const pct = (v) => (typeof v === "number" ? `${(100 * v).toFixed(0)}%` : "—");
const num = (v) => (typeof v === "number" ? v.toFixed(3) : "—");

/** mount(root, t) -> {update(stats: [{mean, std, zero, dead, saturated}] | null, nLayers)}; empty rows hold the space. */
export function mountActStats(root, t) {
  const table = h("table", { class: "act-stats", "data-testid": "act-stats" });
  root.append(table);
  return {
    update(stats, nLayers = 0) {
      const rows = stats && stats.length ? stats : Array.from({ length: Math.max(0, nLayers) }, () => ({}));
      const hidden = (i) => i < rows.length - 1;
      const head = h("tr", {}, ["watch.stats.layer", "watch.stats.mean", "watch.stats.std", "watch.stats.zero", "watch.stats.dead", "watch.stats.saturated"]
        .map((k) => h("th", { scope: "col", title: t(`${k}.title`) }, t(k))));
      const body = rows.map((s, i) => h("tr", {},
        h("th", { scope: "row" }, t(i === rows.length - 1 ? "watch.layer.output" : "watch.layer.n", { i: i + 1 })),
        h("td", {}, num(s.mean)), h("td", {}, num(s.std)),
        h("td", {}, pct(s.zero)),
        h("td", { class: hidden(i) && s.dead > 0 ? "warn" : "", "data-testid": `dead-${i + 1}` }, typeof s.dead === "number" ? String(s.dead) : "—"),
        h("td", { class: hidden(i) && s.saturated > 0.5 ? "warn" : "" }, pct(s.saturated))));
      table.replaceChildren(h("caption", {}, t("watch.stats.caption")), h("thead", {}, head), h("tbody", {}, body));
    },
  };
}
