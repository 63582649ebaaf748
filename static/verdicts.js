/** The gradient check's verdicts (engine/gradcheck.py), mildest first, and their coloured badge. */
import { h } from "./dom.js";

export const VERDICTS = ["good", "acceptable", "near_zero", "kink", "check", "wrong"];

/** A verdict word in the page's language, coloured by its class verdict-<name>. */
export const verdictBadge = (t, verdict) => h("span", { class: `verdict verdict-${verdict}`, "data-verdict": verdict }, t(`verdict.${verdict}`));
