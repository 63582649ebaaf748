import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeFrame, encodeFrame, parseMessage, dataStart, layersOf, regionsOf, outputsOf, row, messages } from "../../static/protocol.js";

/** A frame built by hand exactly as docs/protocol.md describes, independent of encodeFrame. */
function handFrame(header, floats) {
  const bytes = new TextEncoder().encode(JSON.stringify(header));
  const pad = (4 - ((4 + bytes.length) % 4)) % 4;
  const buf = new ArrayBuffer(4 + bytes.length + pad + floats.length * 4);
  const view = new DataView(buf);
  view.setUint32(0, bytes.length, true);
  new Uint8Array(buf, 4).set(bytes);
  floats.forEach((f, i) => view.setFloat32(4 + bytes.length + pad + 4 * i, f, true));
  return buf;
}

test("decodes a hand-built frame with padding, offsets and NaN", () => {
  const header = { type: "snapshot", step: 7, tensors: [
    { name: "W1", shape: [2, 3], offset: 0 }, { name: "b1", shape: [3], offset: 6 }] };
  const { header: h, tensors } = decodeFrame(handFrame(header, [1, 2, 3, 4, 5, 6, 0.5, NaN, -1]));
  assert.equal(h.step, 7);
  assert.deepEqual(tensors.W1.shape, [2, 3]);
  assert.deepEqual(Array.from(tensors.W1.data), [1, 2, 3, 4, 5, 6]);
  assert.equal(tensors.b1.data[0], 0.5);
  assert.ok(Number.isNaN(tensors.b1.data[1]));
  assert.equal(tensors.b1.data[2], -1);
});

test("data starts at a multiple of four for every header length", () => {
  for (let h = 0; h < 9; h++) {
    const s = dataStart(h);
    assert.equal(s % 4, 0);
    assert.ok(s >= 4 + h && s < 4 + h + 4);
  }
});

test("encodeFrame and decodeFrame round-trip; parseMessage flattens the header", () => {
  const buf = encodeFrame({ type: "surface", plane: "pca" }, { values: { shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) } });
  const msg = parseMessage(buf);
  assert.equal(msg.type, "surface");
  assert.equal(msg.plane, "pca");
  assert.deepEqual(Array.from(msg.tensors.values.data), [1, 2, 3, 4]);
  assert.deepEqual(parseMessage('{"type":"status","state":"training"}'), { type: "status", state: "training" });
});

test("a frame whose tensor runs past the end is rejected", () => {
  const buf = handFrame({ type: "snapshot", tensors: [{ name: "W1", shape: [10], offset: 0 }] }, [1, 2]);
  assert.throws(() => decodeFrame(buf), /overruns/);
});

test("layersOf orders Dense layers and takes the probe's first row of activations", () => {
  const msg = parseMessage(encodeFrame({ type: "snapshot" }, {
    W1: { shape: [2, 3], data: new Float32Array(6) }, b1: { shape: [3], data: new Float32Array(3) },
    W2: { shape: [3, 1], data: new Float32Array(3) }, b2: { shape: [1], data: new Float32Array(1) },
    act1: { shape: [2, 3], data: new Float32Array([1, 2, 3, 4, 5, 6]) }, act2: { shape: [2, 1], data: new Float32Array([7, 8]) },
  }));
  const { weights, acts } = layersOf(msg);
  assert.deepEqual(weights.map((w) => w.W.shape), [[2, 3], [3, 1]]);
  assert.deepEqual(acts.map((a) => Array.from(a)), [[1, 2, 3], [7]]);
  assert.deepEqual(Array.from(row(msg.tensors.act1, 1)), [4, 5, 6]);
});

test("message builders follow the protocol's field names", () => {
  assert.deepEqual(messages.setLr(0.01), { type: "set_lr", lr: 0.01 });
  assert.deepEqual(messages.step("epoch"), { type: "step", unit: "epoch" });
  assert.deepEqual(messages.start({ lr: 1 }), { type: "start", config: { lr: 1 } });
});

test("a toy snapshot's regions and outputs come out as the server laid them out", () => {
  const header = { type: "snapshot", regions: { view: [-1, 1, -1, 1], size: 2 } };
  const msg = parseMessage(encodeFrame(header, {
    W1: { shape: [2, 1], data: Float32Array.from([1, 2]) },
    region_class: { shape: [2, 2], data: Float32Array.from([0, 1, 1, 0]) },
    region_confidence: { shape: [2, 2], data: Float32Array.from([0.9, 0.6, 0.7, 0.8]) },
    outputs: { shape: [3, 2], data: Float32Array.from([0.1, 0.9, 0.8, 0.2, 0.5, 0.5]) } }));
  const r = regionsOf(msg);
  assert.deepEqual(r.view, [-1, 1, -1, 1]);
  assert.equal(r.size, 2);
  assert.deepEqual(Array.from(r.classes), [0, 1, 1, 0]);
  assert.ok(Math.abs(r.confidence[1] - 0.6) < 1e-6);
  assert.deepEqual(outputsOf(msg).map((o) => o.map((v) => Math.round(v * 10) / 10)), [[0.1, 0.9], [0.8, 0.2], [0.5, 0.5]]);
  const digits = parseMessage(encodeFrame({ type: "snapshot" }, { W1: { shape: [1], data: Float32Array.from([1]) } }));
  assert.equal(regionsOf(digits), null);
  assert.equal(outputsOf(digits), null);
  assert.equal(regionsOf(null), null);
});
