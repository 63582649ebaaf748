/**
 * What the page has seen of each lesson preset's latest run: the record the checks read
 * (static/lessons/README.md "The record a check reads"). Plain data in, plain data out: the
 * panel feeds it the server's messages and the answers of the views; no page state, no DOM.
 */
import { sameJson } from "./catalog.js";
import { paramCount } from "../../netsize.js";


/** The state a record keeps: the server's run states; a run that failed or was lost counts as stopped. */
export function recordState(state) {
  if (["error", "lost"].includes(state)) return "stopped";
  return ["requested", "queued"].includes(state) ? "queued" : state;
}

const ENDED = ["done", "stopped", "diverged"];

/** A snapshot -> its row in the record: the probe's activations, layer by layer, as plain arrays. */
export function snapshotRow(snapshot) {
  const t = snapshot.tensors || {};
  const probe = [];
  for (let i = 1; t[`act${i}`]; i++) {
    const a = t[`act${i}`];
    const n = a.shape.length < 2 ? a.data.length : a.shape.slice(1).reduce((x, y) => x * y, 1);
    probe.push(Array.from(a.data.subarray(0, n)));
  }
  return { kind: snapshot.kind, step: snapshot.step, epoch: snapshot.epoch, probe };
}

/** createRecorder() -> {arm, status, metric, snapshot, view, records, record, current, runOf}. */
export function createRecorder() {
  const all = {};        // lesson id -> {preset id -> record}
  let armed = null;      // {lesson, preset, config, sources}: the setup waiting for its run
  let current = null;    // {lesson, preset, runId, sources, record}: the run being recorded

  const recordsOf = (lesson) => (all[lesson] = all[lesson] || {});
  const ownsRun = (msg) => current && (msg.run_id === undefined || msg.run_id === current.runId);

  return {
    /** A preset was set up: its next run (same config) is recorded; a preset without a config gets an empty record for its views. */
    arm(lesson, preset, config, sources = new Set()) {
      armed = { lesson, preset, config, sources };
      // A fresh setup forgets the preset's last run; the network's size is known from the config at once.
      recordsOf(lesson)[preset] = config ? { network: { n_params: paramCount(config.layers), layers: config.layers.slice() } } : {};
    },
    /** A status message (null: the page reset the run). Returns the record it changed, if any. */
    status(msg, config) {
      // The page's own states carry no run id: a new start, or a run lost with its connection.
      if (!msg || !msg.run_id) {
        if (msg && !["requested", "lost", "error"].includes(msg.state)) return null;
        if (current && !ENDED.includes(current.record.status)) current.record.status = "stopped";
        const was = current;
        current = null;
        return was ? was.record : null;
      }
      const runId = msg.run_id;
      if (!current || current.runId !== runId) {
        current = null;
        if (armed && armed.config && sameJson(config, armed.config)) {
          const record = { status: recordState(msg.state), run_id: runId,
            network: { n_params: paramCount(config.layers), layers: config.layers.slice() }, epochs: [], steps: [], snapshots: [] };
          recordsOf(armed.lesson)[armed.preset] = record;
          current = { lesson: armed.lesson, preset: armed.preset, runId, sources: armed.sources, record };
        }
      }
      if (!current) return null;
      current.record.status = recordState(msg.state);
      return current.record;
    },
    /** A metrics message: an epoch row or a step row of the current run. */
    metric(msg) {
      if (!ownsRun(msg)) return null;
      (msg.kind === "epoch" ? current.record.epochs : current.record.steps).push(msg);
      return current.record;
    },
    /** A snapshot frame: its probe row, kept only for a preset whose checks read snapshots. */
    snapshot(msg) {
      if (!ownsRun(msg) || !current.sources.has("snapshots")) return null;
      current.record.snapshots.push(snapshotRow(msg));
      return current.record;
    },
    /** A view's answer (race, experiment, activations, gradients, analyze, untrained, outputs) for a preset. */
    view(lesson, preset, key, value) {
      const record = recordsOf(lesson)[preset] || (recordsOf(lesson)[preset] = {});
      record[key] = value;
      return record;
    },
    /** {preset id: record} of a lesson. */
    records: (lesson) => recordsOf(lesson),
    record: (lesson, preset) => recordsOf(lesson)[preset] || null,
    /** The run being recorded now: {lesson, preset, runId, record} or null. */
    get current() { return current; },
    get armed() { return armed; },
    /** The run id of a preset's latest run, or null. */
    runOf: (lesson, preset) => ((recordsOf(lesson)[preset] || {}).run_id) || null,
  };
}
