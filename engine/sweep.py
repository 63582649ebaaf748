"""A sweep: one or two settings varied over a grid, the rest of the config held fixed.

    grid = expand(config, [{"field": "lr", "min": 0.01, "max": 1, "points": 5},
                           {"field": "optimizer", "values": ["sgd", "adam"]}], epochs=3)
    grid.shape            # (5, 2)
    grid.cells[3].config  # the base config with lr = 0.1 and optimizer = "adam", 3 epochs

An axis names its field and lists its values, or (the learning rate only) spans a log range
of `points` values min·(max/min)^(i/(points−1)): a learning rate worth trying 10× larger is
as far along the axis as one 10× smaller. Fields: lr, optimizer, batch_size, init,
activation, hidden (the width of every hidden layer), seed. A grid has at most MAX_CELLS
cells and each cell trains `epochs` ≤ MAX_EPOCHS epochs: sweeps are many short runs.

Everything wrong is a ParameterError naming the sweep's field (`axes.0.max`,
`axes.1.values.2`, `axes`, `epochs`) and nothing is expanded. Limits that belong to the
server (the largest learning rate, batch or width it allows) are its own to check, cell by cell.
"""
from __future__ import annotations

import copy
import itertools
import math
from dataclasses import dataclass

from . import activations, initializers, optimizers
from .errors import ParameterError

MAX_CELLS = 100
MAX_EPOCHS = 20
MAX_AXES = 2
NAMES = {"optimizer": lambda: [*optimizers.OPTIMIZERS, *optimizers.PRESETS],
         "activation": lambda: list(activations.HIDDEN),
         "init": lambda: [*initializers.INITIALIZERS, *initializers.ALIASES]}
INTEGERS = {"batch_size": 1, "hidden": 1, "seed": 0}   # field -> smallest value
FIELDS = ("lr", *NAMES, *INTEGERS)


@dataclass(frozen=True)
class Axis:
    field: str
    values: tuple


@dataclass(frozen=True)
class Cell:
    index: int            # row-major position in the grid
    coords: tuple         # (i,) or (i, j): the index of each axis' value
    values: dict          # field -> value
    config: dict          # the full training config of this cell


@dataclass(frozen=True)
class Grid:
    axes: tuple
    cells: tuple
    epochs: int

    @property
    def shape(self) -> tuple:
        return tuple(len(a.values) for a in self.axes)


def log_range(lo: float, hi: float, points: int) -> list[float]:
    """`points` values from lo to hi, evenly spaced in log(value)."""
    if points == 1:
        return [float(lo)]
    ratio = math.log(hi / lo)
    inner = [float(f"{lo * math.exp(ratio * i / (points - 1)):.12g}") for i in range(1, points - 1)]
    return [float(lo), *inner, float(hi)]   # the ends exactly as given: rounding must not pass a limit


def expand(config: dict, axes, epochs: int) -> Grid:
    """The grid of cells over `axes` (1 or 2 of them) around `config`, each trained `epochs` epochs."""
    epochs = _epochs(epochs)
    if not isinstance(axes, (list, tuple)) or not 1 <= len(axes) <= MAX_AXES:
        raise ParameterError("axes", f"a sweep varies one or two settings: give 1 or 2 axes, got "
                                     f"{len(axes) if isinstance(axes, (list, tuple)) else repr(axes)}")
    parsed = [axis(spec, f"axes.{i}") for i, spec in enumerate(axes)]
    if len(parsed) == 2 and parsed[0].field == parsed[1].field:
        raise ParameterError("axes.1.field", f"both axes vary {parsed[0].field!r}; choose two different settings")
    n = math.prod(len(a.values) for a in parsed)
    if n > MAX_CELLS:
        sizes = " × ".join(str(len(a.values)) for a in parsed)
        raise ParameterError("axes", f"{sizes} = {n} cells is past the limit of {MAX_CELLS} "
                                     "cells a sweep; take fewer values")
    base = with_epochs(config, epochs)
    if any(a.field == "hidden" for a in parsed) and len(base.get("layers") or [0, 0, 0]) < 3:
        where = next(i for i, a in enumerate(parsed) if a.field == "hidden")
        raise ParameterError(f"axes.{where}.field", "the network has no hidden layer whose width could vary")
    return Grid(tuple(parsed), tuple(_cells(base, parsed)), epochs)


