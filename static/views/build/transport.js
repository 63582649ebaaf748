/** Play / pause / step / reset, the speed and the learning rate, which stay changeable while training. */
import { h } from "../../dom.js";
import { fmt } from "./lrcurve.js";
import { checkNumber } from "./fields.js";
import { mountSpeed } from "./speed.js";
import { MOVING } from "../../runstates.js";

const LR_MIN = 1e-4;
const LR_MAX = 10;
const toSlider = (lr) => Math.round((100 * Math.log(lr / LR_MIN)) / Math.log(LR_MAX / LR_MIN));
const fromSlider = (s) => Number((LR_MIN * (LR_MAX / LR_MIN) ** (s / 100)).toPrecision(2));

/** mount(root, {t, actions, onLr}) -> {update(runState, config, {why, speed, seconds, lrRange})}. */
export function mountTransport(root, { t, actions, onLr }) {
  const button = (testid, onClick, cls = "btn") => h("button", { type: "button", class: cls, "data-testid": testid, onClick });
  const play = button("train-start", () => actions.play(), "btn primary");
  const pause = button("train-pause", () => actions.pause());
  const step = button("train-step", () => actions.step("batch"));
  const stepEpoch = button("train-step-epoch", () => actions.step("epoch"));
  const reset = button("train-reset", () => actions.reset());
  const why = h("p", { class: "play-why", "data-testid": "play-why", role: "status" });
  let lrRange = { min: 0, max: LR_MAX, minOpen: true };
  const lrNote = h("p", { class: "field-note", id: "lr-input-note", "data-testid": "lr-input-note", "aria-live": "polite" });
  const lrInput = h("input", { id: "lr-input", type: "number", step: "any", min: 1e-6, max: LR_MAX, "data-testid": "lr-input",
    dataset: { key: "lr" }, "aria-describedby": "lr-input-note", onChange: (e) => commit(e.target) });
  const lrSlider = h("input", { type: "range", min: 0, max: 100, step: 1, "data-testid": "lr-slider", "aria-label": "Learning rate",
    dataset: { key: "lr-slider" }, onInput: (e) => {
      lrInput.value = fromSlider(Number(e.target.value));
      e.target.setAttribute("aria-valuetext", fmt(fromSlider(Number(e.target.value))));
    },
    onChange: (e) => { lrInput.value = fromSlider(Number(e.target.value)); commit(lrInput); } });
  const lrLabel = h("label", { for: "lr-input" });
  const lrHint = h("p", { class: "hint" });
  const speedBox = h("div", { class: "speed-box" });
  root.append(
    h("div", { class: "transport" }, play, pause, reset, step, stepEpoch), why, speedBox,
    h("div", { class: "field lr-field" }, lrLabel, h("span", { class: "lr-pair" }, lrInput, lrSlider), lrNote),
    lrHint,
  );
  const speed = mountSpeed(speedBox, { t, onSpeed: (v) => actions.setSpeed(v) });

  function commit(input) {
    checkNumber(input, { key: "lr", label: t("build.lr"), note: lrNote, onChange: onLr, ...lrRange });
  }
  const lrBad = () => lrInput.getAttribute("aria-invalid") === "true";

  return {
    update(run, config, page = {}) {
      const active = MOVING.includes(run);
      if (page.lrRange) lrRange = page.lrRange;
      play.textContent = t("build.play");
      play.disabled = active || run === "paused" || !!page.why;
      why.textContent = page.why || "";
      pause.textContent = t(run === "paused" ? "build.resume" : "build.pause");
      pause.disabled = !(active || run === "paused");
      step.textContent = t("build.step");
      stepEpoch.textContent = t("build.stepEpoch");
      step.disabled = stepEpoch.disabled = active || (run !== "paused" && !!page.why);
      step.title = t("build.step.title");
      stepEpoch.title = t("build.stepEpoch.title");
      reset.textContent = t("build.reset");
      reset.title = t("build.reset.title");
      lrLabel.textContent = t("build.lr");
      lrSlider.setAttribute("aria-label", t("build.lr.slider"));
      lrSlider.setAttribute("aria-valuetext", fmt(config.lr));
      lrHint.textContent = t(run === "training" || run === "paused" ? "build.lr.live" : "build.lr.help");
      // Text that is out of range stays as typed until it is corrected: nothing is changed silently.
      if (document.activeElement !== lrInput && !lrBad()) lrInput.value = fmt(config.lr);
      if (document.activeElement !== lrSlider && !lrBad()) lrSlider.value = toSlider(config.lr);
      speed.update(page.speed, { seconds: page.seconds, live: active || run === "paused", range: page.speedRange });
    },
  };
}
