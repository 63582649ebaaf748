/**
 * Which lesson presets an answer published by a panel belongs to: a race, the initialization
 * histograms, the f/f' curves or the analysis, matched by the exact request the preset makes. Pure.
 */
import { sameJson } from "./catalog.js";

/** Store key of a published answer -> [record key, the preset's request, how the published value names its request]. */
const KINDS = {
  toyRaceResult: ["race", (p) => p.race, (v) => v.body],
  initExperimentResult: ["experiment", (p) => p.experiment, (v) => v.body],
  activationCurves: ["activations", (p) => p.activations, (v) => v.list],
  analysis: ["analyze", (p) => p.analyze, (v) => v.body],
};

/**
 * matchViews(data, storeKey, published, recorder) -> [{lesson, preset, key, value}].
 * published = {body | list, answer | answers}; an analysis must be of the preset's own latest run.
 */
export function matchViews(data, storeKey, published, recorder) {
  const kind = KINDS[storeKey];
  if (!kind || !published) return [];
  const [key, asked, named] = kind;
  const value = published.answer !== undefined ? published.answer : published.answers;
  if (value === undefined || value === null) return [];
  const out = [];
  for (const lesson of data.lessons) {
    for (const preset of lesson.presets) {
      let request = asked(preset);
      if (!request) continue;
      if (key === "analyze") request = { ...request, run: recorder.runOf(lesson.id, preset.id) };
      if (sameJson(request, named(published))) out.push({ lesson: lesson.id, preset: preset.id, key, value });
    }
  }
  return out;
}
