/** Roll-downhill panel: a 3-D surface, a contour map and a 1-D slice, fed by toy races or the training run. */
import { h, tx } from "../../dom.js";
import { mountContour } from "./contour.js";
import { mountSlice } from "./slice1d.js";
import { mountCurve } from "./curve1d.js";
import { mountToy } from "./toymode.js";
import { mountNet } from "./netmode.js";
import { isActive } from "../../runstates.js";

/** Set a data attribute only when it changes: a write every frame would restyle the page every frame. */
const mark = (node, key, value) => { if (node.dataset[key] !== value) node.dataset[key] = value; };

function layout(t) {
  const el = {
    fig3d: null,
    toyBtn: tx(t, "downhill.mode.toy", "button", { type: "button", class: "btn", "data-testid": "mode-toy", "aria-pressed": "true" }),
    netBtn: tx(t, "downhill.mode.net", "button", { type: "button", class: "btn", "data-testid": "mode-net", "aria-pressed": "false" }),
    view3d: h("div", { class: "surface-view", "data-testid": "surface-view", role: "application", tabindex: "0",
      "aria-label": t("downhill.view3d.aria"), "data-i18n-aria-label": "downhill.view3d.aria", "aria-describedby": "surface-keys" }),
    contour: h("canvas", { class: "contour", "data-testid": "contour-map", role: "application", tabindex: "0", "aria-describedby": "toy-drag-help", "aria-label": t("downhill.contour.aria"), "data-i18n-aria-label": "downhill.contour.aria" }),
    slice: h("canvas", { class: "slice", "data-testid": "slice-1d", role: "img", "aria-label": t("downhill.slice.aria"), "data-i18n-aria-label": "downhill.slice.aria" }),
    curve: h("canvas", { class: "curve1d", "data-testid": "curve-1d", role: "img", hidden: true, "aria-label": t("downhill.curve.aria"), "data-i18n-aria-label": "downhill.curve.aria" }),
    toy: h("div", { class: "mode-box" }),
    net: h("div", { class: "mode-box", hidden: true }),
  };
  // The 3-D view is shown on the first screen too (slots.js moves it): its home keeps its place here.
  el.caption = h("strong", { "data-testid": "surface-caption" });
  el.captionHelp = h("small", { class: "hint", "data-testid": "surface-caption-help" });
  el.fig3d = h("figure", { class: "view view3d" }, el.view3d, h("figcaption", {}, el.caption, " ", el.captionHelp),
    tx(t, "downhill.view3d.keys", "p", { class: "hint", id: "surface-keys" }));
  el.surfaceHome = h("div", { class: "slot slot-home surface-home" }, el.fig3d);
  const root = h("div", { class: "downhill" },
    h("div", { class: "mode-switch", role: "group" }, el.toyBtn, el.netBtn, tx(t, "downhill.mode.help", "span", { class: "hint" })),
    h("div", { class: "downhill-grid" },
      el.surfaceHome,
      // A function of one weight is drawn as its curve, in the contour map's place.
      h("figure", { class: "view" }, el.contour, el.curve, h("figcaption", {}, tx(t, "downhill.contour"), tx(t, "downhill.curve", "span", { hidden: true }))),
      h("div", { class: "downhill-side" }, el.toy, el.net,
        h("figure", { class: "view" }, el.slice, h("figcaption", {}, tx(t, "downhill.slice"))))));
  return { root, el };
}

/** 3-D view if WebGL works, else a note (the contour map still shows everything). */
async function make3d(container, t) {
  try {
    const { mountSurface3d } = await import("./surface3d.js");
    return mountSurface3d(container);
  } catch (err) {
    container.append(h("p", { class: "hint" }, t("downhill.nowebgl")));
    return { setField() {}, draw() {}, resize() {} };
  }
}

/**
 * What the 3-D view's caption says: the toy race's surface, or this network's loss (before training:
 * around its starting weights; while it trains: around its weights, the ball being the network now).
 */
export function captionKeys(shows, netShowing, plane) {
  if (shows === "toy") return ["downhill.view3d", "downhill.view3d.toy.help"];
  if (netShowing === "run") return ["downhill.view3d.run", plane === "pca" ? "downhill.view3d.run.pca" : "downhill.view3d.run.plane"];
  if (netShowing === "start") return ["downhill.view3d.start", "downhill.view3d.start.help"];
  return ["downhill.view3d.net", "downhill.view3d.wait"];
}

