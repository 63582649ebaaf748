/**
 * The Backprop panel: a tiny network's computation graph with the real numbers. The student
 * picks a network and an example, steps the forward pass node by node, then the backward pass
 * (upstream × local = downstream), compares each gradient with the numerical one, updates the
 * weights and moves on, or runs 100 updates. This module is the glue: it holds where the
 * student is, asks the actions for traces, and hands its parts plain data.
 */
import { h } from "../../dom.js";
import { START, next, prev, whole, phase, canUpdate, current, visible, edgeStates, keyAction } from "./stepper.js";
import { mountPicker } from "./netpicker.js";
import { mountStepButtons } from "./stepbuttons.js";
import { mountGraph } from "./graphview.js";
import { mountStepCard } from "./stepcard.js";
import { mountGradTable } from "./gradtable.js";
import { mountUpdate } from "./updateview.js";
import { mountTrain } from "./trainview.js";

const FIRST = "xor_2_2_1";
/** The example each preset opens on: one whose inputs are not all zero, so every weight gets a gradient. */
const OPENING = { delta_rule: 2, xor_2_2_1: 3, xor_2_4_1: 3 };
const UPDATES = 100;

/** {id: value after the update} for every weight and bias node, from an answer's update. */
export function movedValues(update) {
  const out = {};
  for (const p of update.params) {
    const layer = p.name.slice(1);
    const rows = Array.isArray(p.after[0]) ? p.after : null;
    if (rows) rows.forEach((row, i) => row.forEach((v, j) => { out[`W${layer}.${i}.${j}`] = v; }));
    else p.after.forEach((v, j) => { out[`b${layer}.${j}`] = v; });
  }
  return out;
}

