"""Client -> server WebSocket messages (besides `start`'s config, see schemas/train.py)."""
from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .finite import finite_message, nonfinite_field
from .requests import SurfaceSpec
from .train import MAX_LR, ConfigError, validation_error

TYPES = ("start", "pause", "resume", "stop", "step", "set_lr", "surface", "probe")


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, strict=True)
    type: str


class Start(_Message):
    config: dict
    paused: bool = False


class Step(_Message):
    unit: Literal["batch", "epoch"] = "batch"
    config: dict | None = None


class SetLr(_Message):
    lr: float = Field(gt=0, le=MAX_LR)


class Surface(_Message, SurfaceSpec):
    pass


class Probe(_Message):
    pixels: list[float] = Field(min_length=1, max_length=784)


MODELS = {"start": Start, "step": Step, "set_lr": SetLr, "surface": Surface, "probe": Probe}


def parse_message(text: str) -> _Message:
    """Text frame -> a validated message; ConfigError naming the field otherwise."""
    try:
        raw = json.loads(text)       # accepts NaN/Infinity, so the error can name the field
    except ValueError as err:
        raise ConfigError(f"the message is not valid JSON: {err}") from None
    if not isinstance(raw, dict):
        raise ConfigError("a message must be a JSON object with a \"type\"", "type")
    kind = raw.get("type")
    if kind not in TYPES:
        raise ConfigError(f"unknown message type {kind!r}; expected one of {list(TYPES)}", "type")
    bad = nonfinite_field(raw)
    if bad is not None:
        field = bad.removeprefix("config.")   # config fields are named as in every config error
        raise ConfigError(finite_message(field), field)
    try:
        return MODELS.get(kind, _Message).model_validate(raw)
    except ValidationError as err:
        raise validation_error(err, raw) from None
