/** The schedule's learning-rate curve, drawn before training from POST /api/schedule. */
import uPlot from "uplot";
import { h } from "../../dom.js";
import { CATEGORICAL } from "../../colors.js";

/** mount(root, api, t) -> {update(config)}: fetches and draws lr for epochs 0..epochs-1. */
export function mountLrCurve(root, api, t) {
  const box = h("div", { class: "lr-curve", "data-testid": "lr-curve" });
  const note = h("p", { class: "hint lr-curve-note" });
  root.append(box, note);
  let plot = null;
  let timer = null;
  let seq = 0;
  let shown = null;   // the lrs drawn last

  function draw(lrs) {
    const xs = lrs.map((_, i) => i + 1);
    if (!plot) {
      plot = new uPlot({
        width: Math.max(200, box.clientWidth || 280), height: 110, legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false } },
        axes: [{ size: 24, font: "11px system-ui" }, { size: 54, font: "11px system-ui" }],
        series: [{}, { stroke: CATEGORICAL[0], width: 2, paths: uPlot.paths.stepped({ align: 1 }) }],
      }, [xs, lrs], box);
    } else {
      plot.setData([xs, lrs]);
    }
  }

  async function fetchCurve(config) {
    const mine = ++seq;
    const body = { name: config.schedule, base_lr: config.lr, epochs: config.epochs, ...(config.schedule_params || {}) };
    try {
      const res = await api("/api/schedule", { method: "POST", body });
      if (mine !== seq) return;
      draw(res.lrs);
      shown = res.lrs;
      describe();
    } catch (err) {
      if (mine === seq) note.textContent = err.message;
    }
  }

  /** The note under the curve, in the current language (also right after a language switch). */
  function describe() {
    if (shown) note.textContent = t("build.schedule.curve", { first: fmt(shown[0]), last: fmt(shown[shown.length - 1]) });
  }

  return {
    update(config) {
      describe();
      clearTimeout(timer);
      timer = setTimeout(() => fetchCurve(config), 150);
    },
    resize() { if (plot && box.clientWidth) plot.setSize({ width: box.clientWidth, height: 110 }); },
  };
}

export const fmt = (x) => (x == null ? "—" : Number(x).toPrecision(3).replace(/\.?0+(e|$)/, "$1"));