def axis(spec, where: str = "axis") -> Axis:
    """One axis from its description; ParameterError naming `where`.<key> if it is wrong."""
    if not isinstance(spec, dict):
        raise ParameterError(where, 'an axis is an object: {"field": ..., "values": [...]} '
                                    '(or, for lr, "min", "max" and "points")')
    field = spec.get("field")
    if field not in FIELDS:
        raise ParameterError(f"{where}.field", f"unknown sweep field {field!r}; choose one of {list(FIELDS)}")
    extra = sorted(set(spec) - {"field", "values", "min", "max", "points"})
    if extra:
        raise ParameterError(f"{where}.{extra[0]}", f"an axis has no setting {extra[0]!r}")
    if "values" in spec:
        if {"min", "max", "points"} & set(spec):
            raise ParameterError(f"{where}.values", "give either values or min, max and points, not both")
        return Axis(field, tuple(_values(field, spec["values"], f"{where}.values")))
    if field != "lr":
        raise ParameterError(f"{where}.values", f"list the {field} values to try")
    return Axis(field, tuple(_lr_range(spec, where)))


def with_epochs(config: dict, epochs: int) -> dict:
    """A deep copy of `config` trained `epochs` epochs; a cosine schedule whose T_max was the
    config's own epochs anneals over the sweep's (without T_max it follows the epochs anyway)."""
    base = copy.deepcopy(config)
    params = base.get("schedule_params") or {}
    if base.get("schedule") == "cosine" and params.get("T_max") is not None and params["T_max"] == base.get("epochs"):
        base["schedule_params"] = {**params, "T_max": epochs}
    base["epochs"] = epochs
    return base


def apply(config: dict, field: str, value) -> dict:
    """`config` (changed in place and returned) with one sweep field set to `value`."""
    if field == "hidden":
        layers = list(config["layers"])
        config["layers"] = [layers[0], *([value] * (len(layers) - 2)), layers[-1]]
    elif field == "optimizer":
        if value != config.get("optimizer"):   # the base's arguments belong to its own optimizer
            config["optimizer_params"] = {}
        config["optimizer"] = value
    else:
        config[field] = value
    return config


def _cells(base: dict, axes: list[Axis]) -> list[Cell]:
    """Row-major: the last axis varies fastest."""
    cells = []
    for index, coords in enumerate(itertools.product(*(range(len(a.values)) for a in axes))):
        values = {a.field: a.values[k] for a, k in zip(axes, coords)}
        config = copy.deepcopy(base)
        for field, value in values.items():
            apply(config, field, value)
        cells.append(Cell(index, coords, values, config))
    return cells


def _epochs(epochs) -> int:
    if isinstance(epochs, bool) or not isinstance(epochs, int) or not 1 <= epochs <= MAX_EPOCHS:
        raise ParameterError("epochs", f"a sweep trains each cell 1–{MAX_EPOCHS} epochs, got {epochs!r}")
    return epochs


def _finite(value, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ParameterError(field, f"must be a number, got {value!r}")
    if not math.isfinite(value):
        raise ParameterError(field, "must be a finite number (NaN and Infinity are not allowed)")
    return float(value)


def _lr_range(spec: dict, where: str) -> list[float]:
    for key in ("min", "max", "points"):
        if key not in spec:
            raise ParameterError(f"{where}.{key}", f"a learning-rate range needs min, max and points; {key} is missing")
    lo, hi = _finite(spec["min"], f"{where}.min"), _finite(spec["max"], f"{where}.max")
    if lo <= 0:
        raise ParameterError(f"{where}.min", f"a learning rate must be greater than 0, got {lo:g}")
    if hi < lo:
        raise ParameterError(f"{where}.max", f"max ({hi:g}) must be at least min ({lo:g})")
    points = spec["points"]
    if isinstance(points, bool) or not isinstance(points, int) or not 1 <= points <= MAX_CELLS:
        raise ParameterError(f"{where}.points", f"points must be a whole number 1–{MAX_CELLS}, got {points!r}")
    if points > 1 and hi == lo:
        raise ParameterError(f"{where}.max", f"{points} points need max greater than min")
    return log_range(lo, hi, points)


def _values(field: str, values, where: str) -> list:
    if not isinstance(values, (list, tuple)) or not 1 <= len(values) <= MAX_CELLS:
        raise ParameterError(where, f"give 1–{MAX_CELLS} {field} values as a list")
    out = []
    for i, value in enumerate(values):
        v = _value(field, value, f"{where}.{i}")
        if v in out:
            raise ParameterError(f"{where}.{i}", f"{value!r} is already on this axis")
        out.append(v)
    return out


def _value(field: str, value, where: str):
    if field == "lr":
        lr = _finite(value, where)
        if lr <= 0:
            raise ParameterError(where, f"a learning rate must be greater than 0, got {lr:g}")
        return lr
    if field in NAMES:
        choices = NAMES[field]()
        if value not in choices:
            raise ParameterError(where, f"unknown {field} {value!r}; choose one of {choices}")
        return value
    if isinstance(value, float) and not math.isfinite(value):
        raise ParameterError(where, "must be a finite number (NaN and Infinity are not allowed)")
    lowest = INTEGERS[field]
    if isinstance(value, bool) or not isinstance(value, int) or value < lowest:
        raise ParameterError(where, f"{field} values are whole numbers ≥ {lowest}, got {value!r}")
    return value
