import { test } from "node:test";
import assert from "node:assert/strict";
import { glCopy } from "../../../../static/views/downhill/glcopy.js";

/** A WebGL 2 stand-in: a 2×3 drawing buffer whose rows hold the frame number; fences pass when told. */
function fakeGl() {
  const W = 2, H = 3;
  const buffers = [];
  let bound = null;
  let frame = 0;
  const gl = {
    drawingBufferWidth: W, drawingBufferHeight: H, PIXEL_PACK_BUFFER: 1, RGBA: 2, UNSIGNED_BYTE: 3,
    STREAM_COPY: 4, SYNC_GPU_COMMANDS_COMPLETE: 5, ALREADY_SIGNALED: 6, CONDITION_SATISFIED: 7, TIMEOUT_EXPIRED: 8,
    fences: [],
    draw(n) { frame = n; },
    createBuffer() { const b = { data: null }; buffers.push(b); return b; },
    bindBuffer(_, b) { bound = b; },
    bufferData(_, size) { bound.data = new Uint8Array(size); },
    // GL rows run bottom-up: row y of the buffer is screen row H-1-y; each byte = 10·frame + screen row.
    // Into the bound pixel buffer (an offset is passed), or straight into an array (a blocking read).
    readPixels(x, y0, w, h, f, type, dst) {
      const out = typeof dst === "object" ? dst : bound.data;
      for (let y = 0; y < H; y++) out.fill(10 * frame + (H - 1 - y), 4 * W * y, 4 * W * (y + 1));
    },
    fenceSync() { const f = { passed: false }; gl.fences.push(f); return f; },
    clientWaitSync(f) { return f.passed ? gl.ALREADY_SIGNALED : gl.TIMEOUT_EXPIRED; },
    deleteSync() {},
    flush() {},
    getBufferSubData(_, __, out) { out.set(bound.data); },
  };
  return gl;
}

function fakeCanvas() {
  const shown = [];
  return { shown, getContext: () => ({
    createImageData: (w, h) => ({ data: new Uint8ClampedArray(4 * w * h) }),
    putImageData: (img) => shown.push(Array.from({ length: 3 }, (_, row) => img.data[8 * row])),
  }) };
}

test("a frame reaches the canvas only after its fence passes, top row first", () => {
  const gl = fakeGl();
  const canvas = fakeCanvas();
  const copy = glCopy(gl, canvas);
  gl.draw(1);
  assert.equal(copy.capture(), true);
  assert.equal(copy.present(), false, "nothing shown while the read is in flight");
  gl.fences[0].passed = true;
  assert.equal(copy.present(), true);
  assert.deepEqual(canvas.shown, [[10, 11, 12]], "screen rows 0, 1, 2 in order: the GL rows were flipped");
  assert.equal(copy.present(), false, "a frame is shown once");
});

test("frames are shown in the order drawn, and one is dropped when both slots are in flight", () => {
  const gl = fakeGl();
  const canvas = fakeCanvas();
  const copy = glCopy(gl, canvas);
  gl.draw(1); copy.capture();
  gl.draw(2); copy.capture();
  gl.draw(3);
  assert.equal(copy.capture(), false, "no free slot: the caller draws again later");
  gl.fences.forEach((f) => { f.passed = true; });
  copy.present();
  copy.present();
  assert.deepEqual(canvas.shown.map((rows) => rows[0]), [10, 20]);
  gl.draw(4);
  assert.equal(copy.capture(), true, "slots are free again once shown");
});

test("a read whose fence never passes is given up: the newest frame is copied at once, not frozen", () => {
  const gl = fakeGl();
  const canvas = fakeCanvas();
  let now = 0;
  const copy = glCopy(gl, canvas, () => now);
  gl.draw(1); copy.capture("rosenbrock");
  gl.draw(2); copy.capture("rosenbrock");
  gl.draw(3);
  now = 100;
  assert.equal(copy.capture("saddle"), false, "a young read in flight: wait for it");
  now = 3000;
  assert.equal(copy.capture("saddle"), true, "a stale one: this frame is read at once");
  assert.deepEqual(canvas.shown.map((rows) => rows[0]), [30], "the newest frame is shown, the stuck ones dropped");
  assert.equal(copy.shown, "saddle", "the picture says what it shows");
  gl.draw(4);
  assert.equal(copy.capture(), true, "both slots are free again");
});
