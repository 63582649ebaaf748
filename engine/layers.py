"""Layers: `forward(x)` caches what `backward(grad)` needs; backward returns dL/dx.

Every layer keeps `params` and `grads` under the same names, so an optimizer can walk them
in parallel. Backward never modifies the incoming gradient (downstream = local × upstream).
"""
from __future__ import annotations

import numpy as np

from .initializers import initialize


class Layer:
    """A differentiable step of the network."""

    def __init__(self):
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}

    def forward(self, x: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def backward(self, grad: np.ndarray) -> np.ndarray:
        raise NotImplementedError


class Dense(Layer):
    """Fully connected: y = x @ W + b, with W shaped (n_in, n_out), b shaped (n_out,)."""

    def __init__(self, n_in, n_out, init="xavier_normal", rng=None, dtype=np.float32, std=None):
        """`rng`: a np.random.Generator or an integer seed (required: no hidden default seed)."""
        super().__init__()
        rng = as_generator(rng)
        self.params = {"W": initialize(init, (n_in, n_out), rng, dtype, std),
                       "b": np.zeros(n_out, dtype=dtype)}
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}
        self.x = None

    @property
    def shape(self) -> tuple[int, int]:
        return self.params["W"].shape

    def forward(self, x):
        """(n, n_in) -> (n, n_out)."""
        self.x = x
        return x @ self.params["W"] + self.params["b"]

    def backward(self, grad, input_grad=True):
        """(n, n_out) -> (n, n_in); fills grads: dW = xᵀ·grad, db = Σ grad over examples.

        With input_grad=False (the first layer while training) dL/dx is skipped: nobody needs it.
        """
        np.matmul(self.x.T, grad, out=self.grads["W"])
        np.sum(grad, axis=0, out=self.grads["b"])
        return grad @ self.params["W"].T if input_grad else None


def as_generator(rng) -> np.random.Generator:
    """A Generator as is, or a new one from an integer seed; anything else is refused."""
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, (int, np.integer)) and not isinstance(rng, bool):
        return np.random.default_rng(int(rng))
    raise TypeError(f"rng must be a np.random.Generator or an integer seed, got {rng!r}")
