/** Play / pause / step / reset and the learning rate, which stays changeable while training. */
import { h } from "../../dom.js";
import { fmt } from "./lrcurve.js";
import { MOVING } from "../../runstates.js";

const LR_MIN = 1e-4;
const LR_MAX = 10;
const toSlider = (lr) => Math.round((100 * Math.log(lr / LR_MIN)) / Math.log(LR_MAX / LR_MIN));
const fromSlider = (s) => Number((LR_MIN * (LR_MAX / LR_MIN) ** (s / 100)).toPrecision(2));

/** mount(root, {t, actions, onLr}) -> {update(runState, config)}. */
export function mountTransport(root, { t, actions, onLr }) {
  const play = h("button", { type: "button", class: "btn primary", "data-testid": "train-start", onClick: () => actions.play() });
  const pause = h("button", { type: "button", class: "btn", "data-testid": "train-pause", onClick: () => actions.pause() });
  const step = h("button", { type: "button", class: "btn", "data-testid": "train-step", onClick: () => actions.step("batch") });
  const stepEpoch = h("button", { type: "button", class: "btn", "data-testid": "train-step-epoch", onClick: () => actions.step("epoch") });
  const reset = h("button", { type: "button", class: "btn", "data-testid": "train-reset", onClick: () => actions.reset() });
  const lrInput = h("input", { id: "lr-input", type: "number", step: "any", min: 1e-6, max: 10, "data-testid": "lr-input",
    dataset: { key: "lr" }, onChange: (e) => commit(Number(e.target.value)) });
  const lrSlider = h("input", { type: "range", min: 0, max: 100, step: 1, "data-testid": "lr-slider", "aria-label": "Learning rate",
    dataset: { key: "lr-slider" }, onInput: (e) => {
      lrInput.value = fromSlider(Number(e.target.value));
      e.target.setAttribute("aria-valuetext", fmt(fromSlider(Number(e.target.value))));
    },
    onChange: (e) => commit(fromSlider(Number(e.target.value))) });
  const lrLabel = h("label", { for: "lr-input" });
  const lrHint = h("p", { class: "hint" });
  root.append(
    h("div", { class: "transport" }, play, pause, reset, step, stepEpoch),
    h("div", { class: "field lr-field" }, lrLabel, h("span", { class: "lr-pair" }, lrInput, lrSlider)),
    lrHint,
  );

  function commit(lr) {
    const ok = Number.isFinite(lr) && lr > 0 && lr <= 10;
    lrInput.setAttribute("aria-invalid", ok ? "false" : "true");
    if (ok) onLr(lr);
  }

  return {
    update(run, config) {
      const active = MOVING.includes(run);
      play.textContent = t("build.play");
      play.disabled = active || run === "paused";
      pause.textContent = t(run === "paused" ? "build.resume" : "build.pause");
      pause.disabled = !(active || run === "paused");
      step.textContent = t("build.step");
      stepEpoch.textContent = t("build.stepEpoch");
      step.disabled = stepEpoch.disabled = active;
      step.title = t("build.step.title");
      stepEpoch.title = t("build.stepEpoch.title");
      reset.textContent = t("build.reset");
      reset.title = t("build.reset.title");
      lrLabel.textContent = t("build.lr");
      lrSlider.setAttribute("aria-label", t("build.lr.slider"));
      lrSlider.setAttribute("aria-valuetext", fmt(config.lr));
      lrHint.textContent = t(run === "training" || run === "paused" ? "build.lr.live" : "build.lr.help");
      if (document.activeElement !== lrInput) lrInput.value = fmt(config.lr);
      if (document.activeElement !== lrSlider) lrSlider.value = toSlider(config.lr);
    },
  };
}
