"""In-place activations and per-grid-point losses on stacks of logits laid out (G, k, n).

The surface evaluator pushes G grid points at once through the network; these helpers
apply the network's own activation and loss formulas to every point of such a stack
without Python loops or extra full-size temporaries. Logits come class-major (G, k, n) so
the reductions over the k classes run along whole rows of n examples (reducing over a
short last axis is several times slower in NumPy). Results equal `net.loss.value` per
point (the tests check that); unknown activations or losses fall back to the engine's own.
"""
from __future__ import annotations

import numpy as np

from ..losses import as_targets


def activate_(act, z: np.ndarray) -> np.ndarray:
    """Apply activation layer `act` to z in place (any shape); returns z."""
    name = getattr(act, "name", None)
    if name == "sigmoid":
        _sigmoid_(z)
    elif name == "tanh":
        np.tanh(z, out=z)
    elif name == "relu":
        np.maximum(z, 0, out=z)
    elif name == "leaky_relu" and 0 <= act.alpha <= 1:
        np.maximum(z, z * act.alpha, out=z)
    elif name != "identity":
        z[...] = act.f(z)
    return z


def _sigmoid_(z: np.ndarray) -> np.ndarray:
    """σ(z) = ½(1 + tanh(z/2)) in place, as the engine computes it (no overflow)."""
    z *= 0.5
    np.tanh(z, out=z)
    z *= 0.5
    z += 0.5
    return z


def _logsumexp(z: np.ndarray) -> np.ndarray:
    """log Σ_k e^{z_k} over the class axis, stable: (G, k, n) -> (G, n)."""
    top = z.max(axis=1)
    shifted = z - top[:, None, :]
    np.exp(shifted, out=shifted)
    out = np.log(shifted.sum(axis=1))
    out += top
    return out


def point_losses(loss, z: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Loss of each grid point's logits z (G, k, n) against targets t (n,) or (n, k): (G,) float64."""
    name = loss.name
    if name == "cross_entropy":
        return _cross_entropy(z, t)
    if name == "kl_divergence":
        return _cross_entropy(z, t) + _target_entropy(t, z)
    if name in ("sse", "mse"):
        return _squared(loss, z, t)
    if name == "binary_cross_entropy" and loss.output == "sigmoid":
        return _bce(z, t)
    return np.array([loss.value(zi.T, t) for zi in z], dtype=np.float64)


def _cross_entropy(z, t):
    """−Σ_k t_k log softmax(z)_k averaged over examples = mean(s·lse(z) − t·z), s = Σ_k t_k."""
    n = z.shape[2]
    lse = _logsumexp(z)
    t = np.asarray(t)
    if t.ndim == 1:
        picked = np.take_along_axis(z, t.reshape(1, 1, n).astype(np.intp), axis=1)[:, 0, :]
        return (lse.sum(axis=1, dtype=np.float64) - picked.sum(axis=1, dtype=np.float64)) / n
    tt = t.astype(z.dtype, copy=False)
    dot = z.reshape(len(z), -1) @ np.ascontiguousarray(tt.T).reshape(-1)
    return (lse @ tt.sum(axis=1)).astype(np.float64) / n - dot.astype(np.float64) / n


def _target_entropy(t, z):
    """Σ t log t / n, the constant that turns cross-entropy into KL divergence."""
    tt = as_targets(t, z[0].T)
    safe = np.where(tt > 0, tt, 1)
    return float(np.sum(tt * np.log(safe), dtype=np.float64)) / len(tt)


def _squared(loss, z, t):
    """SSE (½Σ_k per example, mean over n) or MSE (mean over n·k) through the output activation."""
    tt = as_targets(t, z[0].T).T
    y = z if loss.output == "identity" else _output(loss.output, z)
    y -= tt
    y *= y
    total = y.reshape(len(y), -1).sum(axis=1, dtype=np.float64)
    k, n = z.shape[1:]
    return total * (0.5 / n if loss.name == "sse" else 1.0 / (n * k))


def _output(name, z):
    """Output activation of z (G, k, n) as a new array (softmax over the class axis)."""
    if name == "sigmoid":
        return _sigmoid_(z.copy())
    shifted = z - z.max(axis=1, keepdims=True)
    np.exp(shifted, out=shifted)
    shifted /= shifted.sum(axis=1, keepdims=True)
    return shifted


def _bce(z, t):
    """Per-element max(z,0) − z·t + log(1 + e^−|z|), averaged over n·k."""
    tt = as_targets(t, z[0].T).T
    per = np.abs(z)
    np.negative(per, out=per)
    np.exp(per, out=per)
    np.log1p(per, out=per)
    per += np.maximum(z, 0)
    per -= z * tt
    return per.reshape(len(per), -1).sum(axis=1, dtype=np.float64) / per[0].size
