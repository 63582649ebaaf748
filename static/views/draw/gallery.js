/**
 * The gallery of misclassified test digits: each shows the digit, its label and the network's guess.
 * One tab stop: the arrow keys (and Home, End) move within it, Enter or a click shows the digit on the pad.
 */
import { h } from "../../dom.js";
import { paintDigit } from "../../pixels.js";

/** The index `key` moves to from `i` in a grid of n items, cols wide; -1 when the key does not move. */
export function moveIndex(key, i, n, cols) {
  const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: cols, ArrowUp: -cols }[key];
  if (step !== undefined) return Math.min(n - 1, Math.max(0, i + step));
  if (key === "Home") return 0;
  if (key === "End") return n - 1;
  return -1;
}

/** mountGallery(root, {t, onPick(mistake)}) -> {update(mistakes), relabel()}. */
export function mountGallery(root, { t, onPick }) {
  const list = h("ul", { class: "gallery", "data-testid": "mistakes" });
  root.append(list);
  let items = [];
  let current = 0;

  function caption(m) {
    return t("draw.mistake.caption", { label: m.label, pred: m.prediction, conf: Math.round(100 * m.confidence) });
  }

  const buttons = () => [...list.querySelectorAll("button")];
  /** Columns of the grid as laid out now: the buttons on the first row. */
  const columns = (bs) => Math.max(1, bs.filter((b) => b.offsetTop === bs[0].offsetTop).length);

  function focusOn(i) {
    const bs = buttons();
    if (!bs.length) return;
    current = i;
    bs.forEach((b, k) => { b.tabIndex = k === i ? 0 : -1; });
    bs[i].focus();
  }

  list.addEventListener("keydown", (e) => {
    const bs = buttons();
    const next = moveIndex(e.key, current, bs.length, columns(bs));
    if (next < 0) return;
    e.preventDefault();
    focusOn(next);
  });

  function update(mistakes) {
    list.setAttribute("aria-label", t("draw.mistakes.keys"));
    items = mistakes || [];
    current = Math.min(current, Math.max(0, items.length - 1));
    list.replaceChildren(...items.map((m, i) => {
      const canvas = h("canvas", { class: "digit-thumb", "aria-hidden": "true" });
      paintDigit(canvas, m.pixels);
      const button = h("button", { type: "button", class: "thumb", title: caption(m), "aria-label": caption(m), tabindex: i === current ? "0" : "-1",
        dataset: { label: m.label, prediction: m.prediction }, onClick: () => { current = i; buttons().forEach((b, k) => { b.tabIndex = k === i ? 0 : -1; }); onPick(m); } },
      canvas, h("span", { class: "thumb-label" }, `${m.label}→${m.prediction}`));
      return h("li", {}, button);
    }));
  }

  return { update, relabel: () => update(items) };
}
