"""Losses of the network's logits z (the last Dense layer's output) against targets t.

Each loss owns the output activation it is paired with, so (softmax, cross-entropy) and
(sigmoid, binary cross-entropy) are fused into one numerically stable formula, and the
gradient handed back to the network is dL/dz.

Averaging convention (documented because it changes what a learning rate means):
- `sse`: ½·Σ_k (y_k − t_k)² per example, averaged over the n examples. The ½ (as in
  *Deep Learning from Scratch* and Nielsen's quadratic cost) makes identity + SSE send back
  exactly y − t; 3Blue1Brown's cost omits it, which only doubles the value.
- `mse`: (y − t)² averaged over all n·k elements (PyTorch `MSELoss()`).
- `cross_entropy`: −Σ_k t_k log softmax(z)_k per example, averaged over examples.
- `binary_cross_entropy`: per-element BCE of sigmoid(z), averaged over all n·k elements
  (PyTorch `BCEWithLogitsLoss()`).
- `kl_divergence`: Σ_k t_k (log t_k − log softmax(z)_k) per example, averaged over examples
  (PyTorch `KLDivLoss(reduction="batchmean")`).
Targets are (n, k) arrays, or (n,) integer labels which are one-hot encoded.
"""
from __future__ import annotations

import numpy as np

from . import activations
from .errors import ParameterError


def one_hot(labels: np.ndarray, k: int, dtype=np.float32) -> np.ndarray:
    """(n,) int -> (n, k) one-hot."""
    out = np.zeros((len(labels), k), dtype=dtype)
    out[np.arange(len(labels)), labels] = 1
    return out


