/**
 * The lesson check language (static/lessons/README.md) on plain run records. Pure.
 * The page's twin of tests/lessons/lesson_rules.py: both pass tests/fixtures/lesson_rules.json.
 * evaluate(check, records, preset) -> "pass" | "fail" | "pending" (not decided yet).
 */

export const PASS = "pass";
export const FAIL = "fail";
export const PENDING = "pending";
export const SERIES = ["epochs", "steps", "snapshots"];
const ENDED = ["done", "stopped", "diverged"];

/** A value this row does not have: the row is skipped. */
class Missing extends Error {}
/** A value that does not exist yet (a compared run, a view, a later row). */
class Undecided extends Error {}

const isList = Array.isArray;
const isDict = (v) => v !== null && typeof v === "object" && !isList(v);

/** The verdict of one check on the records of a lesson's presets ({preset id: record}). */
export function evaluate(check, records, preset) {
  const record = records[preset];
  if (!record) return PENDING;
  try {
    if (SERIES.includes(check.source)) return seriesVerdict(check, record, records);
    const view = record[check.source];
    if (view === undefined || view === null) return PENDING;
    const ctx = { records, record, source: check.source, rows: [view] };
    return holds(check, view, ctx) ? PASS : FAIL;
  } catch (err) {
    if (err instanceof Missing || err instanceof Undecided) return PENDING;
    throw err;
  }
}

function seriesVerdict(check, record, records) {
  const complete = record.status === "done";
  const ended = ENDED.includes(record.status);
  const rows = (record[check.source] || []).filter((r) => within(r, check.within));
  const ctx = { records, record, source: check.source, rows };
  const at = check.at ?? "last";
  // A statement about the whole run waits for its end.
  if (usesSeries(check) && !complete) return ended ? FAIL : PENDING;
  if (isDict(at)) {
    const row = rowAt(rows, at);
    if (!row) return ended ? FAIL : PENDING;
    return holds(check, row, ctx) ? PASS : FAIL;
  }
  const verdicts = [];
  for (const row of at === "last" ? [...rows].reverse() : rows) {
    try {
      verdicts.push(holds(check, row, ctx));
    } catch (err) {
      if (err instanceof Missing) continue;
      throw err;
    }
    const v = verdicts[verdicts.length - 1];
    if (at === "last" || (at === "any" && v) || (at === "all" && !v)) break;
  }
  if (at === "any") return verdicts.some(Boolean) ? PASS : (ended ? FAIL : PENDING);
  if (verdicts.length && !verdicts.every(Boolean)) return FAIL;
  if (complete) return verdicts.length ? PASS : FAIL;
  return ended ? FAIL : PENDING;
}

function within(row, limit) {
  if (!limit) return true;
  return Object.entries(limit).every(([k, v]) => row[k] !== undefined && row[k] !== null && row[k] <= v);
}

function rowAt(rows, at) {
  const [[key, value]] = Object.entries(at);
  return rows.find((r) => r[key] === value) || null;
}

function usesSeries(node) {
  if (isDict(node)) return "series" in node || Object.values(node).some(usesSeries);
  return isList(node) && node.some(usesSeries);
}

function holds(check, row, ctx) {
  const left = valueOf(check.metric, row, ctx);
  if (check.op === "between") {
    const [lo, hi] = check.value;
    return all(left, (v) => lo <= number(v) && number(v) <= hi);
  }
  return compare(left, valueOf(check.value, row, ctx), check.op, check.tol ?? 0);
}

/** Python's == between scalars: booleans count as 0 and 1. */
function sameScalar(a, b) {
  const numeric = (v) => typeof v === "number" || typeof v === "boolean";
  if (numeric(a) && numeric(b)) return Number(a) === Number(b);
  return a === b;
}

function compare(left, right, op, tol) {
  if (isList(left)) {
    if (!left.length) throw new Missing("an empty list");
    const rights = isList(right) ? right : left.map(() => right);
    if (rights.length !== left.length) throw new Missing("lists of different lengths");
    for (let i = 0; i < left.length; i++) if (!compare(left[i], rights[i], op, tol)) return false;
    return true;
  }
  if (typeof left === "boolean" || typeof right === "boolean" || typeof left === "string") {
    return op === "==" && !isList(right) && sameScalar(left, right);
  }
  const a = number(left);
  const b = number(right);
  switch (op) {
    case "<": return a < b;
    case "<=": return a <= b;
    case ">": return a > b;
    case ">=": return a >= b;
    case "==": return Math.abs(a - b) <= tol;
    default: throw new Error(`unknown op ${op}`);
  }
}

function all(value, test) {
  if (isList(value)) {
    if (!value.length) throw new Missing("an empty list");
    for (const v of value) if (!all(v, test)) return false;
    return true;
  }
  return test(value);
}

/** An expression's value on one row: a number, a bool, or a (nested) list of them. */
export function valueOf(expr, row, ctx) {
  if (typeof expr === "number" || typeof expr === "boolean" || isList(expr)) return expr;
  if (typeof expr === "string") return path(row, expr);
  if ("metric" in expr) return select(expr, ctx);
  const [[name, arg]] = Object.entries(expr);
  if (name === "series") return series(arg, ctx);
  if (name === "ratio" || name === "diff" || name === "dist") {
    const a = valueOf(arg[0], row, ctx);
    const b = valueOf(arg[1], row, ctx);
    if (name === "dist") return dist(a, b);
    return zip(a, b, name === "ratio" ? ratio : (x, y) => x - y);
  }
  const value = valueOf(arg, row, ctx);
  if (name === "abs") return map(value, Math.abs);
  if (name === "step_lengths") return stepLengths(value);
  return reduce(name, value);
}

