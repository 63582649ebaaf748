"""Loss landscapes of saved networks over HTTP: a plane's surface and the initial → final line.

`{run_id}` is a saved run's id or `default` (the default model). The work runs in the
compute pool, off the event loop; the same code answers the WebSocket `surface` message.
"""
from __future__ import annotations

import asyncio

from fastapi import APIRouter, HTTPException, Response

from .. import landscape
from engine.jsonready import json_ready

from ..core.jsonsafe import dumps
from ..core.openapi import problems
from ..deps import ResourcesDep
from ..resources import NotReady
from ..runs.store import valid_id
from ..schemas.requests import InterpolationAnswer, InterpolationRequest, SurfaceAnswer, SurfaceSpec
from ..schemas.train import ConfigError

router = APIRouter(prefix="/api/runs", tags=["surfaces"])
ERRORS = problems(404, 409, 422, 503, _404="no such run",
                  _409="the run has nothing to draw (still training, diverged, no saved trajectory)",
                  _422="a field is wrong for this request or this run; the message starts with its name")


@router.post("/{run_id}/surface", response_model=SurfaceAnswer, responses=ERRORS)
async def surface(run_id: str, body: SurfaceSpec, resources: ResourcesDep) -> Response:
    """The loss on a plane through the run's final weights (pca: its trajectory's plane)."""
    def compute() -> dict:
        model_id = _model_id(run_id)
        s = landscape.surface(body, landscape.saved_source(resources, model_id))
        return {**s.header(), "run_id": model_id, "values": json_ready(s.values)[0]}
    return await _answer(resources, compute)


@router.post("/{run_id}/interpolation", response_model=InterpolationAnswer, responses=ERRORS)
async def interpolation(run_id: str, body: InterpolationRequest, resources: ResourcesDep) -> Response:
    """The loss along (1 − a)·θ_initial + a·θ_final (a = 0: the initial weights, 1: the final)."""
    def compute() -> dict:
        source = landscape.saved_source(resources, _model_id(run_id))
        line = landscape.interpolation(source, body.resolution, body.lo, body.hi)
        return {**line, "nonfinite": any(v is None for v in line["values"])}
    return await _answer(resources, compute)


def _model_id(run_id: str) -> str | None:
    """None for the default model; KeyError for anything that is not a server-made id."""
    if run_id == landscape.DEFAULT_ID:
        return None
    if not valid_id(run_id):
        raise KeyError(run_id)
    return run_id


async def _answer(resources, compute) -> Response:
    """Run `compute` in the compute pool; its problems become HTTP errors."""
    try:
        result = await asyncio.get_running_loop().run_in_executor(resources.compute, compute)
    except ConfigError as err:
        raise HTTPException(422, err.message) from None
    except KeyError as err:
        raise HTTPException(404, f"no run with id {err.args[0]!r}") from None
    except landscape.Unavailable as err:
        raise HTTPException(409, str(err)) from None
    except NotReady as err:
        raise HTTPException(503, str(err)) from None
    return Response(dumps(result), media_type="application/json")
