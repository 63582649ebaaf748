"""Dependencies as Annotated aliases, so handlers read like sentences."""
from __future__ import annotations

import threading
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from .resources import NotReady, Resources
from .runs.store import RunStore, valid_id
from .sessions import live


def get_resources(request: Request) -> Resources:
    return request.app.state.resources


def get_store(request: Request) -> RunStore:
    return request.app.state.resources.store


def get_mnist(request: Request):
    try:
        return request.app.state.resources.require_mnist()
    except NotReady as err:
        raise HTTPException(503, str(err)) from None


# A network shared between requests (the default model, a cached saved run, a live run's
# scratch copy) keeps its last forward pass in its layers: one thread at a time uses it.
SHARED_NETWORKS = threading.Lock()

ResourcesDep = Annotated[Resources, Depends(get_resources)]
StoreDep = Annotated[RunStore, Depends(get_store)]
MnistDep = Annotated[object, Depends(get_mnist)]


def load_model(resources: Resources, model_id: str | None):
    """The network for `model`, with 404 for an unknown run and 503 while starting."""
    try:
        return resources.model(model_id)
    except NotReady as err:
        raise HTTPException(503, str(err)) from None
    except KeyError:
        raise HTTPException(404, f"no saved model with id {model_id!r}") from None


def run_network(resources, run_id: str, fresh: bool = False, wait: float = 0.0):
    """(network, {"id", "live"}) of a run: its newest weights while it trains, its saved ones after.

    404 for an unknown run, 409 for one without weights (still waiting, diverged, failed).
    `fresh` gives a private network (for worker threads); otherwise it may be shared. `wait`
    (worker threads only): seconds to wait for a run that just started to report its weights.
    """
    if not valid_id(run_id):
        raise HTTPException(404, f"no run with id {run_id!r}")
    try:
        net = resources.live.network(run_id, fresh=fresh, wait=wait)
    except live.NoWeightsYet as err:
        raise HTTPException(409, str(err)) from None
    if net is not None:
        return net, {"id": run_id, "live": True}
    try:
        net = resources.model(run_id)
    except KeyError:
        run = resources.store.get(run_id)
        if run is None:
            raise HTTPException(404, f"no run with id {run_id!r}") from None
        raise HTTPException(409, f"run {run_id} has no saved weights (it ended {run['status']})") from None
    return (net.copy() if fresh else net), {"id": run_id, "live": False}