/** Walk "a.b.0.*.c" (keys, indices, negative indices, "*" for every element, "i:j" slices). */
export function path(node, text) {
  return walk(node, text ? text.split(".") : []);
}

function walk(node, parts) {
  if (!parts.length) {
    if (node === null || node === undefined) throw new Missing("null");
    return node;
  }
  const [head, ...rest] = parts;
  if (isList(node) && (head === "*" || head.includes(":"))) {
    const items = head === "*" ? node : pySlice(node, head);
    return items.map((x) => walk(x, rest));
  }
  if (isList(node)) {
    if (!/^\s*[+-]?\d+\s*$/.test(head)) throw new Missing(head);
    const i = Number(head);
    const k = i < 0 ? node.length + i : i;
    if (k < 0 || k >= node.length) throw new Missing(head);
    return walk(node[k], rest);
  }
  if (isDict(node) && Object.prototype.hasOwnProperty.call(node, head)) return walk(node[head], rest);
  throw new Missing(head);
}

/** Python's list[i:j] (and i:j:k with k > 0). */
function pySlice(list, text) {
  const parts = text.split(":").map((p) => (p.trim() === "" ? null : Number(p)));
  const [a = null, b = null, c = null] = parts;
  if ([a, b, c].some((v) => v !== null && !Number.isInteger(v))) throw new Missing(text);
  const n = list.length;
  const clamp = (v, fallback) => (v === null ? fallback : Math.min(n, Math.max(0, v < 0 ? n + v : v)));
  const step = c ?? 1;
  if (step <= 0) throw new Missing(text);
  const out = [];
  for (let i = clamp(a, 0); i < clamp(b, n); i += step) out.push(list[i]);
  return out;
}

/** {"metric", "at"?, "preset"?, "source"?}: a value from one row of this or another record. */
function select(expr, ctx) {
  const record = "preset" in expr ? ctx.records[expr.preset] : ctx.record;
  if (!record) throw new Undecided(`no run of ${expr.preset} yet`);
  const source = expr.source ?? ctx.source;
  const data = record[source];
  if (data === undefined || data === null) throw new Undecided(source);
  const series = SERIES.includes(source);
  const inner = { ...ctx, record, source, rows: series ? data : [data] };
  if (!series) return valueOf(expr.metric, data, inner);
  const at = expr.at ?? "last";
  let row;
  if (at === "last") {
    if (record.status !== "done") throw new Undecided("the run has not finished");
    row = data.length ? data[data.length - 1] : null;
  } else {
    row = rowAt(data, at);
  }
  if (!row) throw new Undecided(`no row ${JSON.stringify(at)}`);
  try {
    return valueOf(expr.metric, row, inner);
  } catch (err) {
    if (err instanceof Missing) throw new Undecided(String(expr.metric));
    throw err;
  }
}

function series(expr, ctx) {
  const out = [];
  for (const row of ctx.rows) {
    try {
      out.push(valueOf(expr, row, ctx));
    } catch (err) {
      if (!(err instanceof Missing)) throw err;
    }
  }
  return out;
}

function number(v) {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new Missing(`not a finite number: ${v}`);
  return v;
}

function ratio(a, b) {
  if (number(b) === 0) throw new Missing("division by zero");
  return number(a) / number(b);
}

/** f elementwise over nested lists; a number pairs with every element of a list. */
function zip(a, b, f) {
  if (isList(a) && isList(b)) {
    if (a.length !== b.length) throw new Missing("lists of different lengths");
    return a.map((x, i) => zip(x, b[i], f));
  }
  if (isList(a)) return a.map((x) => zip(x, b, f));
  if (isList(b)) return b.map((y) => zip(a, y, f));
  return f(number(a), number(b));
}

function map(value, f) {
  return isList(value) ? value.map((v) => map(v, f)) : f(number(value));
}

const isPoint = (v) => isList(v) && v.every((x) => !isList(x));

/** Euclidean distance of points; a list of points against one point or as many points. */
function dist(a, b) {
  if (isPoint(a) && isPoint(b)) {
    if (a.length !== b.length || !a.length) throw new Missing("points of different sizes");
    return Math.sqrt(a.reduce((s, x, i) => s + (number(x) - number(b[i])) ** 2, 0));
  }
  if (isList(a) && !isPoint(a)) {
    const bs = isList(b) && !isPoint(b) ? b : a.map(() => b);
    if (bs.length !== a.length) throw new Missing("lists of different lengths");
    return a.map((x, i) => dist(x, bs[i]));
  }
  throw new Missing("dist needs points");
}

function stepLengths(points) {
  if (!isList(points) || !points.length) throw new Missing("step_lengths needs points");
  if (!isPoint(points[0])) return points.map(stepLengths);
  return points.slice(1).map((q, i) => dist(points[i], q));
}

function reduce(name, value) {
  if (!isList(value)) throw new Missing(`${name} needs a list`);
  if (value.length && isList(value[0])) return value.map((v) => reduce(name, v));
  const xs = value.map(number);
  if (name === "count") return xs.length;
  if (!xs.length) throw new Missing(`${name} of nothing`);
  const pairs = xs.slice(1).map((b, i) => [xs[i], b]);
  const count = (test) => pairs.filter(([a, b]) => test(a, b)).length;
  switch (name) {
    case "max": return Math.max(...xs);
    case "min": return Math.min(...xs);
    case "spread": return Math.max(...xs) - Math.min(...xs);
    case "rises": return count((a, b) => b > a);
    case "falls": return count((a, b) => b < a);
    case "sign_changes": return count((a, b) => a * b < 0);
    default: throw new Error(`unknown operator ${name}`);
  }
}
