"""What a network trained on a toy dataset shows besides its numbers.

- Decision regions (two-input sets): the class and confidence on a grid over the set's view
  (engine/regions.py, the network's own forward pass).
- Its outputs on every training example, in dataset order (the delta-rule table, the
  lessons' `outputs` checks): row i answers example i of GET /api/datasets/{name}/points.

Live runs compute them in the training process on every full snapshot (`ToyViews.attach`),
saved runs on request (GET /api/runs/{id}/regions); both go through `ToyViews.of`.
"""
from __future__ import annotations

import numpy as np

from engine.datasets import toy
from engine.jsonready import json_ready
from engine.regions import decision_regions


class ToyViews:
    def __init__(self, view, train_x: np.ndarray):
        """`view`: the dataset's box (xmin, xmax, ymin, ymax), or None when it has no plane to draw."""
        self.view = list(view) if view and train_x.shape[1] == 2 else None
        self.train_x = train_x

    @classmethod
    def for_run(cls, dataset: str, train_x: np.ndarray) -> "ToyViews | None":
        """For a run on `dataset` with these training inputs; None for MNIST."""
        return cls(toy.VIEW.get(dataset), train_x) if dataset in toy.TOY_DATASETS else None

    def of(self, net) -> dict:
        """{"regions": decision_regions(...) or None, "outputs": (n_train, n_out)} of `net` as it is now."""
        x = self.train_x.astype(net.dtype, copy=False)
        regions = decision_regions(net, self.view) if self.view else None
        return {"regions": regions, "outputs": net.predict_proba(x)}

    def attach(self, snap, net) -> None:
        """Add them to a full snapshot of `net` (light ones carry no arrays)."""
        if snap.full:
            snap.extras.update(self.of(net))


def tensors(extras: dict) -> tuple[dict, dict]:
    """A snapshot's extras -> (header fields, binary tensors) of its frame."""
    header, out = {}, {}
    regions = extras.get("regions")
    if regions is not None:
        header["regions"] = {"view": regions["view"], "size": regions["size"]}
        out["region_class"] = regions["classes"].astype(np.float32)
        out["region_confidence"] = regions["confidence"]
    if extras.get("outputs") is not None:
        out["outputs"] = extras["outputs"]
    return header, out


def answer(run: dict, extras: dict, dataset: str, seed: int) -> dict:
    """GET /api/runs/{id}/regions: the same pictures as strict JSON (rows of numbers)."""
    regions = extras["regions"]
    body = {"run_id": run["id"], "live": run["live"], "dataset": dataset, "seed": seed,
            "regions": None if regions is None else {
                "view": regions["view"], "size": regions["size"],
                "classes": regions["classes"].tolist(),
                "confidence": np.round(regions["confidence"].astype(np.float64), 5).tolist()},
            "outputs": np.round(extras["outputs"].astype(np.float64), 6).tolist()}
    body, nonfinite = json_ready(body)
    return {**body, "nonfinite": nonfinite}
