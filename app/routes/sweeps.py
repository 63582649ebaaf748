"""Sweeps over HTTP, for scripts: start one, read its cells as they finish, cancel it.

The same sweep as the WebSocket `sweep` message (docs/protocol.md); a sweep started here runs
until it ends or is cancelled, whoever is connected.
"""
from __future__ import annotations

from fastapi import APIRouter, Body, HTTPException

from ..core.openapi import problems, request_body
from ..deps import ResourcesDep
from ..resources import NotReady
from ..schemas.sweeps import SweepRequest, parse_sweep
from ..schemas.train import ConfigError
from ..sessions.pool import QueueFull
from ..sweeps.registry import TooManySweeps

router = APIRouter(prefix="/api/sweeps", tags=["sweeps"])
STARTED = problems(422, 503, _422="a field of the sweep is wrong; the message starts with its name",
                   _503="the server is busy (sweeps or waiting line full) or still starting")
KNOWN = problems(404, _404="no such sweep")


@router.post("", status_code=201, responses=STARTED, openapi_extra=request_body(SweepRequest))
def start_sweep(resources: ResourcesDep, body: dict = Body(...)) -> dict:
    """Start a sweep: {"config", "axes": [1 or 2 axes], "epochs"}; answers the sweep with its cells."""
    try:
        plan = parse_sweep(body, resources.catalogue())
        if any(c.dataset == "mnist" for c in plan.configs):
            resources.require_mnist()
        sweep = resources.sweeps.start(plan)
    except ConfigError as err:
        raise HTTPException(422, err.message) from None
    except (QueueFull, TooManySweeps, NotReady) as err:
        raise HTTPException(503, str(err)) from None
    return sweep.view()


@router.get("")
def list_sweeps(resources: ResourcesDep) -> list[dict]:
    return resources.sweeps.list()


@router.get("/{sweep_id}", responses=KNOWN)
def get_sweep(sweep_id: str, resources: ResourcesDep) -> dict:
    """The sweep and every cell: results of finished ones, the others waiting or training."""
    return _or_404(resources.sweeps.view(sweep_id), sweep_id)


@router.post("/{sweep_id}/cancel", responses=KNOWN)
def cancel_sweep(sweep_id: str, resources: ResourcesDep) -> dict:
    """No more cells start; running ones stop. Answers the sweep as it is then."""
    return _or_404(resources.sweeps.cancel(sweep_id), sweep_id)


def _or_404(view: dict | None, sweep_id: str) -> dict:
    if view is None:
        raise HTTPException(404, f"no sweep with id {sweep_id!r}")
    return view
