/** A 1-D cost curve with every racer on it: the balls, the points each has visited, and the slope under each ball. */
import { axisNumber } from "../../numbers.js";

const W = 380;
const H = 300;
const PAD = { l: 44, r: 12, t: 12, b: 28 };
const SLOPE_PX = 70;   // the longest slope arrow

/** The drawing's coordinates for a curve xs -> values: px(w), py(value) and the value range. Pure. */
export function curveFrame(xs, values) {
  const finite = values.filter(Number.isFinite);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const span = hi - lo || 1;
  return {
    lo, hi,
    px: (w) => PAD.l + ((w - xs[0]) / (xs[xs.length - 1] - xs[0])) * (W - PAD.l - PAD.r),
    py: (v) => H - PAD.b - ((Math.min(hi, Math.max(lo, v)) - lo) / span) * (H - PAD.t - PAD.b),
  };
}

/** mountCurve(canvas) -> {setField(field), draw(scene)}; scene = the toy mode's ({balls, paths, slopes, minima, axisLabel}). */
export function mountCurve(canvas) {
  const dpr = window.devicePixelRatio || 1;
  canvas.width = W * dpr;
  canvas.height = H * dpr;
  const g = canvas.getContext("2d");
  let field = null;
  let key = "";

  function axes(frame, label) {
    g.strokeStyle = "#aab4be"; g.lineWidth = 1;
    g.beginPath(); g.moveTo(PAD.l, PAD.t); g.lineTo(PAD.l, H - PAD.b); g.lineTo(W - PAD.r, H - PAD.b); g.stroke();
    g.fillStyle = "#55606c"; g.font = "11px system-ui, sans-serif";
    g.fillText(axisNumber(frame.hi, frame.hi - frame.lo), 2, PAD.t + 8);
    g.fillText(axisNumber(frame.lo, frame.hi - frame.lo), 2, H - PAD.b);
    const xs = field.xs;
    g.fillText(String(xs[0]), PAD.l - 4, H - 10);
    g.fillText(String(xs[xs.length - 1]), W - PAD.r - 18, H - 10);
    g.fillText(label, W / 2 - 4, H - 8);
  }

  function draw(scene) {
    const next = JSON.stringify([(scene.balls || []).map((b) => [b.x, b.value]), scene.step, (scene.paths || []).length, field && field.nx]);
    if (next === key) return;
    key = next;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, W, H);
    if (!field) return;
    const values = Array.from(field.z.subarray(0, field.nx));
    const frame = curveFrame(field.xs, values);
    axes(frame, scene.axisLabel || "w");
    g.strokeStyle = "#0b3d66"; g.lineWidth = 2;
    g.beginPath();
    field.xs.forEach((w, i) => (i ? g.lineTo(frame.px(w), frame.py(values[i])) : g.moveTo(frame.px(w), frame.py(values[i]))));
    g.stroke();
    for (const m of scene.minima || []) {
      const [x, y] = [frame.px(m[0]), frame.py(m[m.length - 1])];
      g.strokeStyle = "#000"; g.lineWidth = 1.5;
      g.beginPath(); g.moveTo(x - 4, y + 6); g.lineTo(x + 4, y + 14); g.moveTo(x + 4, y + 6); g.lineTo(x - 4, y + 14); g.stroke();
    }
    // Where each ball has been: one dot per step taken so far.
    for (const p of scene.paths || []) {
      g.fillStyle = p.color;
      g.globalAlpha = 0.45;
      const upTo = Math.min(p.points.length, Math.floor(scene.step ?? 0) + 1);
      for (let i = 0; i < upTo; i++) { g.beginPath(); g.arc(frame.px(p.points[i][0]), frame.py(p.values[i]), 3, 0, 2 * Math.PI); g.fill(); }
      g.globalAlpha = 1;
    }
    // The slope under each ball, as the arrow of the step it asks for: −dL/dw, longer where it is steeper.
    // One scale for every arrow: the steepest slope of the curve in view gets the longest.
    const steepest = Math.max(1e-9, ...values.slice(1).map((v, i) => Math.abs((v - values[i]) / (field.xs[i + 1] - field.xs[i]))));
    for (const s of scene.slopes || []) {
      const len = Math.max(-SLOPE_PX, Math.min(SLOPE_PX, (-s.g / steepest) * SLOPE_PX));
      if (!Number.isFinite(len) || Math.abs(len) < 2) continue;
      const x = frame.px(s.x);
      const y = frame.py(s.value) - 12;
      g.strokeStyle = g.fillStyle = s.color; g.lineWidth = 2;
      g.beginPath(); g.moveTo(x, y); g.lineTo(x + len, y); g.stroke();
      const d = Math.sign(len);
      g.beginPath(); g.moveTo(x + len, y); g.lineTo(x + len - 6 * d, y - 4); g.lineTo(x + len - 6 * d, y + 4); g.closePath(); g.fill();
    }
    for (const b of scene.balls || []) {
      g.fillStyle = b.color; g.strokeStyle = "#fff"; g.lineWidth = 2;
      g.beginPath(); g.arc(frame.px(b.x), frame.py(b.value), 7, 0, 2 * Math.PI); g.fill(); g.stroke();
    }
  }

  return { setField(next) { field = next; key = ""; }, draw };
}
