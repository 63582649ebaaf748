/** The index of lessons, grouped by topic: a button per lesson, the open one marked, finished ones ticked. */
import { h } from "../../dom.js";

/** mountToc(root, {t, onOpen(id)}) -> {show(groups, openId, seen)}; groups = [{title, lessons: [{id, title}]}], seen = Set of ids whose checks all passed. */
export function mountToc(root, { t, onOpen }) {
  const list = h("div", { class: "lesson-toc-list" });
  const summary = h("summary", {});
  // On a phone the index folds away under its summary; on a wide screen it stays open beside the lesson.
  const box = h("details", { class: "lesson-toc", "data-testid": "lesson-index", open: !matchMedia("(max-width: 860px)").matches }, summary, list);
  root.append(box);
  return {
    show(groups, openId, seen = new Set()) {
      const count = groups.reduce((n, g) => n + g.lessons.length, 0);
      summary.textContent = t("lessons.index", { n: count });
      list.replaceChildren(...groups.map((g) => h("section", { class: "lesson-topic" },
        h("h3", {}, g.title),
        h("ol", {}, g.lessons.map((l) => h("li", {},
          h("button", { type: "button", class: `lesson-link${l.id === openId ? " open" : ""}`, "data-testid": `open-${l.id}`,
            "aria-current": l.id === openId ? "true" : undefined, onClick: () => onOpen(l.id) },
          h("span", { class: "lesson-link-title" }, l.title),
          seen.has(l.id) ? h("span", { class: "lesson-seen", title: t("lessons.seen") }, "✓") : null)))))));
    },
    fold() { if (matchMedia("(max-width: 860px)").matches) box.open = false; },
  };
}
