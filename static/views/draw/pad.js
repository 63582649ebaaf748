/** The drawing pad: pointer strokes (mouse, pen, touch) on a canvas; reads back an ink image. */

export const PAD_SIDE = 280;
export const SEND_SIDE = 140;

/** RGBA bytes (w×h) -> rows of ink values in 0..1 taken from the alpha channel: [[w] × h]. */
export function inkRows(rgba, w, h) {
  const rows = new Array(h);
  for (let y = 0; y < h; y++) {
    const row = new Array(w);
    for (let x = 0; x < w; x++) row[x] = Math.round((rgba[4 * (y * w + x) + 3] / 255) * 1000) / 1000;
    rows[y] = row;
  }
  return rows;
}

/** True if any ink value is above `threshold`. */
export function hasInk(rows, threshold = 0.02) {
  return rows.some((r) => r.some((v) => v > threshold));
}

/** Pen width in canvas pixels for a pad of `side` pixels (MNIST strokes are ~2.5/28 of the box). */
export function penWidth(side, pressure = 0.5) {
  return side * (0.075 + 0.03 * (pressure - 0.5));
}

/** mountPad(canvas, {onStroke(kind)}) -> {clear, image(), paintPixels(p784), empty}: kind is "move" or "end". */
export function mountPad(canvas, { onStroke }) {
  canvas.width = PAD_SIDE;
  canvas.height = PAD_SIDE;
  const ctx = canvas.getContext("2d");
  const small = document.createElement("canvas");
  small.width = small.height = SEND_SIDE;
  let last = null;
  let inked = false;

  function line(p) {
    ctx.strokeStyle = "#111";
    ctx.lineCap = ctx.lineJoin = "round";
    ctx.lineWidth = penWidth(PAD_SIDE, p.pressure || 0.5);
    ctx.beginPath();
    ctx.moveTo(last.x, last.y);
    ctx.lineTo(p.x + 0.01, p.y);
    ctx.stroke();
    last = p;
    inked = true;
  }
  function point(e) {
    const r = canvas.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * PAD_SIDE, y: ((e.clientY - r.top) / r.height) * PAD_SIDE,
      pressure: e.pointerType === "pen" ? e.pressure : 0.5 };
  }
  canvas.addEventListener("pointerdown", (e) => {
    e.preventDefault();
    canvas.setPointerCapture(e.pointerId);
    last = point(e);
    line(last);
    onStroke("move");
  });
  canvas.addEventListener("pointermove", (e) => {
    if (!last) return;
    const events = e.getCoalescedEvents ? e.getCoalescedEvents() : [e];
    for (const ev of events.length ? events : [e]) line(point(ev));
    onStroke("move");
  });
  const end = () => { if (last) { last = null; onStroke("end"); } };
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);

  return {
    clear() { ctx.clearRect(0, 0, PAD_SIDE, PAD_SIDE); inked = false; },
    get empty() { return !inked; },
    /** The drawing downsampled to SEND_SIDE², as rows of ink in 0..1. */
    image() {
      const s = small.getContext("2d", { willReadFrequently: true });
      s.clearRect(0, 0, SEND_SIDE, SEND_SIDE);
      s.drawImage(canvas, 0, 0, SEND_SIDE, SEND_SIDE);
      return inkRows(s.getImageData(0, 0, SEND_SIDE, SEND_SIDE).data, SEND_SIDE, SEND_SIDE);
    },
    /** Replace the drawing by a 28×28 digit (784 ink values), scaled up smoothly. */
    paintPixels(pixels) {
      const tiny = document.createElement("canvas");
      tiny.width = tiny.height = 28;
      const bytes = new Uint8ClampedArray(784 * 4);
      for (let i = 0; i < 784; i++) { bytes[4 * i + 3] = Math.round(255 * pixels[i]); bytes[4 * i] = bytes[4 * i + 1] = bytes[4 * i + 2] = 17; }
      tiny.getContext("2d").putImageData(new ImageData(bytes, 28, 28), 0, 0);
      this.clear();
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(tiny, 0, 0, PAD_SIDE, PAD_SIDE);
      inked = true;
    },
  };
}
