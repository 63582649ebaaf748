import { test } from "node:test";
import assert from "node:assert/strict";
import { createStore } from "../../static/store.js";
import { createActions, cleared } from "../../static/actions.js";

/** Fake timers: intervals are kept in a map so a test can see which are still running, and run them. */
function fakeTimers() {
  const running = new Map();
  let next = 0;
  let now = 0;
  return {
    running,
    clock: () => now,
    advance(ms) { now += ms; for (const fn of [...running.values()]) fn(); },
    every: (fn) => { running.set(++next, fn); return next; },
    stopEvery: (id) => running.delete(id),
    later: (fn) => fn(),
  };
}

const options = (limits = {}) => ({ limits });

test("the surface follower asks while training and its timer is cleared when the run ends or is reset", () => {
  const timers = fakeTimers();
  const sent = [];
  const store = createStore({ status: null, options: options(), config: { layers: [784, 16, 10] }, ...cleared() });
  const actions = createActions(store, (m) => sent.push(m), timers);
  actions.followSurface({ plane: "pca", resolution: 41 });
  store.patch({ status: { state: "training" }, lastSnapshot: { step: 1 } });
  assert.equal(timers.running.size, 1);
  timers.advance(1500);
  assert.deepEqual(sent.filter((m) => m.type === "surface").map((m) => m.plane), ["pca"]);
  store.set("surface", { plane: "pca" });
  store.set("status", { state: "done" });
  assert.equal(timers.running.size, 0, "a finished run with a surface needs no timer");
  store.set("status", { state: "training" });
  assert.equal(timers.running.size, 1);
  actions.reset();
  assert.equal(timers.running.size, 0, "reset clears the timer");
  assert.equal(sent.at(-1).type, "stop");
});

test("the speed goes out with a start, and a run in progress changes pace", () => {
  const sent = [];
  const store = createStore({ status: null, options: options(), config: { epochs: 1 }, speed: 30, ...cleared() });
  const actions = createActions(store, (m) => sent.push(m), fakeTimers());
  actions.setSpeed(30);
  assert.equal(sent.length, 0, "no run yet: the speed waits for the start");
  actions.play();
  assert.deepEqual(sent.at(-1), { type: "start", config: { epochs: 1 }, speed: 30 });
  store.patch({ status: { state: "training" } });
  actions.setSpeed(2);
  assert.deepEqual(sent.at(-1), { type: "set_speed", speed: 2 });
  actions.setSpeed(null);
  assert.deepEqual(sent.at(-1), { type: "set_speed", speed: null }, "null: as fast as possible");
  store.set("status", null);
  actions.play();
  assert.deepEqual(sent.at(-1), { type: "start", config: { epochs: 1 }, speed: null });
});

test("step from a fresh start sends the config and clears the charts", () => {
  const sent = [];
  const store = createStore({ status: null, options: options(), config: { epochs: 2 }, ...cleared() });
  store.append("metrics", { step: 1 });
  const actions = createActions(store, (m) => sent.push(m), fakeTimers());
  actions.step("epoch");
  assert.deepEqual(sent.at(-1), { type: "step", unit: "epoch", config: { epochs: 2 } });
  assert.deepEqual(store.get("metrics"), []);
  assert.equal(store.get("status").state, "requested");
  store.set("status", { state: "paused" });
  actions.step("batch");
  assert.deepEqual(sent.at(-1), { type: "step", unit: "batch" });
});

test("the untrained network's surface is asked with the settings' config on a random plane", () => {
  const sent = [];
  const store = createStore({ status: null, config: { layers: [784, 16, 10] } });
  const actions = createActions(store, (m) => sent.push(m), { every: () => 1, stopEvery: () => {}, later: () => {} });
  actions.startSurface(store.get("config"));
  assert.deepEqual(sent, [{ type: "surface", plane: "random", resolution: 31, config: { layers: [784, 16, 10] } }]);
});
