/** Draw panel: draw a digit, see what the network sees, its answer, its hidden layers and why. */
import { h, tx } from "../../dom.js";
import { mountPad } from "./pad.js";
import { createPredictor } from "./predictor.js";
import { mountBars } from "./bars.js";
import { mountLayers } from "./layermaps.js";
import { paintHeatmap, paintDigit } from "../../pixels.js";
import { createNeuronView } from "./neuron.js";
import { mountEvaluation } from "./evaluation.js";
import { answeringRun, answererLabel, compactImage, probePixels, runInputs } from "./follow.js";
import { createThrottle } from "../../throttle.js";
import { mountAnalyze } from "./analyze.js";
import { followToySet } from "./toyfollow.js";

const REFRESH_MS = 500;   // a training run's answer is re-asked at most this often
const PROBE_MS = 200;     // while drawing, the probe follows the strokes at most this often


function layout(t) {
  const el = {
    pad: h("canvas", { class: "pad", "data-testid": "draw-canvas", "aria-label": t("draw.pad.aria"), "data-i18n-aria-label": "draw.pad.aria" }),
    clear: tx(t, "draw.clear", "button", { type: "button", class: "btn", "data-testid": "clear-drawing" }),
    random: tx(t, "draw.random", "button", { type: "button", class: "btn", "data-testid": "random-digit" }),
    note: h("p", { class: "hint draw-note", "data-testid": "draw-note", "aria-live": "polite" }),
    seen: h("canvas", { class: "heat digit", "data-testid": "seen-image" }),
    cropped: h("canvas", { class: "heat step-img", "data-testid": "step-cropped" }),
    scaled: h("canvas", { class: "heat step-img", "data-testid": "step-scaled" }),
    bars: h("div", { class: "bars-box" }),
    by: h("p", { class: "hint answered-by", "data-testid": "answered-by", "aria-live": "polite", style: { minHeight: "2.6em" } }),
    layers: h("div", {}),
    contrib: h("canvas", { class: "heat digit", "data-testid": "contribution" }),
    weights: h("canvas", { class: "heat digit", "data-testid": "neuron-weights" }),
    contribNote: h("p", { class: "hint", "data-testid": "contribution-note" }),
    saliency: h("canvas", { class: "heat digit", "data-testid": "saliency" }),
    evaluation: h("div", { class: "draw-eval-box" }),
    analyze: h("div", { class: "draw-analyze-box" }),
  };
  const fig = (canvas, key, helpKey) => h("figure", { class: "map" }, canvas,
    h("figcaption", {}, tx(t, key, "strong"), helpKey ? tx(t, helpKey, "small") : null));
  // The pad and the answer are shown on the first screen too (slots.js moves them): each has a home here.
  // For a toy set the pad gives way to the plane of its two inputs (toyview.js): mode "toy".
  el.toyBox = h("div", { class: "toy-box" });
  el.padBox = h("div", { class: "pad-box", "data-testid": "pad-box", dataset: { empty: "true", mode: "digits" } },
    h("div", { class: "pad-frame" }, el.pad, tx(t, "draw.pad.hint", "span", { class: "pad-hint", "aria-hidden": "true" })),
    el.toyBox, h("div", { class: "draw-buttons" }, el.clear, el.random), el.note);
  el.answerBox = h("div", { class: "draw-answer" }, h("div", { class: "answer-bars" }, tx(t, "draw.prediction", "h3"), el.by, el.bars),
    h("div", { class: "answer-layers" }, tx(t, "draw.layers", "h3"), tx(t, "draw.layers.help", "p", { class: "hint layers-help" }), el.layers));
  el.padHome = h("div", { class: "slot slot-home pad-home" }, el.padBox);
  el.answerHome = h("div", { class: "slot slot-home answer-home" }, el.answerBox);
  el.toyNote = tx(t, "draw.toy.panel", "p", { class: "hint toy-panel-note" });
  const root = h("div", { class: "draw-grid" }, el.toyNote,
    h("div", { class: "draw-left" }, el.padHome,
      h("div", { class: "pipeline", "data-testid": "preprocessing" }, fig(el.cropped, "draw.step.crop", "draw.step.crop.help"),
        fig(el.scaled, "draw.step.scale", "draw.step.scale.help"), fig(el.seen, "draw.seen", "draw.seen.help"))),
    h("div", { class: "draw-right" }, el.answerHome,
      h("div", { class: "draw-maps" }, fig(el.contrib, "draw.contrib", "draw.contrib.help"),
        fig(el.weights, "draw.weights", "draw.weights.help"), fig(el.saliency, "draw.saliency", "draw.saliency.help")),
      el.contribNote),
    el.evaluation, el.analyze);
  return { root, el };
}

