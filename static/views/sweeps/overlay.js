/** A picked cell's validation curve over every other finished cell's: its run's epochs, read once each. */
import { lineChart } from "../../linechart.js";
import { CATEGORICAL } from "../../colors.js";
import { overlay } from "./grid.js";

const OTHERS = "#b8c0c8";
const ENDED = ["done", "stopped", "diverged"];

/** mountOverlay(box, caption, {api, t}) -> {show(sweep, cells, picked, metric, name), clear()}. */
export function mountOverlay(box, caption, { api, t }) {
  const curves = new Map();   // run id -> per-epoch metrics
  let asked = 0;

  async function read(cells) {
    await Promise.all(cells.filter((c) => !curves.has(c.run_id)).map(async (c) => {
      try { curves.set(c.run_id, (await api(`/api/runs/${c.run_id}`)).metrics); } catch { curves.set(c.run_id, []); }
    }));
  }

  return {
    async show(sweep, cells, picked, metric, name) {
      const ask = ++asked;
      const ended = cells.filter((c) => c.run_id && ENDED.includes(c.status));
      const pick = ended.find((c) => c.index === picked);
      await read(ended);
      if (!pick || ask !== asked) return;   // a later pick (or a new sweep) won
      const order = [...ended.filter((c) => c !== pick), pick];
      box.replaceChildren();
      const chart = lineChart(box, { height: 220, xLabel: t("sweeps.epoch"),
        series: order.map((c) => ({ label: name(c), stroke: c === pick ? CATEGORICAL[5] : OTHERS, points: true })) });
      chart.setData(overlay(order.map((c) => ({ metrics: curves.get(c.run_id) || [] })), metric));
      box.dataset.series = String(order.length);
      box.dataset.picked = String(pick.index);
      caption.textContent = t("sweeps.overlay", { cell: name(pick), metric: t(`sweeps.metric.${metric}`) });
    },
    clear() {
      asked += 1;
      box.replaceChildren();
      delete box.dataset.series;
      caption.textContent = "";
    },
  };
}
