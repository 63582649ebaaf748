"""Curves the page draws before training: a schedule's lr per epoch, an activation's f and f'."""
from __future__ import annotations

import numpy as np
from fastapi import APIRouter, HTTPException, Query

from engine import activations, schedules
from engine.jsonready import json_ready

from ..schemas.requests import ScheduleRequest

router = APIRouter(prefix="/api", tags=["curves"])


@router.post("/schedule")
def schedule(body: ScheduleRequest) -> dict:
    params = dict(body.model_extra or {})
    try:
        sched = schedules.for_run(body.name, body.base_lr, body.epochs, **params)
        lrs = sched.curve(body.epochs)
    except (TypeError, ValueError) as err:
        raise HTTPException(422, str(err)) from None
    return {"lrs": json_ready(lrs)[0]}


@router.get("/activation/{name}")
def activation(name: str, alpha: float | None = Query(None, gt=0, le=10)) -> dict:
    if name not in activations.ACTIVATIONS:
        raise HTTPException(404, f"unknown activation {name!r}; choose one of {sorted(activations.ACTIVATIONS)}")
    act = activations.create(name, alpha)
    z = np.linspace(-6, 6, 241)
    return {"z": z.tolist(), "f": json_ready(act.f(z))[0], "df": json_ready(act.df(z))[0]}