/** The preprocessing steps (cropped, scaled) of a drawn image; hidden for dataset digits. */
function showSteps(el, steps) {
  for (const [key, canvas] of [["cropped", el.cropped], ["scaled", el.scaled]]) {
    canvas.closest("figure").hidden = !steps;
    if (!steps) continue;
    const [hh, ww] = steps[key].shape;
    paintDigit(canvas, steps[key].data, ww, hh);
    const side = 84 / Math.max(ww, hh);
    canvas.style.width = `${Math.round(ww * side)}px`;
    canvas.style.height = `${Math.round(hh * side)}px`;
  }
}

/** Follows the training run: the newest weights answer, re-asked at most every REFRESH_MS; the drawing is the run's probe. */
function followRun(ctx, el, predictor, state) {
  const { store } = ctx;
  const who = () => answeringRun(store.get("status"), store.get("lastSnapshot"));
  // Your training run answers; without one, a saved run picked in the Runs panel; else the ready-made model.
  const asked = () => { const w = who(); return w ? w.run : store.get("drawWith") || null; };
  const withRun = (body) => { const run = asked(); return run ? { ...body, run } : body; };
  // Asks with the same body builder as a stroke: a refresh that stood in for a stroke still
  // waiting to go out must send the drawing as it is now, not as it was.
  const refresh = createThrottle(() => { if (state.source) predictor.request(state.current); }, REFRESH_MS);
  let followed = "default";
  let runId = null;

  /** The drawn digit becomes the probe whose activations colour the Watch diagram (digit networks only). */
  const probe = createThrottle(() => {
    if (!state.answer || runInputs(store.get("lastSnapshot"), store.get("config")) !== 784) return;
    state.probed = state.answered;   // the drawing whose answer this is (a newer one may be on its way)
    ctx.actions.probe(probePixels(state.answer.input));
  }, PROBE_MS);
  const sendProbe = (force = false) => { if (force || state.probed !== state.answered) probe.soon(); };

  /** Names the network behind the answer shown (or, with none shown, the one that will answer). */
  function label() {
    const w = who();
    const run = state.answer ? state.answer.run : null;
    let shown = state.answer ? null : w;
    const same = w && run && w.run === run.id;
    if (run) shown = { run: run.id, live: run.live, paused: !!(same && w.paused), epoch: same ? w.epoch : NaN };
    const picked = run && !same && run.id === store.get("drawWith");
    const { key, params } = picked ? { key: "draw.by.picked", params: { run: run.id } } : answererLabel(shown);
    el.by.textContent = ctx.t(key, params);
    Object.assign(el.by.dataset, { source: shown ? "run" : "default", run: shown ? shown.run : "",
      epoch: shown && Number.isFinite(shown.epoch) ? String(shown.epoch) : "" });
  }

  store.subscribe(["status", "lastSnapshot"], () => {
    const w = who();
    const status = store.get("status");
    if (status && status.run_id && status.run_id !== runId) { runId = status.run_id; sendProbe(true); }
    if ((w ? w.run : "default") !== followed) { followed = w ? w.run : "default"; refresh.now(); }
    else if (w && w.live) refresh.soon();
    label();
  });
  store.subscribe(["connection"], () => { if (store.get("connection") === "open") sendProbe(true); });
  store.subscribe(["drawWith"], () => {
    refresh.now();
    label();
    if (store.get("drawWith")) el.padBox.scrollIntoView({ block: "center" });
  });
  return { withRun, sendProbe, label };
}

