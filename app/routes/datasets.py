"""A toy set's examples, as a run with a given seed trains and validates on them (the page tables a
network's outputs on them). The answer has the shape of the `polish` branch's toydata route, so either serves the page."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query

from engine.datasets import toy

from ..core.openapi import problems

router = APIRouter(prefix="/api/datasets", tags=["datasets"])
DECIMALS = 6


def _split(split) -> dict:
    return {"x": [[round(float(v), DECIMALS) for v in row] for row in split.x], "y": [int(v) for v in split.y]}


@router.get("/{name}/points", responses=problems(404, _404="no toy data set of that name"))
def points(name: str, seed: int = Query(0, ge=0, le=2**32 - 1)) -> dict:
    """{"dataset", "seed", "view" (null unless two inputs), "classes", "train": {"x", "y"}, "val": {"x", "y"}, "same"}.

    In dataset order: a run with `train_size` n trains on the first n training examples. `same`: the
    truth tables (xor, delta_table) validate on their training points. MNIST is not a toy set: 404.
    """
    if name not in toy.TOY_DATASETS:
        raise HTTPException(404, f"no toy data set {name!r}; choose one of {sorted(toy.TOY_DATASETS)}")
    train, val = toy.load_toy(name, seed)
    return {"dataset": name, "seed": seed, "view": list(toy.VIEW[name]) if train.x.shape[1] == 2 else None,
            "classes": toy.TOY_DATASETS[name][2], "train": _split(train), "val": _split(val), "same": train is val}
