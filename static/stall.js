/**
 * Is the run learning? After each whole epoch: validation accuracy no better than guessing, or a
 * training loss that stayed flat through the epoch, means it is stuck; the message says what to try.
 * Pure.
 */

const CHANCE_MARGIN = 1.25;   // within 25 % of chance (10 % → ≤ 12.5 % for ten digits) counts as guessing
const FLAT = 0.005;           // the epoch's second half within 0.5 % of its first half: flat
const LEARNED = 0.9;          // a flat loss at ≥ 90 % accuracy has converged, not stalled

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const finite = (v) => typeof v === "number" && Number.isFinite(v);

/** Step rows' training losses during epoch e (epoch in (e − 1, e]). */
function epochLosses(metrics, e) {
  return metrics.filter((m) => m.kind === "step" && m.epoch > e - 1 && m.epoch <= e && finite(m.train_loss)).map((m) => m.train_loss);
}

/**
 * metrics rows, number of classes -> null, or {reason: "chance" | "flat", epoch, accuracy, chance}
 * for the newest complete epoch.
 */
export function stalled(metrics, classes) {
  const last = [...(metrics || [])].reverse().find((m) => m.kind === "epoch");
  if (!last || !(classes >= 2)) return null;
  const chance = 1 / classes;
  const accuracy = finite(last.val_accuracy) ? last.val_accuracy : null;
  const epoch = Math.round(last.epoch);
  if (accuracy !== null && accuracy <= chance * CHANCE_MARGIN) return { reason: "chance", epoch, accuracy, chance };
  const losses = epochLosses(metrics, last.epoch);
  if (losses.length >= 4 && (accuracy === null || accuracy < LEARNED)) {
    const half = Math.floor(losses.length / 2);
    const a = mean(losses.slice(0, half));
    const b = mean(losses.slice(half));
    if (Math.abs(a - b) <= FLAT * Math.abs(a)) return { reason: "flat", epoch, accuracy, chance };
  }
  return null;
}

/** What to try for a stuck run, most likely first, as i18n keys with their parameters. */
export function remedies(config) {
  const c = config || {};
  const out = [];
  if (c.lr >= 1 || (c.optimizer !== "sgd" && c.lr >= 0.05)) out.push({ key: "stall.try.lr", params: { lr: Number((c.lr / 10).toPrecision(2)) } });
  if (c.init === "zeros" || c.init === "constant") out.push({ key: "stall.try.init", params: {} });
  const acts = [].concat(c.activation || []);
  if (acts.includes("sigmoid") && (c.layers || []).length > 3) out.push({ key: "stall.try.relu", params: {} });
  if (!out.length || !out.some((r) => r.key === "stall.try.lr")) out.push({ key: "stall.try.smaller", params: { lr: Number(((c.lr || 0.1) / 10).toPrecision(2)) } });
  return out.slice(0, 3);
}
