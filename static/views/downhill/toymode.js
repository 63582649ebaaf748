/** Toy-function mode: pick a function, race optimizers from a draggable start, play it step by step. */
import { h, tx, tOr } from "../../dom.js";
import { CATEGORICAL } from "../../colors.js";
import { fieldFromToy } from "./heightfield.js";
import { defaultRacers, pointAt, valueAt, velocity, downhill, advance } from "./race.js";

const RATE = 12;
const setText = (node, text) => { if (node.textContent !== text) node.textContent = text; };
/** The function's name in the page's language, else the server's title. */
const fnName = (t, f) => tOr(t, `toy.${f.name}`, f.title || f.name);

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

/** mountToy(root, {t, options, api}) -> {frame(dt) -> scene, pointer(kind, [x, y]), relabel()}; api fetches the surfaces and races. */
export function mountToy(root, { t, options, api }) {
  const fns = (options.toy_functions || []).filter((f) => (f.dim || f.view.length / 2) === 2);
  const { root: box, el } = controls(t, fns);
  root.append(box);
  const st = { autoplay: false, fn: null, field: null, racers: [], paths: [], colored: [], s: 0, playing: false, start: null, dragging: false, token: 0 };
  const optimizerNames = Object.keys(options.optimizers || {});

  function renderLegend() {
    el.legend.replaceChildren(...st.racers.map((r, k) => {
      const lr = h("input", { type: "number", step: "any", min: "0", value: r.lr, class: "lr-in", "data-testid": `race-lr-${r.name}`,
        "aria-label": t("downhill.lr.aria", { name: label(r.name) }),
        onChange: (e) => { const v = Number(e.target.value); if (v > 0) { r.lr = v; runRace(); } } });
      const path = st.paths[k];
      const fate = path && path.diverged ? t("downhill.diverged") : "";
      return h("li", { dataset: { optimizer: r.name } }, h("span", { class: "swatch", style: { background: CATEGORICAL[k] } }),
        h("span", { class: "racer-name" }, label(r.name)), h("span", { class: "lr-label" }, t("downhill.lr.short")), lr, h("span", { class: "fate" }, fate));
    }));
  }
  const label = (name) => tOr(t, `downhill.opt.${name}`, name);

  async function loadFunction(name) {
    st.fn = fns.find((f) => f.name === name);
    st.start = st.fn.start.slice();
    st.racers = defaultRacers(optimizerNames, st.fn);
    const answer = await api(`/api/toy/${name}/surface?n=81`);
    if (st.fn.name !== name) return;
    st.field = fieldFromToy(answer);
    st.field.label = name;
    await runRace();
  }

  async function runRace() {
    const token = ++st.token;
    const body = { function: st.fn.name, start: st.start, steps: st.fn.steps || 100,
      optimizers: st.racers.map((r) => ({ name: r.name, lr: r.lr, label: r.name })) };
    try {
      const answer = await api("/api/toy/race", { method: "POST", body });
      if (token !== st.token) return;
      st.paths = answer.paths;
      st.colored = answer.paths.map((p, k) => ({ points: p.points, values: p.values, color: CATEGORICAL[k] }));
      st.s = 0;
      st.playing = st.autoplay;
      el.scrub.max = String(maxStep());
      el.note.textContent = "";
      renderLegend();
    } catch (err) {
      el.note.textContent = err.message;
    }
  }

  const maxStep = () => Math.max(0, ...st.paths.map((p) => p.points.length - 1));

  function arrows(k, s) {
    const p = st.paths[k];
    const out = [];
    const at = pointAt(p.points, s);
    if (el.vel.checked) {
      const [dx, dy] = velocity(p.points, Math.floor(s));
      out.push({ x: at[0], y: at[1], world: [dx * 3, dy * 3], color: CATEGORICAL[k] });
    }
    if (el.grad.checked) out.push({ x: at[0], y: at[1], dir: downhill(p.grads, Math.floor(s)), color: "#000" });
    return out;
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
      return { x: at[0], y: at[1], value: valueAt(p.values, st.s), color: CATEGORICAL[k] };
    });
    return { field: st.field, paths: st.colored, balls, minima: st.fn ? st.fn.minima : [], start: st.start,
      arrows: st.paths.flatMap((_, k) => arrows(k, st.s)), sliceBall: balls[0], axisLabel: "x", step: Math.floor(st.s) };
  }

  el.fn.addEventListener("change", () => { st.autoplay = true; loadFunction(el.fn.value).catch((err) => { el.note.textContent = err.message; }); });
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
    loadFunction(first.name).catch((err) => { el.note.textContent = err.message; }).finally(() => { st.autoplay = true; });
  } else el.note.textContent = t("downhill.notoy");

  return {
    frame,
    /** Dragging on the contour map moves the start point; releasing re-runs the race. */
    pointer(kind, xy) {
      if (!st.fn) return;
      if (kind === "down") { st.dragging = true; st.playing = false; st.s = 0; }
      if (!st.dragging) return;
      st.start = xy.map((v) => Math.round(v * 1000) / 1000);
      if (kind === "up") { st.dragging = false; runRace(); }
    },
    /** Keyboard: move the start by a share of the view (du, dv in -1..1), then re-run the race. */
    nudge(du, dv) {
      if (!st.fn) return;
      const [x0, x1, y0, y1] = st.fn.view;
      st.start = [Math.min(x1, Math.max(x0, st.start[0] + du * (x1 - x0))), Math.min(y1, Math.max(y0, st.start[1] + dv * (y1 - y0)))];
      runRace();
    },
    relabel() {
      for (const o of el.fn.options) o.textContent = fnName(t, fns.find((f) => f.name === o.value));
      renderLegend();
    },
  };
}
