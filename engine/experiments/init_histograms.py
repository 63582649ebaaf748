"""Activation histograms layer by layer, for several weight initializations side by side.

The experiment of *Deep Learning from Scratch* §6.2: the same inputs go through `depth`
Dense layers of `width` units and an activation; each layer's activations are counted into a
histogram. With sigmoid, std 1 drives the units into their flat ends, std 0.01 squeezes them
all to 0.5, Xavier (std 1/√n) keeps them spread; with ReLU, He (std √(2/n)) keeps the spread
from shrinking layer after layer. The biases start at 0, so they are left out. Every
initialization draws its weights from the same seeded generator, so the normal ones differ
only in scale.
"""
from __future__ import annotations

import numpy as np

from ..errors import ParameterError

from .. import activations, initializers
from ..snapshot import layer_stats

DEFAULT_INITS = ({"init": "normal", "std": 1.0}, {"init": "normal", "std": 0.01},
                 {"init": "xavier_normal"}, {"init": "he_normal"})
LIMITS = {"depth": (1, 10), "width": (1, 512), "bins": (5, 100)}
BOUNDED = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0)}   # histogram ranges of the bounded ones


def gaussian_inputs(n: int, width: int, seed: int = 0) -> np.ndarray:
    """(n, width) standard normal inputs, as in the book's figure (1000 × 100)."""
    return np.random.default_rng([seed, 1]).standard_normal((n, width))


def init_histograms(x, activation="sigmoid", inits=DEFAULT_INITS, depth=5, width=100, seed=0,
                    bins=30, alpha=None) -> dict:
    """(n, d) inputs -> per initialization, per layer: histogram counts and statistics.

    Returns {"activation", "depth", "width", "examples", "bins", "results": [{"init", "std",
    "edges" (bins + 1,), "layers": [{"counts", "mean", "std", "zero", "saturated", "dead"}]}]}.
    A result's layers share one range: the activation's own for sigmoid and tanh, else
    [min, max] over its layers, so a shrinking or growing spread shows from layer to layer.
    """
    x = _check_inputs(x)
    depth, width, bins = (_whole(name, v, *LIMITS[name]) for name, v in
                          (("depth", depth), ("width", width), ("bins", bins)))
    if activation not in activations.HIDDEN:
        raise ParameterError("activation", f"unknown {activation!r}; choose one of {activations.HIDDEN}")
    specs = [_check_init(i, spec) for i, spec in enumerate(inits)]
    f = activations.create(activation, alpha)
    results = [_result(spec, _forward(x, f, spec, depth, width, seed), f, bins) for spec in specs]
    return {"activation": activation, "depth": depth, "width": width, "examples": len(x),
            "bins": bins, "results": results}


def _forward(x, f, spec, depth, width, seed) -> list[np.ndarray]:
    """The (n, width) activations of each layer (activation layer f) under one initialization."""
    rng = np.random.default_rng(seed)
    out, a = [], x
    for _ in range(depth):
        w = initializers.initialize(spec["init"], (a.shape[1], width), rng, np.float64, spec.get("std"))
        a = f.f(a @ w)
        out.append(a)
    return out


def _result(spec: dict, layers: list[np.ndarray], activation, bins: int) -> dict:
    lo, hi = BOUNDED.get(activation.name) or (min(float(a.min()) for a in layers), max(float(a.max()) for a in layers))
    if not hi > lo:   # every value equal (e.g. all-zero weights): a range around it
        lo, hi = lo - 0.5, hi + 0.5
    edges = np.linspace(lo, hi, bins + 1)
    rows = [{"counts": np.histogram(np.clip(a, lo, hi), edges)[0].tolist(), **layer_stats(a, activation)}
            for a in layers]
    return {"init": spec["init"], "std": spec.get("std"), "edges": edges.tolist(), "layers": rows}


def _check_inputs(x) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2 or 0 in x.shape:
        raise ParameterError("inputs", f"must be a non-empty (examples, features) array, got shape {x.shape}")
    if not np.isfinite(x).all():
        raise ParameterError("inputs", "contain NaN or infinite values")
    return x


def _check_init(i: int, spec: dict) -> dict:
    """{"init", "std"?} with a known initializer; std only where it means something."""
    if not isinstance(spec, dict) or not isinstance(spec.get("init"), str):
        raise ParameterError(f"inits.{i}", f"give {{\"init\": name}} (and \"std\" for normal), got {spec!r}")
    try:
        name = initializers.canonical(spec["init"])
    except ValueError as err:
        raise ParameterError(f"inits.{i}.init", str(err)) from None
    std = spec.get("std")
    if std is not None and not (isinstance(std, (int, float)) and not isinstance(std, bool) and 0 < std <= 10):
        raise ParameterError(f"inits.{i}.std", f"must be a number in (0, 10], got {std!r}")
    return {"init": name, "std": std if name in ("normal", "constant") else None}


def _whole(name: str, value, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not lo <= value <= hi:
        raise ParameterError(name, f"must be a whole number from {lo} to {hi}, got {value!r}")
    return int(value)
