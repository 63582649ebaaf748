"""Bodies of the experiment endpoints (POST /api/experiments/...)."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from engine import activations, initializers
from engine.experiments.fooling import CORNERS
from engine.experiments.init_histograms import LIMITS
from engine.experiments.output_gradients import MAX_OUTPUTS

from .types import whole

MAX_EXAMPLES = 2000
MAX_INITS = 6
MAX_ANALYZED = 1000


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, strict=True)


class InitSpec(_Strict):
    init: Literal[tuple(sorted({*initializers.INITIALIZERS, *initializers.ALIASES}))] = Field(
        description="an initializer name (normal, xavier_normal, he_normal, …)")
    std: float | None = Field(None, gt=0, le=10, description="normal's standard deviation")


def _default_inits() -> list[InitSpec]:
    return [InitSpec(init="normal", std=1.0), InitSpec(init="normal", std=0.01),
            InitSpec(init="xavier_normal"), InitSpec(init="he_normal")]


class InitHistogramsRequest(_Strict):
    """A stack of `depth` layers of `width` units fed `examples` inputs, once per initialization."""
    activation: Literal[tuple(activations.HIDDEN)] = "sigmoid"
    alpha: float | None = Field(None, gt=0, le=10, description="leaky_relu / elu slope")
    inputs: Literal["gaussian", "mnist"] = Field(
        "gaussian", description="gaussian: standard normal inputs as wide as the layers (the book's "
                                "figure); mnist: validation digits (784 values)")
    examples: whole(1, MAX_EXAMPLES) = 1000
    depth: whole(*LIMITS["depth"]) = 5
    width: whole(*LIMITS["width"]) = 100
    bins: whole(*LIMITS["bins"]) = 30
    seed: whole(0, 2**32 - 1) = 0
    inits: list[InitSpec] = Field(default_factory=_default_inits, min_length=1, max_length=MAX_INITS)


class OutputGradientsRequest(_Strict):
    logits: list[float] = Field(min_length=1, max_length=MAX_OUTPUTS, description="one example's logits z")
    label: whole(0) = Field(description="its class, below the number of logits (one output: 0 or 1)")


class AnalyzeRequest(_Strict):
    model_config = ConfigDict(json_schema_extra={   # at most one of run and model
        "if": {"properties": {"run": {"type": "string"}}, "required": ["run"]},
        "then": {"properties": {"model": {"type": "null"}}}})
    model: str | None = Field(None, description="a saved run id; the default model otherwise")
    run: str | None = Field(None, description="a run id: its newest weights while it trains, its saved ones after")
    n: whole(1, MAX_ANALYZED) = Field(100, description="noise images, and test digits moved to the corner")
    seed: whole(0, 2**32 - 1) = Field(0, description="the noise images' seed")
    corner: Literal[CORNERS] = "top_left"
