"""Snapshot: what the trainer shows of itself every N steps and every epoch."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

HIST_BINS = 30


@dataclass
class Snapshot:
    kind: str                      # "step" | "epoch"
    step: int                      # optimizer steps taken so far
    epoch: float                   # fractional during an epoch, e.g. 1.25
    lr: float
    train_loss: float | None       # running mean since the previous snapshot
    val_loss: float | None = None
    val_accuracy: float | None = None
    train_accuracy: float | None = None
    seconds: float | None = None   # epoch snapshots: wall time of that epoch's training steps
    status: str = "training"
    weights: list = field(default_factory=list)          # copies of [W1, b1, W2, ...]
    grad_norms: list = field(default_factory=list)       # per Dense layer ‖(dW, db)‖
    update_ratios: list = field(default_factory=list)    # per Dense layer ‖Δθ‖ / ‖θ‖
    activation_stats: list = field(default_factory=list)  # per Dense layer, on the probe batch
    histograms: list = field(default_factory=list)       # per Dense layer {"weights", "activations"}

    def scalars(self) -> dict:
        """The small, JSON-friendly part (non-finite numbers become None)."""
        keys = ("kind", "step", "epoch", "lr", "train_loss", "val_loss", "val_accuracy",
                "train_accuracy", "seconds", "status")
        out = {k: finite_or_none(getattr(self, k)) for k in keys}
        out["grad_norms"] = [finite_or_none(v) for v in self.grad_norms]
        out["update_ratios"] = [finite_or_none(v) for v in self.update_ratios]
        out["activation_stats"] = [{k: finite_or_none(v) for k, v in s.items()} for s in self.activation_stats]
        return out


def finite_or_none(value):
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, np.integer):
        return int(value)
    return value


def histogram(values: np.ndarray, bins: int = HIST_BINS) -> dict:
    """Counts and edges over the finite values (empty when none are finite)."""
    v = np.asarray(values, dtype=np.float64)
    v = v[np.isfinite(v)]
    if v.size == 0:
        return {"counts": [0] * bins, "edges": list(np.linspace(0, 1, bins + 1))}
    lo, hi = float(v.min()), float(v.max())
    if hi - lo < 1e-12:
        lo, hi = lo - 0.5, hi + 0.5
    counts, edges = np.histogram(v, bins=bins, range=(lo, hi))
    return {"counts": counts.tolist(), "edges": edges.tolist()}


def activation_stats(net, probe_x: np.ndarray) -> tuple[list, list]:
    """Per Dense layer: stats of post-activations on the probe batch, and histograms."""
    stats, hists = [], []
    for d, layer in zip(net.dense, net.activations(probe_x)):
        a = layer["post"]
        saturated = np.mean((a < 0.02) | (a > 0.98)) if _is_squashing(net, d) else 0.0
        stats.append({"mean": float(a.mean()), "std": float(a.std()),
                      "zero": float(np.mean(a == 0)), "saturated": float(saturated)})
        hists.append({"weights": histogram(d.params["W"]), "activations": histogram(a)})
    return stats, hists


def _is_squashing(net, dense) -> bool:
    i = net.dense.index(dense)
    return getattr(net._activation_after(i), "name", "") in ("sigmoid", "softmax")


def layer_norms(net, before: list | None) -> tuple[list, list]:
    """Gradient norm per Dense layer, and ‖θ_now − θ_before‖ / ‖θ_now‖ when `before` is given."""
    grads, ratios = [], []
    for i in range(len(net.dense)):
        gw, gb = net.grads[2 * i], net.grads[2 * i + 1]
        grads.append(float(np.sqrt(np.sum(gw * gw) + np.sum(gb * gb))))
        if before is not None:
            w, b = net.params[2 * i], net.params[2 * i + 1]
            dw, db = w - before[2 * i], b - before[2 * i + 1]
            num = np.sqrt(np.sum(dw * dw) + np.sum(db * db))
            den = np.sqrt(np.sum(w * w) + np.sum(b * b))
            ratios.append(float(num / den) if den > 0 else 0.0)
    return grads, ratios
