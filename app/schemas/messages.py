"""Client -> server WebSocket messages (besides `start`'s config, see schemas/train.py)."""
from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .train import MAX_LR, ConfigError

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


class WeightParam(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    layer: int = Field(ge=0, le=8)
    index: list[int] = Field(min_length=1, max_length=2)
    param: Literal["W", "b"] = "W"


class Surface(_Message):
    plane: Literal["pca", "random", "weights"] = "pca"
    resolution: int = Field(41, ge=3, le=101)
    span: float = Field(1.0, gt=0, le=100)
    params: list[WeightParam] | None = Field(None, min_length=2, max_length=2)
    seed: int = Field(0, ge=0, le=2**32 - 1)


class Probe(_Message):
    pixels: list[float] = Field(min_length=1, max_length=784)


MODELS = {"start": Start, "step": Step, "set_lr": SetLr, "surface": Surface, "probe": Probe}


def _no_constants(name: str):
    raise ValueError(f"{name} is not valid JSON")


def parse_message(text: str) -> _Message:
    """Text frame -> a validated message; ConfigError naming the field otherwise."""
    try:
        raw = json.loads(text, parse_constant=_no_constants)
    except ValueError as err:
        raise ConfigError(f"the message is not valid JSON: {err}") from None
    if not isinstance(raw, dict):
        raise ConfigError("a message must be a JSON object with a \"type\"", "type")
    kind = raw.get("type")
    if kind not in TYPES:
        raise ConfigError(f"unknown message type {kind!r}; expected one of {list(TYPES)}", "type")
    try:
        return MODELS.get(kind, _Message).model_validate(raw)
    except ValidationError as err:
        first = err.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"{field}: {first['msg']}", field) from None