def as_targets(t: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Targets shaped like z: integer labels become one-hot rows."""
    t = np.asarray(t)
    if t.ndim == 1 and z.ndim == 2 and np.issubdtype(t.dtype, np.integer):
        if z.shape[1] == 1:  # one output unit: the label itself is the target
            return t.reshape(-1, 1).astype(z.dtype)
        return one_hot(t, z.shape[1], z.dtype)
    return t.astype(z.dtype, copy=False)


def log_softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise log softmax via log-sum-exp."""
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def logsumexp(z: np.ndarray, axis: int = -1) -> np.ndarray:
    """log Σ_k e^{z_k} along `axis` (that axis removed), shifted by the max so nothing overflows."""
    top = z.max(axis=axis, keepdims=True)
    shifted = z - top
    np.exp(shifted, out=shifted)
    out = np.log(shifted.sum(axis=axis, keepdims=True))
    out += top
    return out.squeeze(axis)


class Loss:
    """A loss of logits z against targets t, in two layouts.

    `value_and_grad(z, t)`: a batch z (n, k), for training (each loss defines `against`, the
    same with targets already one-hot). `stacked(z, t)`: many candidate networks' logits at
    once, z (G, k, n) class-major (the loss-surface evaluator's layout: reductions over the k
    classes run along whole rows of n examples), giving (G,) float64; it may overwrite z.
    """
    name = "loss"
    outputs = ("softmax", "sigmoid", "identity")  # output activations this loss accepts
    fused = False   # True: dL/dz comes from one formula; dL/dy (y the output) is never formed

    def __init__(self, output: str | None = None):
        output = output or self.outputs[0]
        if output not in self.outputs:
            raise ParameterError("output", f"loss {self.name!r} needs output {' or '.join(self.outputs)}, not {output!r}")
        self.output = output
        self.out = activations.create(output)

    def value(self, z, t) -> float:
        return self.value_and_grad(z, t)[0]

    def grad(self, z, t) -> np.ndarray:
        return self.value_and_grad(z, t)[1]

    def value_and_grad(self, z, t) -> tuple[float, np.ndarray]:
        """Loss (float) and dL/dz shaped like z (n, k); t: (n, k) targets or (n,) labels."""
        return self.against(z, as_targets(t, z))

    def against(self, z, t) -> tuple[float, np.ndarray]:
        """value_and_grad for targets t already shaped like z: what each loss defines."""
        raise NotImplementedError

    def stacked(self, z: np.ndarray, t) -> np.ndarray:
        """Loss of each of G logit sets z (G, k, n) against t (n,) or (n, k): (G,) float64."""
        raise NotImplementedError


def stacked_targets(t, z: np.ndarray) -> np.ndarray:
    """Targets (n,) or (n, k) laid out like one grid point of z (G, k, n): (k, n)."""
    return as_targets(t, z[0].T).T


class _Squared(Loss):
    """Squared error through any output activation: factor·Σ(y − t)², dL/dz = J_outᵀ · dL/dy."""

    def _factor(self, n: int, k: int) -> float:
        raise NotImplementedError

    def against(self, z, t):
        diff = self.out.forward(z) - t
        factor = self._factor(*z.shape)
        value = float(np.sum(diff * diff)) * factor
        return value, self.out.backward(diff * (2 * factor))

    def stacked(self, z, t):
        g, k, n = z.shape
        y = self.out.f(z, out=z, axis=1)
        y -= stacked_targets(t, z)
        y *= y
        return y.reshape(g, -1).sum(axis=1, dtype=np.float64) * self._factor(n, k)


class SSE(_Squared):
    name = "sse"
    outputs = ("identity", "sigmoid", "softmax")

    def _factor(self, n, k):
        return 0.5 / n


class MSE(_Squared):
    name = "mse"
    outputs = ("identity", "sigmoid", "softmax")

    def _factor(self, n, k):
        return 1.0 / (n * k)


class CrossEntropy(Loss):
    """−Σ_k t_k log softmax(z)_k averaged over examples = mean of s·lse(z) − Σ_k t_k z_k, s = Σ_k t_k."""
    name = "cross_entropy"
    outputs = ("softmax",)
    fused = True

    def against(self, z, t):
        logp = log_softmax(z)
        n = len(z)
        value = -float(np.sum(t * logp)) / n
        # d/dz of −Σ t log softmax(z) = softmax(z)·Σt − t  (= y − t for one-hot t)
        grad = np.exp(logp) * t.sum(axis=-1, keepdims=True) - t
        grad /= n
        return value, grad

    def stacked(self, z, t):
        g, k, n = z.shape
        lse = logsumexp(z, axis=1)                          # (G, n)
        t = np.asarray(t)
        if t.ndim == 1:   # labels: s = 1, and Σ_k t_k z_k is the labelled class's logit
            picked = np.take_along_axis(z, t.reshape(1, 1, n).astype(np.intp), axis=1)[:, 0, :]
            return (lse.sum(axis=1, dtype=np.float64) - picked.sum(axis=1, dtype=np.float64)) / n
        tt = t.astype(z.dtype, copy=False)
        dot = z.reshape(g, -1) @ np.ascontiguousarray(tt.T).reshape(-1)
        return (lse @ tt.sum(axis=1)).astype(np.float64) / n - dot.astype(np.float64) / n


def _bce_terms(z: np.ndarray, t: np.ndarray) -> np.ndarray:
    """−[t log σ(z) + (1−t) log(1−σ(z))] elementwise, as max(z, 0) − z·t + log(1 + e^−|z|)."""
    per = np.abs(z)
    np.negative(per, out=per)
    np.exp(per, out=per)
    np.log1p(per, out=per)
    per += np.maximum(z, 0)
    per -= z * t
    return per


class BinaryCrossEntropy(Loss):
    """Per-element binary cross-entropy of sigmoid(z), averaged over all n·k elements."""
    name = "binary_cross_entropy"
    outputs = ("sigmoid",)
    fused = True

    def against(self, z, t):
        grad = (self.out.f(z) - t) / z.size
        return float(_bce_terms(z, t).sum()) / z.size, grad

    def stacked(self, z, t):
        per = _bce_terms(z, stacked_targets(t, z))
        return per.reshape(len(per), -1).sum(axis=1, dtype=np.float64) / per[0].size


class KLDivergence(CrossEntropy):
    """KL(t ‖ softmax(z)) = cross-entropy − entropy of t; the entropy is constant in z."""
    name = "kl_divergence"
    outputs = ("softmax",)

    def against(self, z, t):
        cross, grad = super().against(z, t)
        return cross + _target_entropy(t), grad

    def stacked(self, z, t):
        return super().stacked(z, t) + _target_entropy(as_targets(t, z[0].T))


def _target_entropy(t: np.ndarray) -> float:
    """Σ t log t per example (n, k), averaged over examples (0·log 0 = 0)."""
    safe = np.where(t > 0, t, 1)
    return float(np.sum(t * np.log(safe), dtype=np.float64)) / len(t)


LOSSES = {c.name: c for c in (SSE, MSE, CrossEntropy, BinaryCrossEntropy, KLDivergence)}


def create(name: str, output: str | None = None) -> Loss:
    """Build a loss by name, paired with an output activation (its natural one by default)."""
    if name not in LOSSES:
        raise ParameterError("loss", f"unknown loss {name!r}; choose one of {sorted(LOSSES)}")
    return LOSSES[name](output)
