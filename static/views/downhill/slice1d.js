/** The 1-D slice: cost along the horizontal axis through the ball's position, with the ball on it. */
import { toUnit } from "./heightfield.js";
import { axisNumber } from "../../numbers.js";

const W = 380;
const H = 150;
const PAD = { l: 44, r: 10, t: 10, b: 22 };

/** field, y -> the grid row nearest y: {xs, values}. */
export function rowThrough(field, y) {
  const [, v] = toUnit(field, 0, y);
  const j = Math.min(field.ny - 1, Math.max(0, Math.round(v * (field.ny - 1))));
  return { xs: field.xs, values: Array.from(field.z.subarray(j * field.nx, (j + 1) * field.nx)), y: field.ys[j] };
}

/** mountSlice(canvas) -> {draw(field, ball, axisLabel)}. */
export function mountSlice(canvas) {
  const dpr = window.devicePixelRatio || 1;
  canvas.width = W * dpr;
  canvas.height = H * dpr;
  const g = canvas.getContext("2d");

  function draw(field, ball, axisLabel) {
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, W, H);
    if (!field) return;
    const row = rowThrough(field, ball ? ball.y : 0);
    const hts = row.values.map((v) => field.height(v));
    const px = (x) => PAD.l + ((x - row.xs[0]) / (row.xs[row.xs.length - 1] - row.xs[0])) * (W - PAD.l - PAD.r);
    const py = (ht) => H - PAD.b - ht * (H - PAD.t - PAD.b);
    g.strokeStyle = "#aab4be"; g.lineWidth = 1;
    g.beginPath(); g.moveTo(PAD.l, PAD.t); g.lineTo(PAD.l, H - PAD.b); g.lineTo(W - PAD.r, H - PAD.b); g.stroke();
    g.fillStyle = "#55606c"; g.font = "11px system-ui, sans-serif";
    g.fillText(axisLabel, W / 2 - 20, H - 6);
    // The two ends of the cost axis, with as many digits as it takes to tell them apart.
    g.fillText(axisNumber(field.hi, field.hi - field.lo), 2, PAD.t + 8);
    g.fillText(axisNumber(field.lo, field.hi - field.lo), 2, H - PAD.b);
    g.strokeStyle = "#0072B2"; g.lineWidth = 2;
    g.beginPath();
    row.xs.forEach((x, i) => (i ? g.lineTo(px(x), py(hts[i])) : g.moveTo(px(x), py(hts[i]))));
    g.stroke();
    if (ball) {
      g.fillStyle = ball.color || "#D55E00"; g.strokeStyle = "#fff";
      g.beginPath(); g.arc(px(ball.x), py(field.height(ball.value)), 6, 0, 2 * Math.PI); g.fill(); g.stroke();
    }
  }
  return { draw };
}

