/** Entry: builds the store, language, controller and URL state, then mounts every panel. */
import { createStore } from "./store.js";
import { createController, socketUrl } from "./controller.js";
import { createActions, cleared, pollHealth } from "./actions.js";
import { createBackpropActions } from "./backpropactions.js";
import { isActive } from "./runstates.js";
import { encodeConfig, decodeConfig, encodePage, decodePage } from "./urlstate.js";
import { defaultSpeed } from "./presets.js";
import { speedAllowed } from "./views/build/speed.js";
import { stalled, remedies } from "./stall.js";
import { loadDictionaries, pickLanguage, translator, applyTranslations, STORAGE_KEY } from "./i18n.js";
import common from "./i18n/common-text.js";
import { api } from "./api.js";
import { mountStatus } from "./views/header/status.js";
import { mountLanguage } from "./views/header/language.js";
import * as buildView from "./views/build/build.js";
import * as watchView from "./views/watch/watch.js";
import { createSlots } from "./slots.js";
import { followToyPoints } from "./toypoints.js";
import { LOWER } from "./lowerpanels.js";

function storedLang() {
  try { return localStorage.getItem(STORAGE_KEY); } catch { return null; }
}

/**
 * Korean on any machine: Noto Sans KR (npm @fontsource, served from /vendor) in unicode-range
 * slices, so only the slices of the glyphs on the page are fetched; linked once the page is Korean.
 */
function koreanFont() {
  if (document.querySelector("link[data-font=ko]")) return;
  for (const weight of [400, 700]) {
    document.head.append(Object.assign(document.createElement("link"), { rel: "stylesheet", href: `/vendor/noto-sans-kr/${weight}.css` }));
    document.head.lastElementChild.dataset.font = "ko";
  }
}

function setupLanguage(store, dict, ctx) {
  const toggle = mountLanguage(document.querySelector("[data-testid=lang-toggle]"), { onToggle() {
    const lang = store.get("lang") === "en" ? "ko" : "en";
    try { localStorage.setItem(STORAGE_KEY, lang); } catch { /* private mode: not remembered */ }
    store.set("lang", lang);
  } });
  const apply = () => {
    const lang = store.get("lang");
    ctx.t = translator(dict, lang);
    document.documentElement.lang = lang;
    if (lang === "ko") koreanFont();
    toggle.update(lang, ctx.t);
    applyTranslations(document, ctx.t);
    document.title = ctx.t("app.title");
  };
  store.subscribe(["lang"], apply);
  apply();
}

/** The link holds the whole setup: the config, the speed, the language and the lesson open (with the preset it set up). */
function syncUrl(store, normalize) {
  store.subscribe(["config", "speed", "lang", "lesson"], () => {
    const { id: lesson, preset } = store.get("lesson") || {};
    const page = encodePage({ lesson, preset, speed: store.get("speed"), lang: store.get("lang") });
    const hash = `#${encodeConfig(store.get("config"))}&${page}`;
    if (location.hash !== hash) history.replaceState(null, "", hash);
  });
  window.addEventListener("hashchange", () => {
    const options = store.get("options");
    const page = decodePage(location.hash);
    if (page.lang) store.set("lang", page.lang);
    if (!options || isActive(store.get("status"))) return;
    const { config, found } = decodeConfig(location.hash, options.defaults);
    if (found) store.set("config", normalize(options, config));
    if (page.speed !== undefined && speedAllowed(page.speed, (options.limits || {}).speed)) store.set("speed", page.speed);
  });
}

/** After each epoch: is the run learning? A stuck run's message says what to try (store "stall"). */
function watchLearning(store) {
  store.subscribe(["metrics"], () => {
    const metrics = store.get("metrics") || [];
    const last = metrics[metrics.length - 1];
    if (!metrics.length) { if (store.get("stall")) store.set("stall", null); return; }
    if (!last || last.kind !== "epoch") return;
    const options = store.get("options") || {};
    const config = store.get("config") || {};
    const ds = (options.datasets || []).find((d) => d.name === config.dataset);
    const found = stalled(metrics, ds ? Math.max(2, ds.n_out) : 10);
    store.set("stall", found ? { ...found, tries: remedies(config) } : null);
  });
}

/** The first screen's other panels, asked for at the start (literal imports: the page shell preloads them). */
const LATER = {
  draw: () => import("./views/draw/draw.js"),
  downhill: () => import("./views/downhill/downhill.js"),
  runs: () => import("./views/runs/runs.js"),
};
const SETTLE_MS = 1500;   // without a stroke, the first screen counts as settled this long after it is ready

/**
 * Resolves once the first screen has settled: the pad has answered its first stroke (store
 * "answered"), or SETTLE_MS passed without one, and then the browser is idle. What is not needed
 * to answer a stroke (three.js and the 3-D view, the race, the mistakes gallery) waits for it.
 */
