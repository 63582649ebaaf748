"""Toy cost functions: value grids for contour/3-D plots, and optimizer races."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query

from engine.jsonready import json_ready
from engine.landscape import FUNCTIONS, race, toy_surface

from ..schemas.requests import MAX_TOY_GRID, RaceRequest

router = APIRouter(prefix="/api/toy", tags=["toy"])


@router.get("/{function}/surface")
def surface(function: str, n: int = Query(81, ge=3, le=MAX_TOY_GRID), log: bool = False) -> dict:
    if function not in FUNCTIONS:
        raise HTTPException(404, f"unknown toy function {function!r}; choose one of {sorted(FUNCTIONS)}")
    grid = toy_surface(function, n, log)
    info = FUNCTIONS[function].info()
    clean, nonfinite = json_ready({**grid, "view": info["view"], "minima": info["minima"]})
    return {**clean, "nonfinite": nonfinite}


@router.post("/race")
def run_race(body: RaceRequest) -> dict:
    if body.function not in FUNCTIONS:
        raise HTTPException(422, f"function: unknown toy function {body.function!r}; "
                                 f"choose one of {sorted(FUNCTIONS)}")
    specs = [{k: v for k, v in spec.model_dump().items() if v is not None} for spec in body.optimizers]
    try:
        result = race(body.function, body.start, body.steps, optimizers=specs)
    except (TypeError, ValueError) as err:
        raise HTTPException(422, str(err)) from None
    clean, nonfinite = json_ready(result)
    return {**clean, "nonfinite": nonfinite}
