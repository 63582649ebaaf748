"""Loss surfaces of a real network: a grid of exact losses on a plane, with the descent path.

    s = loss_surface(net, x_train, y_train, plane="pca", trajectory=weights_so_far)
    s.values        # (n, n), row j at betas[j], column i at alphas[i]
    s.header()      # everything else, JSON-ready (the protocol's `surface` message)

Planes: "weights" (the exact slice over two chosen parameters), "random" (two
filter-normalised random directions), "pca" (the trajectory's two principal directions).
The loss is the network's own, on a fixed seeded subset of the training data; the path's
true losses come beside the surface's values at the projected points, so the page can say
how far the picture is from the truth.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ..errors import ParameterError
from ..jsonready import json_ready
from . import directions as dirs
from .evaluate import LossMemo, PlaneLoss, forward_losses

PLANES = ("pca", "random", "weights")
DEFAULT_EXAMPLES = 2000
MAX_RESOLUTION = 201
PATH_MARGIN = 1.25   # the PCA grid reaches this far beyond the farthest path point


def fixed_subset(x: np.ndarray, t: np.ndarray, n: int = DEFAULT_EXAMPLES, seed: int = 0):
    """The same n examples (sorted indices) for a given seed: (x (n, d), t (n,...))."""
    if len(x) <= n:
        return x, t
    idx = np.sort(np.random.default_rng(seed).choice(len(x), size=n, replace=False))
    return x[idx], t[idx]


@dataclass
class Surface:
    """A computed surface: the grid's values plus everything the page draws beside them."""

    plane: str
    alphas: np.ndarray                  # (n,)
    betas: np.ndarray                   # (n,)
    values: np.ndarray                  # (n, n) float32, row j = betas[j]
    center_loss: float
    path: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))   # (T, 2)
    path_loss: np.ndarray = field(default_factory=lambda: np.zeros(0))   # (T,) true losses
    path_surface_loss: np.ndarray = field(default_factory=lambda: np.zeros(0))  # (T,) on the plane
    explained_variance: list | None = None
    n_examples: int = 0
    directions: tuple = ()              # (d1, d2) flat (P,) vectors

    def header(self) -> dict:
        """JSON-ready fields of the `surface` message (non-finite numbers -> None, flagged)."""
        out = {"type": "surface", "plane": self.plane, "alphas": self.alphas.tolist(),
               "betas": self.betas.tolist(), "path": self.path.tolist(),
               "path_loss": self.path_loss.tolist(),
               "path_surface_loss": self.path_surface_loss.tolist(),
               "explained_variance": self.explained_variance, "center_loss": self.center_loss,
               "n_examples": self.n_examples}
        out = json_ready(out)[0]
        numbers = (self.values, self.path_loss, self.path_surface_loss, self.center_loss)
        out["nonfinite"] = not all(np.isfinite(v).all() for v in numbers)
        return out


