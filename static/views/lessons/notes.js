/** The line under a preset's Set up button: where its run or view stands, in the page's language. */
import { isActive } from "../../runstates.js";

const pct = (v) => `${(100 * v).toFixed(1)} %`;
const round = (v) => (typeof v === "number" ? Number(v.toFixed(2)) : "—");

/**
 * presetNote({t, lessonId, preset, record, armed, current, status, epochs}) -> text ("" when there is nothing to say).
 * armed/current: the recorder's setup waiting for its run and the run it records; epochs: the preset's run length.
 */
export function presetNote({ t, lessonId, preset, record, armed, current, status, epochs = "" }) {
  const mine = armed && armed.lesson === lessonId && armed.preset === preset.id;
  if (!preset.config) {
    if (!record || !Object.keys(record).length) return "";
    return preset.panel === "lessons" ? t("lessons.note.here") : t("lessons.note.view", { panel: t(`panel.${preset.panel}`) });
  }
  // Set up, then something else started: a run with other settings is not this lesson's.
  if (mine && isActive(status) && !current && status.run_id) return t("lessons.note.changed");
  if (!record || !record.status) return mine ? t("lessons.note.ready") : "";
  const rows = [...(record.steps || []), ...(record.epochs || [])];
  const last = rows.reduce((a, r) => (!a || (r.step ?? 0) >= (a.step ?? 0) ? r : a), null);
  switch (record.status) {
    case "paused":
      if (!rows.length) return record.untrained ? t("lessons.note.untrained", { acc: pct(record.untrained.accuracy) }) : t("lessons.note.paused0");
      return t("lessons.note.paused", { epoch: round(last && last.epoch) });
    case "training": case "queued":
      return t("lessons.note.training", { epoch: round(last ? last.epoch : 0), epochs });
    case "done": {
      if (preset.analyze && !record.analyze) return t("lessons.note.analyzing");
      const final = (record.epochs || []).findLast((r) => typeof r.val_accuracy === "number");
      if (!final) return t("lessons.note.done");
      const acc = t("lessons.note.doneAcc", { acc: pct(final.val_accuracy), epoch: round(final.epoch) });
      return record.untrained ? `${acc} ${t("lessons.note.wasUntrained", { acc: pct(record.untrained.accuracy) })}` : acc;
    }
    default:
      return t(`lessons.note.${record.status}`);
  }
}
