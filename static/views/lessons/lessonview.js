/** One lesson on the page: title, text with formulas, a Set up button per preset with its checks, the outcome, previous/next. */
import { h } from "../../dom.js";

/**
 * mountLesson(root, {t, typeset(el, text), onSetup(presetId), onOpen(lessonId), onCompare(presetId)})
 * -> {show(view), mark(verdicts), note(presetId, text), extra(presetId)}.
 * view = {lesson, text, topic, prev, next, index, count}: the data, the texts in the page's language, neighbours.
 */
export function mountLesson(root, { t, typeset, onSetup, onOpen, onCompare }) {
  const article = h("article", { class: "lesson", "data-testid": "lesson", "aria-live": "off" });
  root.append(article);
  let items = new Map();    // "preset/check" -> li
  let notes = new Map();    // preset id -> status line
  let extras = new Map();   // preset id -> box for a view shown in the lesson itself

  const para = (text, tag = "p", attrs = {}) => typeset(h(tag, attrs), text);

  function presetBlock(lesson, text, preset) {
    const label = (text.presets || {})[preset.id] || preset.id;
    const button = h("button", { type: "button", class: "btn primary lesson-setup", "data-testid": `setup-${preset.id}`,
      onClick: () => onSetup(preset.id) }, t("lessons.setup", { label }));
    const note = h("p", { class: "hint lesson-note", "data-testid": `note-${preset.id}`, "aria-live": "polite" });
    notes.set(preset.id, note);
    const checks = h("ul", { class: "lesson-checks" }, preset.checks.map((c) => {
      const mark = h("span", { class: "lesson-mark", "aria-hidden": "true" }, t("lessons.mark.pending"));
      const state = h("span", { class: "visually-hidden" }, t("lessons.verdict.pending"));
      const li = h("li", { dataset: { check: c.id, verdict: "pending" }, "data-testid": `check-${preset.id}-${c.id}` },
        mark, state, h("span", { class: "lesson-check-text" }, (text.checks || {})[c.id] || c.id));
      items.set(`${preset.id}/${c.id}`, li);
      return li;
    }));
    const compare = preset.compare ? h("button", { type: "button", class: "btn small", "data-testid": `compare-${preset.id}`,
      onClick: () => onCompare(preset.id) }, t("lessons.compare")) : null;
    const extra = h("div", { class: "lesson-extra" });
    extras.set(preset.id, extra);
    return h("div", { class: "lesson-preset", dataset: { preset: preset.id } },
      h("div", { class: "lesson-preset-head" }, button, compare), note, checks, extra);
  }

  function nav(prev, next) {
    const go = (lesson, key, rel) => (lesson ? h("button", { type: "button", class: "btn", rel, "data-testid": `lesson-${rel}`,
      onClick: () => onOpen(lesson.id) }, t(key, { title: lesson.title })) : h("span"));
    return h("nav", { class: "lesson-nav", "aria-label": t("lessons.nav") }, go(prev, "lessons.prev", "prev"), go(next, "lessons.next", "next"));
  }

  return {
    show({ lesson, text, topic, prev, next, index, count }) {
      items = new Map();
      notes = new Map();
      extras = new Map();
      article.dataset.lesson = lesson.id;
      article.replaceChildren(
        h("p", { class: "lesson-kicker" }, t("lessons.kicker", { topic, n: index + 1, count })),
        h("h3", { class: "lesson-title", tabindex: "-1", "data-testid": "lesson-title" }, text.title),
        h("div", { class: "lesson-body" }, (text.body || []).map((p) => para(p))),
        h("section", { class: "lesson-try", "aria-label": t("lessons.try") }, h("h4", {}, t("lessons.try")),
          lesson.presets.map((p) => presetBlock(lesson, text, p))),
        h("div", { class: "lesson-expect", "data-testid": "lesson-outcome" }, h("h4", {}, t("lessons.outcome")), para(text.outcome || "")),
        h("p", { class: "lesson-look" }, h("strong", {}, `${t("lessons.look")} `), text.look || ""),
        nav(prev, next));
    },
    /** verdicts: {"preset/check": "pass" | "fail" | "pending"}. */
    mark(verdicts) {
      for (const [key, li] of items) {
        const v = verdicts[key] || "pending";
        if (li.dataset.verdict === v) continue;
        li.dataset.verdict = v;
        li.querySelector(".lesson-mark").textContent = t(`lessons.mark.${v}`);
        li.querySelector(".visually-hidden").textContent = t(`lessons.verdict.${v}`);
      }
    },
    note(presetId, text) {
      const el = notes.get(presetId);
      if (el && el.textContent !== text) el.textContent = text;
    },
    extra: (presetId) => extras.get(presetId) || null,
    focusTitle() { article.querySelector(".lesson-title")?.focus({ preventScroll: true }); },
  };
}