/** mount(root, {store, t, actions}) -> {}. */
export function mount(root, ctx) {
  const { store, actions } = ctx;
  const t = (...a) => ctx.t(...a);
  const box = (cls) => h("div", { class: cls });
  const [pickBox, stepBox, graphBox, cardBox, gradBox, updBox, trainBox] =
    ["bp-pick", "bp-controls", "bp-graph-box", "bp-card-box", "bp-grad-box", "bp-update-box", "bp-train-box"].map(box);
  const intro = h("p", { class: "hint bp-intro" });
  root.append(h("div", { class: "backprop", "data-testid": "backprop" }, intro, pickBox, stepBox, graphBox, cardBox,
    h("div", { class: "bp-results" }, gradBox, updBox), trainBox));

  let spec = null;        // the network being traced, as the server accepted it
  let active = null;      // the preset it came from, or null (one's own)
  let example = { index: 0 };
  let carried = null;     // {params, optimizer_state} the next call continues from (null: fresh weights)
  let pos = START;
  let picked = null;
  let losses = [];        // the loss before every update made by "run 100 updates" on this network
  let known = [];         // what the page has seen of the dataset's examples: [{x, label}]
  let shown = null;       // the trace whose graph is drawn
  let stepped = null;     // the trace `pos` walks: a new one starts at the start

  const picker = mountPicker(pickBox, { t, onPreset: choosePreset, onApply: (s) => setNetwork(s, null), onExample: chooseExample });
  const buttons = mountStepButtons(stepBox, { t, onAction: act });
  const graph = mountGraph(graphBox, { t, onPick: (id) => { picked = picked === id ? null : id; render(); } });
  const card = mountStepCard(cardBox, { t });
  const grads = mountGradTable(gradBox, { t });
  const upd = mountUpdate(updBox, { t });
  const train = mountTrain(trainBox, { t, onRun: runUpdates });

  const body = (extra = {}) => ({ ...spec, example, ...(carried || {}), ...extra });

  /** Trace an example of a network (a new spec starts from fresh weights; `name`: the preset it is, null: one's own). */
  async function trace(nextSpec = spec, nextExample = example, name = active) {
    picker.clearErrors();
    const answer = await actions.traceBackprop({ ...nextSpec, example: nextExample, ...(nextSpec === spec ? carried || {} : {}) });
    if (!answer) return null;
    if (nextSpec !== spec) { spec = nextSpec; carried = null; losses = []; known = []; store.set("bpTrain", null); }
    example = nextExample;
    active = name;
    remember(answer.example);
    render();
    return answer;
  }

  function remember(ex) {
    if (ex.index !== null && ex.index !== undefined) known[ex.index] = { x: ex.x, label: ex.label };
  }

  async function choosePreset(name) {
    const presets = (store.get("bpPresets") || {}).presets || {};
    if (!presets[name]) return;
    if (await trace({ ...presets[name] }, { index: OPENING[name] ?? 0 }, name)) picker.fill(spec);
  }

  function setNetwork(nextSpec, name) {
    return trace(nextSpec, { index: 0 }, name);
  }

  function chooseExample(nextExample) {
    return trace(spec, nextExample);
  }

  async function runUpdates(batch) {
    if (!spec) return;
    picker.clearErrors();
    const answer = await actions.trainBackprop(body({ example: { index: example.index ?? 0 }, steps: UPDATES, batch }));
    if (!answer) return;
    carried = answer.next;
    losses = losses.concat(answer.losses);
    answer.examples.forEach((e, i) => { known[i] = { x: e.x, label: e.label }; });
    await trace(spec, example);
  }

  function act(name) {
    const tr = store.get("bpTrace");
    if (!tr || store.get("bpBusy")) return;
    const g = tr.graph;
    picked = null;
    if (name === "next") pos = next(pos, g);
    else if (name === "forward" || name === "backward") pos = next(pos, g);
    else if (name === "prev") pos = prev(pos);
    else if (name === "whole") pos = whole(pos, g);
    else if (name === "update" && canUpdate(pos, g)) { pos = { ...pos, updated: true }; carried = tr.next; }
    else if (name === "nextExample") return chooseExample({ index: ((example.index ?? -1) + 1) % tr.dataset.n_examples });
    else if (name === "restart") { carried = null; losses = []; store.set("bpTrain", null); return trace(spec, example); }
    else if (name === "train") return runUpdates(train.batch());
    render();
    return null;
  }

  function render() {
    const tr = store.get("bpTrace");
    if (tr && stepped !== tr) { stepped = tr; pos = START; picked = null; }
    intro.textContent = t("bp.intro");
    const g = tr && tr.graph;
    const counts = g ? { f: pos.f, F: g.forward.length, b: pos.b, B: g.backward.length } : { f: 0, F: 0, b: 0, B: 0 };
    const ph = g ? phase(pos, g) : "start";
    buttons.update({ phase: g ? ph : "none", busy: !g || !!store.get("bpBusy"), counts });
    picker.update({ presets: (store.get("bpPresets") || {}).presets || {}, limits: (store.get("bpPresets") || {}).limits,
      options: store.get("options"), active, example, examples: tr ? Array.from({ length: tr.dataset.n_examples }, (_, i) => known[i] || null) : [] });
    if (!tr) return;
    if (shown !== tr) { graph.show(tr); shown = tr; picker.showExample(tr.example); }
    const moved = pos.updated ? movedValues(tr.update) : {};
    const vis = visible(pos, g);
    const here = pos.updated ? null : current(pos, g);
    graph.update({ visible: vis, edges: pos.updated ? {} : edgeStates(pos, g), current: here, picked, values: moved, moved: new Set(Object.keys(moved)) });
    card.update({ trace: tr, phase: ph, current: here, picked, visible: vis, counts });
    grads.update(ph === "done" || ph === "updated" ? tr.gradients : null);
    upd.update(pos.updated ? tr.update : null);
    train.update({ losses, last: store.get("bpTrain"), busy: store.get("bpBusy") === "train" });
  }

  store.subscribe(["bpTrace", "bpBusy", "bpTrain"], render);
  store.subscribe(["bpError"], () => { const e = store.get("bpError"); if (e) picker.showError(e.field, e.message); });
  store.subscribe(["lang"], () => { shown = null; train.relabel(); render(); const tr = store.get("bpTrace"); if (tr) picker.showExample(tr.example); });
  listenToKeys(root, act);
  whenNear(root, async () => {
    if (!store.get("bpPresets") && !(await actions.backpropPresets())) return;
    picker.update({ presets: store.get("bpPresets").presets });
    await choosePreset(FIRST);
  });
  render();
  return {};
}

/**
 * Keys work when the focus is in the panel (its section included: a link to it focuses it), or
 * on nothing at all while the panel is on screen; never in a text field or another panel's widget.
 */
function listenToKeys(root, act) {
  const panel = root.closest("section") || root;
  let onScreen = false;
  new IntersectionObserver((entries) => { onScreen = entries[entries.length - 1].isIntersecting; }).observe(panel);
  document.addEventListener("keydown", (event) => {
    const el = event.target;
    if (el && (el.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName))) return;
    const free = !el || el === document.body || el === document.documentElement;
    if (!panel.contains(el) && !(free && onScreen)) return;
    const name = keyAction(event);
    if (!name) return;
    event.preventDefault();
    act(name);
  });
}

/**
 * Run `fn` once: the first time the panel comes within a screen of the viewport, or at once when
 * the link opened it (#panel-backprop: the panels above it still grow, so it may not stay in view).
 */
function whenNear(root, fn) {
  let done = false;
  const once = () => { if (!done) { done = true; io.disconnect(); fn(); } };
  const io = new IntersectionObserver((entries) => { if (entries[entries.length - 1].isIntersecting) once(); }, { rootMargin: "100% 0px" });
  io.observe(root);
  if (location.hash === "#panel-backprop") once();
}
