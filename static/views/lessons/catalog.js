/**
 * The lessons' data (static/lessons/lessons.json and the texts): order, topics, neighbours, and
 * what a preset's Set up does. Pure.
 */

/** The lessons grouped by topic, in topic order: [{topic, lessons: [lesson]}]. */
export function byTopic(data) {
  return data.topics.map((topic) => ({ topic, lessons: data.lessons.filter((l) => l.topic === topic) }))
    .filter((g) => g.lessons.length);
}

/** The lesson with this id, or null. */
export const lessonById = (data, id) => data.lessons.find((l) => l.id === id) || null;

/** {prev, next, index, count} of a lesson in the file's order (prev/next null at the ends). */
export function neighbours(data, id) {
  const i = data.lessons.findIndex((l) => l.id === id);
  return { prev: i > 0 ? data.lessons[i - 1] : null, next: i >= 0 && i < data.lessons.length - 1 ? data.lessons[i + 1] : null,
    index: i, count: data.lessons.length };
}

/** The training config a preset runs: base_config with the preset's keys replacing the base's (null: it trains nothing). */
export function presetConfig(data, preset) {
  if (!preset.config) return null;
  return structuredClone({ ...data.base_config, ...preset.config });
}

/** The speed a preset asks for: updates a second, null for "max" (as fast as possible), undefined if it names none. */
export function presetSpeed(preset) {
  if (preset.speed === undefined) return undefined;
  return preset.speed === "max" ? null : preset.speed;
}

/** The record parts a preset's checks read ("epochs", "untrained", "race", …). */
export const sourcesOf = (preset) => new Set((preset.checks || []).map((c) => c.source));

/**
 * Where Set up takes the student: the view the preset fills, else its panel. A CSS selector.
 * Views are found by their data-testid, so a view may move between panels without the lessons knowing.
 */
export function lookTarget(preset) {
  if (preset.race) return "#panel-downhill";
  if (preset.experiment) return "[data-testid=init-explorer]";
  if (preset.activations) return "[data-testid=act-plots]";
  if (preset.gradients) return "[data-testid=grad-table]";
  if (preset.view && preset.view.outputs_table) return "[data-testid=outputs-card]";
  return preset.panel === "lessons" ? null : `#panel-${preset.panel}`;
}

/** Deep equality of plain JSON values (configs, request bodies). */
export function sameJson(a, b) {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson(a[k], b[k]));
}

/** A lesson's texts in one language, English filling what the language lacks. */
export function lessonText(texts, lang, id) {
  const own = ((texts[lang] || {}).lessons || {})[id];
  return own || ((texts.en || {}).lessons || {})[id] || { title: id, body: [], presets: {}, checks: {} };
}

/** A topic's name in one language. */
export const topicName = (texts, lang, topic) => ((texts[lang] || {}).topics || {})[topic] || ((texts.en || {}).topics || {})[topic] || topic;
