"""Bodies of the POST endpoints."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from engine.landscape.race import MAX_STEPS

from .train import MAX_LR

MAX_CANVAS = 512
MAX_RACE_STEPS = min(500, MAX_STEPS)


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class PredictRequest(_Body):
    pixels: list[float] | None = Field(None, min_length=784, max_length=784,
                                       description="28×28 row-major values in 0..1, ink high")
    image: list[list[float]] | None = Field(None, min_length=1, max_length=MAX_CANVAS,
                                            description="a grayscale canvas (rows) in 0..1, ink high")
    model: str | None = Field(None, description="a saved run id; the default model otherwise")
    steps: bool = Field(False, description="with an image: also return the preprocessing steps")


class PredictAnswer(BaseModel):
    """What /api/predict returns (documented here; the handler writes the JSON itself)."""
    prediction: int
    probabilities: list[float | None]
    input: list[float]
    activations: list[list[float | None]]
    pre_activations: list[list[float | None]]
    saliency: list[float | None]
    model: str
    steps: dict | None = None
    nonfinite: bool | None = None


class ScheduleRequest(BaseModel):
    model_config = ConfigDict(extra="allow", allow_inf_nan=False)
    name: str
    base_lr: float = Field(gt=0, le=MAX_LR)
    epochs: int = Field(ge=1, le=500)


class RacerSpec(BaseModel):
    model_config = ConfigDict(extra="allow", allow_inf_nan=False)
    name: str
    label: str | None = Field(None, max_length=40)
    lr: float = Field(gt=0, le=MAX_LR)


class RaceRequest(_Body):
    function: str
    start: list[float] | None = Field(None, min_length=1, max_length=2)
    steps: int | None = Field(None, ge=1, le=MAX_RACE_STEPS)
    optimizers: list[RacerSpec] = Field(min_length=1, max_length=12)
