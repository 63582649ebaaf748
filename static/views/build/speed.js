/** The speed control: optimizer updates a second, from slow motion to as fast as the server can. */
import { h } from "../../dom.js";

/** The steps offered, in updates a second, as far as the server allows (limits.speed in /api/options). */
const STEPS = [1, 3, 10, 30, 100, 300, 1000, 3000, 10000];
const RANGE = [0, 1000];   // a server that does not say its range paced runs up to this

/** The choices for the server's range [lo, hi] (lo excluded): the steps within it, hi itself, and null (as fast as possible). */
export function speedChoices(range = RANGE) {
  const [lo, hi] = range || RANGE;
  const within = STEPS.filter((s) => s > lo && s <= hi);
  return [...within, ...(within.includes(hi) ? [] : [hi]), null];
}

/** Whether a speed (updates a second; null = as fast as possible) is one the server takes. */
export function speedAllowed(speed, range = RANGE) {
  const [lo, hi] = range || RANGE;
  return speed === null || (Number.isFinite(speed) && speed > lo && speed <= hi);
}

export const SPEEDS = speedChoices();

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

/** mountSpeed(root, {t, onSpeed(speed | null)}) -> {update(speed, {seconds, live, range})}. */
export function mountSpeed(root, { t, onSpeed }) {
  const select = h("select", { id: "speed-input", "data-testid": "speed", onChange: () => onSpeed(select.value === "max" ? null : Number(select.value)) });
  const label = h("label", { for: "speed-input" });
  const hint = h("p", { class: "hint", "data-testid": "speed-hint" });
  root.append(h("div", { class: "field speed-field" }, label, select), hint);
  return {
    update(speed, { seconds = null, live = false, range = RANGE } = {}) {
      label.textContent = t("build.speed");
      const value = speed === null || speed === undefined ? "max" : String(speed);
      const offered = speedChoices(range);
      const known = offered.some((s) => (s === null ? "max" : String(s)) === value);
      const choices = known ? offered : [...offered.slice(0, -1), speed, null].sort((a, b) => (a ?? Infinity) - (b ?? Infinity));
      select.replaceChildren(...choices.map((s) => h("option", { value: s === null ? "max" : String(s), selected: (s === null ? "max" : String(s)) === value },
        s === null ? t("build.speed.max") : t(s === 1 ? "build.speed.one" : "build.speed.n", { n: s.toLocaleString() }))));
      if (seconds !== null) hint.textContent = t(live ? "build.speed.live" : "build.speed.length", { time: duration(seconds, t) });
      else hint.textContent = t("build.speed.fastest");
    },
  };
}
