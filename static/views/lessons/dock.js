/** A small card that follows the student to the panel a lesson set up: its checks and the way back. */
import { h } from "../../dom.js";

/** mountDock(root, {t, onBack}) -> {update({title, checks: [{text, verdict}]} | null), show(bool), again()}; its × puts it away until again(). */
export function mountDock(root, { t, onBack }) {
  const title = h("p", { class: "lesson-dock-title" });
  const list = h("ul", { class: "lesson-checks compact" });
  const back = h("button", { type: "button", class: "btn small", "data-testid": "lesson-dock-back", onClick: onBack });
  const close = h("button", { type: "button", class: "btn icon lesson-dock-close", "data-testid": "lesson-dock-close",
    onClick: () => { away = true; render(); } }, "×");
  const box = h("aside", { class: "lesson-dock", "data-testid": "lesson-dock", hidden: true, "aria-label": t("panel.lessons") }, close, title, list, back);
  root.append(box);
  let content = null;
  let wanted = false;
  let away = false;
  const render = () => { box.hidden = !(wanted && content) || away; };
  return {
    update(next) {
      content = next;
      if (next) {
        title.textContent = t("lessons.dock.title", { title: next.title });
        close.setAttribute("aria-label", t("lessons.dock.close"));
        close.title = t("lessons.dock.close");
        back.textContent = t("lessons.dock.back");
        list.replaceChildren(...next.checks.map((c) => h("li", { dataset: { verdict: c.verdict } },
          h("span", { class: "lesson-mark", "aria-hidden": "true" }, t(`lessons.mark.${c.verdict}`)),
          h("span", { class: "visually-hidden" }, t(`lessons.verdict.${c.verdict}`)),
          h("span", { class: "lesson-check-text" }, c.text))));
      }
      render();
    },
    /** Shown while the lesson itself is out of view. */
    show(yes) { wanted = yes; render(); },
    /** A new Set up brings it back. */
    again() { away = false; render(); },
  };
}
