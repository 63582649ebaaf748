/** Fixed-size uPlot line charts that redraw from plain arrays. */
import uPlot from "uplot";

const AXIS_FONT = "12px system-ui, sans-serif";

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
        { size: 52, font: AXIS_FONT, values: spec.yFormat ? (u, vals) => vals.map(spec.yFormat) : undefined },
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
