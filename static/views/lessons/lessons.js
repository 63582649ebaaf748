/**
 * The Lessons panel: the course as short lessons (static/lessons/). Set up applies a preset to the
 * playground (config, speed, race, histograms, plots) and takes the student there; the live checks
 * read what the page sees of the preset's run and views (records.js) with the rule language (rules.js).
 */
import { h, tx } from "../../dom.js";
import { createThrottle } from "../../throttle.js";
import { decodePage } from "../../urlstate.js";
import { isActive } from "../../runstates.js";
import { evaluate } from "./rules.js";
import { byTopic, lessonById, neighbours, presetConfig, presetSpeed, sourcesOf, lookTarget, lessonText, topicName } from "./catalog.js";
import { createRecorder } from "./records.js";
import { matchViews } from "./viewmatch.js";
import { presetNote } from "./notes.js";
import { mountLesson } from "./lessonview.js";
import { mountToc } from "./toc.js";
import { mountDock } from "./dock.js";
import { mountGradTable } from "./costgrads.js";

/** Bring a view into sight: a panel by its heading, a smaller view centred. */
function reveal(selector) {
  const el = selector && document.querySelector(selector);
  if (!el) return;
  const panel = el.classList.contains("panel");
  el.scrollIntoView({ behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth", block: panel ? "start" : "center" });
}

/** mount(root, {store, api, t, actions}). */
export function mount(root, ctx) {
  const { store, api, actions } = ctx;
  const t = (...a) => ctx.t(...a);
  const tocBox = h("div", { class: "lessons-side" });
  const mainBox = h("div", { class: "lessons-main" });
  const failed = h("p", { class: "hint", "data-testid": "lessons-note", "aria-live": "polite" });
  root.replaceChildren(h("div", { class: "lessons", "data-testid": "lessons" }, tx(t, "lessons.intro", "p", { class: "lessons-intro" }), failed,
    h("div", { class: "lessons-grid" }, tocBox, mainBox)));
  const st = { data: null, texts: null, lesson: null, sticky: new Map(), seen: new Set(), asked: new Set(), grads: new Map() };
  const recorder = createRecorder();
  const open = (id, scroll = true) => openLesson(id, scroll);
  const toc = mountToc(tocBox, { t, onOpen: (id) => { open(id); toc.fold(); } });
  // KaTeX (a large module, behind tex.js) is fetched with the lessons' data, after the first screen is up.
  const typeset = (el, text) => st.tex.typeset(el, text);
  const lesson = mountLesson(mainBox, { t, typeset, onSetup: (id) => setup(id), onOpen: open, onCompare: (id) => compare(id) });
  const dock = mountDock(document.body, { t, onBack: () => { reveal("#panel-lessons"); lesson.focusTitle(); } });
  const refresh = createThrottle(() => mark(), 250);
  const lang = () => store.get("lang") || "en";
  const text = (id) => lessonText(st.texts, lang(), id);

  /** Show lesson `id`; `linked` false (the first lesson, shown before the student picks one) keeps it out of the link. */
  function openLesson(id, scroll, linked = true) {
    const found = st.data && lessonById(st.data, id);
    if (!found) return;
    st.lesson = found;
    render();
    if (linked && (store.get("lesson") || {}).id !== id) store.set("lesson", { id });
    if (scroll) { reveal("#panel-lessons"); lesson.focusTitle(); }
  }

  function render() {
    if (!st.lesson) return;
    const { data, texts } = st;
    const nb = neighbours(data, st.lesson.id);
    const titled = (l) => (l ? { id: l.id, title: text(l.id).title } : null);
    lesson.show({ lesson: st.lesson, text: text(st.lesson.id), topic: topicName(texts, lang(), st.lesson.topic),
      prev: titled(nb.prev), next: titled(nb.next), index: nb.index, count: nb.count });
    for (const preset of st.lesson.presets.filter((p) => p.gradients)) {
      const table = mountGradTable(lesson.extra(preset.id), t);
      st.grads.set(preset.id, table);
      table.update((recorder.record(st.lesson.id, preset.id) || {}).gradients || null);
    }
    renderToc();
    mark();
  }

  function renderToc() {
    const groups = byTopic(st.data).map((g) => ({ title: topicName(st.texts, lang(), g.topic),
      lessons: g.lessons.map((l) => ({ id: l.id, title: text(l.id).title })) }));
    toc.show(groups, st.lesson && st.lesson.id, st.seen);
  }

  /** Apply a preset: the config and speed (a run in progress is stopped), the views it fills; then go there. */
  function setup(presetId, { scroll = true } = {}) {
    const les = st.lesson;
    const preset = les.presets.find((p) => p.id === presetId) || les.presets[0];
    const config = presetConfig(st.data, preset);
    const sources = sourcesOf(preset);
    if (config) {
      if (isActive(store.get("status"))) actions.reset();
      store.set("config", config);
      const speed = presetSpeed(preset);
      if (speed !== undefined) actions.setSpeed(speed);
    }
    recorder.arm(les.id, preset.id, config, sources);
    dock.again();
    store.set("lesson", { id: les.id, preset: preset.id });
    if (preset.race) store.set("toyRace", structuredClone(preset.race));
    if (preset.experiment) store.set("initExperiment", structuredClone(preset.experiment));
    if (preset.activations) store.set("activationPlots", structuredClone(preset.activations));
    if (preset.gradients) askGradients(les.id, preset);
    // The untrained network is measured while its run waits, paused, before the first update.
    if (config && sources.has("untrained")) actions.prepare();
    if (scroll) reveal(lookTarget(preset));
    mark();
  }

  async function askGradients(lessonId, preset) {
    try {
      const answer = await api("/api/experiments/output-gradients", { method: "POST", body: preset.gradients });
      recorder.view(lessonId, preset.id, "gradients", answer);
      (st.grads.get(preset.id) || { update() {} }).update(answer);
    } catch (err) {
      (st.grads.get(preset.id) || { update() {} }).update(null, err.message);
    }
    mark();
  }

  /** The runs of this preset and those it is compared with, overlaid in the Runs panel. */
  function compare(presetId) {
    const les = st.lesson;
    const preset = les.presets.find((p) => p.id === presetId);
    const ids = [...preset.compare, preset.id].map((p) => recorder.runOf(les.id, p)).filter(Boolean);
    if (ids.length < 2) { lesson.note(preset.id, t("lessons.note.compareWait")); return; }
    store.set("compareRuns", ids);
    lesson.note(preset.id, t("lessons.note.compare"));
    reveal("[data-testid=runs-compare]");
  }

  /** After the recorded run changed: measure the untrained network, ask for the analysis of a trained one. */
  function followRun() {
    const cur = recorder.current;
    if (!cur) return;
    const { record, lesson: lessonId, preset: presetId, runId } = cur;
    const preset = lessonById(st.data, lessonId).presets.find((p) => p.id === presetId);
    const key = `${runId}`;
    if (cur.sources.has("untrained") && record.status === "paused" && !record.steps.length && !record.epochs.length && !st.asked.has(`u${key}`)) {
      st.asked.add(`u${key}`);
      untrained(lessonId, presetId, runId, 20);
    }
    if (preset.analyze && record.status === "done" && !st.asked.has(`a${key}`)) {
      st.asked.add(`a${key}`);
      store.set("analyzeRequest", { ...preset.analyze, run: runId });
    }
  }

  /** Test accuracy of a run's initial weights, asked while it waits paused; its process may still be reporting them (409: ask again). */
  function untrained(lessonId, presetId, runId, tries) {
    api(`/api/evaluation?run=${encodeURIComponent(runId)}`).then((answer) => {
      recorder.view(lessonId, presetId, "untrained", { accuracy: answer.accuracy });
      mark();
    }).catch(() => {
      const cur = recorder.current;
      if (tries > 1 && cur && cur.runId === runId && !cur.record.steps.length) setTimeout(() => untrained(lessonId, presetId, runId, tries - 1), 500);
    });
  }

  /** Evaluate the open lesson's checks, mark them, say where each preset stands; tick lessons fully seen. */
  function mark() {
    if (!st.lesson) return;
    const les = st.lesson;
    const records = recorder.records(les.id);
    const verdicts = {};
    for (const preset of les.presets) {
      const record = records[preset.id];
      for (const check of preset.checks) {
        const key = `${les.id}/${preset.id}/${check.id}/${(record && record.run_id) || "view"}`;
        let v = st.sticky.get(key) || evaluate(check, records, preset.id);
        if (v === "pass") st.sticky.set(key, v);   // a check seen stays seen for that run
        verdicts[`${preset.id}/${check.id}`] = v;
      }
      lesson.note(preset.id, presetNote({ t, lessonId: les.id, preset, record, armed: recorder.armed, current: recorder.current,
        status: store.get("status"), epochs: (presetConfig(st.data, preset) || {}).epochs }));
    }
    lesson.mark(verdicts);
    const all = Object.values(verdicts).every((v) => v === "pass");
    if (all && !st.seen.has(les.id)) { st.seen.add(les.id); renderToc(); }
    const armed = recorder.armed;
    if (armed && armed.lesson === les.id) {
      const preset = les.presets.find((p) => p.id === armed.preset);
      const words = text(les.id);
      dock.update({ title: words.title, checks: preset.checks.map((c) => ({ text: (words.checks || {})[c.id] || c.id, verdict: verdicts[`${preset.id}/${c.id}`] })) });
    } else dock.update(null);
  }

  // What the server says about runs goes into the records.
  let lastMetric = null;
  store.subscribe(["status"], () => { recorder.status(store.get("status"), store.get("config")); followRun(); refresh.soon(); });
  store.subscribe(["metrics"], () => {
    const list = store.get("metrics") || [];
    const m = list[list.length - 1];
    if (!m || m === lastMetric) return;
    lastMetric = m;
    if (recorder.metric(m)) refresh.soon();
  });
  store.subscribe(["lastSnapshot"], () => { const s = store.get("lastSnapshot"); if (s && recorder.snapshot(s)) refresh.soon(); });
  store.subscribe(["trainingOutputs"], () => {
    const out = store.get("trainingOutputs");
    const cur = recorder.current;
    if (!out || !cur || out.run_id !== cur.runId) return;
    recorder.view(cur.lesson, cur.preset, "outputs", { outputs: out.outputs, targets: out.targets });
    refresh.soon();
  });
  // Answers the panels publish: a race, the histograms, the f/f' curves, the analysis.
  for (const key of ["toyRaceResult", "initExperimentResult", "activationCurves", "analysis"]) {
    store.subscribe([key], () => {
      if (!st.data) return;
      for (const m of matchViews(st.data, key, store.get(key), recorder)) recorder.view(m.lesson, m.preset, m.key, m.value);
      refresh.soon();
    });
  }
  store.subscribe(["lang"], () => { if (st.data) render(); });
  new IntersectionObserver((entries) => dock.show(!entries[entries.length - 1].isIntersecting)).observe(root);
  window.addEventListener("hashchange", () => {
    const linked = decodePage(location.hash);
    if (linked.lesson && st.data && (!st.lesson || linked.lesson !== st.lesson.id || linked.preset)) fromLink(linked);
  });

  /** #lesson=<id>&preset=<id>: open the lesson and set it up as the link says (its first preset by default). */
  function fromLink(linked) {
    if (!lessonById(st.data, linked.lesson)) return false;
    openLesson(linked.lesson, true);
    setup(linked.preset, { scroll: false });   // no preset named: the lesson's first
    return true;
  }

  Promise.all([import("../../tex.js"), ...["lessons", "en", "ko"].map((name) => api(`/static/lessons/${name}.json`))]).then(([tex, data, en, ko]) => {
    tex.linkStyles();
    Object.assign(st, { tex, data, texts: { en, ko } });
    const linked = decodePage(location.hash);
    if (!(linked.lesson && fromLink(linked))) openLesson(data.lessons[0].id, false, false);
    root.dataset.ready = "true";
  }).catch((err) => { failed.textContent = t("lessons.failed", { message: err.message }); });
  return { parts: {}, homes: {} };
}
