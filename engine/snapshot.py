"""Snapshot: what the trainer shows of itself every N steps and every epoch, and when.

Taken often (every 50 steps by default), so each piece is a handful of NumPy calls over the
arrays as they are: no float64 copies, one pass per statistic, norms as sums of squares, and
nothing that wakes BLAS's extra threads (see `_sum_of_squares`, `Network.activations`).

When is a snapshot policy's call. The trainer asks `policy.due(step, control)` before each
step ("full", "light": numbers only, or None), tells it `policy.sent(full)` after every
snapshot, and before it waits in a pause it sends a full one if `policy.held_back` says a
due step snapshot was thinned away since the last full one. `EverySteps` is the engine's
own policy; an application that streams snapshots can pass one that paces them.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .jsonready import json_ready

HIST_BINS = 30
HUGE_SPAN = 1e30   # half-ranges wider than this are binned as v/2 in float64 (no overflow)


@dataclass
class Snapshot:
    kind: str                      # "step" | "epoch"
    step: int                      # optimizer steps taken so far
    epoch: float                   # fractional during an epoch, e.g. 1.25
    lr: float
    train_loss: float | None       # step: running mean since the previous snapshot; epoch: epoch mean
    val_loss: float | None = None
    val_accuracy: float | None = None
    train_accuracy: float | None = None
    seconds: float | None = None   # epoch snapshots: wall time of that epoch's training steps
    status: str = "training"
    weights: list = field(default_factory=list)          # copies of [W1, b1, W2, ...]
    grad_norms: list = field(default_factory=list)       # per Dense layer ‖(dW, db)‖
    update_ratios: list = field(default_factory=list)    # per Dense layer ‖Δθ‖ / ‖θ‖ of the last step
    activation_stats: list = field(default_factory=list)  # per Dense layer, on the probe batch: mean, std, zero, saturated, dead
    histograms: list = field(default_factory=list)       # per Dense layer {"weights", "activations"}
    full: bool = True   # False: a light step snapshot (numbers and gradient norms; no arrays or statistics)
    extras: dict = field(default_factory=dict)   # what an application adds to a full one (decision regions, ...)

    def numbers(self) -> dict:
        """The small part, as it is (numbers may be non-finite): what a metrics row shows."""
        keys = ("kind", "step", "epoch", "lr", "train_loss", "val_loss", "val_accuracy",
                "train_accuracy", "seconds", "status", "grad_norms", "update_ratios", "activation_stats")
        return {k: getattr(self, k) for k in keys}

    def scalars(self) -> dict:
        """The small part, JSON-ready (non-finite numbers become None)."""
        return json_ready(self.numbers())[0]


class EverySteps:
    """A full step snapshot every `every` steps (0 or None: none; epochs always get one)."""

    held_back = False

    def __init__(self, every: int | None):
        self.every = int(every or 0)

    def due(self, step: int, control) -> str | None:
        """"full" when `step` (the step about to be taken, counting from 1) is a multiple of `every`."""
        return "full" if self.every and step % self.every == 0 else None

    def sent(self, full: bool) -> None:
        """Every snapshot sent is reported here (this policy keeps no record)."""


def histogram(values: np.ndarray, bins: int = HIST_BINS) -> dict:
    """Counts and edges of `bins` equal bins over the finite values (empty when none are finite).

    Bin of v: ⌊(v − lo)·bins / (hi − lo)⌋, the top edge belonging to the last bin.
    """
    v = np.asarray(values).ravel()
    if v.dtype.kind != "f":
        v = v.astype(np.float64)
    lo, hi = (float(v.min()), float(v.max())) if v.size else (math.nan, math.nan)
    if not (math.isfinite(lo) and math.isfinite(hi)):   # NaN or ±inf somewhere: drop them
        v = v[np.isfinite(v)]
        if v.size == 0:
            return {"counts": [0] * bins, "edges": np.linspace(0, 1, bins + 1).tolist()}
        lo, hi = float(v.min()), float(v.max())
    if hi - lo < 1e-12:   # one value: a bin range around it, wide enough to survive rounding
        pad = max(0.5, abs(lo) * 1e-6)
        lo, hi = lo - pad, hi + pad
    half = hi / 2 - lo / 2
    if half > HUGE_SPAN:   # bin v/2 in float64 so neither v − lo nor hi − lo overflows
        v, lo, hi = v.astype(np.float64) / 2, lo / 2, hi / 2
    scaled = np.subtract(v, v.dtype.type(lo))
    scaled *= v.dtype.type(bins / (hi - lo))
    counts = np.bincount(scaled.astype(np.intp), minlength=bins)
    if len(counts) > bins:   # v = hi (and rounding just below it) lands past the last bin
        counts[bins - 1] += counts[bins:].sum()
        counts = counts[:bins]
    k, width = (2 if half > HUGE_SPAN else 1), (hi - lo) / bins
    return {"counts": counts.tolist(), "edges": [k * (lo + j * width) for j in range(bins)] + [k * hi]}


def dead_count(a: np.ndarray) -> int:
    """Units (columns of a (n, k) batch) that are exactly 0 for every example: dead ReLUs."""
    return int(a.shape[1] - np.count_nonzero(a.any(axis=0))) if a.ndim == 2 and len(a) else 0


def layer_stats(a: np.ndarray, activation) -> dict:
    """Mean, std, share exactly 0, share saturated, and dead units of one layer's (n, k) activations."""
    n = a.size
    mean = float(a.sum(dtype=np.float64)) / n
    centred = (a - a.dtype.type(mean)).ravel()
    return {"mean": mean, "std": math.sqrt(_sum_of_squares(centred) / n),
            "zero": (n - np.count_nonzero(a)) / n, "saturated": activation.saturated(a) / n,
            "dead": dead_count(a)}


def activation_stats(net, probe_x: np.ndarray, batch: int | None = None) -> tuple[list, list]:
    """Per Dense layer: stats of post-activations on the probe batch (run `batch` rows at a time), and histograms."""
    stats, hists = [], []
    for (dense, activation), layer in zip(net.blocks, net.activations(probe_x, batch)):
        a = layer["post"]
        stats.append(layer_stats(a, activation))
        hists.append({"weights": histogram(dense.params["W"]), "activations": histogram(a)})
    return stats, hists


def _sum_of_squares(v: np.ndarray) -> float:
    """Σ v_i² of a flat array. Not np.dot: BLAS runs a dot of over 10,000 numbers (a 784×16
    layer's weights) on all its threads, and waking them on a busy machine cost a snapshot
    more than the whole product."""
    return float(np.einsum("i,i->", v, v))


def _norm(*arrays: np.ndarray) -> float:
    """‖(a, b, …)‖ as one vector, from the flat views' sums of squares."""
    return math.sqrt(sum(_sum_of_squares(a.ravel()) for a in arrays))


def grad_norms(net) -> list[float]:
    """Gradient norm ‖(dW, db)‖ per Dense layer."""
    g = net.grads
    return [_norm(g[2 * i], g[2 * i + 1]) for i in range(len(net.dense))]


def update_ratios(net, before: np.ndarray) -> list[float]:
    """‖θ_now − θ_before‖ / ‖θ_now‖ per Dense layer; `before` is all params as one flat vector."""
    out, start = [], 0
    for i in range(len(net.dense)):
        w, b = net.params[2 * i], net.params[2 * i + 1]
        mid, end = start + w.size, start + w.size + b.size
        dw = np.subtract(w.ravel(), before[start:mid])
        db = np.subtract(b, before[mid:end])
        den = _norm(w, b)
        out.append(_norm(dw, db) / den if den > 0 else 0.0)
        start = end
    return out

