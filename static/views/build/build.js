/** The Build panel: network, data and training settings from /api/options, plus the transport bar. */
import { h } from "../../dom.js";
import { coerceParams } from "./fields.js";
import { groups, datasetsOf } from "./groups.js";
import { defaultSpeed } from "../../presets.js";
import { mountTransport } from "./transport.js";
import { mountLrCurve } from "./lrcurve.js";
import { mountGradcheck } from "./gradcheck.js";
import { mountActPlots, configActivations } from "./actplots.js";
import { isActive, runState } from "../../runstates.js";


/** Build a full config from options.defaults overlaid with `partial`, types fixed by the options. */
export function normalizeConfig(options, partial = {}) {
  const c = { ...(options.defaults || {}), ...partial };
  c.optimizer_params = coerceParams((options.optimizers || {})[c.optimizer], c.optimizer_params);
  c.schedule_params = coerceParams((options.schedules || {})[c.schedule], c.schedule_params);
  const ds = datasetsOf(options).find((d) => d.name === c.dataset);
  if (ds && Array.isArray(c.layers) && c.layers.length >= 2) {
    // A two-class set may end in one sigmoid unit whose target is the label ([2, 4, 1] on XOR).
    const single = ds.n_out === 2 && c.layers[c.layers.length - 1] === 1;
    c.layers = [ds.n_in, ...c.layers.slice(1, -1), single ? 1 : ds.n_out];
  }
  return c;
}

/** Updates one epoch takes: ⌈training examples / batch size⌉ (train_size caps the examples). */
export function updatesPerEpoch(options, config) {
  const ds = datasetsOf(options || {}).find((d) => d.name === config.dataset);
  const n = Math.min(ds ? ds.n_train : 0, config.train_size || Infinity);
  return n ? Math.ceil(n / Math.max(1, config.batch_size || 1)) : 0;
}

/** The reason Play cannot start (values out of range, each with its label and allowed range), or "". */
export function blockedReason(invalid, t) {
  if (!invalid.size) return "";
  return t("build.cannotStart", { fields: [...invalid.values()].map((v) => `${v.label} (${v.allowed})`).join(", ") });
}

/** "0 < x ≤ 10", "1 – 500 (whole numbers)" for an input's range. */
export function allowedText({ min, max, minOpen, whole }, t) {
  const lo = min == null ? "" : `${min} ${minOpen ? "<" : "≤"} `;
  const hi = max == null ? "" : ` ≤ ${max.toLocaleString()}`;
  return t(whole ? "build.allowed.whole" : "build.allowed", { range: `${lo}x${hi}` });
}

