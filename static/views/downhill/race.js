/** Optimizer races on toy functions: racer specs, playback positions and arrows. Pure. */

/** The optimizers raced by default, with the function's suggested learning rates. */
export const RACERS = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam", "adamw"];

/** Hyperparameters besides lr a racer shows beside its name (AdaDelta's ε sets its first steps; AdamW's decay). */
export const EXTRAS = { adadelta: ["eps"], adamw: ["weight_decay"] };

/**
 * options.optimizers + toy function info -> [{name, lr}] for the default racers that exist; a suggested
 * learning rate above what the server accepts (AdaDelta's, on some functions) is held to `maxLr`.
 */
export function defaultRacers(optimizerNames, fn, maxLr = Infinity) {
  const known = new Set([...optimizerNames, "momentum", "nesterov"]);
  return RACERS.filter((n) => known.has(n)).map((name) => ({ name, lr: Math.min(maxLr, (fn.lrs && fn.lrs[name]) || 0.01) }));
}

/**
 * A race request (POST /api/toy/race's body, as a lesson gives it) -> racers [{name, lr, label, start?, extra}]:
 * the keys besides name, lr, label and start are the optimizer's own (eps, momentum, ...).
 */
export function racersOf(body) {
  return body.optimizers.map(({ name, lr, label, start, ...extra }) => ({ name, lr, label, start, extra }));
}

/** Racers + the race's function, start (null: the function's own) and steps -> the request body (the inverse of racersOf). */
export function raceBody(fn, start, steps, racers) {
  return { function: fn, ...(start ? { start } : {}), steps, optimizers: racers.map((r) => ({ name: r.name, lr: r.lr, label: r.label ?? r.name,
    ...(r.start ? { start: r.start } : {}), ...(r.extra || {}) })) };
}

/** A 1-D race's points [[w]] as points of the plane [[w, 0]] (the views draw the plane; the curve lies along y = 0). */
export const onPlane = (points) => points.map((p) => (p.length === 1 ? [p[0], 0] : p));

/** Path points [[x, y]...] at fractional step s (clamped to the path's end): linear in between. */
export function pointAt(points, s) {
  if (!points.length) return null;
  const last = points.length - 1;
  const t = Math.min(last, Math.max(0, s));
  const i = Math.min(last, Math.floor(t));
  const f = t - i;
  const p = points[i];
  const q = points[Math.min(last, i + 1)];
  return [p[0] + (q[0] - p[0]) * f, p[1] + (q[1] - p[1]) * f];
}

/** Same interpolation for a 1-D series (values along the path). */
export function valueAt(values, s) {
  const p = pointAt(values.map((v) => [v, 0]), s);
  return p ? p[0] : NaN;
}

/** The step the ball takes from point i: points[i+1] − points[i] (zero at the end). */
export function velocity(points, i) {
  const k = Math.min(points.length - 1, Math.max(0, Math.round(i)));
  const q = points[Math.min(points.length - 1, k + 1)];
  return [q[0] - points[k][0], q[1] - points[k][1]];
}

/** Downhill direction at step i: −gradient. */
export function downhill(grads, i) {
  const g = grads[Math.min(grads.length - 1, Math.max(0, Math.round(i)))];
  return g ? [-g[0], -g[1]] : [0, 0];
}

/** Playback clock: advance step s by dt seconds at `rate` steps/s, stopping at `end`. */
export function advance(s, dt, rate, end) {
  return Math.min(end, s + dt * rate);
}

/** Smooth follow for the training ball: move s toward target, covering a share of the gap each frame. */
export function follow(s, target, dt, halfLife = 0.35) {
  if (s >= target) return target;
  const k = 1 - Math.pow(0.5, dt / halfLife);
  const next = s + (target - s) * k;
  return target - next < 1e-3 ? target : next;
}
