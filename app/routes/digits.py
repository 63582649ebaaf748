"""MNIST digits by index, and a model's evaluation on the test set."""
from __future__ import annotations

from typing import Literal

import numpy as np
from fastapi import APIRouter, HTTPException, Path, Query, Response

from ..core.jsonsafe import dumps
from ..core.openapi import problems
from ..deps import SHARED_NETWORKS, MnistDep, ResourcesDep, load_model, run_network

router = APIRouter(prefix="/api", tags=["digits"])
MAX_MISTAKES = 48
STARTING_WAIT = 15.0   # seconds a run out of the line gets to report its first weights
MAX_INDEX_DIGITS = 6   # the largest split has 55,000 digits


@router.get("/digits/{split}/{index}", responses=problems(404, 503, _404="no digit with that index in the split"))
def digit(split: Literal["train", "val", "test"], mnist: MnistDep,
          index: str = Path(description="0 … the split's size − 1, or `random`")) -> dict:
    """One digit of `split` (train, val, test) by index, or `random`."""
    data = getattr(mnist, split)
    if index == "random":
        i = int(np.random.default_rng().integers(len(data)))
    elif index.isascii() and index.isdigit() and len(index) <= MAX_INDEX_DIGITS and int(index) < len(data):
        i = int(index)
    else:
        raise HTTPException(404, f"index must be 0–{len(data) - 1} or random")
    return {"index": i, "label": int(data.y[i]), "pixels": data.x[i].tolist()}


@router.get("/evaluation", responses=problems(404, 409, 503, _404="no saved run or model with that id",
                                              _409="the run has no weights yet, or none at all"))
def evaluation(resources: ResourcesDep, mnist: MnistDep, model: str | None = Query(None, max_length=64),
               run: str | None = Query(None, max_length=64, description="a run: its newest weights while it trains, its saved ones after")) -> Response:
    """Test accuracy, confusion matrix [true][pred] and the most confident mistakes; `model`/`run` name the network."""
    if run is not None and model is not None:
        raise HTTPException(422, 'send at most one of "run" and "model"')
    key = run or model or "default"
    cached = resources.evaluations.get(key)
    if cached is not None:
        return Response(cached, media_type="application/json")
    # A run started paused (a lesson measuring the untrained network) may still be building its network.
    if run is not None:
        net, who = run_network(resources, run, fresh=True, wait=STARTING_WAIT)
    else:
        shared, who = load_model(resources, model), None
        with SHARED_NETWORKS:
            net = shared.copy()
    if net.sizes[0] != 784:
        raise HTTPException(422, "model: this run was trained on a toy dataset, not on digits")
    result = {**_evaluate(net, mnist.test), "model": key, "live": bool(who and who["live"])}
    body = dumps(result).encode()
    if not result["live"]:   # a training run's answer changes with its weights; a saved one does not
        resources.evaluations.put(key, body)
    return Response(body, media_type="application/json")


def _evaluate(net, test) -> dict:
    probs = net.predict_proba(test.x)
    pred = probs.argmax(axis=1)
    confusion = np.zeros((10, 10), dtype=int)
    np.add.at(confusion, (test.y, pred), 1)
    wrong = np.flatnonzero(pred != test.y)
    confidence = probs[wrong, pred[wrong]]
    worst = wrong[np.argsort(-confidence)][:MAX_MISTAKES]
    mistakes = [{"index": int(i), "label": int(test.y[i]), "prediction": int(pred[i]),
                 "confidence": float(probs[i, pred[i]]), "pixels": test.x[i].tolist()} for i in worst]
    return {"accuracy": float(np.mean(pred == test.y)), "confusion": confusion.tolist(),
            "mistakes": mistakes}
