"""Bodies of the Backprop panel's endpoints, validated at the edge with field paths.

`parse(raw, model, datasets)` returns a validated request or raises `ConfigError(message,
field)`, `field` being the dotted path of the offending value (`example.x.1`, `layers.0`,
`params.W1`, `optimizer_params.momentum`), so the page can point at it. The checks that need
the network built (parameter and buffer shapes) live in app/backprop.py and name fields the
same way.
"""
from __future__ import annotations

import math
from typing import Literal, Union

from pydantic import BaseModel, ConfigDict, Field

from engine import build
from engine.errors import ParameterError

from .train import MAX_DEPTH, ConfigError, LearningRate, NetworkSpec, check_model_names, validate_object

MAX_UNITS = 40            # every layer's width added up, inputs and outputs included
MAX_WEIGHT_NODES = 48     # up to this many weights, each is a node of the drawn graph
MAX_STEPS = 5_000         # updates one /train call makes
MAX_VALUE = 1e6           # |x|, |target|, |parameter| a client may send
MAX_GRADCHECK_PARAMS = 20_000   # 784-16-16-10 (13,002) fits: about a second in float64
MAX_GRADCHECK_EXAMPLES = 8

LIMITS = {"backprop_units": MAX_UNITS, "backprop_weight_nodes": MAX_WEIGHT_NODES,
          "backprop_steps": [1, MAX_STEPS], "backprop_value": MAX_VALUE,
          "gradcheck_params": MAX_GRADCHECK_PARAMS, "gradcheck_examples": [1, MAX_GRADCHECK_EXAMPLES]}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, strict=True)


class Example(_Strict):
    """One example: `index` into the dataset, or typed `x` with a `label` or a `target` row."""
    index: int | None = Field(None, ge=0)
    x: list[float] | None = None
    label: int | None = Field(None, ge=0)
    target: list[float] | None = None


class OptimizerState(_Strict):
    """What an earlier answer's `next.optimizer_state` said: the step count and, per parameter
    name, its buffers (torch's names) shaped like the parameter."""
    step: int = Field(ge=0, le=10**9)
    buffers: dict[str, dict[str, list]] = Field(default_factory=dict)


class TraceRequest(NetworkSpec):
    """A tiny network (the training config's names and ranges; XOR 2-4-1 unless said) and one example."""
    dataset: str = "xor"
    layers: list[int] = Field(default_factory=lambda: [2, 4, 1], min_length=2, max_length=MAX_DEPTH + 1)
    activation: Union[str, list[str]] = "tanh"
    output: str = "sigmoid"
    loss: str = "binary_cross_entropy"
    lr: LearningRate = 1.0
    params: dict[str, list] | None = Field(None, description="current W1, b1, …; none: initialise from init and seed")
    optimizer_state: OptimizerState | None = None
    example: Example = Field(default_factory=lambda: Example(index=0))
    detail: Literal["auto", "weights", "units"] = "auto"

    @property
    def n_weights(self) -> int:
        return sum(a * b for a, b in zip(self.layers[:-1], self.layers[1:]))


class TrainRequest(TraceRequest):
    steps: int = Field(100, ge=1, le=MAX_STEPS)
    batch: Literal["all", "example"] = Field(
        "all", description="all: each update on the mean gradient of every example; "
                           "example: one example per update, in order from example.index")


class GradcheckRequest(_Strict):
    config: dict = Field(description="a training config, as in the WebSocket `start` message")
    examples: int = Field(4, ge=1, le=MAX_GRADCHECK_EXAMPLES)


def parse(raw, model: type[_Strict], datasets: dict[str, dict]):
    """Validate a raw JSON body as `model`; for trace/train bodies also names and sizes."""
    body = validate_object(raw, model, None)
    if isinstance(body, TraceRequest):
        data = _dataset(body, datasets)
        _check_names(body)
        _check_sizes(body, data)
        _check_engine_args(body)
        _check_example(body, data)
        _check_magnitudes(body)
    return body


def check_gradcheck_size(config) -> None:
    """A validated training config whose network is small enough to check entry by entry."""
    if config.n_params > MAX_GRADCHECK_PARAMS:
        raise ConfigError(f"layers: {config.n_params:,} parameters is too many to check one by one "
                          f"(at most {MAX_GRADCHECK_PARAMS:,}, two forward passes each); use fewer "
                          "or narrower layers", "layers")


def _dataset(body: TraceRequest, datasets: dict) -> dict:
    toys = {name: d for name, d in datasets.items() if d["kind"] == "toy"}
    if body.dataset not in toys:
        raise ConfigError(f"dataset: {body.dataset!r} is not a toy dataset; the backprop view "
                          f"draws networks of at most {MAX_UNITS} units: choose one of {sorted(toys)}", "dataset")
    return toys[body.dataset]