function whenSettled(store) {
  return new Promise((resolve) => {
    let done = false;
    const idle = window.requestIdleCallback || ((fn) => setTimeout(fn, 50));
    const go = () => { if (!done) { done = true; idle(() => resolve(), { timeout: 1000 }); } };
    store.subscribe(["answered"], go);
    setTimeout(go, SETTLE_MS);
  });
}

/** Mount a panel whose module was asked for at the start (loading), once the page has its options. */
async function mountLater(name, loading, ctx) {
  const root = document.getElementById(`${name}-root`);
  try {
    const mod = await loading;
    return mod.mount(root, ctx) || {};
  } catch (err) {
    console.warn(`the ${name} panel is not available yet:`, err.message);
    return {};
  }
}

/** The first screen shows the pad, the answer, the loss chart and the 3-D view while it is in view. */
function fillFirstScreen(panels) {
  const story = document.getElementById("panel-story");
  const slots = createSlots(story);
  const slot = (name) => story.querySelector(`[data-slot=${name}]`);
  for (const panel of panels) {
    for (const [name, node] of Object.entries(panel.parts || {})) slots.place(node, slot(name), panel.homes[name]);
  }
}

/** Headings reached by a link land below the sticky bar, whatever its height (it wraps on a phone). */
function trackTopbar() {
  const bar = document.querySelector(".topbar");
  new ResizeObserver(() => document.documentElement.style.setProperty("--topbar", `${Math.ceil(bar.offsetHeight)}px`)).observe(bar);
}

async function boot() {
  trackTopbar();
  // Everything the first screen needs is asked for at once: the panels' modules, the texts, the options.
  const modules = Object.values(LATER).map((load) => load());
  modules.forEach((m) => m.catch(() => {}));
  const optionsAsked = api("/api/options");
  optionsAsked.catch(() => {});
  const dict = await loadDictionaries();
  const linked = decodePage(location.hash);
  const asked = decodePage(location.search).lang || linked.lang;   // ?lang=ko or ko in the hash wins
  const store = createStore({ lang: pickLanguage(asked || storedLang(), navigator.languages || []), connection: "connecting",
    status: null, ...cleared() });
  const controller = createController({ store, url: socketUrl(location) });
  const ctx = { t: (k) => k };
  const actions = { ...createActions(store, controller.send), ...createBackpropActions(store) };
  const t = (key, params) => ctx.t(key, params);
  setupLanguage(store, dict, ctx);
  const status = mountStatus(document.querySelector("[data-testid=status]"), document.querySelector("[data-testid=status-message]"), t);
  store.subscribe(["connection", "health", "status", "lang", "config", "options", "stall"], () => status.render(store.get()));
  watchLearning(store);
  status.render(store.get());
  controller.connect();
  pollHealth(store, api);
  const options = await optionsAsked;
  const { config, errors } = decodeConfig(location.hash, options.defaults);
  // A linked speed the server does not take is reported with the rest of a bad link, not changed quietly.
  const speedOk = linked.speed === undefined || speedAllowed(linked.speed, (options.limits || {}).speed);
  const bad = [...errors, ...linked.errors, ...(speedOk ? [] : ["speed"])];
  store.patch({ options, config: buildView.normalizeConfig(options, config),
    speed: linked.speed !== undefined && speedOk ? linked.speed : defaultSpeed(config.dataset, (options.limits || {}).speed),
    ...(bad.length ? { status: { state: "badlink", fields: bad.join(", ") } } : {}) });
  syncUrl(store, buildView.normalizeConfig);
  followToyPoints(store, api);
  let settle;
  const panelCtx = { store, api, t, actions, settled: new Promise((resolve) => { settle = () => whenSettled(store).then(resolve); }) };
  buildView.mount(document.getElementById("build-root"), panelCtx);
  const watch = watchView.mount(document.getElementById("watch-root"), panelCtx);
  applyTranslations(document, t);
  const [draw, downhill] = await Promise.all(Object.keys(LATER).map((name, i) => mountLater(name, modules[i], panelCtx)));
  fillFirstScreen([draw, watch, downhill]);
  document.body.dataset.ready = "true";   // the first screen: Build, the pad and bars, the loss, the 3-D view
  settle();
  // The panels further down load once the first screen has settled (the lessons and Backprop bring KaTeX).
  await panelCtx.settled;
  koreanFont();   // in English too: the language button says 한국어, on machines without a Korean font as well
  await Promise.all(Object.entries(LOWER).map(([name, load]) => mountLater(name, load(), panelCtx)));
  document.body.dataset.panels = "all";
}

boot().catch((err) => {
  const line = document.querySelector("[data-testid=status-message]");
  const t = translator(common, pickLanguage(storedLang(), navigator.languages || []));
  if (line) line.textContent = t("app.bootFailed", { message: err.message });
  console.error(err);
});
