/** Contour map: filled heights with iso-lines, paths, balls, arrows and the start marker on a 2-D canvas. */
import { sequential } from "../../colors.js";
import { isoSegments, levels } from "./contourlines.js";
import { toUnit, fromUnit } from "./heightfield.js";

const SIDE = 380;
const N_LEVELS = 14;

/** Field -> an offscreen canvas (side²) with the filled heights and iso-lines. */
function background(field, side) {
  const small = document.createElement("canvas");
  small.width = field.nx;
  small.height = field.ny;
  const img = small.getContext("2d").createImageData(field.nx, field.ny);
  const hts = field.z.map((v) => field.height(v));
  for (let j = 0; j < field.ny; j++) {
    for (let i = 0; i < field.nx; i++) {
      const [r, g, b] = sequential(hts[j * field.nx + i]);
      const k = 4 * ((field.ny - 1 - j) * field.nx + i);
      img.data[k] = r; img.data[k + 1] = g; img.data[k + 2] = b; img.data[k + 3] = 255;
    }
  }
  small.getContext("2d").putImageData(img, 0, 0);
  const big = document.createElement("canvas");
  big.width = big.height = side;
  const g = big.getContext("2d");
  g.imageSmoothingEnabled = true;
  const sx = side / (field.nx - 1);
  const sy = side / (field.ny - 1);
  g.drawImage(small, -sx / 2, -sy / 2, side + sx, side + sy);
  g.strokeStyle = "rgb(255 255 255 / 0.55)";
  g.lineWidth = 1;
  g.beginPath();
  for (const level of levels(0, 1, N_LEVELS)) {
    const s = isoSegments(hts, field.nx, field.ny, level);
    for (let k = 0; k < s.length; k += 4) {
      g.moveTo(s[k] * sx, side - s[k + 1] * sy);
      g.lineTo(s[k + 2] * sx, side - s[k + 3] * sy);
    }
  }
  g.stroke();
  return big;
}

/** A light outline drawn under every path and arrow, so dark strokes stay visible on viridis's dark low values. */
const HALO = "rgb(255 255 255 / 0.85)";
const HALO_EXTRA = 3;

/** An arrow drawn twice: a wide light outline, then the colour on top. */
function arrow(g, x0, y0, dx, dy, color) {
  const len = Math.hypot(dx, dy);
  if (len < 2) return;
  const ux = dx / len;
  const uy = dy / len;
  const head = () => {
    g.beginPath();
    g.moveTo(x0 + dx, y0 + dy);
    g.lineTo(x0 + dx - 7 * ux + 4 * uy, y0 + dy - 7 * uy - 4 * ux);
    g.lineTo(x0 + dx - 7 * ux - 4 * uy, y0 + dy - 7 * uy + 4 * ux);
    g.closePath();
  };
  g.lineJoin = g.lineCap = "round";
  for (const [ink, width] of [[HALO, 2 + HALO_EXTRA], [color, 2]]) {
    g.strokeStyle = g.fillStyle = ink;
    g.lineWidth = width;
    g.beginPath(); g.moveTo(x0, y0); g.lineTo(x0 + dx, y0 + dy); g.stroke();
    head();
    if (ink === HALO) g.stroke();
    g.fill();
  }
  g.lineCap = "butt";
}

const pathsSeen = new WeakMap();
let pathsId = 0;
/** A string that changes whenever what the map shows changes. */
function sceneKey(scene) {
  const p = scene.paths || [];
  if (!pathsSeen.has(p)) pathsSeen.set(p, ++pathsId);
  const balls = (scene.balls || []).map((b) => `${b.x.toFixed(5)},${b.y.toFixed(5)}`).join(";");
  const arrows = (scene.arrows || []).length;
  return `${pathsSeen.get(p)}|${balls}|${arrows}|${scene.start}|${scene.starts}|${scene.step}`;
}

