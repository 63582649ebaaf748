"""Dependencies as Annotated aliases, so handlers read like sentences."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request

from .resources import NotReady, Resources
from .runs.store import RunStore


def get_resources(request: Request) -> Resources:
    return request.app.state.resources


def get_store(request: Request) -> RunStore:
    return request.app.state.resources.store


def get_mnist(request: Request):
    try:
        return request.app.state.resources.require_mnist()
    except NotReady as err:
        raise HTTPException(503, str(err)) from None


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
