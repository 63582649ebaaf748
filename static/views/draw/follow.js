/** The Draw panel follows the training run: which network answers, how often to re-ask, a compact canvas. Pure. */

import { WITH_WEIGHTS } from "../../runstates.js";

/**
 * (status, lastSnapshot) -> {run, epoch, live} while a digit run exists whose weights the server has
 * (a snapshot of it arrived), else null: the server's ready-made model answers. live: it trains (or is paused).
 */
export function answeringRun(status, snapshot) {
  if (!status || !WITH_WEIGHTS.includes(status.state) || !status.run_id) return null;
  if (!snapshot || snapshot.run_id !== status.run_id) return null;
  const W1 = snapshot.tensors && snapshot.tensors.W1;
  if (!W1 || W1.shape[0] !== 784) return null;
  return { run: status.run_id, epoch: snapshot.epoch, live: ["training", "paused"].includes(status.state), paused: status.state === "paused" };
}

/** The i18n key and parameters naming the network that answers (answeringRun's result). */
export function answererLabel(who) {
  if (!who) return { key: "draw.by.default", params: {} };
  const epoch = Number.isFinite(who.epoch) ? who.epoch.toFixed(1) : "0.0";
  return { key: !who.live ? "draw.by.saved" : who.paused ? "draw.by.paused" : "draw.by.live", params: { epoch } };
}

/** Rows of ink in 0..1 -> {image_b64, width, height}: one byte per pixel, row-major, ~5× smaller than JSON rows. */
export function compactImage(rows) {
  const height = rows.length;
  const width = height ? rows[0].length : 0;
  const bytes = new Uint8Array(width * height);
  rows.forEach((r, y) => r.forEach((v, x) => { bytes[y * width + x] = Math.round(255 * Math.min(1, Math.max(0, v))); }));
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { image_b64: btoa(text), width, height };
}

/** The 784 inputs as a `probe` payload: 4 decimals keep the message far below the 64 KB cap. */
export function probePixels(input) {
  return Array.from(input, (v) => Math.round(v * 1e4) / 1e4);
}

/** The input width of the network being trained (its first weight matrix, else the config's first layer). */
export function runInputs(snapshot, config) {
  const W1 = snapshot && snapshot.tensors && snapshot.tensors.W1;
  if (W1) return W1.shape[0];
  return ((config && config.layers) || [784])[0];
}

/**
 * What the toy plane shows ({dataset, seed, run, live}; run null: no network yet), or null when the Draw
 * panel shows digits. Like the pad: this page's run answers (a toy run of the configured set); without
 * one, a run picked in the Runs panel (`picked`: {id, dataset, seed}, or {id} for a digit run); else the
 * configured toy set, untrained.
 */
export function toySubject({ status, snapshot, config, datasets, picked }) {
  const byName = (name) => (datasets || []).find((d) => d.name === name) || null;
  const configured = byName((config || {}).dataset);
  const isToy = (d) => !!d && d.kind === "toy";
  const W1 = status && WITH_WEIGHTS.includes(status.state) && snapshot && snapshot.run_id === status.run_id
    && snapshot.tensors && snapshot.tensors.W1;
  if (W1) {
    if (!isToy(configured) || W1.shape[0] !== configured.n_in) return null;   // this page's digit run: the pad
    return { dataset: configured, seed: config.seed ?? 0, run: status.run_id, live: ["training", "paused"].includes(status.state) };
  }
  if (picked) return isToy(byName(picked.dataset)) ? { dataset: byName(picked.dataset), seed: picked.seed ?? 0, run: picked.id, live: false } : null;
  return isToy(configured) ? { dataset: configured, seed: config.seed ?? 0, run: null, live: false } : null;
}
