/**
 * Toy-function mode: pick a function (2-D, or the 1-D curve of one weight), race optimizers from a
 * draggable start (or each from its own start), play it step by step. A lesson can hand it a whole race.
 */
import { h, tx, tOr } from "../../dom.js";
import { CATEGORICAL } from "../../colors.js";
import { fieldFromToy, fieldFromCurve } from "./heightfield.js";
import { defaultRacers, racersOf, raceBody, onPlane, pointAt, valueAt, velocity, downhill, advance } from "./race.js";
import { mountLegend } from "./legend.js";

const RATE = 12;
const setText = (node, text) => { if (node.textContent !== text) node.textContent = text; };
/** The function's name in the page's language, else the server's title. */
const fnName = (t, f) => tOr(t, `toy.${f.name}`, f.title || f.name);
const dimOf = (f) => f.dim || f.view.length / 2;

function controls(t, fns) {
  const el = {
    fn: h("select", { "data-testid": "toy-function", id: "toy-function" },
      fns.map((f) => h("option", { value: f.name }, fnName(t, f)))),
    step: tx(t, "downhill.step", "button", { type: "button", class: "btn small", "data-testid": "race-step" }),
    play: tx(t, "downhill.play", "button", { type: "button", class: "btn small primary", "data-testid": "race-play" }),
    reset: tx(t, "downhill.reset", "button", { type: "button", class: "btn small", "data-testid": "race-reset" }),
    scrub: h("input", { type: "range", min: "0", max: "1", step: "1", value: "0", "data-testid": "race-scrub", "aria-label": t("downhill.scrub"), "data-i18n-aria-label": "downhill.scrub" }),
    counter: h("span", { class: "race-counter", "data-testid": "race-counter" }),
    grad: h("input", { type: "checkbox", id: "show-grad", checked: true }),
    vel: h("input", { type: "checkbox", id: "show-vel", checked: true }),
    legend: h("ul", { class: "race-legend", "data-testid": "race-legend" }),
    note: h("p", { class: "hint", "data-testid": "toy-note", "aria-live": "polite" }),
  };
  const root = h("div", { class: "toy-controls" },
    h("div", { class: "field" }, tx(t, "downhill.function", "label", { for: "toy-function" }), el.fn),
    h("div", { class: "race-transport" }, el.play, el.step, el.reset, el.counter), el.scrub,
    h("div", { class: "race-toggles" }, h("label", {}, el.grad, tx(t, "downhill.arrows.grad")),
      h("label", {}, el.vel, tx(t, "downhill.arrows.vel"))),
    tx(t, "downhill.legend.help", "p", { class: "hint" }), el.legend, tx(t, "downhill.drag", "p", { class: "hint", id: "toy-drag-help" }), el.note);
  return { root, el };
}

/**
 * mountToy(root, {t, options, api, onRace({body, answer}), ready}) -> {frame(dt) -> scene, pointer(kind, [x, y]), nudge, race(body),
 * relabel()}; api fetches the surfaces and races; onRace hears every race answered (the lessons check them); the first
 * function is asked for once `ready` (a promise: the first screen has settled) resolves.
 */