/** mountContour(canvas) -> {setField(field), draw(scene), toWorld(event), toPixel(x, y)}. */
export function mountContour(canvas) {
  const dpr = window.devicePixelRatio || 1;
  canvas.width = canvas.height = Math.round(SIDE * dpr);
  const g = canvas.getContext("2d");
  let field = null;
  let bg = null;

  const toPixel = (x, y) => {
    const [u, v] = toUnit(field, x, y);
    return [u * SIDE, (1 - v) * SIDE];
  };

  /** One pass over a path: its solid light outline (halo) or its colour, dashed if asked. */
  function drawPath(p, halo) {
    const width = p.width || 2;
    g.beginPath();
    p.points.forEach(([x, y], k) => { const [px, py] = toPixel(x, y); if (k) g.lineTo(px, py); else g.moveTo(px, py); });
    g.lineJoin = "round";
    g.strokeStyle = halo ? HALO : p.color;
    g.lineWidth = halo ? width + HALO_EXTRA : width;
    g.setLineDash(halo ? [] : p.dash || []);
    g.stroke();
    g.setLineDash([]);
  }

  function drawBall(b) {
    const [px, py] = toPixel(b.x, b.y);
    g.fillStyle = b.color;
    g.strokeStyle = "#fff";
    g.lineWidth = 2;
    g.beginPath(); g.arc(px, py, b.r || 6, 0, 2 * Math.PI); g.fill(); g.stroke();
  }

  /** a.world: a vector in world units (capped at 80 px); a.dir: a direction drawn 26 px long. */
  function arrowFor(a) {
    const [px, py] = toPixel(a.x, a.y);
    let [dx, dy] = a.world ? scale(...a.world) : a.dir;
    const len = Math.hypot(dx, dy);
    if (!Number.isFinite(len) || len === 0) return;
    const k = a.world ? Math.min(1, 80 / len) : 26 / len;
    arrow(g, px, py, dx * k, -dy * k, a.color);
  }

  function scale(dx, dy) {
    const [u0, v0] = toUnit(field, 0, 0);
    const [u1, v1] = toUnit(field, dx, dy);
    return [(u1 - u0) * SIDE, (v1 - v0) * SIDE];
  }

  let lastKey = "";

  /** Redraw only when the scene changed (new field, paths, step or ball positions). */
  function draw(scene) {
    const key = sceneKey(scene);
    if (key === lastKey) return;
    lastKey = key;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, SIDE, SIDE);
    if (!field) return;
    g.drawImage(bg, 0, 0, SIDE, SIDE);
    for (const m of scene.minima || []) {
      const [px, py] = toPixel(m[0], m[1]);
      g.strokeStyle = "#fff"; g.lineWidth = 2;
      g.beginPath(); g.moveTo(px - 5, py - 5); g.lineTo(px + 5, py + 5); g.moveTo(px + 5, py - 5); g.lineTo(px - 5, py + 5); g.stroke();
    }
    for (const p of scene.paths || []) drawPath(p, true);
    for (const p of scene.paths || []) drawPath(p, false);
    for (const a of scene.arrows || []) arrowFor(a);
    for (const b of scene.balls || []) drawBall(b);
    // The start (□), or each racer's own start when they differ.
    for (const start of scene.starts || (scene.start ? [scene.start] : [])) {
      const [px, py] = toPixel(...start);
      g.strokeStyle = "#000"; g.lineWidth = 2; g.fillStyle = "rgb(255 255 255 / 0.8)";
      g.beginPath(); g.rect(px - 6, py - 6, 12, 12); g.fill(); g.stroke();
    }
  }

  return {
    setField(next) { field = next; lastKey = ""; bg = next ? background(next, SIDE * dpr) : null; },
    draw,
    toPixel,
    /** Pointer event -> world (x, y) inside the field's box. */
    toWorld(e) {
      const r = canvas.getBoundingClientRect();
      const u = Math.min(1, Math.max(0, (e.clientX - r.left) / r.width));
      const v = Math.min(1, Math.max(0, 1 - (e.clientY - r.top) / r.height));
      return fromUnit(field, u, v);
    },
    get field() { return field; },
  };
}
