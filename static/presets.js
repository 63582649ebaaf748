/**
 * Starting settings per data set: switching to a set applies its preset, so every set learns with
 * the defaults (checked with `python -m engine train`, seeds 0–2: moons, circles, blobs, xor and
 * the delta table reach 97–100 % validation accuracy, spirals 98–100 %). `speed` is the pace the
 * page asks for, in optimizer updates a second: slow enough to watch each set learn.
 * MNIST keeps the server's defaults (/api/options `defaults`): 10 epochs in about a minute.
 */
const SMALL = { activation: "tanh", optimizer: "adam", optimizer_params: {}, lr: 0.02, schedule: "constant",
  schedule_params: {}, batch_size: 16, epochs: 50, init: "xavier_normal" };

export const PRESETS = {
  mnist: { speed: 300 },
  moons: { config: { ...SMALL, layers: [2, 16, 16, 2] }, speed: 30 },
  circles: { config: { ...SMALL, layers: [2, 16, 16, 2] }, speed: 30 },
  blobs: { config: { ...SMALL, layers: [2, 16, 16, 3] }, speed: 30 },
  spirals: { config: { ...SMALL, layers: [2, 32, 32, 32, 2], activation: "relu", init: "he_normal", lr: 0.01, epochs: 150 }, speed: 100 },
  xor: { config: { ...SMALL, layers: [2, 4, 2], lr: 0.05, batch_size: 4, epochs: 300 }, speed: 30 },
  delta_table: { config: { ...SMALL, layers: [3, 2], lr: 0.05, batch_size: 4, epochs: 100 }, speed: 10 },
};

/** The speed a data set starts at (updates a second), no faster than the server paces (`range`: limits.speed). */
export const defaultSpeed = (dataset, range = null) => Math.min((PRESETS[dataset] || PRESETS.mnist).speed, range ? range[1] : Infinity);

/** The config fields a data set's preset sets (MNIST: the server's defaults for them; a set without a preset: none). */
export function presetConfig(dataset, defaults = {}) {
  const preset = PRESETS[dataset];
  if (preset && preset.config) return { ...preset.config };
  if (dataset !== "mnist") return {};
  const keep = ["layers", "activation", "optimizer", "optimizer_params", "lr", "schedule", "schedule_params", "batch_size", "epochs", "init"];
  return Object.fromEntries(keep.filter((k) => k in defaults).map((k) => [k, defaults[k]]));
}
