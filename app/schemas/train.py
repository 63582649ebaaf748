"""The training config a client sends with `start`, validated at the edge.

`parse_config(raw)` returns a `TrainConfig` or raises `ConfigError(message, field)` where
`field` is the dotted path of the offending value, so the page can point at it.
"""
from __future__ import annotations

import math
from typing import Annotated, Union

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, ValidationError
from pydantic_core import PydanticCustomError

from engine import activations, build, initializers, losses, optimizers, schedules
from engine.errors import ParameterError
from engine.network import Network

from . import hyperparams
from .errors import ConfigError
from .finite import finite_message, nonfinite_field

MAX_WIDTH, MAX_DEPTH, MAX_PARAMS = 1024, 8, 2_000_000
MAX_LR, MAX_EPOCHS, MAX_BATCH = 10.0, 500, 60_000
MAX_SNAPSHOT_EVERY = 1_000_000
MEMORY_BUDGET = 1 << 30   # bytes one session may use for weights, optimizer state and activations

LIMITS = {"width": [1, MAX_WIDTH], "depth": [1, MAX_DEPTH], "params": MAX_PARAMS,
          "lr": [0, MAX_LR], "epochs": [1, MAX_EPOCHS], "batch_size": [1, MAX_BATCH],
          "memory_bytes": MEMORY_BUDGET}


def _number(v, booleans: bool = False):
    """A finite int/float (and, for optimizer params, true/false or a list of numbers)."""
    if isinstance(v, bool):
        if booleans:
            return v
    elif isinstance(v, (int, float)):
        if math.isfinite(v):
            return v
        raise PydanticCustomError("finite_number", "must be a finite number (NaN and Infinity are not allowed)")
    elif booleans and isinstance(v, list) and v and all(
            isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) for x in v):
        return v
    want = "a finite number, true/false or a list of numbers" if booleans else "a finite number"
    raise PydanticCustomError("param_value", "must be {want}, got {got}", {"want": want, "got": repr(v)[:40]})


# One validator per value, so an error names the parameter (not a member of a Union).
OptimizerValue = Annotated[object, PlainValidator(lambda v: _number(v, booleans=True))]
ScheduleValue = Annotated[object, PlainValidator(_number)]
# Ranges shared by every request that describes a network (training configs, backprop traces).
Slope = Annotated[float | None, Field(gt=0, le=10)]
InitStd = Annotated[float | None, Field(gt=0, le=10)]
Seed = Annotated[int, Field(ge=0, le=2**32 - 1)]
LearningRate = Annotated[float, Field(gt=0, le=MAX_LR)]


class NetworkSpec(BaseModel):
    """A network and how it learns: what every request that builds one (a training config, a
    backprop trace) describes, with the same names and ranges."""
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, strict=True)

    dataset: str = "mnist"
    layers: list[int] = Field(default_factory=lambda: [784, 16, 16, 10], min_length=2,
                              max_length=MAX_DEPTH + 1)
    activation: Union[str, list[str]] = "sigmoid"
    alpha: Slope = None
    output: str = "softmax"
    loss: str = "cross_entropy"
    init: str = "xavier_normal"
    init_std: InitStd = None
    optimizer: str = "sgd"
    optimizer_params: dict[str, OptimizerValue] = Field(default_factory=dict)
    lr: LearningRate = 0.5
    seed: Seed = 0


class TrainConfig(NetworkSpec):
    schedule: str = "constant"
    schedule_params: dict[str, ScheduleValue] = Field(default_factory=dict)
    batch_size: int = Field(32, ge=1, le=MAX_BATCH)
    epochs: int = Field(5, ge=1, le=MAX_EPOCHS)
    snapshot_every: int = Field(50, ge=1, le=MAX_SNAPSHOT_EVERY)
    train_size: int | None = Field(None, ge=1, le=MAX_BATCH)

    def network(self) -> Network:
        """The untrained network this config describes (engine.build makes it)."""
        return build.network(self.model_dump())

    @property
    def n_params(self) -> int:
        return sum(a * b + b for a, b in zip(self.layers[:-1], self.layers[1:]))


def parse_config(raw, datasets: dict[str, dict]) -> TrainConfig:
    """Validate a raw config against the limits and the given dataset catalogue; every
    ConfigError it raises is about "start"."""
    try:
        return _parse_config(raw, datasets)
    except ConfigError as err:
        err.about = "start"
        raise


