/** Owns the /ws/train WebSocket: sends messages, decodes server messages into the store, reconnects. */
import { parseMessage } from "./protocol.js";
import { isActive } from "./runstates.js";

const MAX_METRICS = 20000;
const MAX_HIST = 400;

/** What an `error` message is about, from its `about` field; older servers send none: a general error. */
const ASIDE = new Set(["surface", "probe", "control", "message"]);

/** Route one decoded server message into the store; after a reset (status null) stale run messages are dropped. */
export function dispatch(store, msg) {
  if (!store.get("status") && ["metrics", "snapshot"].includes(msg.type)) return;
  if (!store.get("status") && msg.type === "status" && msg.state === "stopped") return;
  switch (msg.type) {
    case "metrics": store.append("metrics", msg, MAX_METRICS); break;
    case "snapshot":
      store.set("lastSnapshot", msg);
      // A snapshot sent again (recoloured for a new probe digit) adds no new point in time.
      if (msg.histograms && !sameStep(store.get("histHistory"), msg)) store.append("histHistory", { step: msg.step, epoch: msg.epoch, histograms: msg.histograms }, MAX_HIST);
      break;
    case "surface": store.set(msg.untrained ? "startSurface" : "surface", msg); break;   // untrained: where Play starts
    case "status": store.set("status", msg); break;
    case "sweep": store.patch(msg.sweep_id === (store.get("sweep") || {}).sweep_id ? { sweep: msg } : { sweep: msg, sweepCells: {} }); break;
    case "sweep_cell": store.set("sweepCells", { ...(store.get("sweepCells") || {}), [msg.index]: msg }); break;
    case "error": routeError(store, msg); break;
    default: break;
  }
}

/** A failed surface, probe or control request leaves a healthy run's state alone; the rest end the run's hopes. */
function routeError(store, msg) {
  if (msg.about === "sweep") store.set("sweepError", msg);   // a sweep's own problem: the run is untouched
  else if (ASIDE.has(msg.about)) store.set("error", msg);
  else store.patch({ error: msg, status: { state: "error", message: msg.message, field: msg.field, about: msg.about } });
}

function sameStep(history, msg) {
  const last = history && history.length ? history[history.length - 1] : null;
  return !!last && last.step === msg.step && last.epoch === msg.epoch;
}

/** createController({store, url}) -> {connect, send, close}; connection state goes to store "connection". */
export function createController({ store, url, WebSocketImpl = globalThis.WebSocket, backoff = [500, 1000, 2000, 4000] }) {
  let ws = null;
  let attempts = 0;
  let closed = false;
  let retry = null;
  const pending = [];

  function onOpen() {
    const wasReconnect = attempts > 0;
    attempts = 0;
    store.set("connection", "open");
    if (wasReconnect && isActive(store.get("status"))) {
      store.set("status", { state: "lost" });
    }
    while (pending.length) ws.send(pending.shift());
  }

  function onMessage(event) {
    let msg;
    try {
      msg = parseMessage(event.data);
    } catch (err) {
      store.set("error", { type: "error", about: "message", message: `bad message from the server: ${err.message}` });
      return;
    }
    dispatch(store, msg);
  }

  function onClose() {
    if (closed) return;
    store.set("connection", "reconnecting");
    const delay = backoff[Math.min(attempts, backoff.length - 1)];
    attempts += 1;
    retry = setTimeout(connect, delay);
  }

  function connect() {
    retry = null;
    if (closed) return;
    if (store.get("connection") !== "reconnecting") store.set("connection", "connecting");
    ws = new WebSocketImpl(url);
    ws.binaryType = "arraybuffer";
    ws.addEventListener("open", onOpen);
    ws.addEventListener("message", onMessage);
    ws.addEventListener("close", onClose);
  }

  /** Send a message object now, or as soon as the socket opens. */
  function send(msg) {
    const text = JSON.stringify(msg);
    if (ws && ws.readyState === 1) ws.send(text);
    else pending.push(text);
  }

  function close() {
    closed = true;
    clearTimeout(retry);
    if (ws) ws.close();
  }

  return { connect, send, close };
}

/** The ws:// or wss:// URL of /ws/train on the page's own host. */
export function socketUrl(location) {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/ws/train`;
}
