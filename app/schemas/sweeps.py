"""A sweep request (`sweep` message, POST /api/sweeps), validated at the edge.

`parse_sweep(raw, datasets)` expands the grid with engine.sweep and checks the base config
and every cell's config against the server's limits; every problem is a ConfigError about
"sweep" whose field names what to change: `axes.0.max`, `axes.1.values.2`, `axes`, `epochs`,
or a field of the config (named as in `start` errors, without `config.`). Nothing starts
unless the whole grid is valid.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from engine import sweep
from engine.errors import ParameterError

from .finite import finite_message, nonfinite_field
from .train import ConfigError, TrainConfig, parse_config

DEFAULT_EPOCHS = 3
KEYS = ("config", "axes", "epochs")
# Config fields an axis sets: a cell's error about one of them is that axis' value's doing.
SETS = {"lr": ("lr",), "optimizer": ("optimizer", "optimizer_params"), "batch_size": ("batch_size",),
        "init": ("init", "init_std"), "activation": ("activation", "alpha"), "hidden": ("layers", "batch_size"),
        "seed": ("seed",)}


class Axis(BaseModel):
    """One varied setting: its values, or (lr only) `points` values spread on a log scale from min to max."""
    model_config = ConfigDict(extra="forbid", strict=True)
    field: Literal[sweep.FIELDS]
    values: list | None = Field(None, min_length=1)
    min: float | None = Field(None, gt=0, allow_inf_nan=False)
    max: float | None = Field(None, gt=0, allow_inf_nan=False)
    points: int | None = Field(None, ge=1, le=sweep.MAX_CELLS)


class SweepRequest(BaseModel):
    """The body of POST /api/sweeps, for the OpenAPI document; parse_sweep checks it, naming the field."""
    model_config = ConfigDict(extra="forbid", strict=True)
    config: dict = Field(default_factory=dict, description="the training config the sweep varies (`start`'s)")
    axes: list[Axis] = Field(min_length=1, max_length=sweep.MAX_AXES)
    epochs: int = Field(DEFAULT_EPOCHS, ge=1, le=sweep.MAX_EPOCHS)


@dataclass(frozen=True)
class SweepPlan:
    grid: sweep.Grid
    configs: tuple            # a TrainConfig per cell, in the grid's order
    spec: dict                # what is kept with the sweep: base config, axes (as values), epochs

    @property
    def axes(self) -> list[dict]:
        return [{"field": a.field, "values": list(a.values)} for a in self.grid.axes]


def parse_sweep(raw, datasets: dict[str, dict]) -> SweepPlan:
    """Validate a sweep request ({config, axes, epochs}); ConfigError about "sweep" naming the field."""
    try:
        return _parse(raw, datasets)
    except ConfigError as err:
        err.about = "sweep"
        raise
    except ParameterError as err:
        raise ConfigError(f"{err.field}: {err}", err.field, "sweep") from None


def _parse(raw, datasets) -> SweepPlan:
    if not isinstance(raw, dict):
        raise ConfigError("a sweep is a JSON object with config, axes and epochs", None)
    unknown = [k for k in raw if k not in KEYS and k != "type"]
    if unknown:
        raise ConfigError(f"{unknown[0]}: a sweep has no setting {unknown[0]!r}; it has {list(KEYS)}", unknown[0])
    bad = nonfinite_field({k: raw[k] for k in KEYS if k in raw})
    if bad is not None:
        field = bad.removeprefix("config.")
        raise ConfigError(finite_message(field), field)
    config = raw.get("config", {})
    if not isinstance(config, dict):
        raise ConfigError("config: must be a JSON object (the training config the sweep varies)", "config")
    grid = sweep.expand(config, raw.get("axes"), raw.get("epochs", DEFAULT_EPOCHS))
    parse_config(sweep.with_epochs(config, grid.epochs), datasets)   # the base: its errors name its fields
    configs = tuple(_cell_config(cell, grid, raw["axes"], datasets) for cell in grid.cells)
    spec = {"config": config, "axes": [{"field": a.field, "values": list(a.values)} for a in grid.axes],
            "epochs": grid.epochs}
    return SweepPlan(grid, configs, spec)


def _cell_config(cell, grid, raw_axes: list, datasets) -> TrainConfig:
    try:
        return parse_config(cell.config, datasets)
    except ConfigError as err:
        head = (err.field or "").split(".")[0]
        for k, axis in enumerate(grid.axes):
            if head in SETS[axis.field]:
                field = _value_field(k, cell.coords[k], len(axis.values), raw_axes[k])
                value = cell.values[axis.field]
                raise ConfigError(f"{field}: {axis.field} {value!r} does not fit: {_reason(err)}", field) from None
        raise


def _value_field(k: int, index: int, count: int, raw_axis: dict) -> str:
    """Where the client said this value: a listed value, or the end of an lr range it comes from."""
    if "values" in raw_axis:
        return f"axes.{k}.values.{index}"
    return f"axes.{k}.max" if index == count - 1 else f"axes.{k}.min"


def _reason(err: ConfigError) -> str:
    """The config error's message without its leading field name."""
    prefix = f"{err.field}: "
    return err.message[len(prefix):] if err.field and err.message.startswith(prefix) else err.message
