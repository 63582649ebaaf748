/** Entry: builds the store, language, controller and URL state, then mounts every panel. */
import { createStore } from "./store.js";
import { createController, socketUrl, isActive } from "./controller.js";
import { messages } from "./protocol.js";
import { encodeConfig, decodeConfig } from "./urlstate.js";
import { loadDictionaries, pickLanguage, translator, applyTranslations, STORAGE_KEY } from "./i18n.js";
import common from "./i18n/common.js";
import { api } from "./api.js";
import { mountStatus } from "./views/status.js";
import * as buildView from "./views/build.js";
import * as watchView from "./views/watch.js";

const CLEAR = { metrics: [], histHistory: [], lastSnapshot: null, surface: null, error: null };

function storedLang() {
  try { return localStorage.getItem(STORAGE_KEY); } catch { return null; }
}

function setupLanguage(store, dict, ctx) {
  const button = document.querySelector("[data-testid=lang-toggle]");
  const apply = () => {
    const lang = store.get("lang");
    ctx.t = translator(dict, lang);
    document.documentElement.lang = lang;
    button.textContent = lang === "en" ? "한국어" : "English";
    button.setAttribute("aria-label", ctx.t("lang.toggle.title"));
    applyTranslations(document, ctx.t);
    document.title = ctx.t("app.title");
  };
  store.subscribe(["lang"], apply);
  button.addEventListener("click", () => {
    const lang = store.get("lang") === "en" ? "ko" : "en";
    try { localStorage.setItem(STORAGE_KEY, lang); } catch { /* private mode: not remembered */ }
    store.set("lang", lang);
  });
  apply();
}

function makeActions(store, controller) {
  const state = () => (store.get("status") || { state: "idle" }).state;
  const start = () => {
    store.patch({ ...CLEAR, status: { state: "requested" } });
    controller.send(messages.start(store.get("config")));
  };
  return {
    play: () => (state() === "paused" ? controller.send(messages.resume()) : start()),
    pause: () => controller.send(state() === "paused" ? messages.resume() : messages.pause()),
    step(unit) {
      if (state() === "paused") return controller.send(messages.step(unit));
      store.patch({ ...CLEAR, status: { state: "requested" } });
      return controller.send({ ...messages.step(unit), config: store.get("config") });
    },
    reset() {
      if (isActive(store.get("status"))) controller.send(messages.stop());
      store.patch({ ...CLEAR, status: null });
    },
    setLr: (lr) => { if (isActive(store.get("status"))) controller.send(messages.setLr(lr)); },
  };
}

function syncUrl(store) {
  store.subscribe(["config"], () => {
    const hash = `#${encodeConfig(store.get("config"))}`;
    if (location.hash !== hash) history.replaceState(null, "", hash);
  });
  window.addEventListener("hashchange", () => {
    const options = store.get("options");
    if (!options || isActive(store.get("status"))) return;
    const { config, found } = decodeConfig(location.hash, options.defaults);
    if (found) store.set("config", buildView.normalizeConfig(options, config));
  });
}

async function pollHealth(store) {
  try {
    const health = await api("/api/health");
    store.set("health", health);
    if (health.ready === false) setTimeout(() => pollHealth(store), 1000);
  } catch {
    setTimeout(() => pollHealth(store), 2000);
  }
}

async function mountLater(name, ctx) {
  const root = document.getElementById(`${name}-root`);
  try {
    const mod = await import(`./views/${name}.js`);
    mod.mount(root, ctx);
  } catch (err) {
    console.warn(`the ${name} panel is not available yet:`, err.message);
  }
}

async function boot() {
  const dict = await loadDictionaries();
  const store = createStore({ lang: pickLanguage(storedLang(), navigator.languages || []), connection: "connecting",
    status: null, ...CLEAR });
  const controller = createController({ store, url: socketUrl(location) });
  const ctx = { store, controller, api, t: (k) => k };
  ctx.actions = makeActions(store, controller);
  const lookup = (key, params) => ctx.t(key, params);
  setupLanguage(store, dict, ctx);
  mountStatus(document.querySelector("[data-testid=status]"), document.querySelector("[data-testid=status-message]"), store, lookup);
  controller.connect();
  pollHealth(store);
  const options = await api("/api/options");
  const { config, errors } = decodeConfig(location.hash, options.defaults);
  store.patch({ options, config: buildView.normalizeConfig(options, config),
    ...(errors.length ? { status: { state: "badlink", fields: errors.join(", ") } } : {}) });
  syncUrl(store);
  const panelCtx = { store, controller, api, t: lookup, actions: ctx.actions };
  buildView.mount(document.getElementById("build-root"), panelCtx);
  watchView.mount(document.getElementById("watch-root"), panelCtx);
  applyTranslations(document, lookup);
  await Promise.all([mountLater("draw", panelCtx), mountLater("downhill", panelCtx)]);
  document.body.dataset.ready = "true";
}

boot().catch((err) => {
  const line = document.querySelector("[data-testid=status-message]");
  const t = translator(common, pickLanguage(storedLang(), navigator.languages || []));
  if (line) line.textContent = t("app.bootFailed", { message: err.message });
  console.error(err);
});
