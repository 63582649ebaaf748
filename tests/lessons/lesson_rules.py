"""The lesson check language of static/lessons/README.md, evaluated on plain run records.

The Python twin of the page's evaluator: both read static/lessons/lessons.json and both pass
the shared cases in tests/fixtures/lesson_rules.json. `evaluate(check, records, preset)`
returns "pass", "fail" or "pending" (not decided yet: the run is still going, or a view or a
compared run is missing).
"""
from __future__ import annotations

import math

PASS, FAIL, PENDING = "pass", "fail", "pending"
SERIES = ("epochs", "steps", "snapshots")
ENDED = ("done", "stopped", "diverged")
REDUCERS = ("max", "min", "spread", "count", "rises", "falls", "sign_changes")
OPERATORS = ("ratio", "diff", "abs", "dist", "step_lengths", "series") + REDUCERS
OPS = ("<", "<=", ">", ">=", "==", "between")


class Missing(Exception):
    """A value this row does not have (skipped: the rule looks at the rows that have it)."""


class Undecided(Exception):
    """A value that does not exist yet (a compared run, a view, a later epoch)."""


def evaluate(check: dict, records: dict, preset: str) -> str:
    """The verdict of one check on the records of a lesson's presets (preset id -> record)."""
    record = records.get(preset)
    if record is None:
        return PENDING
    try:
        if check["source"] in SERIES:
            return _series_verdict(check, record, records)
        view = record.get(check["source"])
        if view is None:
            return PENDING
        ctx = {"records": records, "record": record, "source": check["source"], "rows": [view]}
        return PASS if _holds(check, view, ctx) else FAIL
    except (Undecided, Missing):
        return PENDING


def _series_verdict(check: dict, record: dict, records: dict) -> str:
    status = record.get("status")
    complete, ended = status == "done", status in ENDED
    rows = [r for r in record.get(check["source"]) or [] if _within(r, check.get("within"))]
    ctx = {"records": records, "record": record, "source": check["source"], "rows": rows}
    at = check.get("at", "last")
    if _uses_series(check) and not complete:   # a statement about the whole run waits for its end
        return FAIL if ended else PENDING
    if isinstance(at, dict):
        row = _row_at(rows, at)
        if row is None:
            return FAIL if ended else PENDING
        return PASS if _holds(check, row, ctx) else FAIL
    verdicts = []
    for row in (rows[::-1] if at == "last" else rows):
        try:
            verdicts.append(_holds(check, row, ctx))
        except Missing:
            continue
        if at == "last" or (at == "any" and verdicts[-1]) or (at == "all" and not verdicts[-1]):
            break
    if at == "any":
        return PASS if any(verdicts) else (FAIL if ended else PENDING)
    if verdicts and not all(verdicts):
        return FAIL
    return (PASS if verdicts else FAIL) if complete else (FAIL if ended else PENDING)


def _within(row: dict, limit: dict | None) -> bool:
    return not limit or all(row.get(k) is not None and row[k] <= v for k, v in limit.items())


def _row_at(rows: list, at: dict) -> dict | None:
    (key, value), = at.items()
    return next((r for r in rows if r.get(key) == value), None)


def _uses_series(node) -> bool:
    if isinstance(node, dict):
        return "series" in node or any(_uses_series(v) for v in node.values())
    return isinstance(node, list) and any(_uses_series(v) for v in node)


def _holds(check: dict, row, ctx) -> bool:
    left = value_of(check["metric"], row, ctx)
    op = check["op"]
    if op == "between":
        lo, hi = check["value"]
        return _all(left, lambda v: lo <= _number(v) <= hi)
    right = value_of(check["value"], row, ctx)
    tol = check.get("tol", 0)
    return _compare(left, right, op, tol)


def _compare(left, right, op: str, tol: float) -> bool:
    if isinstance(left, list):
        if not left:
            raise Missing("an empty list")
        rights = right if isinstance(right, list) else [right] * len(left)
        if len(rights) != len(left):
            raise Missing("lists of different lengths")
        return all(_compare(a, b, op, tol) for a, b in zip(left, rights))
    if isinstance(left, bool) or isinstance(right, bool) or isinstance(left, str):
        return op == "==" and left == right
    a, b = _number(left), _number(right)
    return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b, "==": abs(a - b) <= tol}[op]


def _all(value, test) -> bool:
    if isinstance(value, list):
        if not value:
            raise Missing("an empty list")
        return all(_all(v, test) for v in value)
    return test(value)


def value_of(expr, row, ctx):
    """An expression's value on one row: a number, a bool, or a (nested) list of them."""
    if isinstance(expr, (bool, int, float)) or (isinstance(expr, list)):
        return expr
    if isinstance(expr, str):
        return path(row, expr)
    if "metric" in expr:
        return _select(expr, ctx)
    (name, arg), = expr.items()
    if name == "series":
        return _series(arg, ctx)
    if name in ("ratio", "diff", "dist"):
        a, b = (value_of(e, row, ctx) for e in arg)
        return _dist(a, b) if name == "dist" else _zip(a, b, _ratio if name == "ratio" else lambda x, y: x - y)
    value = value_of(arg, row, ctx)
    if name == "abs":
        return _map(value, abs)
    if name == "step_lengths":
        return _step_lengths(value)
    return _reduce(name, value)


def path(node, text: str):
    """Walk "a.b.0.*.c" (keys, indices, negative indices, "*" for every element, "i:j" slices)."""
    return _walk(node, text.split(".") if text else [])


