import { test } from "node:test";
import assert from "node:assert/strict";
import { createStore } from "../../static/store.js";
import { createBackpropActions, bodyText, request } from "../../static/backpropactions.js";

/** A fake fetch: answers from `routes` (path -> (body) -> [status, json]); requests are kept; `hold` delays them. */
function fakeFetch(routes) {
  const calls = [];
  const held = [];
  const fetchImpl = (path, init = {}) => {
    calls.push({ path, body: init.body });
    const [status, data] = routes[path](init.body);
    const res = { ok: status < 400, status, statusText: "", json: async () => data };
    if (!fetchImpl.hold) return Promise.resolve(res);
    return new Promise((resolve) => held.push(() => resolve(res)));
  };
  return Object.assign(fetchImpl, { calls, held, hold: false });
}

test("a typed Infinity or NaN goes as the bare token, so the server can name the field", () => {
  assert.equal(bodyText({ example: { x: [1, Infinity], label: 1 } }), '{"example":{"x":[1,Infinity],"label":1}}');
  assert.equal(bodyText({ x: [NaN, -Infinity, 0.5] }), '{"x":[NaN,-Infinity,0.5]}');
  assert.equal(bodyText({ layers: [2, "x", 1] }), '{"layers":[2,"x",1]}');
});

test("a 422 becomes the server's message and the field it names (store bpError)", async () => {
  const fetchImpl = fakeFetch({ "/api/backprop/trace": () => [422, { detail: "example.x: xor examples have 2 values, got 1", field: "example.x" }] });
  const store = createStore({});
  const actions = createBackpropActions(store, fetchImpl);
  assert.equal(await actions.traceBackprop({ dataset: "xor", example: { x: [1], label: 0 } }), null);
  assert.deepEqual(store.get("bpError"), { about: "trace", message: "example.x: xor examples have 2 values, got 1", field: "example.x", status: 422 });
  assert.equal(store.get("bpBusy"), null);
  assert.equal(JSON.parse(fetchImpl.calls[0].body).example.x[0], 1);
  const down = await request(() => Promise.reject(new Error("offline")), "/api/backprop/presets");
  assert.deepEqual(down, { ok: false, status: 0, message: "offline", field: null });
});

test("the newest trace wins: an answer that arrives after a newer request is dropped", async () => {
  let n = 0;
  const fetchImpl = fakeFetch({ "/api/backprop/trace": () => [200, { n: ++n }] });
  const store = createStore({});
  const actions = createBackpropActions(store, fetchImpl);
  fetchImpl.hold = true;
  const first = actions.traceBackprop({ example: { index: 0 } });
  const second = actions.traceBackprop({ example: { index: 1 } });
  assert.equal(store.get("bpBusy"), "trace");
  fetchImpl.held[1]();
  fetchImpl.held[0]();
  assert.deepEqual(await second, { n: 2 });
  assert.equal(await first, null);
  assert.deepEqual(store.get("bpTrace"), { n: 2 });
  assert.equal(store.get("bpBusy"), null);
});

test("Check gradients: running, then the result; a network too large is told with the limit", async () => {
  const config = { dataset: "mnist", layers: [784, 64, 10] };
  const fetchImpl = fakeFetch({
    "/api/gradcheck": (body) => (JSON.parse(body).config.layers[1] > 16
      ? [422, { detail: "config.layers: 50,890 parameters is too many", field: "config.layers" }]
      : [200, { verdict: "good", tensors: [] }]),
    "/api/backprop/presets": () => [200, { presets: {}, limits: { gradcheck_params: 20000 } }],
  });
  const store = createStore({});
  const actions = createBackpropActions(store, fetchImpl);
  const asked = actions.checkGradients(config);
  assert.deepEqual(store.get("gradcheck"), { state: "running", config });
  assert.equal(await asked, null);
  assert.deepEqual(store.get("gradcheck"), { state: "error", config, message: "config.layers: 50,890 parameters is too many",
    field: "config.layers", status: 422, max: 20000 });
  const small = { dataset: "xor", layers: [2, 4, 1] };
  assert.deepEqual(await actions.checkGradients(small), { verdict: "good", tensors: [] });
  assert.equal(store.get("gradcheck").state, "done");
  assert.deepEqual(JSON.parse(fetchImpl.calls.at(-1).body), { config: small, examples: 4 });
});
