import { test } from "node:test";
import assert from "node:assert/strict";
import { createStore } from "../../static/store.js";
import { createController, dispatch } from "../../static/controller.js";
import { encodeFrame } from "../../static/protocol.js";
import { describe } from "../../static/views/header/status.js";

class FakeSocket {
  static all = [];
  constructor(url) { this.url = url; this.readyState = 0; this.sent = []; this.handlers = {}; FakeSocket.all.push(this); }
  addEventListener(type, fn) { this.handlers[type] = fn; }
  send(text) { this.sent.push(JSON.parse(text)); }
  open() { this.readyState = 1; this.handlers.open({}); }
  receive(data) { this.handlers.message({ data }); }
  drop() { this.readyState = 3; this.handlers.close({}); }
  close() { this.drop(); }
}

test("messages sent before the socket opens go out once it does", () => {
  FakeSocket.all = [];
  const store = createStore();
  const c = createController({ store, url: "ws://x/ws/train", WebSocketImpl: FakeSocket });
  c.connect();
  assert.equal(store.get("connection"), "connecting");
  c.send({ type: "pause" });
  const ws = FakeSocket.all[0];
  assert.deepEqual(ws.sent, []);
  ws.open();
  assert.deepEqual(ws.sent, [{ type: "pause" }]);
  assert.equal(store.get("connection"), "open");
});

test("server messages land in the store: metrics appended, snapshot decoded, status, error", () => {
  FakeSocket.all = [];
  const store = createStore();
  createController({ store, url: "u", WebSocketImpl: FakeSocket }).connect();
  const ws = FakeSocket.all[0];
  ws.open();
  ws.receive(JSON.stringify({ type: "metrics", step: 0, train_loss: 9 }));
  assert.equal(store.get("metrics"), undefined, "no run yet: stale metrics are dropped");
  store.set("status", { state: "requested" });
  ws.receive(JSON.stringify({ type: "metrics", step: 1, train_loss: 2 }));
  ws.receive(JSON.stringify({ type: "metrics", step: 2, train_loss: 1 }));
  ws.receive(encodeFrame({ type: "snapshot", step: 2, histograms: [] }, { W1: { shape: [1], data: new Float32Array([3]) } }));
  ws.receive(JSON.stringify({ type: "status", state: "training" }));
  assert.deepEqual(store.get("metrics").map((m) => m.step), [1, 2]);
  assert.equal(store.get("lastSnapshot").tensors.W1.data[0], 3);
  assert.equal(store.get("histHistory").length, 1);
  assert.equal(store.get("status").state, "training");
  ws.receive(JSON.stringify({ type: "error", message: "lr must be > 0", field: "config.lr" }));
  assert.equal(store.get("status").state, "error");
  assert.equal(store.get("status").field, "config.lr");
});

test("a dropped socket reconnects and says the run was lost", async () => {
  FakeSocket.all = [];
  const store = createStore();
  createController({ store, url: "u", WebSocketImpl: FakeSocket, backoff: [5] }).connect();
  FakeSocket.all[0].open();
  dispatch(store, { type: "status", state: "training" });
  FakeSocket.all[0].drop();
  assert.equal(store.get("connection"), "reconnecting");
  assert.equal(describe(store.get()).state, "reconnecting");
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(FakeSocket.all.length, 2);
  FakeSocket.all[1].open();
  assert.equal(store.get("status").state, "lost");
});

test("diverged status suggests a learning rate ten times smaller", () => {
  const d = describe({ connection: "open", status: { state: "diverged" }, config: { lr: 10, epochs: 1 } });
  assert.equal(d.state, "diverged");
  assert.equal(d.params.lr, 1);
  assert.equal(describe({ connection: "open", status: { state: "queued", position: 3 } }).params.position, 3);
});

test("errors are routed by what they are about, never by their wording", () => {
  const store = createStore({ status: { state: "training", run_id: "r" } });
  dispatch(store, { type: "error", about: "surface", message: "plane: needs a run", field: "plane" });
  assert.equal(store.get("status").state, "training", "a failed surface leaves the run alone");
  assert.equal(store.get("error").about, "surface");
  dispatch(store, { type: "error", about: "probe", message: "surface-like words mean nothing", field: "pixels" });
  assert.equal(store.get("status").state, "training");
  dispatch(store, { type: "error", about: "start", message: "surface of the lr", field: "lr" });
  assert.equal(store.get("status").state, "error", "a refused start is the run's error, whatever the text says");
  assert.equal(store.get("status").field, "lr");
});

test("a sweep's messages fill its own part of the store; its errors leave the run alone", () => {
  const store = createStore({ status: { state: "training", run_id: "r" } });
  dispatch(store, { type: "sweep", sweep_id: "s1", state: "running", shape: [3, 3], done: 0, total: 9 });
  dispatch(store, { type: "sweep_cell", sweep_id: "s1", index: 4, status: "training" });
  dispatch(store, { type: "sweep_cell", sweep_id: "s1", index: 4, status: "done", val_accuracy: 0.9 });
  dispatch(store, { type: "sweep", sweep_id: "s1", state: "running", shape: [3, 3], done: 1, total: 9 });
  assert.equal(store.get("sweep").done, 1);
  assert.deepEqual(Object.keys(store.get("sweepCells")), ["4"]);
  assert.equal(store.get("sweepCells")[4].status, "done");
  dispatch(store, { type: "sweep", sweep_id: "s2", state: "running", shape: [2], done: 0, total: 2 });
  assert.deepEqual(store.get("sweepCells"), {}, "a new sweep starts with no cells");
  dispatch(store, { type: "error", about: "sweep", message: "axes.0.max: too large", field: "axes.0.max" });
  assert.equal(store.get("status").state, "training");
  assert.equal(store.get("sweepError").field, "axes.0.max");
});

test("an untrained network's surface goes to its own place: the run's surface is left alone", () => {
  const store = createStore({ status: null, surface: null, startSurface: null });
  dispatch(store, { type: "surface", untrained: true, plane: "random" });
  assert.equal(store.get("startSurface").plane, "random");
  assert.equal(store.get("surface"), null);
  dispatch(store, { type: "surface", plane: "pca", run_id: "r" });
  assert.equal(store.get("surface").plane, "pca");
  assert.equal(store.get("startSurface").plane, "random");
});
