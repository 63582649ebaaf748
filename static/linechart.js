/** Fixed-size uPlot line charts that redraw from plain arrays. */
import uPlot from "uplot";
import { axisNumber } from "./numbers.js";

const AXIS_FONT = "12px system-ui, sans-serif";
const CHAR_PX = 7;   // width of one axis digit at AXIS_FONT, near enough to size the axis

/** Axis width that fits its longest label (diverged runs have long ones). */
const axisSize = (u, values) => Math.max(52, 24 + CHAR_PX * Math.max(0, ...(values || []).map((v) => String(v).length)));

/** lineChart(box, {height, series: [{label, stroke, dash}], log, yFormat, xLabel}) -> {setData, relabel, resize}. */
export function lineChart(box, spec) {
  let data = [[], ...spec.series.map(() => [])];
  let plot = null;
  let labels = spec.series.map((s) => s.label);
  let xLabel = spec.xLabel;

  function create() {
    if (plot) plot.destroy();
    const width = Math.max(220, box.clientWidth || 320);
    plot = new uPlot({
      width, height: spec.height,
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false }, y: spec.log ? { distr: 3 } : (spec.range ? { range: spec.range } : {}) },
      axes: [
        { label: xLabel, labelSize: 18, size: 30, font: AXIS_FONT, labelFont: AXIS_FONT },
        { size: axisSize, font: AXIS_FONT,
          values: (u, vals) => vals.map(spec.yFormat || ((v) => axisNumber(v, vals.length > 1 ? Math.abs(vals[vals.length - 1] - vals[0]) / vals.length : 0))) },
      ],
      series: [{ label: xLabel }, ...spec.series.map((s, i) => ({
        label: labels[i], stroke: s.stroke, width: 2, dash: s.dash, spanGaps: true,
        points: { show: s.points, size: 6, fill: s.stroke },
      }))],
    }, data, box);
  }

  create();
  return {
    setData(next) {
      const n = spec.series.length + 1;
      data = next.length >= n ? next.slice(0, n) : [...next, ...Array.from({ length: n - next.length }, () => next[0].map(() => null))];
      plot.setData(data);
      box.dataset.points = String(data[0].length);
    },
    relabel(nextLabels, nextX) { labels = nextLabels; xLabel = nextX; create(); },
    resize() { if (box.clientWidth) plot.setSize({ width: box.clientWidth, height: spec.height }); },
  };
}
