/** The /ws/train message schema: binary frame decoding and client message builders. Pure. */

/** Offset (bytes) where the float32 data of a frame starts, given the header length H. */
export function dataStart(headerLength) {
  return Math.ceil((4 + headerLength) / 4) * 4;
}

/** ArrayBuffer -> {header, tensors: {name: {shape, data: Float32Array}}}. */
export function decodeFrame(buffer) {
  if (buffer.byteLength < 4) throw new Error("binary frame too short");
  const view = new DataView(buffer);
  const h = view.getUint32(0, true);
  if (4 + h > buffer.byteLength) throw new Error("binary frame header overruns the frame");
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, h)));
  const start = dataStart(h);
  const tensors = {};
  for (const t of header.tensors || []) {
    const size = t.shape.reduce((a, b) => a * b, 1);
    const begin = start + t.offset * 4;
    if (begin + size * 4 > buffer.byteLength) throw new Error(`tensor ${t.name} overruns the frame`);
    tensors[t.name] = { shape: t.shape, data: new Float32Array(buffer, begin, size) };
  }
  return { header, tensors };
}

/** {header, tensors: {name: {shape, data}}} -> ArrayBuffer (the server's layout; for tests). */
export function encodeFrame(header, tensors = {}) {
  let offset = 0;
  const list = Object.entries(tensors).map(([name, t]) => {
    const entry = { name, shape: t.shape, offset };
    offset += t.data.length;
    return entry;
  });
  const bytes = new TextEncoder().encode(JSON.stringify({ ...header, tensors: list }));
  const start = dataStart(bytes.length);
  const buffer = new ArrayBuffer(start + offset * 4);
  new DataView(buffer).setUint32(0, bytes.length, true);
  new Uint8Array(buffer, 4, bytes.length).set(bytes);
  const data = new Float32Array(buffer, start, offset);
  Object.values(tensors).forEach((t, i) => data.set(t.data, list[i].offset));
  return buffer;
}

/** A WebSocket message (string or ArrayBuffer) -> a plain message object with `type`. */
export function parseMessage(data) {
  if (typeof data === "string") return JSON.parse(data);
  const { header, tensors } = decodeFrame(data);
  const { tensors: _list, ...rest } = header;
  return { ...rest, tensors };
}

/** The k-th row of a tensor as a Float32Array (a view, no copy); 1-D tensors return themselves. */
export function row(tensor, k = 0) {
  if (!tensor) return null;
  if (tensor.shape.length < 2) return tensor.data;
  const n = tensor.shape.slice(1).reduce((a, b) => a * b, 1);
  return tensor.data.subarray(k * n, (k + 1) * n);
}

/** Snapshot tensors -> {weights: [{W, b}], acts: [Float32Array]} per Dense layer, in order. */
export function layersOf(snapshot) {
  const t = (snapshot && snapshot.tensors) || {};
  const weights = [];
  const acts = [];
  for (let i = 1; t[`W${i}`]; i++) {
    weights.push({ W: t[`W${i}`], b: t[`b${i}`] || null });
    if (t[`act${i}`]) acts.push(row(t[`act${i}`], 0));
  }
  return { weights, acts };
}

/** A toy set's decision regions in a snapshot -> {view, size, classes, confidence} (flat, row 0 = top), or null. */
export function regionsOf(snapshot) {
  const t = (snapshot && snapshot.tensors) || {};
  if (!snapshot || !snapshot.regions || !t.region_class || !t.region_confidence) return null;
  return { ...snapshot.regions, classes: t.region_class.data, confidence: t.region_confidence.data };
}

/** A toy set's outputs on every training example in a snapshot -> [[n_out] per example] (dataset order), or null. */
export function outputsOf(snapshot) {
  const t = snapshot && snapshot.tensors && snapshot.tensors.outputs;
  if (!t) return null;
  return Array.from({ length: t.shape[0] }, (_, k) => Array.from(row(t, k)));
}

/** Fields only added to a message when given: servers before the speed control refuse unknown fields. */
const extra = (fields) => Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));

/**
 * The client -> server messages; nothing else builds them. `speed` (optimizer updates a second,
 * null = as fast as possible) is left out when undefined, for a server that does not pace runs.
 */
export const messages = {
  start: (config, { paused, speed } = {}) => ({ type: "start", config, ...extra({ paused, speed }) }),
  pause: () => ({ type: "pause" }),
  resume: () => ({ type: "resume" }),
  stop: () => ({ type: "stop" }),
  step: (unit = "batch", config = undefined) => ({ type: "step", unit, ...extra({ config }) }),
  setLr: (lr) => ({ type: "set_lr", lr }),
  setSpeed: (speed) => ({ type: "set_speed", speed }),
  surface: (plane, opts = {}) => ({ type: "surface", plane, ...opts }),
  probe: (pixels) => ({ type: "probe", pixels: Array.from(pixels) }),
  /** A sweep of `config` over one or two axes ({field, values} or lr's {field, min, max, points}), `epochs` each. */
  sweep: (config, axes, epochs) => ({ type: "sweep", config, axes, epochs }),
  cancelSweep: () => ({ type: "cancel_sweep" }),
};
