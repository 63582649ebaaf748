"""Bodies of the POST endpoints."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from engine.landscape.race import MAX_STEPS

from .train import MAX_LR

MAX_CANVAS = 512
MAX_RACE_STEPS = min(500, MAX_STEPS)
MAX_RACERS = 12
MAX_TOY_GRID = 201
MIN_RESOLUTION, MAX_RESOLUTION, MAX_SPAN = 3, 101, 100.0
MAX_REACH = 10.0   # an interpolation runs over a in [lo, hi] within ±this


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class PredictRequest(_Body):
    pixels: list[float] | None = Field(None, min_length=784, max_length=784,
                                       description="28×28 row-major values in 0..1, ink high")
    image: list[list[float]] | None = Field(None, min_length=1, max_length=MAX_CANVAS,
                                            description="a grayscale canvas (rows) in 0..1, ink high")
    image_b64: str | None = Field(None, max_length=4 * (MAX_CANVAS * MAX_CANVAS // 3 + 1),
                                  description="base64 of a uint8 canvas, row-major, 255 = full ink (a 512×512 one is ~350 KB)")
    width: int | None = Field(None, ge=1, le=MAX_CANVAS, description="image_b64's width")
    height: int | None = Field(None, ge=1, le=MAX_CANVAS, description="image_b64's height")
    model: str | None = Field(None, description="a saved run id; the default model otherwise")
    run: str | None = Field(None, description="a run id: its newest weights while it trains, its saved ones after")
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
    run: dict | None = Field(None, description='with "run": {"id", "live"} (live: the newest weights of a training run)')
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
    start: list[float] | None = Field(None, min_length=1, max_length=2,
                                      description="this racer's own start (else the race's)")


class RaceRequest(_Body):
    function: str
    start: list[float] | None = Field(None, min_length=1, max_length=2)
    steps: int | None = Field(None, ge=1, le=MAX_RACE_STEPS)
    optimizers: list[RacerSpec] = Field(min_length=1, max_length=MAX_RACERS)


class WeightParam(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    layer: int = Field(ge=0, le=8, description="0-based Dense layer")
    index: list[int] = Field(min_length=1, max_length=2, description="[row, col] of W, [col] of b")
    param: Literal["W", "b"] = "W"


class SurfaceSpec(BaseModel):
    """Which plane of a network's loss to draw, and how finely (the WebSocket `surface`
    message and POST /api/runs/{id}/surface alike)."""
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, strict=True)
    plane: Literal["pca", "random", "weights"] = Field(
        "pca", description="pca: the run's trajectory; random: two filter-normalised random "
                           "directions; weights: two chosen parameters")
    resolution: int = Field(41, ge=MIN_RESOLUTION, le=MAX_RESOLUTION, description="grid points per axis")
    span: float = Field(1.0, gt=0, le=MAX_SPAN, description="half-width of the grid")
    params: list[WeightParam] | None = Field(None, min_length=2, max_length=2,
                                             description="the weights plane's two parameters")
    seed: int = Field(0, ge=0, le=2**32 - 1, description="the random plane's seed")


class InterpolationRequest(_Body):
    """Loss along (1 − a)·θ_initial + a·θ_final for `resolution` values of a in [lo, hi]."""
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, strict=True)
    resolution: int = Field(51, ge=MIN_RESOLUTION, le=MAX_RESOLUTION)
    lo: float = Field(-0.5, ge=-MAX_REACH, le=MAX_REACH)
    hi: float = Field(1.5, ge=-MAX_REACH, le=MAX_REACH)

    @field_validator("hi")
    @classmethod
    def _after_lo(cls, hi: float, info: ValidationInfo) -> float:
        if "lo" in info.data and not hi > info.data["lo"]:
            raise ValueError("must be greater than lo")
        return hi


class SurfaceAnswer(BaseModel):
    """What POST /api/runs/{id}/surface returns: the `surface` frame's header as JSON, plus
    `values` (resolution rows, row j at betas[j])."""
    type: str = "surface"
    plane: str
    run_id: str | None
    alphas: list[float]
    betas: list[float]
    values: list[list[float | None]]
    path: list[list[float]]
    path_loss: list[float | None]
    path_surface_loss: list[float | None]
    explained_variance: list[float] | None
    center_loss: float | None
    n_examples: int
    nonfinite: bool


class InterpolationAnswer(BaseModel):
    run_id: str
    a: list[float]
    values: list[float | None]
    loss_a: float | None
    loss_b: float | None
    nonfinite: bool
