"""Decision regions: what a network with two inputs answers everywhere in a box of the plane.

The toy datasets' pictures colour each point of the plane by the class the network predicts
there, paler where it is less sure. The grid is computed here by the network's own forward
pass (the layers and output activation of engine/), so the picture shows exactly the
function that was trained, never a second implementation of it.
"""
from __future__ import annotations

import math

import numpy as np

LARGEST_GRID = 48     # cells per side: drawn scaled up and smoothed, finer is not seen
SMALLEST_GRID = 16
GRID_BUDGET = 8e6     # multiply-adds one grid may cost; larger networks get a coarser grid


def grid(view, n: int) -> np.ndarray:
    """Cell centres (n·n, 2) of an n×n grid over view (xmin, xmax, ymin, ymax); row 0 is the top (y = ymax)."""
    x0, x1, y0, y1 = (float(v) for v in view)
    xs = x0 + (np.arange(n) + 0.5) * (x1 - x0) / n
    ys = y1 - (np.arange(n) + 0.5) * (y1 - y0) / n
    gx, gy = np.meshgrid(xs, ys)
    return np.stack([gx.ravel(), gy.ravel()], axis=1)


def classify(outputs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Output activations (m, k) -> predicted class (m,) and its output (m,), the confidence.

    One output unit (a sigmoid for two classes) says class 1 when y > ½, with confidence y,
    else class 0 with 1 − y; several units answer with the largest (as `Network.predict`).
    """
    if outputs.shape[1] == 1:
        y = outputs[:, 0]
        cls = (y > 0.5).astype(np.int64)
        return cls, np.where(cls == 1, y, 1 - y)
    cls = outputs.argmax(axis=1)
    return cls, np.take_along_axis(outputs, cls[:, None], axis=1)[:, 0]


def grid_size(net, budget: float = GRID_BUDGET) -> int:
    """Cells per side for `net`: LARGEST_GRID while the grid costs at most `budget` multiply-adds."""
    per_point = sum(d.params["W"].size for d in net.dense)
    n = math.isqrt(int(budget // max(1, per_point)))
    return max(SMALLEST_GRID, min(LARGEST_GRID, n))


def decision_regions(net, view, n: int | None = None) -> dict:
    """{"view", "size", "classes" (n, n), "confidence" (n, n)} of a two-input network over view."""
    if net.sizes[0] != 2:
        raise ValueError(f"decision regions need a network with two inputs, not {net.sizes[0]}")
    n = n or grid_size(net)
    points = grid(view, n).astype(net.dtype)
    cls, confidence = classify(net.predict_proba(points))
    return {"view": [float(v) for v in view], "size": n,
            "classes": cls.reshape(n, n), "confidence": confidence.reshape(n, n)}
