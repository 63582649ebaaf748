"""Toy cost functions: value grids for contour/3-D plots, and optimizer races."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query

from engine import optimizers
from engine.errors import ParameterError
from engine.jsonready import json_ready
from engine.landscape import FUNCTIONS, race, toy_surface

from ..core.errors import field_problem
from ..core.openapi import problems
from ..schemas import hyperparams
from ..schemas.errors import ConfigError
from ..schemas.choices import RACER_NAMES
from ..schemas.requests import MAX_TOY_GRID, RaceRequest

router = APIRouter(prefix="/api/toy", tags=["toy"])


@router.get("/{function}/surface", responses=problems(404, _404="no toy function of that name"))
def surface(function: str, n: int = Query(81, ge=3, le=MAX_TOY_GRID), log: bool = False) -> dict:
    if function not in FUNCTIONS:
        raise HTTPException(404, f"unknown toy function {function!r}; choose one of {sorted(FUNCTIONS)}")
    grid = toy_surface(function, n, log)
    info = FUNCTIONS[function].info()
    clean, nonfinite = json_ready({**grid, "view": info["view"], "minima": info["minima"]})
    return {**clean, "nonfinite": nonfinite}


def _racer(i: int, spec) -> dict:
    """One racer as the engine takes it, after the checks /api/options promises (422 naming
    `optimizers.i.field` otherwise)."""
    params = dict(spec.model_extra or {})
    where = f"optimizers.{i}"
    if spec.name not in RACER_NAMES:
        raise field_problem(f"{where}.name", f"unknown optimizer {spec.name!r}; choose one of {RACER_NAMES}")
    try:
        hyperparams.check_lr(spec.name, spec.lr, f"{where}.lr")
        hyperparams.check_params("optimizer", spec.name, params, where)
        optimizers.create(spec.name, lr=spec.lr, **params)   # what the engine asks of them together
    except ConfigError as err:
        raise field_problem(err.field, err.message) from None
    except ParameterError as err:
        raise field_problem(f"{where}.{err.field}", str(err)) from None
    return {k: v for k, v in spec.model_dump().items() if v is not None}


@router.post("/race")
def run_race(body: RaceRequest) -> dict:
    """Each optimizer's path from the same start; parameters and lr as /api/options advertises."""
    dim = FUNCTIONS[body.function].dim
    starts = [("start", body.start)] + [(f"optimizers.{i}.start", r.start) for i, r in enumerate(body.optimizers)]
    for field, start in starts:
        if start is not None and len(start) != dim:
            raise field_problem(field, f"{body.function} takes {dim} number(s), got {len(start)}")
    specs = [_racer(i, spec) for i, spec in enumerate(body.optimizers)]
    try:
        result = race(body.function, body.start, body.steps, optimizers=specs)
    except ParameterError as err:   # what the engine judges itself (a start it cannot use)
        raise field_problem(err.field, str(err)) from None
    clean, nonfinite = json_ready(result)
    return {**clean, "nonfinite": nonfinite}
