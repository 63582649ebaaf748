/** The status pill and message line: connection, server readiness and the run's state. */
import { paramText } from "../../i18n.js";

/** Top-level config field -> the i18n key of the Build control that sets it. */
export const FIELD_LABELS = {
  dataset: "build.dataset", layers: "build.layers.field", activation: "build.activation", alpha: "build.alpha",
  output: "build.output", loss: "build.loss", init: "build.init", init_std: "build.initStd",
  optimizer: "build.optimizer", optimizer_params: "build.optimizer", lr: "build.lr", schedule: "build.schedule",
  schedule_params: "build.schedule", batch_size: "build.batch", epochs: "build.epochs", seed: "build.seed",
  train_size: "build.trainSize", snapshot_every: "build.snapshotEvery",
};
const LINK_GROUPS = { opt: "optimizer_params", sched: "schedule_params" };

/**
 * A server field path ("config.optimizer_params.momentum", "layers.2") or a link key ("opt.momentum")
 * -> the localized label of the control that sets it, or null when the path names no control.
 * state = {config}; hyperparameter labels are the page's own (i18n `hp.<name>`).
 */
export function fieldLabel(path, t, { config } = {}) {
  if (!path) return null;
  const parts = String(path).replace(/^config\./, "").split(".");
  if (LINK_GROUPS[parts[0]]) parts[0] = LINK_GROUPS[parts[0]];
  const [head, sub] = parts;
  if (!(head in FIELD_LABELS)) return null;
  if ((head === "optimizer_params" || head === "schedule_params") && sub) {
    const owner = (config || {})[head === "optimizer_params" ? "optimizer" : "schedule"];
    return paramText(t, owner, sub).label;
  }
  const i = Number(sub);
  const layers = (config || {}).layers || [];
  if (head === "activation" && Number.isInteger(i)) return t("build.layers.act.aria", { i: i + 1 });
  if (head === "layers" && Number.isInteger(i) && i > 0 && i < layers.length - 1) return t("build.layers.hidden", { i });
  return t(FIELD_LABELS[head]);
}

/** The server's message without a leading "field.path: " when the label already names the field. */
export function withoutFieldPrefix(message, path) {
  const text = String(message || "");
  return path && text.startsWith(`${path}: `) ? text.slice(path.length + 2) : text;
}

const STUCK_STATES = ["training", "paused", "done"];

/** (connection, health, status, config, stall) -> {state, key, params}: what the pill and the line say. */
export function describe({ connection, health, status, config, stall }) {
  if (connection === "connecting" || !connection) return { state: "connecting", key: "status.msg.connecting" };
  if (connection === "reconnecting") return { state: "reconnecting", key: "status.msg.reconnecting" };
  const s = status || { state: "idle" };
  if (s.state === "idle" && health && health.ready === false) {
    return { state: "starting", key: "status.msg.starting",
      params: { stage: health.stage || "starting", pct: Math.round(100 * (health.progress || 0)) },
      stageKey: `status.stage.${health.stage || "starting"}` };
  }
  const lr = config && config.lr;
  const params = {
    position: s.position ?? "?", message: s.message || "", epochs: config ? config.epochs : "",
    lr: lr ? Number((lr / 10).toPrecision(2)) : 0.01, field: s.field ? ` (${s.field})` : "", fields: s.fields || "",
  };
  if (stall && STUCK_STATES.includes(s.state)) {
    const acc = stall.accuracy === null ? "—" : `${(100 * stall.accuracy).toFixed(1)}%`;
    return { state: s.state, key: `status.msg.stalled.${stall.reason}`, stalled: true, tries: stall.tries,
      params: { ...params, epoch: stall.epoch, acc, chance: `${Math.round(100 * stall.chance)}%` } };
  }
  return { state: s.state, key: `status.msg.${s.state}`, params, field: s.field, fields: s.fields };
}

/** describe()'s params with field paths replaced by the labels of their controls (t, state as for fieldLabel). */
export function localizeFields(d, t, state) {
  const params = { ...(d.params || {}) };
  if (d.field) {
    const label = fieldLabel(d.field, t, state);
    if (label) Object.assign(params, { field: ` (${label})`, message: withoutFieldPrefix(params.message, d.field) });
  }
  if (d.fields) {
    params.fields = String(d.fields).split(/,\s*/).map((key) => {
      const label = fieldLabel(key, t, state);
      return label ? `${label}(${key})` : key;
    }).join(", ");
  }
  return params;
}

/** mount(pill, line, t) -> {render(state)}: state = {connection, health, status, config, options, lang}. */
export function mountStatus(pill, line, t) {
  function render(state) {
    const d = describe(state);
    pill.dataset.state = d.state;
    pill.textContent = t(`status.${d.state}`);
    const params = localizeFields(d, t, state);
    if (d.stageKey) params.stage = t(d.stageKey);
    if (d.tries) params.tries = d.tries.map((r) => t(r.key, r.params)).join(" ");
    const text = t(d.key, params);
    line.textContent = text;
    line.title = text;
    line.dataset.state = d.stalled ? "stalled" : d.state;
    pill.dataset.stalled = String(!!d.stalled);
    if (d.state === "error" || d.state === "diverged" || d.stalled) line.setAttribute("role", "alert");
    else line.removeAttribute("role");
  }
  return { render };
}