def _check_names(b: TraceRequest) -> None:
    check_model_names(b)


def _check_sizes(b: TraceRequest, data: dict) -> None:
    for i, width in enumerate(b.layers):
        if width < 1:
            raise ConfigError(f"layers.{i}: a layer needs at least one unit, got {width}", f"layers.{i}")
    if sum(b.layers) > MAX_UNITS:
        raise ConfigError(f"layers: {sum(b.layers)} units in all; the backprop view draws at most "
                          f"{MAX_UNITS} (inputs and outputs included)", "layers")
    if b.layers[0] != data["n_in"]:
        raise ConfigError(f"layers.0: the {b.dataset} inputs have {data['n_in']} values, so the "
                          f"first layer must be {data['n_in']}", "layers.0")
    last, k = len(b.layers) - 1, data["n_out"]
    allowed = (k, 1) if k == 2 else (k,)
    if b.layers[-1] not in allowed:
        either = f"{k} (or 1: one unit whose target is the label)" if k == 2 else str(k)
        raise ConfigError(f"layers.{last}: {b.dataset} has {k} classes, so the last layer must be "
                          f"{either}", f"layers.{last}")
    if b.layers[-1] == 1 and b.output == "softmax":
        raise ConfigError("output: softmax over one unit is always 1; use sigmoid (with "
                          "binary_cross_entropy or sse) or two output units", "output")
    if b.detail == "weights" and b.n_weights > MAX_WEIGHT_NODES:
        raise ConfigError(f"detail: {b.n_weights} weights are too many to draw one by one (at most "
                          f"{MAX_WEIGHT_NODES}); use \"units\" or \"auto\"", "detail")


def _check_engine_args(b: TraceRequest) -> None:
    """Let the engine judge the loss/output pair and the optimizer's arguments (its error names the field)."""
    try:
        build.check({"layers": b.layers, "activation": b.activation, "output": b.output, "loss": b.loss,
                     "optimizer": b.optimizer, "optimizer_params": b.optimizer_params, "lr": b.lr})
    except ParameterError as err:
        raise ConfigError(f"{err.field}: {err}", err.field) from None


def _check_example(b: TraceRequest, data: dict) -> None:
    e, k = b.example, b.layers[-1]
    if (e.index is None) == (e.x is None):
        raise ConfigError('example: send either "index" (an example of the dataset) or "x" '
                          '(typed values, with "label" or "target")', "example")
    if e.index is not None:
        if e.label is not None or e.target is not None:
            raise ConfigError('example: an example of the dataset brings its own label; send '
                              '"label" or "target" only with "x"', "example")
        if e.index >= data["n_train"]:
            raise ConfigError(f"example.index: {b.dataset} has {data['n_train']} training examples "
                              f"(0–{data['n_train'] - 1}), got {e.index}", "example.index")
        return
    if len(e.x) != data["n_in"]:
        raise ConfigError(f"example.x: {b.dataset} examples have {data['n_in']} values, got {len(e.x)}",
                          "example.x")
    if (e.label is None) == (e.target is None):
        raise ConfigError('example: with "x", send exactly one of "label" (a class) or "target" '
                          f'({numbers(k)})', "example")
    if e.label is not None:
        if e.label >= data["n_out"]:
            raise ConfigError(f"example.label: {b.dataset} has classes 0–{data['n_out'] - 1}, "
                              f"got {e.label}", "example.label")
        return
    _check_target(e.target, k, b.loss)


def _check_target(target: list[float], k: int, loss: str) -> None:
    if len(target) != k:
        raise ConfigError(f"example.target: one number per output: the network has "
                          f"{numbers(k, 'output')}, got {numbers(len(target))}", "example.target")
    if loss in ("cross_entropy", "kl_divergence"):
        if min(target) < 0 or abs(sum(target) - 1) > 1e-6:
            raise ConfigError(f"example.target: {loss} compares probabilities: the target must be "
                              "numbers >= 0 adding up to 1", "example.target")
    elif loss == "binary_cross_entropy":
        for i, v in enumerate(target):
            if not 0 <= v <= 1:
                raise ConfigError(f"example.target.{i}: binary_cross_entropy targets lie in 0..1, "
                                  f"got {v}", f"example.target.{i}")


def numbers(n: int, what: str = "number") -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def _check_magnitudes(b: TraceRequest) -> None:
    for field, values in (("example.x", b.example.x), ("example.target", b.example.target)):
        for i, v in enumerate(values or []):
            if not math.isfinite(v) or abs(v) > MAX_VALUE:
                raise ConfigError(f"{field}.{i}: must lie within ±{MAX_VALUE:g}, got {v}", f"{field}.{i}")
