"""Optimizer races on toy functions: every optimizer starts at the same point and takes N steps.

Each racer is an engine optimizer stepping a single parameter vector (the ball's position)
with the function's analytic gradient, so a race shows exactly what training does with
that optimizer. Divergence (a non-finite number, or the ball flying far out of the view)
ends that racer's path with a flag; the others go on.
"""
from __future__ import annotations

import math

import numpy as np

from .. import optimizers as engine_optimizers
from ..errors import ParameterError
from .functions import ToyFunction, get

MAX_STEPS = 10_000
ESCAPE = 10.0   # a ball farther than this many view sizes from the view's centre has diverged


def race(function: str | ToyFunction, start=None, steps: int | None = None,
         optimizers: list[dict] = ()) -> dict:
    """Race optimizer specs {"name", "lr", "label"?, "start"?, ...torch kwargs} on a toy function.

    A racer's own "start" replaces the common one (where you start decides where you end).
    Returns {"function", "start", "steps", "paths": [{"label", "name", "start", "points" (m, d),
    "values" (m,), "grads" (m, d), "state": {buffer: (m, d)}, "diverged", "diverged_at"}]},
    where m ≤ steps + 1 counts the start; state row i is the optimizer's buffer after the
    step that reached point i (zeros at the start).
    """
    fn = get(function) if isinstance(function, str) else function
    if not optimizers:
        raise ParameterError("optimizers", "a race needs at least one optimizer")
    start = _check_start(fn, fn.start if start is None else start)
    steps = _check_steps(fn.steps if steps is None else steps)
    paths = [_run(fn, start, steps, dict(spec), f"optimizers.{i}") for i, spec in enumerate(optimizers)]
    return {"function": fn.name, "start": start.tolist(), "steps": steps, "paths": paths}


def _run(fn: ToyFunction, start: np.ndarray, steps: int, spec: dict, field: str) -> dict:
    """One racer's path as plain lists (JSON-ready)."""
    name = spec.pop("name", None)
    if not isinstance(name, str):
        raise ParameterError("optimizers", "each optimizer needs a \"name\"")
    label = str(spec.pop("label", name))
    own = spec.pop("start", None)
    pos = (start if own is None else _check_start(fn, own, f"{field}.start")).copy()
    opt = engine_optimizers.create(name, **spec)
    grad = np.array(fn.grad(*pos), dtype=np.float64)
    points, values, grads = [pos.tolist()], [float(fn.f(*pos))], [grad.tolist()]
    state: dict[str, list] = {}
    diverged_at = None
    for step in range(1, steps + 1):
        opt.step([pos], [grad])
        grad = np.array(fn.grad(*pos), dtype=np.float64)
        value = float(fn.f(*pos))
        if _diverged(fn, pos, grad, value):
            diverged_at = step
            break
        points.append(pos.tolist())
        values.append(value)
        grads.append(grad.tolist())
        _record_state(state, opt.state.get(0, {}), len(points), fn.dim)
    return {"label": label, "name": name, "config": opt.config, "start": points[0], "points": points,
            "values": values, "grads": grads, "state": state,
            "diverged": diverged_at is not None, "diverged_at": diverged_at}


def _record_state(state: dict, buffers: dict, length: int, dim: int) -> None:
    """Append each buffer's current value; pad earlier rows with zeros for buffers new now."""
    for key, buf in buffers.items():
        if not isinstance(buf, np.ndarray):
            continue
        rows = state.setdefault(key, [[0.0] * dim for _ in range(length - 1)])
        rows.append([float(v) for v in buf])


def _diverged(fn: ToyFunction, pos: np.ndarray, grad: np.ndarray, value: float) -> bool:
    if not (math.isfinite(value) and np.isfinite(pos).all() and np.isfinite(grad).all()):
        return True
    view = np.asarray(fn.view, dtype=np.float64).reshape(-1, 2)
    centre, size = view.mean(axis=1), view[:, 1] - view[:, 0]
    return bool(np.any(np.abs(pos - centre) > ESCAPE * size))


def _check_start(fn: ToyFunction, start, field: str = "start") -> np.ndarray:
    try:
        point = np.array(start, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        raise ParameterError(field, f"{field} must be {fn.dim} numbers, got {start!r}") from None
    if point.shape != (fn.dim,) or not np.isfinite(point).all():
        raise ParameterError(field, f"{field} must be {fn.dim} finite numbers for {fn.name}, got {start!r}")
    return point


def _check_steps(steps) -> int:
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or not 1 <= steps <= MAX_STEPS:
        raise ParameterError("steps", f"steps must be an integer from 1 to {MAX_STEPS}, got {steps!r}")
    return int(steps)