/** mount(root, {store, t, actions}) -> {render()}: actions = {play, pause, step, reset, setLr, setSpeed}. */
export function mount(root, ctx) {
  const { store } = ctx;
  const t = (...a) => ctx.t(...a);
  const transportBox = h("div", { class: "transport-box" });
  const form = h("form", { class: "build-form", onSubmit: (e) => e.preventDefault() });
  const fieldset = h("fieldset", { class: "build-fields" });
  const curveBox = h("div");
  form.append(fieldset);
  const share = h("button", { type: "button", class: "btn small", "data-testid": "copy-link", dataset: { i18n: "build.copyLink" },
    onClick: () => copyLink(share, ctx.t) });
  // On a phone the settings start folded, so the pad is within reach below Play.
  const checkBox = h("div", { class: "group gradcheck-box" });
  const settings = h("details", { class: "settings", "data-testid": "settings", open: !matchMedia("(max-width: 700px)").matches },
    h("summary", { "data-i18n": "build.settings" }, t("build.settings")), form, checkBox,
    h("div", { class: "share" }, share, h("span", { class: "hint", role: "status" })));
  // A student from the course finds the lessons next to Play, in their first minute.
  const lessons = h("a", { class: "lessons-cta", href: "#panel-lessons", "data-testid": "lessons-cta", "data-i18n": "lessons.cta" }, t("lessons.cta"));
  root.append(transportBox, lessons, settings);
  const transport = mountTransport(transportBox, { t, actions: ctx.actions,
    onLr: (lr) => { setConfig({ lr }); ctx.actions.setLr(lr); } });
  const curve = mountLrCurve(curveBox, ctx.api, t);
  const check = mountGradcheck(checkBox, { t, onCheck: () => ctx.actions.checkGradients(store.get("config")) });
  store.subscribe(["gradcheck", "config", "lang"], () => check.update(store.get("gradcheck"), store.get("config")));
  // f and f' beside the activation choice: the config's activations, or the ones a lesson asked for.
  const actBox = h("div");
  const actPlots = mountActPlots(actBox, { t, api: ctx.api, onCurves: (curves) => store.set("activationCurves", curves) });
  const plotted = () => store.get("activationPlots") || configActivations(store.get("config") || {});
  const invalid = new Map();   // key -> {label, allowed}: values typed out of range, holding Play back
  let ownChange = false;

  function setConfig(part, structural = false) {
    const next = { ...store.get("config"), ...part };
    ownChange = !structural;
    store.set("config", next);
    ownChange = false;
  }

  /** Everything the transport shows besides the run state: why Play waits, the speed and the run's length. */
  function page() {
    const options = store.get("options") || {};
    const config = store.get("config") || {};
    const limits = options.limits || {};
    const speed = store.get("speed");
    const updates = updatesPerEpoch(options, config) * (config.epochs || 0);
    return { why: blockedReason(invalid, t), speed, seconds: speed ? updates / speed : null, speedRange: limits.speed,
      lrRange: { min: (limits.lr || [0])[0], max: (limits.lr || [0, 10])[1], minOpen: true } };
  }
  const updateTransport = () => transport.update(runState(store.get("status")), store.get("config") || {}, page());

  root.addEventListener("fieldcheck", (e) => {
    const { key, label, ok, note } = e.detail;
    const allowed = allowedText(e.detail, t);
    if (ok) invalid.delete(key);
    else invalid.set(key, { label, allowed });
    if (note) note.textContent = ok ? "" : allowed;
    updateTransport();
  });

  function render() {
    const options = store.get("options");
    const config = store.get("config");
    if (!options || !config) return;
    const focusKey = document.activeElement && document.activeElement.dataset && document.activeElement.dataset.key;
    for (const key of invalid.keys()) if (key !== "lr") invalid.delete(key);   // the form is drawn anew from the config
    fieldset.replaceChildren(...groups({ t, options, config, set: setConfig }));
    fieldset.disabled = isActive(store.get("status"));
    curveBox.isConnected || fieldset.querySelector(".schedule-curve")?.append(curveBox);
    actBox.isConnected || fieldset.querySelector(".act-plots-slot")?.append(actBox);
    actPlots.update(plotted());
    if (focusKey) root.querySelector(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
    curve.update(config);
    updateTransport();
  }

  let dataset = (store.get("config") || {}).dataset;
  let activations = JSON.stringify(configActivations(store.get("config") || {}));
  store.subscribe(["options"], render);
  store.subscribe(["lang"], () => { render(); actPlots.relabel(); });
  store.subscribe(["activationPlots"], () => actPlots.update(plotted()));
  store.subscribe(["config"], () => {
    const config = store.get("config");
    if (config.dataset !== dataset) { dataset = config.dataset; ctx.actions.setSpeed(defaultSpeed(dataset, ((store.get("options") || {}).limits || {}).speed)); }
    // Choosing an activation shows its own curves again (a lesson's list is put away).
    const now = JSON.stringify(configActivations(config));
    if (now !== activations) { activations = now; if (store.get("activationPlots")) store.set("activationPlots", null); }
    actPlots.update(plotted());
    if (!ownChange) render(); else { curve.update(config); updateTransport(); }
  });
  store.subscribe(["speed"], updateTransport);
  store.subscribe(["status", "connection"], () => {
    fieldset.disabled = isActive(store.get("status"));
    markInvalid(root, store.get("status"));
    updateTransport();
  });
  window.addEventListener("resize", () => curve.resize());
  render();
  return { render };
}

/** Outline the control named by a server error's field ("config.optimizer_params.momentum" -> opt.momentum). */
function markInvalid(root, status) {
  root.querySelectorAll("[data-server-invalid]").forEach((el) => {
    el.removeAttribute("data-server-invalid");
    el.setAttribute("aria-invalid", "false");
  });
  if (!status || status.state !== "error" || !status.field) return;
  const key = status.field.replace(/^config\./, "").replace(/^optimizer_params\./, "opt.")
    .replace(/^schedule_params\./, "sched.").replace(/^layers.*/, "layer.0.n");
  const el = root.querySelector(`[data-key="${CSS.escape(key)}"]`);
  if (el) {
    el.setAttribute("aria-invalid", "true");
    el.setAttribute("data-server-invalid", "");
  }
}

async function copyLink(button, t) {
  const note = button.nextElementSibling || button.parentElement.querySelector(".hint");
  try {
    await navigator.clipboard.writeText(location.href);
    note.textContent = t("build.copied");
  } catch {
    note.textContent = t("build.copyFailed");
  }
}
