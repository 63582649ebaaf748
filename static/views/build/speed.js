/** The speed control: optimizer updates a second, from slow motion to as fast as the server can. */
import { h } from "../../dom.js";

/** The choices, in updates a second; null = as fast as possible. */
export const SPEEDS = [1, 3, 10, 30, 100, 300, 1000, null];

/** Seconds a run of `updates` optimizer steps takes at `speed` updates a second (null: unknown). */
export function runSeconds(updates, speed) {
  return speed ? updates / speed : null;
}

/** 75 -> "1 min 15 s", 12.4 -> "12 s" (the rough length of a run). */
export function duration(seconds, t) {
  const s = Math.max(1, Math.round(seconds));
  if (s < 90) return t("build.speed.sec", { s });
  const m = Math.floor(s / 60);
  return m < 90 ? t("build.speed.min", { m, s: s % 60 }) : t("build.speed.hours", { h: (s / 3600).toFixed(1) });
}

/** mountSpeed(root, {t, onSpeed(speed | null)}) -> {update(speed, {seconds, live})}. */
export function mountSpeed(root, { t, onSpeed }) {
  const select = h("select", { id: "speed-input", "data-testid": "speed", onChange: () => onSpeed(select.value === "max" ? null : Number(select.value)) });
  const label = h("label", { for: "speed-input" });
  const hint = h("p", { class: "hint", "data-testid": "speed-hint" });
  root.append(h("div", { class: "field speed-field" }, label, select), hint);
  return {
    update(speed, { seconds = null, live = false } = {}) {
      label.textContent = t("build.speed");
      const value = speed === null || speed === undefined ? "max" : String(speed);
      const known = SPEEDS.some((s) => (s === null ? "max" : String(s)) === value);
      const choices = known ? SPEEDS : [...SPEEDS.slice(0, -1), speed, null].sort((a, b) => (a ?? Infinity) - (b ?? Infinity));
      select.replaceChildren(...choices.map((s) => h("option", { value: s === null ? "max" : String(s), selected: (s === null ? "max" : String(s)) === value },
        s === null ? t("build.speed.max") : t(s === 1 ? "build.speed.one" : "build.speed.n", { n: s.toLocaleString() }))));
      if (seconds !== null) hint.textContent = t(live ? "build.speed.live" : "build.speed.length", { time: duration(seconds, t) });
      else hint.textContent = t("build.speed.fastest");
    },
  };
}
