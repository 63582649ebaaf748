"""Curves the page draws before training: a schedule's lr per epoch, an activation's f and f'."""
from __future__ import annotations

import numpy as np
from fastapi import APIRouter, HTTPException, Query

from engine import activations, schedules
from engine.errors import ParameterError
from engine.jsonready import json_ready

from ..core.errors import field_problem
from ..core.openapi import problems
from ..schemas import hyperparams
from ..schemas.errors import ConfigError
from ..schemas.requests import ScheduleRequest

router = APIRouter(prefix="/api", tags=["curves"])


@router.post("/schedule")
def schedule(body: ScheduleRequest) -> dict:
    """The learning rate of each epoch 0..epochs-1; parameters as in /api/options (their ranges too)."""
    params = dict(body.model_extra or {})
    if body.name not in schedules.SCHEDULES:
        raise field_problem("name", f"unknown schedule {body.name!r}; choose one of {list(schedules.SCHEDULES)}")
    try:
        hyperparams.check_params("schedule", body.name, params, "")
        lrs = schedules.for_run(body.name, body.base_lr, body.epochs, **params).curve(body.epochs)
    except ConfigError as err:
        raise field_problem(err.field, err.message) from None
    except ParameterError as err:
        raise field_problem(err.field, str(err)) from None
    return {"lrs": json_ready(lrs)[0]}


@router.get("/activation/{name}", responses=problems(404, _404="no activation of that name"))
def activation(name: str, alpha: float | None = Query(None, gt=0, le=10)) -> dict:
    if name not in activations.ACTIVATIONS:
        raise HTTPException(404, f"unknown activation {name!r}; choose one of {sorted(activations.ACTIVATIONS)}")
    act = activations.create(name, alpha)
    z = np.linspace(-6, 6, 241)
    return {"z": z.tolist(), "f": json_ready(act.f(z))[0], "df": json_ready(act.df(z))[0]}
