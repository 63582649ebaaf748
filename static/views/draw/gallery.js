/** The gallery of misclassified test digits: each shows the digit, its label and the network's guess. */
import { h } from "../../dom.js";
import { paintDigit } from "../../pixels.js";

/** mountGallery(root, {t, onPick(mistake)}) -> {update(mistakes), relabel()}. */
export function mountGallery(root, { t, onPick }) {
  const list = h("ul", { class: "gallery", "data-testid": "mistakes" });
  root.append(list);
  let items = [];

  function caption(m) {
    return t("draw.mistake.caption", { label: m.label, pred: m.prediction, conf: Math.round(100 * m.confidence) });
  }

  function update(mistakes) {
    items = mistakes || [];
    list.replaceChildren(...items.map((m) => {
      const canvas = h("canvas", { class: "digit-thumb", "aria-hidden": "true" });
      paintDigit(canvas, m.pixels);
      const button = h("button", { type: "button", class: "thumb", title: caption(m), "aria-label": caption(m),
        dataset: { label: m.label, prediction: m.prediction }, onClick: () => onPick(m) },
      canvas, h("span", { class: "thumb-label" }, `${m.label}→${m.prediction}`));
      return h("li", {}, button);
    }));
  }

  return { update, relabel: () => update(items) };
}