def loss_surface(net, x, t, plane: str = "pca", resolution: int = 41, span: float = 1.0, *,
                 center=None, trajectory=None, params=None, seed: int = 0,
                 n_examples: int = DEFAULT_EXAMPLES, data_seed: int = 0, memo: LossMemo | None = None) -> Surface:
    """Loss on a resolution² grid of a plane through `center` (default: the net's weights).

    `trajectory`: (T, P) flat parameter vectors (needed for "pca"; projected as the path
    on every plane). `params`: two {"layer": i (0-based Dense), "index": [r, c] for W or
    [c] for b} for "weights". `span`: half-width of the grid in α/β units (weights: the
    weight's own units; random: multiples of the filter-normalised direction; pca: multiples
    of the path's extent). `memo`: the trajectory's losses already known (a LossMemo kept
    for this network and data between calls; the path's points are evaluated once).
    """
    resolution, span = _check_grid(resolution, span)
    xs, ts = fixed_subset(x, t, n_examples, data_seed)
    center = np.asarray(net.get_flat() if center is None else center, dtype=np.float64)
    path_thetas = None if trajectory is None else _as_matrix(trajectory, net.n_params)
    d1, d2, ratios, half = _plane(net, plane, center, path_thetas, params, seed, span)
    axis = np.linspace(-half, half, resolution)
    if resolution % 2:
        axis[resolution // 2] = 0.0                      # the current point is a grid node
    evaluate = PlaneLoss(net, xs, ts, center, d1, d2)
    a, b = np.meshgrid(axis, axis)
    values = evaluate(a, b).reshape(resolution, resolution).astype(np.float32)
    surface = Surface(plane, axis, axis.copy(), values, float(evaluate([0.0], [0.0])[0]),
                      explained_variance=ratios, n_examples=len(xs), directions=(d1, d2))
    if path_thetas is not None and len(path_thetas):
        surface.path = dirs.project(path_thetas, center, d1, d2)
        surface.path_loss = (forward_losses(net, xs, ts, path_thetas) if memo is None
                             else memo.losses(net, xs, ts, path_thetas, key=(len(xs), data_seed)))
        surface.path_surface_loss = evaluate(surface.path[:, 0], surface.path[:, 1])
    return surface


def _plane(net, plane, center, path_thetas, params, seed, span):
    """(d1, d2, explained-variance ratios or None, grid half-width)."""
    if plane == "weights":
        if not isinstance(params, (list, tuple)) or len(params) != 2 \
                or not all(isinstance(p, dict) for p in params):
            raise ParameterError("params", "the weights plane needs params: two {\"layer\", \"index\"} entries")
        d = [dirs.weight_direction(net, p.get("layer"), p.get("index"), p.get("param"))
             for p in params]
        if np.array_equal(d[0], d[1]):
            raise ParameterError("params", "the weights plane needs two different parameters")
        return d[0], d[1], None, span
    if plane == "random":
        d1, d2 = dirs.random_plane(net, center, seed)
        return d1, d2, None, span
    if plane == "pca":
        if path_thetas is None or not len(path_thetas):
            raise ParameterError("trajectory", "the pca plane needs the trajectory (saved parameter vectors)")
        d1, d2, ratios = dirs.pca_plane(path_thetas, center)
        d1, d2 = _complete(net, center, d1, d2, seed)
        reach = np.abs(dirs.project(path_thetas, center, d1, d2)).max(initial=0.0)
        if reach == 0:
            reach = 0.05 * max(np.linalg.norm(center), 1.0)
        return d1, d2, ratios, span * PATH_MARGIN * reach
    raise ParameterError("plane", f"unknown plane {plane!r}; choose one of {list(PLANES)}")


def _complete(net, center, d1, d2, seed):
    """Replace missing (zero) PCA directions by unit random ones orthogonal to the others."""
    rng = np.random.default_rng(seed)
    done = []
    for d in (d1, d2):
        if not d.any():
            d = dirs.filter_normalized(net, center, rng)
            for other in done:
                d = d - (d @ other) * other
            d = d / np.linalg.norm(d)
        done.append(d)
    return done


def interpolate(net, x, t, theta_a, theta_b, n: int = 51, lo: float = -0.5, hi: float = 1.5, *,
                n_examples: int = DEFAULT_EXAMPLES, data_seed: int = 0) -> dict:
    """Loss along (1 − a)·θ_a + a·θ_b for n values of a in [lo, hi]: {"a" [n], "values" [n],
    "loss_a", "loss_b"} (a = 0 and a = 1 are always on the grid's ends or inside)."""
    _check_grid(n, 1.0)
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise ParameterError("hi", f"need finite lo < hi, got {lo!r}, {hi!r}")
    xs, ts = fixed_subset(x, t, n_examples, data_seed)
    theta_a = np.asarray(theta_a, dtype=np.float64)
    line = np.asarray(theta_b, dtype=np.float64) - theta_a
    evaluate = PlaneLoss(net, xs, ts, theta_a, line, np.zeros_like(line))
    a = np.linspace(lo, hi, n)
    values = evaluate(a, np.zeros(n))
    ends = evaluate([0.0, 1.0], [0.0, 0.0])
    return json_ready({"a": a, "values": values, "loss_a": ends[0], "loss_b": ends[1]})[0]


def _check_grid(resolution, span):
    if isinstance(resolution, bool) or not isinstance(resolution, (int, np.integer)) \
            or not 2 <= resolution <= MAX_RESOLUTION:
        raise ParameterError("resolution", f"resolution must be an integer from 2 to {MAX_RESOLUTION}, got {resolution!r}")
    if isinstance(span, bool) or not isinstance(span, (int, float)) or not 0 < span < 1e6:
        raise ParameterError("span", f"span must be a positive number, got {span!r}")
    return int(resolution), float(span)


def _as_matrix(trajectory, n_params: int) -> np.ndarray:
    """List of flat vectors, or of per-parameter array lists, -> (T, P) float64."""
    rows = [np.concatenate([np.ravel(p) for p in item]) if isinstance(item, (list, tuple))
            else np.ravel(item) for item in trajectory]
    m = np.array(rows, dtype=np.float64).reshape(len(rows), -1)
    if m.shape[1] != n_params:
        raise ParameterError("trajectory", f"trajectory vectors have {m.shape[1]} values, the network {n_params}")
    return m

