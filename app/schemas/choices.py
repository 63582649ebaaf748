"""Bodies that name a schedule or an optimizer and carry its hyperparameters as extra keys:
POST /api/schedule and the racers of POST /api/toy/race.

Validation is hyperparams.check_params (the ranges /api/options advertises); the OpenAPI
schema is generated from the same tables, one variant per name, so a generated request the
schema allows is one the server accepts.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from engine import optimizers, schedules
from engine.landscape import FUNCTIONS

from . import hyperparams
from .types import WholeNumber, whole

MAX_LR = 10.0
MAX_EPOCHS = 500
MAX_RACE_STEPS = 500
MAX_RACERS = 12
RACER_NAMES = sorted({*optimizers.OPTIMIZERS, *optimizers.PRESETS})


def variants(kind: str, names, common: dict, common_required: list[str], lr: bool = False) -> dict:
    """JSON Schema: oneOf per name, each with the common properties and that name's parameters
    (its learning rate range too when `lr`)."""
    out = []
    for name in names:
        spec = hyperparams.TABLES[kind][hyperparams.base_name(kind, name)]
        props = {"name": {"const": name}, **common,
                 **{k: hyperparams.json_schema(v) for k, v in spec.items() if k != "lr"}}
        if lr:
            props["lr"] = hyperparams.json_schema(spec["lr"])
        out.append({"type": "object", "properties": props, "additionalProperties": False,
                    "required": ["name", *common_required, *hyperparams.required(kind, name)],
                    **TOGETHER.get(name, {})})
    return {"oneOf": out}


# What the engine asks of parameters together (SGD: Nesterov momentum needs momentum > 0 and
# no dampening), said in JSON Schema; the engine's own check answers with a 422 naming it.
_NESTEROV_NEEDS = {"properties": {"momentum": {"exclusiveMinimum": 0}, "dampening": {"const": 0}}}
_NESTEROV_ON = {"properties": {"nesterov": {"const": True}}, "required": ["nesterov"]}
_NESTEROV_OFF = {"properties": {"nesterov": {"const": False}}, "required": ["nesterov"]}
TOGETHER = {
    "sgd": {"if": _NESTEROV_ON, "then": {**_NESTEROV_NEEDS, "required": ["momentum"]}},
    "momentum": {"if": _NESTEROV_ON, "then": _NESTEROV_NEEDS},
    "nesterov": {"if": {"not": _NESTEROV_OFF}, "then": _NESTEROV_NEEDS},
}


def _schedule_schema(schema: dict, cls) -> None:
    common = {k: v for k, v in schema["properties"].items() if k != "name"}
    schema.clear()
    schema.update(variants("schedule", schedules.SCHEDULES, common, ["base_lr", "epochs"]),
                  title="ScheduleRequest")


class ScheduleRequest(BaseModel):
    """A schedule by name, its base lr, the epochs to draw, and its parameters as extra keys."""
    model_config = ConfigDict(extra="allow", allow_inf_nan=False, strict=True,
                              json_schema_extra=_schedule_schema)
    name: str
    base_lr: float = Field(gt=0, le=MAX_LR)
    epochs: WholeNumber = Field(ge=1, le=MAX_EPOCHS)


def _racer_schema(schema: dict, cls) -> None:
    common = {k: schema["properties"][k] for k in ("label", "start")}
    schema.clear()
    schema.update(variants("optimizer", RACER_NAMES, common, ["lr"], lr=True), title="RacerSpec")


class RacerSpec(BaseModel):
    """One racer: an optimizer (or preset) by name, its lr, a label, torch's keyword arguments."""
    model_config = ConfigDict(extra="allow", allow_inf_nan=False, strict=True,
                              json_schema_extra=_racer_schema)
    name: str
    label: str | None = Field(None, max_length=40)
    lr: float = Field(gt=0, le=MAX_LR)
    start: list[float] | None = Field(None, min_length=1, max_length=2,
                                      description="this racer's own start (else the race's)")


def _race_schema(schema: dict, cls) -> None:
    """Starts have as many numbers as the function has inputs (1-D curve, 2-D surfaces)."""
    dims = sorted({f.dim for f in FUNCTIONS.values()})
    schema["oneOf"] = [{"properties": {
        "function": {"enum": [n for n, f in FUNCTIONS.items() if f.dim == d]}, "start": _point(d),
        "optimizers": {"items": {"properties": {"start": _point(d)}}}}} for d in dims]


def _point(d: int) -> dict:
    return {"anyOf": [{"type": "array", "minItems": d, "maxItems": d}, {"type": "null"}]}


class RaceRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, strict=True,
                              json_schema_extra=_race_schema)
    function: Literal[tuple(FUNCTIONS)]
    start: list[float] | None = Field(None, min_length=1, max_length=2,
                                      description="the start point (x, or [x, y]); the function's own when left out")
    steps: whole(1, MAX_RACE_STEPS) | None = None
    optimizers: list[RacerSpec] = Field(min_length=1, max_length=MAX_RACERS)
