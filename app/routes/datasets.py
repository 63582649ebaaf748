"""The examples of a toy data set, as training sees them (the page draws them and tables its outputs on them)."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query

from engine.datasets import toy

router = APIRouter(prefix="/api/datasets", tags=["datasets"])


@router.get("/{name}/points")
def points(name: str, seed: int = Query(0, ge=0, le=2**31 - 1)) -> dict:
    """A toy set's training examples for a seed, in training order: {"name", "seed", "x": [[n_in]], "y": [label]}.

    A run with `train_size` n trains on the first n of them. MNIST is not a toy set: 404.
    """
    if name not in toy.TOY_DATASETS:
        raise HTTPException(404, f"no toy data set {name!r}; choose one of {sorted(toy.TOY_DATASETS)}")
    train, _ = toy.load_toy(name, seed)
    return {"name": name, "seed": seed, "x": train.x.astype(float).tolist(), "y": train.y.astype(int).tolist()}
