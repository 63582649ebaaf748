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


class Loss:
    name = "loss"
    outputs = ("softmax", "sigmoid", "identity")  # output activations this loss accepts

    def __init__(self, output: str | None = None):
        output = output or self.outputs[0]
        if output not in self.outputs:
            raise ValueError(f"loss {self.name!r} needs output {' or '.join(self.outputs)}, not {output!r}")
        self.output = output
        self.out = activations.create(output)

    def value(self, z, t) -> float:
        return self.value_and_grad(z, t)[0]

    def grad(self, z, t) -> np.ndarray:
        return self.value_and_grad(z, t)[1]

    def value_and_grad(self, z, t) -> tuple[float, np.ndarray]:
        """Loss (float) and dL/dz shaped like z."""
        raise NotImplementedError


class _Squared(Loss):
    """Squared error through any output activation: dL/dz = J_outᵀ · dL/dy."""
    half = True

    def value_and_grad(self, z, t):
        t = as_targets(t, z)
        y = self.out.forward(z)
        diff = y - t
        scale = self._scale(z)
        value = float(np.sum(diff * diff)) * scale * (0.5 if self.half else 1.0)
        dy = diff * (scale if self.half else 2 * scale)
        return value, self.out.backward(dy)


class SSE(_Squared):
    name = "sse"
    outputs = ("identity", "sigmoid", "softmax")

    def _scale(self, z):
        return 1.0 / len(z)


class MSE(_Squared):
    name = "mse"
    outputs = ("identity", "sigmoid", "softmax")
    half = False

    def _scale(self, z):
        return 1.0 / z.size


class CrossEntropy(Loss):
    name = "cross_entropy"
    outputs = ("softmax",)

    def value_and_grad(self, z, t):
        t = as_targets(t, z)
        logp = log_softmax(z)
        n = len(z)
        value = -float(np.sum(t * logp)) / n
        # d/dz of −Σ t log softmax(z) = softmax(z)·Σt − t  (= y − t for one-hot t)
        grad = np.exp(logp) * t.sum(axis=-1, keepdims=True) - t
        grad /= n
        return value, grad


class BinaryCrossEntropy(Loss):
    name = "binary_cross_entropy"
    outputs = ("sigmoid",)

    def value_and_grad(self, z, t):
        t = as_targets(t, z)
        # −[t log σ(z) + (1−t) log(1−σ(z))] = max(z, 0) − z·t + log(1 + e^−|z|)
        per = np.maximum(z, 0) - z * t + np.log1p(np.exp(-np.abs(z)))
        grad = (self.out.f(z) - t) / z.size
        return float(per.sum()) / z.size, grad


class KLDivergence(CrossEntropy):
    """KL(t ‖ softmax(z)) = cross-entropy − entropy of t; the entropy is constant in z."""
    name = "kl_divergence"
    outputs = ("softmax",)

    def value_and_grad(self, z, t):
        t = as_targets(t, z)
        cross, grad = super().value_and_grad(z, t)
        safe_t = np.where(t > 0, t, 1)  # 0·log 0 = 0
        return cross + float(np.sum(t * np.log(safe_t))) / len(z), grad


LOSSES = {c.name: c for c in (SSE, MSE, CrossEntropy, BinaryCrossEntropy, KLDivergence)}


def create(name: str, output: str | None = None) -> Loss:
    """Build a loss by name, paired with an output activation (its natural one by default)."""
    if name not in LOSSES:
        raise ValueError(f"unknown loss {name!r}; choose one of {sorted(LOSSES)}")
    return LOSSES[name](output)
