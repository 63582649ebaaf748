/**
 * "Analyze this network" (3Blue1Brown): the network is shown uniform noise and test digits moved into
 * a corner (POST /api/experiments/analyze), with its answers. It has never learned to say "none of
 * these", and its first layer only knows where ink used to be.
 */
import { h, tx } from "../../dom.js";
import { paintDigit } from "../../pixels.js";

export const CORNERS = ["top_left", "top_right", "bottom_left", "bottom_right"];
const pct = (v) => `${(100 * v).toFixed(0)}%`;

/** One example: its picture and the network's answer (with the true digit, for a moved one). */
function example(t, e) {
  const canvas = h("canvas", { class: "heat analyze-img", role: "img" });
  paintDigit(canvas, e.pixels);
  const answer = e.label === undefined ? t("draw.analyze.says", { d: e.prediction, p: pct(e.confidence) })
    : t("draw.analyze.saysFor", { label: e.label, d: e.prediction, p: pct(e.confidence) });
  canvas.setAttribute("aria-label", answer);
  return h("figure", { class: "analyze-example", dataset: { right: String(e.label === undefined || e.label === e.prediction) } },
    canvas, h("figcaption", {}, answer));
}

/** mountAnalyze(root, {t, api, network(), onResult({body, answer})}) -> {ask(body), relabel()}; network() names who answers ({run} or {}). */
export function mountAnalyze(root, { t, api, network, onResult }) {
  const corner = h("select", { "data-testid": "analyze-corner" });
  const run = tx(t, "draw.analyze.run", "button", { type: "button", class: "btn small", "data-testid": "analyze-run" });
  const noiseLine = h("p", { class: "analyze-line", "data-testid": "analyze-noise" });
  const cornerLine = h("p", { class: "analyze-line", "data-testid": "analyze-corner-line" });
  const noise = h("div", { class: "analyze-examples" });
  const moved = h("div", { class: "analyze-examples" });
  const note = h("p", { class: "hint", "aria-live": "polite" });
  root.append(h("section", { class: "draw-analyze", id: "analyze", "data-testid": "analyze" },
    tx(t, "draw.analyze.title", "h3"), tx(t, "draw.analyze.help", "p", { class: "hint" }),
    h("div", { class: "analyze-controls" }, h("label", {}, tx(t, "draw.analyze.corner"), corner), run), note,
    h("div", { class: "analyze-grid" }, h("div", {}, noiseLine, noise), h("div", {}, cornerLine, moved))));
  let shown = null;
  let asked = 0;

  function options() {
    const value = corner.value || "top_left";
    corner.replaceChildren(...CORNERS.map((c) => h("option", { value: c, selected: c === value }, t(`draw.analyze.corner.${c}`))));
  }

  function draw() {
    if (!shown) return;
    const { noise: n, corner: c } = shown.answer;
    noiseLine.textContent = t("draw.analyze.noise", { n: shown.body.n, mean: n.confidence_mean.toFixed(2), share: pct(n.confident_share) });
    cornerLine.textContent = t("draw.analyze.moved", { corner: t(`draw.analyze.corner.${c.corner}`), acc: pct(c.accuracy), centred: pct(c.centred_accuracy) });
    noise.replaceChildren(...n.examples.map((e) => example(t, e)));
    moved.replaceChildren(...c.examples.map((e) => example(t, e)));
    note.textContent = t(shown.answer.run ? "draw.analyze.byRun" : "draw.analyze.byDefault");
  }

  async function ask(body) {
    const mine = ++asked;
    note.textContent = t("draw.analyze.loading");
    if (body.corner) corner.value = body.corner;
    try {
      const answer = await api("/api/experiments/analyze", { method: "POST", body });
      if (mine !== asked) return;
      shown = { body, answer };
      draw();
      onResult(shown);
    } catch (err) {
      if (mine === asked) note.textContent = err.message;
    }
  }

  run.addEventListener("click", () => ask({ n: 200, seed: 0, corner: corner.value, ...network() }));
  options();
  return { ask, relabel() { options(); draw(); } };
}