export function mountToy(root, { t, options, api, onRace = () => {}, ready = Promise.resolve() }) {
  const fns = options.toy_functions || [];
  const { root: box, el } = controls(t, fns);
  root.append(box);
  const st = { autoplay: false, fn: null, field: null, racers: [], paths: [], colored: [], s: 0, playing: false, start: null,
    steps: null, dragging: false, token: 0 };
  const optimizerNames = Object.keys(options.optimizers || {});
  const changed = () => runRace();
  const legend = mountLegend(el.legend, { t, options, onChange: changed });

  /** A function with its default racers, or with the racers of a race a lesson handed over. */
  async function loadFunction(name, race = null) {
    st.fn = fns.find((f) => f.name === name);
    // A lesson's race without a common start leaves it to the server (the function's own start).
    st.start = race ? (race.start ? race.start.slice() : null) : st.fn.start.slice();
    st.steps = race && race.steps ? race.steps : st.fn.steps || 100;
    st.racers = race ? racersOf(race) : defaultRacers(optimizerNames, st.fn, ((options.limits || {}).lr || [])[1]);
    el.fn.value = name;
    const answer = await api(`/api/toy/${name}/surface?n=81`);
    if (st.fn.name !== name) return;
    st.field = dimOf(st.fn) === 1 ? fieldFromCurve(answer) : fieldFromToy(answer);
    st.field.label = name;
    await runRace();
  }

  async function runRace() {
    const token = ++st.token;
    const body = raceBody(st.fn.name, st.start, st.steps, st.racers);
    try {
      const answer = await api("/api/toy/race", { method: "POST", body });
      if (token !== st.token) return;
      st.paths = answer.paths.map((p) => ({ ...p, points: onPlane(p.points), grads: onPlane(p.grads) }));
      st.colored = st.paths.map((p, k) => ({ points: p.points, values: p.values, color: CATEGORICAL[k % CATEGORICAL.length] }));
      st.s = 0;
      st.playing = st.autoplay;
      el.scrub.max = String(maxStep());
      el.note.textContent = "";
      legend.update(st.racers, st.paths);
      onRace({ body, answer });
    } catch (err) {
      el.note.textContent = err.message;
    }
  }

  const maxStep = () => Math.max(0, ...st.paths.map((p) => p.points.length - 1));
  const color = (k) => CATEGORICAL[k % CATEGORICAL.length];

  function arrows(k, s) {
    const p = st.paths[k];
    const out = [];
    const at = pointAt(p.points, s);
    if (el.vel.checked) {
      const [dx, dy] = velocity(p.points, Math.floor(s));
      out.push({ x: at[0], y: at[1], world: [dx * 3, dy * 3], color: color(k) });
    }
    if (el.grad.checked) out.push({ x: at[0], y: at[1], dir: downhill(p.grads, Math.floor(s)), color: "#000" });
    return out;
  }

  /** Where each racer starts: its own start, else the race's; one marker when they all share it. */
  function starts() {
    const own = st.racers.filter((r) => r.start);
    const common = st.start || st.fn.start;
    if (!own.length) return { start: onPlane([common])[0] };
    return { starts: onPlane(st.racers.map((r) => r.start || common)) };
  }

  function frame(dt) {
    if (st.playing) {
      st.s = advance(st.s, dt, RATE, maxStep());
      if (st.s >= maxStep()) st.playing = false;
    }
    // Written only when they change: a write every frame would lay the page out every frame.
    setText(el.counter, t("downhill.stepof", { s: Math.floor(st.s), n: maxStep() }));
    setText(el.play, t(st.playing ? "downhill.pause" : "downhill.play"));
    if (el.scrub.value !== String(Math.floor(st.s))) el.scrub.value = String(Math.floor(st.s));
    const balls = st.paths.map((p, k) => {
      const at = pointAt(p.points, st.s);
      return { x: at[0], y: at[1], value: valueAt(p.values, st.s), color: color(k) };
    });
    const dim = st.fn ? dimOf(st.fn) : 2;
    const minima = st.fn ? st.fn.minima.map((m) => (dim === 1 ? [m[0], 0, m[1]] : m)) : [];
    const slopes = dim === 1 ? st.paths.map((p, k) => ({ x: balls[k].x, value: balls[k].value,
      g: p.grads[Math.min(p.grads.length - 1, Math.round(st.s))][0], color: color(k) })) : [];
    return { field: st.field, dim, paths: st.colored, balls, minima, ...starts(), slopes,
      arrows: dim === 1 ? [] : st.paths.flatMap((_, k) => arrows(k, st.s)), sliceBall: balls[0], axisLabel: dim === 1 ? "w" : "x",
      step: Math.floor(st.s) };
  }

  el.fn.addEventListener("change", () => { st.autoplay = true; st.chosen = true; loadFunction(el.fn.value).catch((err) => { el.note.textContent = err.message; }); });
  el.play.addEventListener("click", () => {
    if (st.s >= maxStep()) st.s = 0;
    st.playing = !st.playing;
  });
  el.step.addEventListener("click", () => { st.playing = false; st.s = Math.min(maxStep(), Math.floor(st.s) + 1); });
  el.reset.addEventListener("click", () => { st.playing = false; st.s = 0; });
  el.scrub.addEventListener("input", () => { st.playing = false; st.s = Number(el.scrub.value); });
  const first = fns.find((f) => f.name === "himmelblau") || fns[0];
  // The first race waits for Play (the first screen stays still, and quick, until the student acts);
  // a race the student asks for (another function, start point or learning rate) plays at once.
  if (first) {
    el.fn.value = first.name;
    // (unless the student chose a function before then)
    ready.then(() => (st.chosen ? null : loadFunction(first.name))).catch((err) => { el.note.textContent = err.message; })
      .finally(() => { st.autoplay = true; });
  } else el.note.textContent = t("downhill.notoy");

  /** Move the common start (every racer starts there again), then re-run the race. */
  function moveStart(xy) {
    st.start = xy.slice(0, dimOf(st.fn));
    st.racers.forEach((r) => { r.start = undefined; });
  }

  return {
    frame,
    /** Dragging on the contour map moves the start point; releasing re-runs the race. */
    pointer(kind, xy) {
      if (!st.fn || dimOf(st.fn) !== 2) return;
      if (kind === "down") { st.dragging = true; st.playing = false; st.s = 0; }
      if (!st.dragging) return;
      moveStart(xy.map((v) => Math.round(v * 1000) / 1000));
      if (kind === "up") { st.dragging = false; runRace(); }
    },
    /** Keyboard: move the start by a share of the view (du, dv in -1..1), then re-run the race. */
    nudge(du, dv) {
      if (!st.fn) return;
      const [x0, x1, y0 = 0, y1 = 0] = st.fn.view;
      const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
      const at = st.start || st.fn.start;
      moveStart([clamp(at[0] + du * (x1 - x0), x0, x1), clamp((at[1] ?? 0) + dv * (y1 - y0), y0, y1)]);
      runRace();
    },
    /** Show the race a lesson asks for: its function, start, steps and racers (with their own starts and settings). */
    race(body) {
      st.autoplay = true;
      st.chosen = true;   // the first function, loaded once the first screen settles, must not replace it
      return loadFunction(body.function, body).catch((err) => { el.note.textContent = err.message; });
    },
    relabel() {
      for (const o of el.fn.options) o.textContent = fnName(t, fns.find((f) => f.name === o.value));
      legend.update(st.racers, st.paths);
    },
  };
}
