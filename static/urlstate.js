/** The whole training config (seed included) <-> the URL hash, driven by one table. Pure. */

const num = {
  write: (v) => String(v),
  read: (s) => {
    const x = Number(s);
    if (s === "" || !Number.isFinite(x)) throw new Error(`not a number: ${s}`);
    return x;
  },
};
const int = {
  write: (v) => String(Math.round(v)),
  read: (s) => {
    const x = num.read(s);
    if (!Number.isInteger(x)) throw new Error(`not a whole number: ${s}`);
    return x;
  },
};
const text = { write: String, read: (s) => { if (!/^[\w.-]+$/.test(s)) throw new Error(`bad name: ${s}`); return s; } };
const sizes = { write: (v) => v.join("-"), read: (s) => s.split("-").map(int.read) };
const nameOrList = {
  write: (v) => (Array.isArray(v) ? v.join(",") : v),
  read: (s) => (s.includes(",") ? s.split(",").map(text.read) : text.read(s)),
};

/** Hash key -> [config field, codec]. The order here is the order in the link. */
export const FIELDS = [
  ["dataset", text], ["layers", sizes], ["activation", nameOrList], ["output", text],
  ["loss", text], ["init", text], ["init_std", num], ["optimizer", text], ["lr", num],
  ["schedule", text], ["batch_size", int], ["epochs", int], ["seed", int], ["alpha", num],
  ["train_size", int], ["snapshot_every", int],
];
const NESTED = { optimizer_params: "opt.", schedule_params: "sched." };

/** A hyperparameter value -> text: numbers, bools (1/0) and pairs ("0.9,0.999"). */
export function writeValue(v) {
  if (typeof v === "boolean") return v ? "1" : "0";
  if (Array.isArray(v)) return v.map(writeValue).join(",");
  return String(v);
}

/** Text -> a hyperparameter value, guessing its type from the text itself. */
export function readValue(s) {
  if (s.includes(",")) return s.split(",").map(readValue);
  if (s === "true" || s === "false") return s === "true";
  return num.read(s);
}

const esc = (s) => encodeURIComponent(s).replace(/%2C/gi, ",");

const lessonId = { write: String, read: (s) => { if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(s)) throw new Error(`not a lesson id: ${s}`); return s; } };

/**
 * Page settings kept in the link beside the config: the speed (updates a second, "max" = as fast as
 * possible), the language, and the lesson open with the preset it set up (#lesson=cost&preset=sse).
 */
const PAGE = {
  speed: { write: (v) => (v === null ? "max" : String(v)),
    read: (s) => { if (s === "max") return null; const x = num.read(s); if (!(x > 0)) throw new Error(`not a speed: ${s}`); return x; } },
  lang: { write: String, read: (s) => { if (!["en", "ko"].includes(s)) throw new Error(`not a language: ${s}`); return s; } },
  lesson: lessonId,
  preset: lessonId,
};

/** {speed, lang, lesson, preset} -> "speed=300&lang=ko" (undefined values left out). */
export function encodePage(page) {
  return Object.entries(PAGE).filter(([k]) => page[k] !== undefined).map(([k, codec]) => `${k}=${codec.write(page[k])}`).join("&");
}

/** "#...&speed=30&lang=ko" (also a bare "ko"/"en") or "?lang=ko" -> {speed?, lang?, lesson?, preset?, errors: [key]}. */
export function decodePage(text) {
  const out = { errors: [] };
  for (const pair of String(text || "").replace(/^[#?]/, "").split("&")) {
    if (pair === "ko" || pair === "en") { out.lang = pair; continue; }
    const [key, ...rest] = pair.split("=");
    if (!(key in PAGE) || !rest.length) continue;
    try { out[key] = PAGE[key].read(decodeURIComponent(rest.join("="))); } catch { out.errors.push(key); }
  }
  return out;
}

/** config -> "dataset=mnist&layers=784-16-10&..." (no leading #). */
export function encodeConfig(config) {
  const parts = [];
  for (const [key, codec] of FIELDS) {
    const v = config[key];
    if (v === undefined || v === null) continue;
    parts.push(`${key}=${esc(codec.write(v))}`);
  }
  for (const [field, prefix] of Object.entries(NESTED)) {
    for (const [k, v] of Object.entries(config[field] || {})) {
      parts.push(`${prefix}${esc(k)}=${esc(writeValue(v))}`);
    }
  }
  return parts.join("&");
}

/** "#dataset=..." -> {config (defaults overlaid with the link), errors: [key], found: bool}. */
export function decodeConfig(hash, defaults = {}) {
  const config = { ...defaults, optimizer_params: { ...(defaults.optimizer_params || {}) },
    schedule_params: { ...(defaults.schedule_params || {}) } };
  const errors = [];
  let found = false;
  const body = (hash || "").replace(/^#/, "");
  const table = new Map(FIELDS);
  const linked = new Set();
  const linkedParams = { optimizer_params: {}, schedule_params: {} };
  for (const pair of body.split("&")) {
    if (!pair.includes("=")) continue;
    const [rawKey, ...rest] = pair.split("=");
    const key = decodeURIComponent(rawKey);
    const value = decodeURIComponent(rest.join("="));
    try {
      if (table.has(key)) {
        config[key] = table.get(key).read(value);
        linked.add(key);
        found = true;
      } else {
        const nested = Object.entries(NESTED).find(([, p]) => key.startsWith(p));
        if (!nested) continue;
        linkedParams[nested[0]][key.slice(nested[1].length)] = readValue(value);
        linked.add(nested[1]);
        found = true;
      }
    } catch {
      errors.push(key);
    }
  }
  for (const [field, prefix] of Object.entries(NESTED)) {
    const named = field.replace("_params", "");
    if (linked.has(named) || linked.has(prefix)) config[field] = linkedParams[field];
  }
  return { config, errors, found };
}