export function mount(root, ctx) {
  const { t, store } = ctx;
  const settled = ctx.settled || Promise.resolve();   // the heavy parts wait until the first screen has settled
  const { root: view, el } = layout(t);
  root.replaceChildren(view);
  const contour = mountContour(el.contour);
  const slice = mountSlice(el.slice);
  const curve = mountCurve(el.curve);
  let surface = { setField() {}, draw() {} };
  const net = mountNet(el.net, { t, onAsk: (spec) => ctx.actions.surface(spec), onFollow: (spec) => ctx.actions.followSurface(spec),
    onPicks: (picks) => store.set("pickedWeights", picks) });
  const modes = { toy: mountToy(el.toy, { t, options: store.get("options") || {}, api: ctx.api, ready: settled,
    onRace: (result) => store.set("toyRaceResult", result) }), net };
  // A lesson hands over a whole race: its function, racers, learning rates and starts.
  store.subscribe(["toyRace"], () => { const race = store.get("toyRace"); if (race) { setMode("toy"); modes.toy.race(race); } });
  let mode = "toy";
  let field = null;
  // On the first screen the 3-D view always shows this network; in its own panel, the chosen mode.
  let inStory = false;
  const shows = () => (inStory ? "net" : mode);

  function caption() {
    const msg = store.get("surface");
    const [title, help] = captionKeys(shows(), net.showing, msg && msg.plane);
    mark(el.view3d, "shows", shows() === "toy" ? "toy" : net.showing || "none");
    el.caption.textContent = t(title);
    el.captionHelp.textContent = t(help);
  }

  function setMode(next) {
    mode = next;
    el.toy.hidden = mode !== "toy";
    el.net.hidden = mode !== "net";
    el.toyBtn.setAttribute("aria-pressed", String(mode === "toy"));
    el.netBtn.setAttribute("aria-pressed", String(mode === "net"));
    view.dataset.mode = mode;
    caption();
  }
  el.fig3d.addEventListener("slotmove", (e) => { inStory = e.detail.inStory; caption(); });
  el.toyBtn.addEventListener("click", () => setMode("toy"));
  el.netBtn.addEventListener("click", () => setMode("net"));
  let wasActive = false;
  store.subscribe(["status"], () => {
    const active = isActive(store.get("status"));
    if (active && !wasActive) setMode("net");
    // A run that blew up (or failed) keeps no weights to draw a surface around: back to the race.
    if (["diverged", "error"].includes((store.get("status") || {}).state)) setMode("toy");
    wasActive = active;
  });
  // Two weights picked in the Watch panel are a plane of this network's surface: show it.
  store.subscribe(["pickedWeights"], () => {
    const picks = store.get("pickedWeights") || [];
    if (picks.length === 2) setMode("net");
    net.showPicks(picks);
  });
  store.subscribe(["surface"], () => { net.showSurface(store.get("surface")); caption(); });
  store.subscribe(["status"], () => { if (!store.get("status")) { net.showSurface(null); caption(); } });
  followStart(ctx, net, settled, caption);
  store.subscribe(["error"], () => { const err = store.get("error"); if (err && err.about === "surface") net.showError(err); });
  store.subscribe(["config"], () => net.setLayers((store.get("config") || {}).layers));
  net.setLayers((store.get("config") || {}).layers);

  const drag = (kind) => (e) => {
    if (mode !== "toy" || !contour.field || (kind !== "down" && !e.buttons && kind !== "up")) return;
    if (kind === "down") el.contour.setPointerCapture(e.pointerId);
    modes.toy.pointer(kind, contour.toWorld(e));
  };
  el.contour.addEventListener("pointerdown", drag("down"));
  el.contour.addEventListener("pointermove", drag("move"));
  el.contour.addEventListener("pointerup", drag("up"));
  el.contour.addEventListener("keydown", (e) => {
    const d = { ArrowLeft: [-0.03, 0], ArrowRight: [0.03, 0], ArrowUp: [0, 0.03], ArrowDown: [0, -0.03] }[e.key];
    if (!d || mode !== "toy") return;
    e.preventDefault();
    modes.toy.nudge(...d);
  });

  let last = 0;
  let frames = 0;
  let fpsSince = 0;
  let sliceKey = "";
  let running = false;
  let visible = false;
  let ready = false;

  function loop(now) {
    if (!visible) { running = false; return; }
    const dt = Math.min(0.1, (now - last) / 1000);
    last = now;
    const scene = modes[shows()].frame(dt);
    if (scene.field !== field) {
      field = scene.field;
      contour.setField(field);
      curve.setField(field);
      surface.setField(field);
    }
    surface.draw(scene);
    if (!inStory) {   // the map (or a 1-D function's curve) and the slice live in the panel, out of sight while the 3-D view is on the first screen
      const oneD = scene.dim === 1;
      if (el.curve.hidden === oneD) {
        const [mapText, curveText] = el.curve.parentElement.querySelectorAll("figcaption > span");
        el.curve.hidden = curveText.hidden = !oneD;
        el.contour.hidden = mapText.hidden = oneD;
      }
      if (oneD) curve.draw(scene); else contour.draw(scene);
      const b = scene.sliceBall;
      const key = `${field && field.z.length}|${field && field.lo}|${b ? `${b.x},${b.y}` : ""}|${t("downhill.slice")}`;
      if (key !== sliceKey) { slice.draw(field, b, scene.axisLabel); sliceKey = key; }
    }
    mark(el.contour, "paths", String((scene.paths || []).length && field ? scene.paths.length : 0));
    mark(el.contour, "step", String(scene.step ?? 0));
    mark(el.view3d, "hasSurface", String(!!field));
    countFrame(now);
    requestAnimationFrame(loop);
  }
  function countFrame(now) {
    frames += 1;
    if (now - fpsSince > 1000) { el.view3d.dataset.fps = String(Math.round((frames * 1000) / (now - fpsSince))); frames = 0; fpsSince = now; }
  }
  function start() {
    if (running || !ready || !visible) return;
    running = true;
    last = fpsSince = performance.now();
    requestAnimationFrame(loop);
  }
  // The animation runs while the panel or the 3-D view (wherever it is shown) is on screen.
  const seen = new Map();
  const io = new IntersectionObserver((entries) => {
    for (const e of entries) seen.set(e.target, e.isIntersecting);
    visible = [...seen.values()].some(Boolean);
    start();
  });
  io.observe(view);
  io.observe(el.fig3d);
  // three.js (2 MB) is asked for once the first screen has settled: the pad answers the first stroke before.
  settled.then(() => make3d(el.view3d, t)).then((s) => {
    surface = s;
    field = undefined;
    // The 3-D view draws at the size of its box, wherever it is shown (the first screen or this panel).
    const fit = () => { if (el.view3d.clientWidth) surface.resize(el.view3d.clientWidth); };
    new ResizeObserver(fit).observe(el.view3d);
    fit();
    ready = true;
    start();
  });
  store.subscribe(["lang"], () => { modes.toy.relabel(); modes.net.relabel(); caption(); });
  setMode("toy");
  return { parts: { surface: el.fig3d }, homes: { surface: el.surfaceHome } };
}

