"""Client -> server WebSocket messages (besides `start`'s config, see schemas/train.py)."""
from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .finite import depth, finite_message, nonfinite_field
from .requests import SurfaceSpec
from .train import MAX_LR, ConfigError, validation_error

# What each message type's problems are about (the `about` of an `error`); a frame that is
# not a message at all (not JSON, no known type, too large, binary) is about "message".
ABOUT = {"start": "start", "pause": "control", "resume": "control", "stop": "control",
         "step": "control", "set_lr": "control", "set_speed": "control", "surface": "surface",
         "probe": "probe", "sweep": "sweep", "cancel_sweep": "sweep"}
TYPES = tuple(ABOUT)


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, strict=True)
    type: str


MAX_DEPTH = 32   # our messages nest 4 deep
TOO_DEEP = f"the message is nested more than {MAX_DEPTH} levels deep"
MAX_SPEED = 1000.0   # optimizer steps a second; faster than a person can follow anyway


class Start(_Message):
    config: dict
    paused: bool = False
    speed: float | None = Field(None, gt=0, le=MAX_SPEED)   # None: as fast as possible


class Step(_Message):
    unit: Literal["batch", "epoch"] = "batch"
    config: dict | None = None


class SetLr(_Message):
    lr: float = Field(gt=0, le=MAX_LR)


class SetSpeed(_Message):
    speed: float | None = Field(gt=0, le=MAX_SPEED)   # required; null: as fast as possible


class Surface(_Message, SurfaceSpec):
    config: dict | None = None   # the untrained network of this training config, not the run's


class Probe(_Message):
    pixels: list[float] = Field(min_length=1, max_length=784)


class Sweep(_Message):
    config: dict = Field(default_factory=dict)   # the training config the sweep varies
    axes: list                                   # engine/sweep.py says what an axis is
    epochs: int = 3


MODELS = {"sweep": Sweep, "start": Start, "step": Step, "set_lr": SetLr, "set_speed": SetSpeed, "surface": Surface,
          "probe": Probe}


def parse_message(text: str) -> _Message:
    """Text frame -> a validated message; ConfigError naming the field (and what it is about) otherwise."""
    try:
        raw = json.loads(text)       # accepts NaN/Infinity, so the error can name the field
    except ValueError as err:
        raise ConfigError(f"the message is not valid JSON: {err}", about="message") from None
    except RecursionError:
        raise ConfigError(TOO_DEEP, about="message") from None
    if depth(raw) > MAX_DEPTH:
        raise ConfigError(TOO_DEEP, about="message")
    if not isinstance(raw, dict):
        raise ConfigError("a message must be a JSON object with a \"type\"", "type", about="message")
    kind = raw.get("type")
    if kind not in TYPES:
        raise ConfigError(f"unknown message type {kind!r}; expected one of {list(TYPES)}", "type", about="message")
    bad = nonfinite_field(raw)
    if bad is not None:
        field = bad.removeprefix("config.")   # config fields are named as in every config error
        start_config = bad != field and kind in ("start", "step")   # a config a start was to train
        raise ConfigError(finite_message(field), field, about="start" if start_config else ABOUT[kind])
    try:
        return MODELS.get(kind, _Message).model_validate(raw)
    except ValidationError as err:
        error = validation_error(err, raw)
        error.about = ABOUT[kind]
        raise error from None
