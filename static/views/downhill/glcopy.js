/**
 * Frames of a WebGL 2 context copied to a visible 2-D canvas without stalling the page.
 *
 * When Chrome composites in software (no usable GPU: blocklisted drivers, virtual machines,
 * headless), every frame of an on-page WebGL canvas is read back synchronously while the
 * page commits, and the main thread waits for the rasteriser to finish: about two thirds of
 * each frame's budget in our measurements. Here the WebGL canvas stays off the page; each
 * rendered frame is read into a pixel buffer object behind a fence, and a later animation
 * frame, once the fence has passed, copies the rows (flipped: GL's origin is bottom-left)
 * into the visible canvas. The picture lags the scene by one or two frames; nothing blocks.
 *
 * A fence can stay unsignalled for a long time when the software rasteriser is starved (seen
 * under load after a few surface switches: the view froze on the old function and ignored
 * rotation). A read older than STALE_MS (2 s) is given up: its frame is dropped and the newest
 * frame is read at once, blocking this one frame, so the picture never lags by more than that.
 * Shorter limits (0.25 s, 1 s) were reached often under load, and their blocking reads halved
 * the page's frame rate: a read normally waits a few hundred milliseconds here.
 */

const SLOTS = 2;
const STALE_MS = 2000;

/**
 * glCopy(gl, target, clock) -> {capture(tag) -> bool, present() -> bool, shown}; target is a <canvas> of the drawing
 * buffer's pixel size; `shown` is the tag given with the frame on the canvas now.
 */
export function glCopy(gl, target, clock = () => performance.now()) {
  const w = gl.drawingBufferWidth;
  const h = gl.drawingBufferHeight;
  const g = target.getContext("2d", { alpha: false });
  const image = g.createImageData(w, h);
  const rows = new Uint8Array(w * h * 4);
  const stride = 4 * w;
  const slots = Array.from({ length: SLOTS }, () => {
    const buffer = gl.createBuffer();
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, buffer);
    // Not a READ usage: for those Chrome keeps a shared-memory copy per fence that this
    // read pattern never got to use, and it said so in the console every frame.
    gl.bufferData(gl.PIXEL_PACK_BUFFER, rows.byteLength, gl.STREAM_COPY);
    return { buffer, fence: null, order: 0, at: 0 };
  });
  gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
  let order = 0;

  /** Rows of the drawing buffer (GL's bottom-up order) -> the visible canvas, top row first. */
  function show() {
    for (let y = 0; y < h; y++) image.data.set(rows.subarray((h - 1 - y) * stride, (h - y) * stride), y * stride);
    g.putImageData(image, 0, 0);
  }

  let shown = null;   // the tag of the frame on the canvas now

  /** Give up the reads in flight and copy what was just drawn now, waiting for it. */
  function copyNow(tag) {
    for (const s of slots) if (s.fence) { gl.deleteSync(s.fence); s.fence = null; }
    gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, rows);
    show();
    shown = tag;
    return true;
  }

  /**
   * Queue a read of what was just drawn. With every slot in flight the frame is dropped (false:
   * draw again later), unless the oldest read is stale: then it is copied at once.
   */
  function capture(tag = null) {
    const slot = slots.find((s) => !s.fence);
    if (!slot) return slots.some((s) => clock() - s.at > STALE_MS) ? copyNow(tag) : false;
    slot.tag = tag;
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, slot.buffer);
    gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, 0);
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
    slot.fence = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    slot.order = ++order;
    slot.at = clock();
    gl.flush();
    return true;
  }

  /** Show the oldest read in flight once it has finished (reads finish in order; each is shown). */
  function present() {
    let next = null;
    for (const s of slots) if (s.fence && (!next || s.order < next.order)) next = s;
    if (!next) return false;
    const state = gl.clientWaitSync(next.fence, 0, 0);
    if (state !== gl.ALREADY_SIGNALED && state !== gl.CONDITION_SATISFIED) return false;
    gl.deleteSync(next.fence);
    next.fence = null;
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, next.buffer);
    gl.getBufferSubData(gl.PIXEL_PACK_BUFFER, 0, rows);
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
    show();
    shown = next.tag;
    return true;
  }

  /** Let go of the pixel buffers and the reads in flight (before a copier for a new size takes over). */
  function dispose() {
    for (const s of slots) {
      if (s.fence) gl.deleteSync(s.fence);
      gl.deleteBuffer(s.buffer);
    }
  }

  return { capture, present, dispose, get shown() { return shown; } };
}
