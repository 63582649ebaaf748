/** The test-set evaluation in the Draw panel: mistakes gallery, confusion matrix and accuracy (GET /api/evaluation), of the ready-made model or of your run. */
import { h, tx } from "../../dom.js";
import { mountGallery } from "./gallery.js";
import { mountConfusion } from "./confusion.js";
import { answeringRun } from "./follow.js";


/**
 * mountEvaluation(root, {t, api, onPick(mistake)}) -> {update({health, status, lastSnapshot}), relabel()}. Shows the
 * ready-made model's results once the server is ready, your run's when it ends (or when asked while it trains), and the
 * ready-made model's again after reset.
 */
export function mountEvaluation(root, { t, api, onPick }) {
  let now = {};
  // Their loaded sizes are kept free while the results load, so nothing below jumps when they arrive.
  const galleryBox = h("div", { class: "gallery-box" });
  const confusionBox = h("div", { class: "confusion-box" });
  const accuracy = h("p", { class: "hint accuracy-line", "data-testid": "test-accuracy" });
  const network = h("p", { class: "hint", "data-testid": "eval-network", "aria-live": "polite" });
  const button = tx(t, "draw.eval.now", "button", { type: "button", class: "btn small", "data-testid": "eval-run" });
  root.append(h("div", { class: "draw-eval" },
    h("div", {}, tx(t, "draw.mistakes", "h3"), tx(t, "draw.mistakes.help", "p", { class: "hint" }), galleryBox),
    h("div", {}, tx(t, "draw.confusion", "h3"), network, button, accuracy, confusionBox)));
  const gallery = mountGallery(galleryBox, { t, onPick });
  const confusion = mountConfusion(confusionBox, t);
  const saved = new Map();     // network key -> result; a live run's result is never kept
  let shown = null;            // {key, who, result}
  let wanted = null;           // the key asked for last ("failed:<key>" after an error: not asked again by itself)

  function render() {
    if (!shown) return;
    const { who, result } = shown;
    const epoch = who && Number.isFinite(who.epoch) ? who.epoch.toFixed(1) : "";
    network.textContent = t(!who ? "draw.eval.default" : result.live ? "draw.eval.live" : "draw.eval.run", { epoch });
    Object.assign(network.dataset, { source: who ? "run" : "default", run: who ? who.run : "" });
    accuracy.textContent = t("draw.accuracy", { pct: (100 * result.accuracy).toFixed(1) });
  }

  /** Show the evaluation of `who` (an answeringRun result, or null for the ready-made model). */
  async function load(who) {
    const key = who ? who.run : "default";
    wanted = key;
    let result = saved.get(key);
    if (!result) {
      network.textContent = t("draw.eval.loading");
      fetching = key;
      try {
        result = await api(who ? `/api/evaluation?run=${who.run}` : "/api/evaluation");
      } catch (err) {
        if (wanted === key) { accuracy.textContent = err.message; wanted = `failed:${key}`; }
        return;
      } finally {
        if (fetching === key) fetching = null;
      }
      if (!result.live) saved.set(key, result);
    }
    if (wanted !== key) return;
    shown = { key, who, result };
    gallery.update(result.mistakes);
    confusion.update(result.confusion);
    render();
  }

  let fetching = null;
  function onStatus() {
    const { health, status, lastSnapshot } = now;
    if (health && health.ready === false) return;
    const who = answeringRun(status, lastSnapshot);
    button.style.visibility = who && who.live ? "visible" : "hidden";   // keeps its place: nothing moves while training
    const final = (key) => shown && shown.key === key && !shown.result.live;
    if (who && !who.live) {            // the run ended: its own results, once
      if (!final(who.run) && fetching !== who.run && wanted !== `failed:${who.run}`) load(who);
    } else if (!status && !final("default") && fetching !== "default") load(null);
  }

  button.addEventListener("click", () => {
    const who = answeringRun(now.status, now.lastSnapshot);
    if (who) load(who);
  });
  return {
    update(state) { now = state; onStatus(); },
    relabel() { gallery.relabel(); confusion.relabel(); render(); },
  };
}