const START_MAX_PARAMS = 100_000;   // larger networks take too long to draw before training (about 5 s at this size)
const START_WAIT_MS = 500;          // settings typed in quick succession are drawn once

/**
 * Before training, this network's surface around its starting weights (a `surface` message with the
 * current settings), asked again when they change; the run's own surface replaces it once it trains.
 */
function followStart(ctx, net, settled, onShown) {
  const { store } = ctx;
  let timer = null;
  let last = "";
  function ask() {
    const config = store.get("config");
    const key = JSON.stringify(config);
    if (!config || key === last) return;
    last = key;
    const params = (config.layers || []).reduce((n, w, i, a) => (i ? n + a[i - 1] * w + w : 0), 0);
    if (params > START_MAX_PARAMS) { net.showStart(null); onShown(); return; }
    waiting = true;
    ctx.actions.startSurface(config);
  }
  let waiting = false;
  store.subscribe(["startSurface"], () => { waiting = false; net.showStart(store.get("startSurface")); onShown(); });
  // Surfaces are answered in order: an error while this one is awaited is about these settings (Play will say what is wrong).
  store.subscribe(["error"], () => {
    const err = store.get("error");
    if (waiting && err && err.about === "surface") { waiting = false; last = ""; net.showStart(null); onShown(); }
  });
  settled.then(() => {
    ask();
    store.subscribe(["config"], () => { clearTimeout(timer); timer = setTimeout(ask, START_WAIT_MS); });
  });
}
