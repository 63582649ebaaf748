/** The Build panel: network, data and training settings from /api/options, plus the transport bar. */
import { h } from "../../dom.js";
import { coerceParams } from "./fields.js";
import { groups, datasetsOf } from "./groups.js";
import { mountTransport } from "./transport.js";
import { mountLrCurve } from "./lrcurve.js";
import { isActive, runState } from "../../runstates.js";


/** Build a full config from options.defaults overlaid with `partial`, types fixed by the options. */
export function normalizeConfig(options, partial = {}) {
  const c = { ...(options.defaults || {}), ...partial };
  c.optimizer_params = coerceParams((options.optimizers || {})[c.optimizer], c.optimizer_params);
  c.schedule_params = coerceParams((options.schedules || {})[c.schedule], c.schedule_params);
  const ds = datasetsOf(options).find((d) => d.name === c.dataset);
  if (ds && Array.isArray(c.layers) && c.layers.length >= 2) {
    c.layers = [ds.n_in, ...c.layers.slice(1, -1), ds.n_out];
  }
  return c;
}

/** mount(root, {store, t, actions}) -> {render()}: actions = {play, pause, step, reset, setLr}. */
export function mount(root, ctx) {
  const { store } = ctx;
  const transportBox = h("div", { class: "transport-box" });
  const form = h("form", { class: "build-form", onSubmit: (e) => e.preventDefault() });
  const fieldset = h("fieldset", { class: "build-fields" });
  const curveBox = h("div");
  form.append(fieldset);
  const share = h("button", { type: "button", class: "btn small", "data-testid": "copy-link", dataset: { i18n: "build.copyLink" },
    onClick: () => copyLink(share, ctx.t) });
  root.append(transportBox, form, h("div", { class: "share" }, share, h("span", { class: "hint", role: "status" })));
  const transport = mountTransport(transportBox, { t: (...a) => ctx.t(...a), actions: ctx.actions,
    onLr: (lr) => { setConfig({ lr }); ctx.actions.setLr(lr); } });
  const curve = mountLrCurve(curveBox, ctx.api, (...a) => ctx.t(...a));
  let ownChange = false;

  function setConfig(part, structural = false) {
    const next = { ...store.get("config"), ...part };
    ownChange = !structural;
    store.set("config", next);
    ownChange = false;
  }

  function render() {
    const options = store.get("options");
    const config = store.get("config");
    if (!options || !config) return;
    const focusKey = document.activeElement && document.activeElement.dataset && document.activeElement.dataset.key;
    fieldset.replaceChildren(...groups({ t: ctx.t, options, config, set: setConfig }));
    fieldset.disabled = isActive(store.get("status"));
    curveBox.isConnected || fieldset.querySelector(".schedule-curve")?.append(curveBox);
    if (focusKey) root.querySelector(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
    curve.update(config);
    transport.update(runState(store.get("status")), config);
  }

  store.subscribe(["options", "lang"], render);
  store.subscribe(["config"], () => { if (!ownChange) render(); else { curve.update(store.get("config")); transport.update(runState(store.get("status")), store.get("config")); } });
  store.subscribe(["status", "connection"], () => {
    fieldset.disabled = isActive(store.get("status"));
    markInvalid(root, store.get("status"));
    transport.update(runState(store.get("status")), store.get("config") || {});
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
