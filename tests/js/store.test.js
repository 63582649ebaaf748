import { test } from "node:test";
import assert from "node:assert/strict";
import { createStore } from "../../static/store.js";

test("subscribers hear only the keys they asked for", () => {
  const store = createStore({ a: 1, b: 2 });
  const heard = [];
  store.subscribe(["a"], (state) => heard.push(state.a));
  store.set("b", 3);
  store.set("a", 5);
  assert.deepEqual(heard, [5]);
  assert.equal(store.get("b"), 3);
});

test("patch notifies once with every changed key", () => {
  const store = createStore();
  const calls = [];
  store.subscribe("*", (_, changed) => calls.push(changed));
  store.patch({ x: 1, y: 2 });
  assert.deepEqual(calls, [["x", "y"]]);
});

test("unsubscribe stops notifications", () => {
  const store = createStore();
  let n = 0;
  const off = store.subscribe(["x"], () => n++);
  store.set("x", 1);
  off();
  store.set("x", 2);
  assert.equal(n, 1);
});

test("append keeps the array capped at max, oldest dropped, and tells the subscribers each time", () => {
  const store = createStore({ m: [] });
  let heard = 0;
  store.subscribe(["m"], () => heard++);
  for (let i = 0; i < 5; i++) store.append("m", i, 3);
  assert.deepEqual(store.get("m"), [2, 3, 4]);
  assert.equal(heard, 5);
});

test("append does not copy the history: a long one grows in place and is trimmed in chunks", () => {
  const store = createStore({ m: [] });
  const first = store.get("m");
  for (let i = 0; i < 1000; i++) store.append("m", i, 100);
  assert.equal(store.get("m"), first, "the same array, not a copy per message");
  assert.ok(store.get("m").length <= 100 && store.get("m").length >= 90);
  assert.equal(store.get("m").at(-1), 999);
  store.append("fresh", 1);
  assert.deepEqual(store.get("fresh"), [1]);
});
