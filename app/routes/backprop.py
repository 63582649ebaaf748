"""The Backprop panel over HTTP: one step traced node by node, many updates, a gradient check.

Bodies are read as plain JSON and validated by app/schemas/backprop.py, so that a bad value
(NaN included) gets a 422 `{"detail": message, "field": dotted path}` naming it. The work
runs in the compute pool, off the event loop.
"""
from __future__ import annotations

import asyncio
import json

import numpy as np
from fastapi import APIRouter, Request, Response

from .. import backprop
from engine.jsonready import json_ready
from ..core.openapi import request_body
from ..deps import ResourcesDep
from ..resources import NotReady
from ..schemas import backprop as schema
from ..schemas.train import ConfigError, parse_config

router = APIRouter(prefix="/api", tags=["backprop"])
ERRORS = {422: {"description": 'a field is wrong: {"detail": message, "field": its dotted path}'},
          503: {"description": "the server is still starting (a gradient check on MNIST)"}}


@router.get("/backprop/presets")
def presets() -> dict:
    """The panel's starting networks (bodies for /trace and /train) and the limits it works in."""
    return {"presets": backprop.PRESETS, "limits": schema.LIMITS}


@router.post("/backprop/trace", responses=ERRORS, openapi_extra=request_body(schema.TraceRequest))
async def trace(request: Request, resources: ResourcesDep) -> Response:
    """Forward, backward, gradient check and one update for one example, node by node."""
    return await _answer(request, resources, lambda raw: backprop.trace_answer(
        schema.parse(raw, schema.TraceRequest, resources.catalogue())))


@router.post("/backprop/train", responses=ERRORS, openapi_extra=request_body(schema.TrainRequest))
async def train(request: Request, resources: ResourcesDep) -> Response:
    """`steps` updates in a row; the network's answer on every example afterwards."""
    return await _answer(request, resources, lambda raw: backprop.train_answer(
        schema.parse(raw, schema.TrainRequest, resources.catalogue())))


@router.post("/gradcheck", responses=ERRORS, openapi_extra=request_body(schema.GradcheckRequest))
async def gradcheck(request: Request, resources: ResourcesDep) -> Response:
    """Backprop against central differences (float64) for a training config's network."""
    def compute(raw) -> dict:
        body = schema.parse(raw, schema.GradcheckRequest, resources.catalogue())
        try:
            config = parse_config(body.config, resources.catalogue())
            schema.check_gradcheck_size(config)
        except ConfigError as err:   # its message starts with the field inside the config
            field = f"config.{err.field}" if err.field else "config"
            raise ConfigError(f"config.{err.message}" if err.field else err.message, field) from None
        train, _ = resources.training_data(config)
        return backprop.gradcheck_answer(config, train, body.examples)
    return await _answer(request, resources, compute)


async def _answer(request: Request, resources, compute) -> Response:
    """Parse the body (leniently about NaN: validation then names it), run `compute(raw)` in
    the compute pool: 200 with strict JSON, or 422 naming the field."""
    try:
        raw = json.loads(await request.body())
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        return _error(422, f"the body is not valid JSON: {err}", None)
    try:
        result = await asyncio.get_running_loop().run_in_executor(resources.compute, _quietly, compute, raw)
    except ConfigError as err:
        return _error(422, err.message, err.field)
    except NotReady as err:
        return _error(503, str(err), None)
    clean, nonfinite = json_ready(result)
    clean["nonfinite"] = nonfinite
    return Response(json.dumps(clean, allow_nan=False, separators=(",", ":")), media_type="application/json")


def _quietly(compute, raw):
    """Overflow is no error here: non-finite numbers go out as null with "nonfinite": true."""
    with np.errstate(all="ignore"):
        return compute(raw)


def _error(status: int, message: str, field: str | None) -> Response:
    return Response(json.dumps({"detail": message, "field": field}), status_code=status,
                    media_type="application/json")
