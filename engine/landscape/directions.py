"""Directions that span a plane through parameter space, and projecting a path onto them.

All vectors are flat float64 parameter vectors in the network's `param_names` order
(W1, b1, W2, b2, ...), like `net.get_flat()`.
"""
from __future__ import annotations

import numpy as np

from ..errors import ParameterError
from .evaluate import structure


def _slices(net):
    """Per Dense layer: (slice of W in the flat vector, W shape, slice of b)."""
    out, i = [], 0
    for (n_in, n_out), _ in structure(net):
        w = slice(i, i + n_in * n_out)
        i += n_in * n_out
        out.append((w, (n_in, n_out), slice(i, i + n_out)))
        i += n_out
    return out


def weight_direction(net, layer: int, index, param: str | None = None) -> np.ndarray:
    """Unit vector along one parameter: Dense `layer` (0-based), `param` "W" [r, c] or "b" [c]
    (inferred from the index's length when None)."""
    parts = _slices(net)
    if not isinstance(layer, (int, np.integer)) or not 0 <= layer < len(parts):
        raise ParameterError("params", f"layer must be 0..{len(parts) - 1}, got {layer!r}")
    w_slice, shape, b_slice = parts[layer]
    try:
        index = [int(v) for v in np.atleast_1d(index)] if index is not None else []
    except (TypeError, ValueError):
        raise ParameterError("params", f"index must be integers, got {index!r}") from None
    param = param or ("b" if len(index) == 1 else "W")
    if param == "W" and len(index) == 2 and all(0 <= v < s for v, s in zip(index, shape)):
        pos = w_slice.start + index[0] * shape[1] + index[1]
    elif param == "b" and len(index) == 1 and 0 <= index[0] < shape[1]:
        pos = b_slice.start + index[0]
    else:
        want = f"[row < {shape[0]}, col < {shape[1]}]" if param == "W" else f"[i < {shape[1]}]"
        raise ParameterError("params", f"index for {param}{layer + 1} must be {want}, got {index!r}")
    d = np.zeros(net.n_params)
    d[pos] = 1.0
    return d


def filter_normalized(net, center: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Random N(0, 1) direction with each W column (a neuron's incoming weights) rescaled to
    the norm of that column of `center`; bias directions are zero (Li et al. 2018)."""
    d = np.zeros(net.n_params)
    for w_slice, shape, _ in _slices(net):
        w = center[w_slice].reshape(shape)
        r = rng.standard_normal(shape)
        r *= np.linalg.norm(w, axis=0) / np.maximum(np.linalg.norm(r, axis=0), 1e-12)
        d[w_slice] = r.ravel()
    return d


def random_plane(net, center: np.ndarray, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two filter-normalised random directions around `center`, reproducible from `seed`."""
    rng = np.random.default_rng(seed)
    return filter_normalized(net, center, rng), filter_normalized(net, center, rng)


def pca_plane(trajectory: np.ndarray, reference: np.ndarray):
    """Top two principal directions of θᵢ − θ_ref (trajectory (T, P)): (d1, d2, ratios [2]).

    The plane must pass through θ_ref, so the differences are not centred: the directions
    are the best plane through θ_ref in the least-squares sense, and each ratio is the share
    of Σ‖θᵢ − θ_ref‖² along that axis. Missing directions (a straight path, or too few
    points) come back as zero vectors with ratio 0.
    """
    diffs = np.asarray(trajectory, dtype=np.float64) - np.asarray(reference, dtype=np.float64)
    gram = diffs @ diffs.T                               # (T, T): cheaper than an SVD of (T, P)
    eigvals, eigvecs = np.linalg.eigh(gram)
    order = np.argsort(eigvals)[::-1]
    eigvals, eigvecs = np.clip(eigvals[order], 0, None), eigvecs[:, order]
    total = eigvals.sum()
    dirs, ratios = [], []
    for k in range(2):
        lam = eigvals[k] if k < len(eigvals) else 0.0
        if total <= 0 or lam <= total * 1e-12:
            dirs.append(np.zeros(diffs.shape[1]))
            ratios.append(0.0)
            continue
        v = diffs.T @ eigvecs[:, k]
        dirs.append(v / np.linalg.norm(v))
        ratios.append(float(lam / total))
    return dirs[0], dirs[1], ratios


def project(points: np.ndarray, reference: np.ndarray, d1: np.ndarray, d2: np.ndarray) -> np.ndarray:
    """Least-squares (α, β) of each θᵢ − θ_ref in the plane of d1, d2: (T, P) -> (T, 2)."""
    basis = np.stack([d1, d2])                           # (2, P)
    rhs = np.asarray(points, dtype=np.float64) @ basis.T - basis @ reference   # (T, 2)
    return rhs @ np.linalg.pinv(basis @ basis.T)         # normal equations; pinv if d2 = 0
