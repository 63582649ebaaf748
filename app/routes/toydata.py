"""The toy datasets' points, and what a run trained on one answers over its plane.

GET /api/datasets/{name}/points: the training and validation points a toy set's seed makes
(the same arrays a run with that seed trains on). GET /api/runs/{id}/regions: a run's
decision regions and outputs on its training examples, as live snapshots carry them
(app/toyviews.py), for runs opened from the Runs panel.
"""
from __future__ import annotations

import asyncio

import numpy as np
from fastapi import APIRouter, HTTPException, Query, Response
from pydantic import BaseModel

from engine.datasets import toy

from .. import toyviews
from ..core.jsonsafe import dumps
from ..core.openapi import problems
from ..deps import ResourcesDep, run_network
from ..schemas.train import TrainConfig

router = APIRouter(prefix="/api", tags=["toy datasets"])
DECIMALS = 6
POINT_ERRORS = problems(404, _404="no toy dataset of that name")
REGION_ERRORS = problems(404, 409, _404="no run with that id",
                         _409="the run has no weights (waiting in line, diverged, failed), or it was not trained on a toy dataset")


class Points(BaseModel):
    x: list[list[float]]
    y: list[int]


class PointsAnswer(BaseModel):
    """What GET /api/datasets/{name}/points returns."""
    dataset: str
    seed: int
    view: list[float] | None
    classes: int
    train: Points
    val: Points
    same: bool   # the truth tables validate on their training points


class RegionsAnswer(BaseModel):
    """What GET /api/runs/{id}/regions returns (regions: null for a set with more than two inputs)."""
    run_id: str
    live: bool
    dataset: str
    seed: int     # the run's seed: its points are GET /api/datasets/{dataset}/points?seed=
    regions: dict | None
    outputs: list[list[float | None]]
    nonfinite: bool


def _points(split) -> dict:
    return {"x": np.round(split.x.astype(np.float64), DECIMALS).tolist(), "y": split.y.tolist()}


@router.get("/datasets/{name}/points", response_model=PointsAnswer, responses=POINT_ERRORS)
def points(name: str, seed: int = Query(0, ge=0, le=2**32 - 1)) -> Response:
    """Training and validation points of a toy set, in dataset order, as a run with `seed` gets them."""
    if name not in toy.TOY_DATASETS:
        raise HTTPException(404, f"no toy dataset {name!r}; choose one of {', '.join(toy.TOY_DATASETS)}")
    train, val = toy.load_toy(name, seed)
    answer = {"dataset": name, "seed": seed, "view": list(toy.VIEW[name]) if train.x.shape[1] == 2 else None,
              "classes": toy.TOY_DATASETS[name][2], "train": _points(train), "val": _points(val),
              "same": train is val}
    return Response(dumps(answer), media_type="application/json")


@router.get("/runs/{run_id}/regions", response_model=RegionsAnswer, responses=REGION_ERRORS)
async def regions(run_id: str, resources: ResourcesDep) -> Response:
    """The run's decision regions and its outputs on every training example: its newest weights
    while it trains, its saved ones after."""
    net, run = run_network(resources, run_id, fresh=True)
    row = resources.store.get(run_id)
    if row is None:
        raise HTTPException(404, f"no run with id {run_id!r}")
    config = TrainConfig.model_validate(row["config"])
    if config.dataset not in toy.TOY_DATASETS:
        raise HTTPException(409, f"run_id: run {run_id} was trained on {config.dataset}, not on a toy dataset")

    def compute() -> dict:
        train, _ = resources.training_data(config)
        views = toyviews.ToyViews.for_run(config.dataset, train.x)
        return toyviews.answer(run, views.of(net), config.dataset, config.seed)
    answer = await asyncio.get_running_loop().run_in_executor(resources.compute, compute)
    return Response(dumps(answer), media_type="application/json")
