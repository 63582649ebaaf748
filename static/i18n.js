/** Korean/English text: merges the per-panel dictionaries, picks the language, fills the DOM. */
import common from "./i18n/common-text.js";
import build from "./i18n/build-text.js";
import watch from "./i18n/watch-text.js";
import params from "./i18n/params-text.js";
import draw from "./i18n/draw-text.js";
import downhill from "./i18n/downhill-text.js";
import runs from "./i18n/runs-text.js";
import sweeps from "./i18n/sweeps-text.js";
import backprop from "./i18n/backprop-text.js";
import lessons from "./i18n/lessons-text.js";

export const LANGS = ["en", "ko"];
export const STORAGE_KEY = "downhill.lang";

/** [{en, ko}, ...] -> one {en, ko}; a key defined twice keeps the later value. */
export function mergeDictionaries(list) {
  const out = { en: {}, ko: {} };
  for (const d of list) for (const lang of LANGS) Object.assign(out[lang], (d && d[lang]) || {});
  return out;
}

/** The panel dictionaries merged (async: kept so that a panel's texts could be loaded later). */
export async function loadDictionaries() {
  return mergeDictionaries([common, build, params, watch, draw, downhill, runs, sweeps, backprop, lessons]);
}

/** Stored choice, else the first browser language we speak, else English. */
export function pickLanguage(stored, browserLanguages = []) {
  if (LANGS.includes(stored)) return stored;
  for (const tag of browserLanguages) {
    const base = String(tag).toLowerCase().split("-")[0];
    if (LANGS.includes(base)) return base;
  }
  return "en";
}

/** dict, lang -> t(key, params): "{name}" placeholders filled; falls back to English, then the key. */
export function translator(dict, lang) {
  return (key, params = {}) => {
    const s = (dict[lang] && dict[lang][key]) ?? (dict.en && dict.en[key]) ?? key;
    return s.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));
  };
}

/** Fill data-i18n (text), data-i18n-title, data-i18n-aria-label, data-i18n-placeholder under root. */
export function applyTranslations(root, t) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const [attr, key] of [["title", "i18nTitle"], ["aria-label", "i18nAriaLabel"], ["placeholder", "i18nPlaceholder"]]) {
    for (const el of root.querySelectorAll(`[data-${attr === "aria-label" ? "i18n-aria-label" : "i18n-" + attr}]`)) {
      el.setAttribute(attr, t(el.dataset[key]));
    }
  }
}

/** The label and help of an optimizer's or schedule's hyperparameter: {label, help}, the name when no text exists. */
export function paramText(t, owner, name) {
  const label = t(`hp.${name}`);
  const specific = t(`hp.${owner}.${name}.help`);
  const help = specific !== `hp.${owner}.${name}.help` ? specific : t(`hp.${name}.help`);
  return { label: label === `hp.${name}` ? name : label, help: help === `hp.${name}.help` ? undefined : help };
}
