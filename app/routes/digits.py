"""MNIST digits by index, and a model's evaluation on the test set."""
from __future__ import annotations

import numpy as np
from fastapi import APIRouter, HTTPException, Query

from ..deps import MnistDep, ResourcesDep, load_model

router = APIRouter(prefix="/api", tags=["digits"])
MAX_MISTAKES = 48


@router.get("/digits/{split}/{index}")
def digit(split: str, index: str, mnist: MnistDep) -> dict:
    """One digit of `split` (train, val, test) by index, or `random`."""
    if split not in ("train", "val", "test"):
        raise HTTPException(404, "split must be train, val or test")
    data = getattr(mnist, split)
    if index == "random":
        i = int(np.random.default_rng().integers(len(data)))
    elif index.isdigit() and int(index) < len(data):
        i = int(index)
    else:
        raise HTTPException(404, f"index must be 0–{len(data) - 1} or random")
    return {"index": i, "label": int(data.y[i]), "pixels": data.x[i].tolist()}


@router.get("/evaluation")
def evaluation(resources: ResourcesDep, mnist: MnistDep, model: str | None = Query(None)) -> dict:
    """Test accuracy, confusion matrix [true][pred] and the most confident mistakes."""
    key = model or "default"
    cached = resources.evaluations.get(key)
    if cached is None:
        net = load_model(resources, model).copy()
        if net.sizes[0] != 784:
            raise HTTPException(422, "model: this run was trained on a toy dataset, not on digits")
        cached = _evaluate(net, mnist.test)
        resources.evaluations[key] = cached
    return cached


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
