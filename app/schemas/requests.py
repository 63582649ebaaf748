"""Bodies of the POST endpoints."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from .choices import MAX_RACE_STEPS, MAX_RACERS, RaceRequest, RacerSpec, ScheduleRequest  # noqa: F401
from .types import WholeNumber

MAX_CANVAS = 512
MAX_POINT = 1e6   # |coordinate| of a toy input asked about
MAX_TOY_GRID = 201
MIN_RESOLUTION, MAX_RESOLUTION, MAX_SPAN = 3, 101, 100.0
MAX_REACH = 10.0   # an interpolation runs over a in [lo, hi] within ±this


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, strict=True)


# Ranges and the base64 alphabet are in the schema for clients; the handler checks them with
# messages that say what a drawing needs ("values must lie in 0..1 (ink high)").
Ink = Annotated[float, Field(json_schema_extra={"minimum": 0, "maximum": 1})]
Row = Annotated[list[Ink], Field(min_length=1, max_length=MAX_CANVAS)]
Coordinate = Annotated[float, Field(ge=-MAX_POINT, le=MAX_POINT)]
BASE64 = r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"
_INPUTS = ("pixels", "image", "image_b64", "point")


def _one_input(schema: dict, cls) -> None:
    """Exactly one of the four inputs (width and height only with image_b64); at most one of
    run and model; fields are never null. What the server cannot say in JSON Schema (an
    image's rows of one length, base64 of width × height bytes) it says with a 422.
    (dependentSchemas rather than oneOf/not: the same rules, far cheaper for generators.)"""
    for prop in schema["properties"].values():
        prop.pop("default", None)
    schema["anyOf"] = [{"required": [name]} for name in _INPUTS]
    schema["dependentSchemas"] = {
        "pixels": _forbids("image", "image_b64", "width", "height", "point"),
        "image": _forbids("pixels", "image_b64", "width", "height", "point"),
        "image_b64": {**_forbids("pixels", "image", "point"), "required": ["width", "height"]},
        "point": _forbids("pixels", "image", "image_b64", "width", "height"),
        "width": {"required": ["image_b64"]},
        "height": {"required": ["image_b64"]},
        "run": _forbids("model"),
    }


def _forbids(*names: str) -> dict:
    return {"properties": {name: False for name in names}}


class PredictRequest(_Body):
    model_config = ConfigDict(json_schema_extra=_one_input)
    pixels: list[Ink] = Field(None, min_length=784, max_length=784,
                              json_schema_extra={"contains": {"exclusiveMinimum": 0}},
                              description="28×28 row-major values in 0..1, ink high (not all zero)")
    image: list[Row] = Field(None, min_length=1, max_length=MAX_CANVAS,
                             json_schema_extra={"contains": {"contains": {"minimum": 0.05}}},
                             description="a grayscale canvas (rows of one length) in 0..1, ink high")
    image_b64: str = Field(None, max_length=4 * (MAX_CANVAS * MAX_CANVAS // 3 + 1),
                           json_schema_extra={"pattern": BASE64},
                           description="base64 of a uint8 canvas, row-major, 255 = full ink (a 512×512 one is ~350 KB)")
    width: WholeNumber = Field(None, ge=1, le=MAX_CANVAS, description="image_b64's width")
    height: WholeNumber = Field(None, ge=1, le=MAX_CANVAS, description="image_b64's height")
    point: list[Coordinate] = Field(None, min_length=1, max_length=1024,
                                    description="a toy dataset's input (its n_in numbers), for a network trained on it")
    model: str = Field(None, max_length=64, description="a saved run id; the default model otherwise")
    run: str = Field(None, max_length=64,
                     description="a run id: its newest weights while it trains, its saved ones after")
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


class WeightParam(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    layer: WholeNumber = Field(ge=0, le=8, description="0-based Dense layer")
    index: list[WholeNumber] = Field(min_length=1, max_length=2, description="[row, col] of W, [col] of b")
    param: Literal["W", "b"] = "W"


class SurfaceSpec(BaseModel):
    """Which plane of a network's loss to draw, and how finely (the WebSocket `surface`
    message and POST /api/runs/{id}/surface alike)."""
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, strict=True, json_schema_extra={
        "if": {"properties": {"plane": {"const": "weights"}}, "required": ["plane"]},
        "then": {"required": ["params"]}})
    plane: Literal["pca", "random", "weights"] = Field(
        "pca", description="pca: the run's trajectory; random: two filter-normalised random "
                           "directions; weights: two chosen parameters")
    resolution: WholeNumber = Field(41, ge=MIN_RESOLUTION, le=MAX_RESOLUTION, description="grid points per axis")
    span: float = Field(1.0, gt=0, le=MAX_SPAN, description="half-width of the grid")
    params: list[WeightParam] | None = Field(None, min_length=2, max_length=2, json_schema_extra={"uniqueItems": True},
                                             description="the weights plane's two (different) parameters")
    seed: WholeNumber = Field(0, ge=0, le=2**32 - 1, description="the random plane's seed")


class InterpolationRequest(_Body):
    """Loss along (1 − a)·θ_initial + a·θ_final for `resolution` values of a in [lo, hi]."""
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, strict=True)
    resolution: WholeNumber = Field(51, ge=MIN_RESOLUTION, le=MAX_RESOLUTION)
    lo: float = Field(-0.5, ge=-MAX_REACH, lt=MAX_REACH)
    hi: float = Field(1.5, gt=-MAX_REACH, le=MAX_REACH, description="greater than lo")

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
