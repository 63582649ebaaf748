/** The step controls and their keys: step back, forward step, backward step, whole pass, update, next example, start over. */
import { h } from "../../dom.js";

const BUTTONS = [
  ["prev", "bp-back", "←"], ["forward", "bp-forward", "→"], ["backward", "bp-backward", "→"], ["whole", "bp-whole", "p"],
  ["update", "bp-update-btn", "u"], ["nextExample", "bp-next", "n"], ["restart", "bp-restart", ""],
];

/** Which buttons work in a phase ("start", "forward", "forward-done", "backward", "done", "updated"). */
export function enabled(phase, busy) {
  const on = {
    prev: !["start", "updated"].includes(phase),
    forward: ["start", "forward"].includes(phase),
    backward: ["forward-done", "backward"].includes(phase),
    whole: !["done", "updated"].includes(phase),
    update: phase === "done",
    nextExample: true,
    restart: true,
  };
  return Object.fromEntries(Object.entries(on).map(([k, v]) => [k, v && !busy]));
}

/** mountStepButtons(root, {t, onAction(name)}) -> {update({phase, busy, counts: {f, F, b, B}})}. */
export function mountStepButtons(root, { t, onAction }) {
  const buttons = Object.fromEntries(BUTTONS.map(([name, testid, key]) => [name, h("button", { type: "button",
    class: `btn${name === "update" ? " primary" : ""}`, "data-testid": testid, "aria-keyshortcuts": keyName(key) || undefined,
    onClick: () => onAction(name) })]));
  const progress = h("p", { class: "bp-progress", "data-testid": "bp-progress", "aria-live": "polite" });
  const keys = h("p", { class: "hint bp-keys", "data-testid": "bp-keys" });
  root.append(h("div", { class: "bp-steps" }, Object.values(buttons)), h("div", { class: "bp-status" }, progress, keys));
  return {
    update({ phase, busy, counts }) {
      const on = enabled(phase, busy);
      for (const [name, , key] of BUTTONS) {
        const b = buttons[name];
        b.replaceChildren(t(`bp.btn.${name}`), key ? h("kbd", {}, key) : "");
        b.disabled = !on[name];
      }
      progress.textContent = t("bp.progress", counts);
      keys.replaceChildren(t("bp.keys"), " ", ...[["→", "bp.key.next"], ["←", "bp.key.prev"], ["p", "bp.key.whole"], ["u", "bp.key.update"],
        ["n", "bp.key.nextExample"], ["r", "bp.key.train"]].flatMap(([k, label], i) => [i ? " · " : "", h("kbd", {}, k), " ", t(label)]));
    },
  };
}

const keyName = (key) => ({ "→": "ArrowRight", "←": "ArrowLeft" }[key] || key);