def validate_object(raw, model, field: str | None):
    """`raw` (a decoded JSON value) as `model`: a JSON object with finite numbers only, else a
    ConfigError naming the offending field (`field` itself when raw is no object)."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{field or 'the body'} must be a JSON object", field)
    bad = nonfinite_field(raw)
    if bad is not None:
        raise ConfigError(finite_message(bad), bad)
    try:
        return model.model_validate(raw)
    except ValidationError as err:
        raise validation_error(err, raw) from None


def _parse_config(raw, datasets: dict[str, dict]) -> TrainConfig:
    config = validate_object(raw, TrainConfig, "config")
    _check_names(config, datasets)
    _check_hyperparams(config)
    _check_sizes(config, datasets[config.dataset])
    _check_engine_args(config)
    return config


def validation_error(err: ValidationError, raw) -> ConfigError:
    """A pydantic error as a ConfigError whose field is a real path into `raw`: pydantic puts
    the tried Union member in the location (`activation.str`), which no client sent; of
    several errors, the one reaching deepest into the client's data wins."""
    best = max(((_real_path(e, raw), e) for e in err.errors()), key=lambda pe: len(pe[0]))
    field = ".".join(best[0]) or None
    message = best[1]["msg"]
    return ConfigError(f"{field}: {message}" if field else message, field)


def _real_path(error: dict, raw) -> list[str]:
    path, node = [], raw
    for part in error["loc"]:
        if _has(node, part):
            path.append(str(part))
            node = node[part]
        elif isinstance(part, str) and not isinstance(node, dict):
            continue                     # a Union member's tag, not the client's data
        else:
            if error["type"] in ("extra_forbidden", "missing"):
                path.append(str(part))   # the key itself is the problem
            break
    return path

def _has(node, key) -> bool:
    if isinstance(node, dict):
        return key in node
    return isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node)


def _choose(value: str, choices, field: str) -> None:
    if value not in choices:
        raise ConfigError(f"{field}: unknown {value!r}; choose one of {sorted(choices)}", field)


def _check_names(c: TrainConfig, datasets: dict) -> None:
    _choose(c.dataset, datasets, "dataset")
    check_model_names(c)
    _choose(c.schedule, schedules.SCHEDULES, "schedule")


def check_model_names(c) -> None:
    """The activations (one per hidden layer), output, loss, initializer and optimizer of a
    training config or a backprop request are names the engine knows."""
    hidden = c.activation if isinstance(c.activation, list) else [c.activation]
    for i, name in enumerate(hidden):
        _choose(name, activations.HIDDEN, f"activation.{i}" if isinstance(c.activation, list) else "activation")
    if isinstance(c.activation, list) and len(hidden) != len(c.layers) - 2:
        raise ConfigError(f"activation: {len(c.layers) - 2} hidden layers need as many "
                          f"activations, got {len(hidden)}", "activation")
    _choose(c.output, activations.OUTPUTS, "output")
    _choose(c.loss, losses.LOSSES, "loss")
    _choose(c.init, {*initializers.INITIALIZERS, *initializers.ALIASES}, "init")
    _choose(c.optimizer, {*optimizers.OPTIMIZERS, *optimizers.PRESETS}, "optimizer")


def output_widths(data: dict) -> list[int]:
    """Widths the last layer may have: one unit per class, or one unit for two classes (y > ½)."""
    return [data["n_out"], 1] if data["n_out"] == 2 else [data["n_out"]]


def _check_hyperparams(c: TrainConfig) -> None:
    """The learning rate and every optimizer and schedule parameter within the ranges
    /api/options advertises (the engine's HYPERPARAMS)."""
    hyperparams.check_lr(c.optimizer, c.lr)
    hyperparams.check_params("optimizer", c.optimizer, c.optimizer_params, "optimizer_params")
    hyperparams.check_params("schedule", c.schedule, c.schedule_params, "schedule_params")


def _check_sizes(c: TrainConfig, data: dict) -> None:
    for i, width in enumerate(c.layers):
        if not 1 <= width <= MAX_WIDTH and not (i == 0 and width == data["n_in"]):
            raise ConfigError(f"layers.{i}: width must be 1–{MAX_WIDTH}, got {width}", f"layers.{i}")
    if c.layers[0] != data["n_in"]:
        raise ConfigError(f"layers.0: the {c.dataset} inputs have {data['n_in']} values, "
                          f"so the first layer must be {data['n_in']}", "layers.0")
    last = len(c.layers) - 1
    if c.layers[-1] not in output_widths(data):
        ends = " or ".join(map(str, output_widths(data)))
        raise ConfigError(f"layers.{last}: {c.dataset} has {data['n_out']} classes, "
                          f"so the last layer must be {ends}", f"layers.{last}")
    if c.n_params > MAX_PARAMS:
        raise ConfigError(f"layers: {c.n_params:,} parameters is more than the limit of "
                          f"{MAX_PARAMS:,}", "layers")
    batch = min(c.batch_size, c.train_size or data["n_train"], data["n_train"])
    need = c.n_params * 4 * 4 + batch * sum(c.layers) * 4 * 4
    if need > MEMORY_BUDGET:
        raise ConfigError(f"batch_size: {batch} examples through these layers needs about "
                          f"{need >> 20} MB, over the {MEMORY_BUDGET >> 20} MB limit", "batch_size")


def _check_engine_args(c: TrainConfig) -> None:
    """Let the engine judge loss/output pairs and optimizer/schedule arguments; its error
    names the config field it is about."""
    try:
        build.check(c.model_dump())
    except ParameterError as err:
        raise ConfigError(f"{err.field}: {err}", err.field) from None
