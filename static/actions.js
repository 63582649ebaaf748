/**
 * What the user can ask of the server, as functions the views call: play, prepare (start paused), pause, step, reset,
 * learning rate, speed, probe digit, loss surfaces, sweeps. The only place (with controller.js) that
 * sends on the socket, and the owner of the timers that keep asking: the surface follower
 * while a run trains and the health poll while the server starts. Both are cleared.
 */
import { messages } from "./protocol.js";
import { isActive, runState, MOVING } from "./runstates.js";

/** A cleared run: fresh arrays every time (the store appends to them in place). */
export const cleared = () => ({ metrics: [], histHistory: [], lastSnapshot: null, surface: null, error: null });

const SURFACE_EVERY_MS = 1000;      // while training, a new surface at most this often
const SURFACE_PATIENCE_MS = 5000;   // an unanswered request is given up after this long
const IDLE_SURFACE_MS = 3000;       // a paused or finished run without a surface is asked again this often
const START_SURFACE = { plane: "random", resolution: 31 };   // before training: coarser, so it comes quickly

/** The speed to send with a start: updates a second, or null (as fast as possible). */
export function speedField(store) {
  return store.get("speed") ?? null;
}

/** createActions(store, send, {clock, every, stopEvery, later}) -> the actions object views receive. */
export function createActions(store, send, timers = {}) {
  const { clock = () => performance.now(), every = setInterval, stopEvery = clearInterval, later = setTimeout } = timers;
  const state = () => runState(store.get("status"));
  const start = (paused) => {
    store.patch({ ...cleared(), status: { state: "requested" } });
    send(messages.start(store.get("config"), { paused: paused || undefined, speed: speedField(store) }));
  };
  const surfaces = createSurfaceFollower(store, send, { clock, every, stopEvery, later });
  return {
    play: () => (state() === "paused" ? send(messages.resume()) : start(false)),
    /** Start the configured run paused before its first update (a lesson measures the untrained network); Resume trains it. */
    prepare: () => start(true),
    pause: () => send(state() === "paused" ? messages.resume() : messages.pause()),
    step(unit) {
      if (state() === "paused") return send(messages.step(unit));
      store.patch({ ...cleared(), status: { state: "requested" } });
      return send(messages.step(unit, store.get("config")));
    },
    reset() {
      if (isActive(store.get("status"))) send(messages.stop());
      store.patch({ ...cleared(), status: null });
    },
    setLr: (lr) => { if (isActive(store.get("status"))) send(messages.setLr(lr)); },
    /** Updates a second (null: as fast as possible); a run in progress changes pace at once. */
    setSpeed(speed) {
      store.set("speed", speed);
      if (isActive(store.get("status"))) send(messages.setSpeed(speed));
    },
    probe: (pixels) => send(messages.probe(pixels)),
    /** A sweep of the current Build settings over `axes`, `epochs` each (replaces this page's running sweep). */
    sweep(axes, epochs) {
      store.patch({ sweep: { state: "requested" }, sweepCells: {}, sweepError: null });
      send(messages.sweep(store.get("config"), axes, epochs));
    },
    cancelSweep: () => send(messages.cancelSweep()),
    surface: (spec) => surfaces.ask(spec),
    followSurface: (spec) => surfaces.follow(spec),
    /** The surface of the untrained network `config` describes (answered into store "startSurface"). */
    startSurface(config, { plane, ...opts } = START_SURFACE) { send(messages.surface(plane, { ...opts, config })); },
  };
}

/**
 * Keeps the network's loss surface current: while a run trains, the chosen plane is asked for
 * again about once a second (one request at a time); once it pauses or ends, once more.
 */
function createSurfaceFollower(store, send, { clock, every, stopEvery, later }) {
  let spec = null;         // the plane asked for last: {plane, resolution, params?}
  let asked = -Infinity;
  let pending = false;
  let timer = null;

  function ask(next = spec) {
    if (next) spec = next;
    if (!spec || !store.get("lastSnapshot")) return;
    pending = true;
    asked = clock();
    const { plane, ...opts } = spec;
    send(messages.surface(plane, opts));
  }

  function tick() {
    const s = runState(store.get("status"));
    const since = clock() - asked;
    const idle = ["done", "paused", "stopped"].includes(s) && !store.get("surface");
    if (!spec) return;
    if ((s === "training" || idle) && (!pending || since > SURFACE_PATIENCE_MS) && since > (idle ? IDLE_SURFACE_MS : SURFACE_EVERY_MS)) ask();
  }

  let last = null;
  store.subscribe(["status"], () => {
    const s = runState(store.get("status"));
    // A diverged run keeps no weights to draw around: nothing to ask for.
    if (MOVING.includes(last) && ["done", "paused", "stopped"].includes(s)) later(() => ask(), 100);
    const keep = isActive(store.get("status")) || ((s === "done" || s === "stopped") && !store.get("surface"));
    if (keep && timer === null) timer = every(tick, 250);
    if (!keep && timer !== null) { stopEvery(timer); timer = null; }
    last = s;
  });
  store.subscribe(["surface", "error"], (st, changed) => {
    if (changed.includes("surface") || (st.error && st.error.about === "surface")) pending = false;
    if (changed.includes("surface") && st.surface && !isActive(st.status) && timer !== null) { stopEvery(timer); timer = null; }
  });
  return {
    ask,
    /** Remember the plane to follow without asking now (asked at the next tick). */
    follow(next) { spec = next; },
    get running() { return timer !== null; },
  };
}

/** Polls /api/health until the server is ready (every second; every two after a failure), then stops. */
export function pollHealth(store, api, later = setTimeout) {
  let stopped = false;
  async function poll() {
    if (stopped) return;
    try {
      const health = await api("/api/health");
      store.set("health", health);
      if (health.ready === false) later(poll, 1000);
    } catch {
      later(poll, 2000);
    }
  }
  poll();
  return () => { stopped = true; };
}