export function mount(root, ctx) {
  const { t } = ctx;
  const { root: view, el } = layout(t);
  view.dataset.mode = "digits";
  root.replaceChildren(view);
  // source() builds the request body for what is shown (the pad's drawing or a dataset digit);
  // version counts the changes, so the body is rebuilt only when there is something new.
  const drawingOf = new WeakMap();   // request body -> the drawing (state.body) it was built from
  const state = { answer: null, answered: null, label: null, body: null, probed: null, source: null, version: 0, built: -1,
    drawing: false };
  const bars = mountBars(el.bars, t);
  const layers = mountLayers(el.layers, { t, onPick: (l, j) => neuron.pick(l, j) });
  const neuron = createNeuronView({ t, api: ctx.api, snapshot: () => ctx.store.get("lastSnapshot") }, el, layers);
  // A mistake picked in the gallery is shown on the pad, and the pad is brought into view.
  const evaluation = mountEvaluation(el.evaluation, { t, api: ctx.api, onPick: (m) => {
    showDigit(m.pixels, m.label);
    el.padBox.scrollIntoView({ block: "center" });
  } });
  // The test-set evaluation (a 260 KB answer and 48 pictures) waits until the first screen has settled.
  const evaluate = () => evaluation.update(ctx.store.get());
  // Noise and off-centre digits, asked of the network that answers (a lesson asks with its own run).
  const analyze = mountAnalyze(el.analyze, { t, api: ctx.api, onResult: (r) => ctx.store.set("analysis", r),
    network: () => { const who = answeringRun(ctx.store.get("status"), ctx.store.get("lastSnapshot")); return who ? { run: who.run } : {}; } });
  ctx.store.subscribe(["analyzeRequest"], () => { const body = ctx.store.get("analyzeRequest"); if (body) analyze.ask(body); });
  (ctx.settled || Promise.resolve()).then(() => {
    ctx.store.subscribe(["health", "status", "lastSnapshot"], evaluate);
    evaluate();
  });
  const predictor = createPredictor((body) => ctx.api("/api/predict", { method: "POST", body }), show,
    (err) => { el.note.textContent = err.message; });
  const follow = followRun(ctx, el, predictor, state);
  /** The body for what is shown now, built when the request goes out (null: nothing to ask). */
  state.current = () => {
    if (!state.source) return null;
    if (state.built !== state.version) { state.body = state.source(); state.built = state.version; }
    if (!state.body) return null;
    const sent = follow.withRun(state.body);
    drawingOf.set(sent, state.body);   // the answer names the drawing, not the copy asked with
    return sent;
  };
  /** Show something new (source builds its body) and ask for its answer; urgent: do not wait for one in flight. */
  const showNew = (source, urgent = true) => {
    state.source = source;
    state.version += 1;
    predictor.request(state.current, { urgent });
  };
  const inked = (yes) => { el.padBox.dataset.empty = String(!yes); };
  const pad = mountPad(el.pad, { onStroke: (kind) => {
    state.drawing = kind !== "end";
    inked(true);
    state.label = null;
    showNew(() => (pad.empty ? null : { ...compactImage(pad.image()), steps: true }), kind === "end");
  } });

  function show(answer, body) {
    if (!state.body) return;   // cleared while the answer was on its way
    state.answer = answer;
    state.answered = drawingOf.get(body) || body || state.answered;
    el.note.textContent = state.label === null ? "" : t("draw.label", { label: state.label });
    paintDigit(el.seen, answer.input);
    showSteps(el, answer.steps);
    bars.update(answer.probabilities, answer.prediction);
    layers.update(answer.activations.slice(0, -1));
    paintHeatmap(el.saliency, answer.saliency, { cols: 28, kind: "diverging" });
    neuron.show(answer);
    follow.label();
    follow.sendProbe();
    // The first screen has done its job once a finished drawing (not one still being drawn) is answered.
    if (!state.drawing && !ctx.store.get("answered")) ctx.store.set("answered", true);
  }

  function showDigit(pixels, label) {
    pad.paintPixels(pixels);
    inked(true);
    state.label = label;
    showNew(() => ({ pixels }));
  }

  el.clear.addEventListener("click", () => {
    pad.clear();
    inked(false);
    state.answer = null;
    state.label = null;
    state.body = null;
    state.source = null;
    state.version += 1;
    neuron.show(null);
    bars.reset();
    planned();
    follow.label();
    el.note.textContent = t("draw.empty");
  });
  el.random.addEventListener("click", async () => {
    try {
      const d = await ctx.api("/api/digits/test/random");
      showDigit(d.pixels, d.label);
    } catch (err) { el.note.textContent = err.message; }
  });

  ctx.store.subscribe(["lang"], () => {
    bars.update(state.answer ? state.answer.probabilities : new Array(10).fill(0), state.answer ? state.answer.prediction : -1);
    if (!state.answer) bars.reset();
    layers.relabel();
    evaluation.relabel();
    analyze.relabel();
    follow.label();
    if (state.answer) show(state.answer);
    else el.note.textContent = t("draw.start");
  });
  el.note.textContent = t("draw.start");
  follow.label();
  const toy = followToySet({ t, api: ctx.api, onProbe: (xy) => ctx.actions.probe(xy) }, el, { bars, layers, view });
  const toyNow = () => ({ status: ctx.store.get("status"), snapshot: ctx.store.get("lastSnapshot"), config: ctx.store.get("config"),
    datasets: (ctx.store.get("options") || {}).datasets, drawWith: ctx.store.get("drawWith") });
  ctx.store.subscribe(["config", "options", "lastSnapshot", "status", "drawWith"], () => toy.update(toyNow()));
  ctx.store.subscribe(["lang"], () => toy.relabel());
  toy.update(toyNow());
  // Before the first digit the hidden layers show as empty outlined grids, one cell per neuron of the
  // planned network, with a line saying that drawing lights them up.
  const planned = () => {
    if (state.answer || toy.active()) return;
    layers.idle(((ctx.store.get("config") || {}).layers || []).slice(1, -1), "draw.layers.invite");
  };
  ctx.store.subscribe(["config"], planned);
  planned();
  return { parts: { pad: el.padBox, answer: el.answerBox }, homes: { pad: el.padHome, answer: el.answerHome } };
}
