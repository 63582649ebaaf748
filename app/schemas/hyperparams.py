"""Optimizer and schedule hyperparameters a client sends, held to the ranges /api/options
advertises: the engine's HYPERPARAMS tables are the one source for both.

`check_params("optimizer", "adam", {...}, "optimizer_params")` raises ConfigError naming the
field (`optimizer_params.betas.1`) for a parameter that is not advertised, of the wrong type
(`"0.9"`, `true` for a number) or outside [min, max]; `check_lr` holds a learning rate to the
optimizer's own range. `json_schema` describes the same rules to OpenAPI.
"""
from __future__ import annotations

import inspect
import math

from engine import optimizers, schedules

from .errors import ConfigError

TABLES = {"optimizer": optimizers.HYPERPARAMS, "schedule": schedules.HYPERPARAMS}


def base_name(kind: str, name: str) -> str:
    """An optimizer preset's optimizer (momentum → sgd); other names as they are."""
    return optimizers.PRESETS[name][0] if kind == "optimizer" and name in optimizers.PRESETS else name


def check_params(kind: str, name: str, params: dict, prefix: str) -> None:
    """Every parameter advertised for `name`, of its type, within its range; else ConfigError."""
    spec = TABLES[kind].get(base_name(kind, name))
    if spec is None:
        return   # an unknown name is reported by the name's own check
    allowed = [k for k in spec if k != "lr"]
    for key, value in params.items():
        field = f"{prefix}.{key}" if prefix else key
        if key not in allowed:
            where = " (the learning rate is the top-level lr)" if key == "lr" else ""
            raise ConfigError(f"{field}: the {name} {kind} takes {allowed}, not {key!r}{where}", field)
        check_value(spec[key], value, field)


def check_lr(optimizer: str, lr: float, field: str = "lr") -> None:
    """A learning rate within the optimizer's advertised range."""
    spec = optimizers.HYPERPARAMS.get(base_name("optimizer", optimizer), {}).get("lr")
    if spec is not None:
        check_value(spec, lr, field)


def check_value(spec: dict, value, field: str) -> None:
    """One value against its description {type, min, max}."""
    kind = spec["type"]
    if kind == "bool":
        if not isinstance(value, bool):
            raise ConfigError(f"{field}: must be true or false, got {value!r}"[:200], field)
        return
    if kind == "pair":
        if not isinstance(value, list) or len(value) != 2:
            raise ConfigError(f"{field}: must be a list of two numbers, got {value!r}"[:200], field)
        for i, v in enumerate(value):
            check_value({**spec, "type": "float"}, v, f"{field}.{i}")
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ConfigError(f"{field}: must be a finite number, got {value!r}"[:200], field)
    if kind == "int" and value != int(value):
        raise ConfigError(f"{field}: must be a whole number, got {value!r}", field)
    lo, hi = spec["min"], spec["max"]
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise ConfigError(f"{field}: must lie in [{lo:g}, {hi:g}], got {value!r}", field)


def required(kind: str, name: str) -> list[str]:
    """The parameters a client must send for `name`: those without a default in the engine's
    signature, but a cosine's T_max (schedules.for_run takes the run's epochs)."""
    cls = schedules.SCHEDULES[name] if kind == "schedule" else optimizers.OPTIMIZERS[base_name(kind, name)]
    filled = {"T_max"} if (kind, name) == ("schedule", "cosine") else set()
    return [p.name for p in inspect.signature(cls).parameters.values()
            if p.default is p.empty and p.name not in ("lr", "base_lr", *filled)]


def json_schema(spec: dict) -> dict:
    """One parameter's JSON Schema (the same rules check_value applies)."""
    kind = spec["type"]
    if kind == "bool":
        return {"type": "boolean"}
    number = {"type": "integer" if kind == "int" else "number"}
    if spec["min"] is not None:
        number["minimum"] = spec["min"]
    if spec["max"] is not None:
        number["maximum"] = spec["max"]
    if kind == "pair":
        return {"type": "array", "items": {**number, "type": "number"}, "minItems": 2, "maxItems": 2}
    return number
