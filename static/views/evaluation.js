/** The test-set evaluation in the Draw panel: mistakes gallery, confusion matrix and accuracy (GET /api/evaluation). */
import { h } from "../dom.js";
import { mountGallery } from "./gallery.js";
import { mountConfusion } from "./confusion.js";

const tx = (t, key, tag = "span", attrs = {}) => h(tag, { ...attrs, "data-i18n": key }, t(key));

/** mountEvaluation(root, ctx, onPick(mistake)) -> {relabel()}; loads once the server's default model is ready. */
export function mountEvaluation(root, ctx, onPick) {
  const { t } = ctx;
  const galleryBox = h("div", {});
  const confusionBox = h("div", {});
  const accuracy = h("p", { class: "hint", "data-testid": "test-accuracy" });
  root.append(h("div", { class: "draw-eval" },
    h("div", {}, tx(t, "draw.mistakes", "h3"), tx(t, "draw.mistakes.help", "p", { class: "hint" }), galleryBox),
    h("div", {}, tx(t, "draw.confusion", "h3"), accuracy, confusionBox)));
  const gallery = mountGallery(galleryBox, { t, onPick });
  const confusion = mountConfusion(confusionBox, t);
  let result = null;

  function renderAccuracy() {
    if (result && result.accuracy !== undefined) accuracy.textContent = t("draw.accuracy", { pct: (100 * result.accuracy).toFixed(1) });
  }

  async function load() {
    if (result) return;
    result = "loading";
    try {
      result = await ctx.api("/api/evaluation");
      gallery.update(result.mistakes);
      confusion.update(result.confusion);
      renderAccuracy();
    } catch (err) {
      result = null;
      accuracy.textContent = err.message;
    }
  }

  const maybeLoad = () => { const health = ctx.store.get("health"); if (!health || health.ready !== false) load(); };
  ctx.store.subscribe(["health"], maybeLoad);
  maybeLoad();
  return { relabel() { gallery.relabel(); confusion.relabel(); renderAccuracy(); } };
}
