"""Small generated 2-D datasets for the playground: xor, the delta-rule table, moons, circles...

Every generator takes an explicit seed (int or np.random.Generator) and returns a `Split`
with x float32 (n, d) and y int64 (n,). Classes are as equal in size as n allows and rows
are shuffled. Each set has a `VIEW` box (xmin, xmax, ymin, ymax) that holds all its points,
so the UI can draw decision boundaries over a fixed region.

`load_toy` split: the tiny truth tables (xor, delta_table) use all points for both train and
validation (there is nothing to hold out); the others are split per class, 80% train and
20% validation, so both parts keep the class balance.
"""
from __future__ import annotations

import numpy as np

from ..errors import ParameterError
from .mnist import Split

VAL_FRACTION = 0.2
VIEW = {
    "xor": (-0.5, 1.5, -0.5, 1.5),
    "delta_table": (-0.5, 1.5, -0.5, 1.5),
    "moons": (-1.5, 1.5, -1.5, 1.5),
    "circles": (-1.5, 1.5, -1.5, 1.5),
    "spirals": (-1.5, 1.5, -1.5, 1.5),
    "blobs": (-1.5, 1.5, -1.5, 1.5),
}


def _split(x: np.ndarray, y: np.ndarray, rng: np.random.Generator | None = None) -> Split:
    """Arrays (n, d), (n,) -> a Split with the standard dtypes, rows shuffled when rng given."""
    order = rng.permutation(len(y)) if rng is not None else np.arange(len(y))
    return Split(np.asarray(x, np.float32)[order], np.asarray(y, np.int64)[order])


def _class_sizes(n: int, k: int) -> np.ndarray:
    """n points shared among k classes as evenly as possible -> (k,) counts."""
    if n < k:
        raise ValueError(f"need at least {k} points for {k} classes, got n={n}")
    return np.full(k, n // k) + (np.arange(k) < n % k)


def xor(seed=None) -> Split:
    """The four XOR points (4, 2) with labels x1 xor x2; seed unused (no randomness)."""
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    return _split(x, x[:, 0] ^ x[:, 1])


def delta_rule_table(seed=None) -> Split:
    """The delta-rule table: inputs (4, 3) with a constant bias column, targets = first input."""
    x = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
    return _split(x, np.array([0, 0, 1, 1]))


def two_moons(n: int = 200, noise: float = 0.1, seed=None) -> Split:
    """Two interleaved half circles (n, 2) in about [-1, 1] x [-0.5, 0.5]; labels 0/1."""
    rng = np.random.default_rng(seed)
    n0, n1 = _class_sizes(n, 2)
    t0, t1 = rng.uniform(0, np.pi, n0), rng.uniform(0, np.pi, n1)
    upper = np.stack([np.cos(t0), np.sin(t0)], axis=1)
    lower = np.stack([1 - np.cos(t1), 0.5 - np.sin(t1)], axis=1)
    x = np.concatenate([upper, lower]) + rng.normal(0, noise, (n, 2))
    x = (x - [0.5, 0.25]) / 1.5
    return _split(x, np.repeat([0, 1], [n0, n1]), rng)


def circles(n: int = 200, noise: float = 0.05, factor: float = 0.5, seed=None) -> Split:
    """An outer circle of radius 1 (label 0) around an inner one of radius factor (label 1)."""
    if not 0 < factor < 1:
        raise ValueError(f"factor must be between 0 and 1, got {factor}")
    rng = np.random.default_rng(seed)
    sizes = _class_sizes(n, 2)
    radius = np.repeat([1.0, factor], sizes)
    angle = rng.uniform(0, 2 * np.pi, n)
    x = radius[:, None] * np.stack([np.cos(angle), np.sin(angle)], axis=1)
    x += rng.normal(0, noise, (n, 2))
    return _split(x, np.repeat([0, 1], sizes), rng)


def spirals(n: int = 300, noise: float = 0.05, seed=None, turns: float = 1.5) -> Split:
    """Two interleaved spiral arms (n, 2) of radius up to 1, the second rotated by pi."""
    rng = np.random.default_rng(seed)
    sizes = _class_sizes(n, 2)
    label = np.repeat([0, 1], sizes)
    r = rng.uniform(0.05, 1.0, n)
    angle = r * turns * 2 * np.pi + label * np.pi
    x = r[:, None] * np.stack([np.cos(angle), np.sin(angle)], axis=1)
    x += rng.normal(0, noise, (n, 2))
    return _split(x, label, rng)


def blobs(n: int = 300, centers=3, std: float = 0.15, seed=None) -> Split:
    """Gaussian blobs (n, 2): an int places that many centres on a circle of radius 0.6."""
    rng = np.random.default_rng(seed)
    if np.ndim(centers) == 0:
        angle = 2 * np.pi * np.arange(int(centers)) / int(centers) + np.pi / 2
        centers = 0.6 * np.stack([np.cos(angle), np.sin(angle)], axis=1)
    centers = np.asarray(centers, dtype=np.float64)
    sizes = _class_sizes(n, len(centers))
    label = np.repeat(np.arange(len(centers)), sizes)
    x = centers[label] + rng.normal(0, std, (n, 2))
    return _split(x, label, rng)


# name -> (generator, its default arguments, number of classes)
TOY_DATASETS = {
    "xor": (xor, {}, 2),
    "delta_table": (delta_rule_table, {}, 2),
    "moons": (two_moons, {"n": 200, "noise": 0.1}, 2),
    "circles": (circles, {"n": 200, "noise": 0.05, "factor": 0.5}, 2),
    "spirals": (spirals, {"n": 300, "noise": 0.05, "turns": 1.5}, 2),
    "blobs": (blobs, {"n": 300, "centers": 3, "std": 0.15}, 3),
}
TRUTH_TABLES = ("xor", "delta_table")


def _stratified(data: Split, rng: np.random.Generator) -> tuple[Split, Split]:
    """Per class, the first 80% of the (shuffled) rows train and the rest validate."""
    train_idx, val_idx = [], []
    for c in np.unique(data.y):
        idx = np.flatnonzero(data.y == c)
        n_val = int(round(len(idx) * VAL_FRACTION))
        train_idx.append(idx[:len(idx) - n_val])
        val_idx.append(idx[len(idx) - n_val:])
    train, val = (rng.permutation(np.concatenate(i)) for i in (train_idx, val_idx))
    return Split(data.x[train], data.y[train]), Split(data.x[val], data.y[val])


def load_toy(name: str, seed=0, n: int | None = None) -> tuple[Split, Split]:
    """Named toy set -> (train, val) Splits; n overrides the default size (ignored for tables)."""
    if name not in TOY_DATASETS:
        raise ParameterError("dataset", f"unknown toy dataset {name!r}; choose from {', '.join(TOY_DATASETS)}")
    make, defaults, _ = TOY_DATASETS[name]
    if name in TRUTH_TABLES:
        data = make()
        return data, data
    rng = np.random.default_rng(seed)
    kwargs = dict(defaults, **({"n": n} if n is not None else {}))
    return _stratified(make(seed=rng, **kwargs), rng)
