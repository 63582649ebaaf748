/** The status pill and message line: connection, server readiness and the run's state. */

/** (connection, health, status, config) -> {state, key, params}: what the pill and the line say. */
export function describe({ connection, health, status, config }) {
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
  return { state: s.state, key: `status.msg.${s.state}`, params };
}

/** mount(pill, line, store, t) -> {render()}. */
export function mountStatus(pill, line, store, t) {
  function render() {
    const d = describe(store.get());
    pill.dataset.state = d.state;
    pill.textContent = t(`status.${d.state}`);
    const params = d.stageKey ? { ...d.params, stage: t(d.stageKey) } : d.params || {};
    line.textContent = t(d.key, params);
    line.dataset.state = d.state;
    if (d.state === "error" || d.state === "diverged") line.setAttribute("role", "alert");
    else line.removeAttribute("role");
  }
  store.subscribe(["connection", "health", "status", "lang", "config"], render);
  render();
  return { render };
}