def _walk(node, parts: list):
    if not parts:
        if node is None:
            raise Missing("null")
        return node
    head, rest = parts[0], parts[1:]
    if isinstance(node, list) and (head == "*" or ":" in head):
        items = node if head == "*" else node[slice(*(int(p) if p else None for p in head.split(":")))]
        return [_walk(x, rest) for x in items]
    if isinstance(node, list):
        try:
            return _walk(node[int(head)], rest)
        except (ValueError, IndexError):
            raise Missing(head) from None
    if isinstance(node, dict) and head in node:
        return _walk(node[head], rest)
    raise Missing(head)


def _select(expr: dict, ctx: dict):
    """{"metric", "at"?, "preset"?, "source"?}: a value from one row of this or another record."""
    record = ctx["records"].get(expr["preset"]) if "preset" in expr else ctx["record"]
    if record is None:
        raise Undecided(f"no run of {expr['preset']} yet")
    source = expr.get("source", ctx["source"])
    data = record.get(source)
    if data is None:
        raise Undecided(source)
    inner = {**ctx, "record": record, "source": source, "rows": data if source in SERIES else [data]}
    if source not in SERIES:
        return value_of(expr["metric"], data, inner)
    at = expr.get("at", "last")
    if at == "last":
        if record.get("status") != "done":
            raise Undecided("the run has not finished")
        row = data[-1] if data else None
    else:
        row = _row_at(data, at)
    if row is None:
        raise Undecided(f"no row {at}")
    try:
        return value_of(expr["metric"], row, inner)
    except Missing:
        raise Undecided(expr["metric"]) from None


def _series(expr, ctx) -> list:
    out = []
    for row in ctx["rows"]:
        try:
            out.append(value_of(expr, row, ctx))
        except Missing:
            continue
    return out


def _number(v) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        raise Missing(f"not a finite number: {v!r}")
    return float(v)


def _ratio(a, b):
    if _number(b) == 0:
        raise Missing("division by zero")
    return _number(a) / _number(b)


def _zip(a, b, f):
    """f elementwise over nested lists; a number pairs with every element of a list."""
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            raise Missing("lists of different lengths")
        return [_zip(x, y, f) for x, y in zip(a, b)]
    if isinstance(a, list):
        return [_zip(x, b, f) for x in a]
    if isinstance(b, list):
        return [_zip(a, y, f) for y in b]
    return f(_number(a), _number(b))


def _map(value, f):
    return [_map(v, f) for v in value] if isinstance(value, list) else f(_number(value))


def _is_point(v) -> bool:
    return isinstance(v, list) and all(not isinstance(x, list) for x in v)


def _dist(a, b):
    """Euclidean distance of points; a list of points against one point or as many points."""
    if _is_point(a) and _is_point(b):
        if len(a) != len(b) or not a:
            raise Missing("points of different sizes")
        return math.sqrt(sum((_number(x) - _number(y)) ** 2 for x, y in zip(a, b)))
    if isinstance(a, list) and not _is_point(a):
        bs = b if isinstance(b, list) and not _is_point(b) else [b] * len(a)
        if len(bs) != len(a):
            raise Missing("lists of different lengths")
        return [_dist(x, y) for x, y in zip(a, bs)]
    raise Missing("dist needs points")


def _step_lengths(points) -> list:
    if not isinstance(points, list) or not points:
        raise Missing("step_lengths needs points")
    if not _is_point(points[0]):
        return [_step_lengths(p) for p in points]
    return [_dist(p, q) for p, q in zip(points, points[1:])]


def _reduce(name: str, value):
    if not isinstance(value, list):
        raise Missing(f"{name} needs a list")
    if value and isinstance(value[0], list):
        return [_reduce(name, v) for v in value]
    xs = [_number(v) for v in value]
    if name == "count":
        return len(xs)
    if not xs:
        raise Missing(f"{name} of nothing")
    pairs = list(zip(xs, xs[1:]))
    return {"max": lambda: max(xs), "min": lambda: min(xs), "spread": lambda: max(xs) - min(xs),
            "rises": lambda: sum(b > a for a, b in pairs), "falls": lambda: sum(b < a for a, b in pairs),
            "sign_changes": lambda: sum(a * b < 0 for a, b in pairs)}[name]()


def expression_problems(expr, where: str) -> list[str]:
    """What is wrong with an expression's form (unknown operators, bad arguments); [] if fine."""
    if isinstance(expr, (bool, int, float, str)):
        return []
    if isinstance(expr, list):
        return [] if all(isinstance(v, (int, float, list)) for v in expr) else [f"{where}: bad literal {expr!r}"]
    if not isinstance(expr, dict):
        return [f"{where}: {expr!r} is not an expression"]
    if "metric" in expr:
        extra = set(expr) - {"metric", "at", "preset", "source"}
        return [f"{where}: unknown keys {sorted(extra)}"] * bool(extra) + expression_problems(expr["metric"], where)
    if len(expr) != 1 or next(iter(expr)) not in OPERATORS:
        return [f"{where}: unknown operator in {expr!r}"]
    (name, arg), = expr.items()
    if name in ("ratio", "diff", "dist"):
        if not isinstance(arg, list) or len(arg) != 2:
            return [f"{where}: {name} takes two expressions"]
        return [p for a in arg for p in expression_problems(a, where)]
    return expression_problems(arg, where)
