"""Activation functions as layers, so pre- and post-activation values are both observable.

Each class offers `f(z)` and its elementwise derivative `df(z)` (for plotting f and f'),
and `forward`/`backward` for training. Softmax is row-wise; its backward is the
Jacobian-vector product, since its derivative is not elementwise.
"""
from __future__ import annotations

import numpy as np

from .layers import Layer


class Activation(Layer):
    name = "activation"

    def __init__(self):
        super().__init__()
        self.z = self.y = None

    def f(self, z):
        raise NotImplementedError

    def df(self, z):
        raise NotImplementedError

    def forward(self, z):
        """(n, k) pre-activation -> (n, k) activation."""
        self.z = z
        self.y = self.f(z)
        return self.y

    def backward(self, grad):
        """dL/dz = f'(z) · dL/dy, elementwise."""
        return grad * self.df(self.z)

    @property
    def config(self) -> dict:
        return {"name": self.name}


class Sigmoid(Activation):
    """σ(z) = 1/(1+e^−z), computed as ½(1 + tanh(z/2)): no overflow for any |z|."""
    name = "sigmoid"

    def f(self, z):
        y = np.tanh(z * 0.5)
        y += 1
        y *= 0.5
        return y

    def df(self, z):
        s = self.f(z)
        return s * (1 - s)

    def backward(self, grad):
        return grad * self.y * (1 - self.y)


class Tanh(Activation):
    name = "tanh"

    def f(self, z):
        return np.tanh(z)

    def df(self, z):
        return 1 - np.tanh(z) ** 2

    def backward(self, grad):
        return grad * (1 - self.y * self.y)


class ReLU(Activation):
    name = "relu"

    def f(self, z):
        return np.maximum(z, 0)

    def df(self, z):
        return (z > 0).astype(np.asarray(z).dtype)

    def backward(self, grad):
        return grad * (self.z > 0)


class LeakyReLU(Activation):
    """max(z, αz): a small slope for z < 0 keeps 'dead' neurons learning."""
    name = "leaky_relu"

    def __init__(self, alpha=0.01):
        super().__init__()
        self.alpha = alpha

    def f(self, z):
        return np.where(z > 0, z, z * self.alpha)

    def df(self, z):
        return np.where(z > 0, 1.0, self.alpha).astype(np.asarray(z).dtype)

    @property
    def config(self):
        return {"name": self.name, "alpha": self.alpha}


class ELU(Activation):
    """z for z > 0, α(e^z − 1) otherwise; smooth at 0 when α = 1."""
    name = "elu"

    def __init__(self, alpha=1.0):
        super().__init__()
        self.alpha = alpha

    def f(self, z):
        return np.where(z > 0, z, self.alpha * np.expm1(np.minimum(z, 0)))

    def df(self, z):
        return np.where(z > 0, 1.0, self.alpha * np.exp(np.minimum(z, 0))).astype(np.asarray(z).dtype)

    @property
    def config(self):
        return {"name": self.name, "alpha": self.alpha}


class Identity(Activation):
    name = "identity"

    def f(self, z):
        return z

    def df(self, z):
        return np.ones_like(z)

    def backward(self, grad):
        return grad


class Softmax(Activation):
    """softmax(z)_k = e^{z_k − max z} / Σ_j e^{z_j − max z}, row-wise."""
    name = "softmax"

    def f(self, z):
        e = np.exp(z - z.max(axis=-1, keepdims=True))
        e /= e.sum(axis=-1, keepdims=True)
        return e

    def df(self, z):
        """Diagonal of the Jacobian, s(1 − s) (the full Jacobian is used in backward)."""
        s = self.f(z)
        return s * (1 - s)

    def backward(self, grad):
        """J·g = y ⊙ (g − Σ_k g_k y_k), without forming the k×k Jacobian."""
        y = self.y
        return y * (grad - np.sum(grad * y, axis=-1, keepdims=True))


ACTIVATIONS = {c.name: c for c in (Sigmoid, Tanh, ReLU, LeakyReLU, ELU, Identity, Softmax)}
HIDDEN = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "identity"]
OUTPUTS = ["softmax", "sigmoid", "identity"]


def create(name: str, alpha: float | None = None) -> Activation:
    """Build an activation layer by name; `alpha` applies to leaky_relu and elu."""
    if name not in ACTIVATIONS:
        raise ValueError(f"unknown activation {name!r}; choose one of {sorted(ACTIVATIONS)}")
    cls = ACTIVATIONS[name]
    if cls in (LeakyReLU, ELU) and alpha is not None:
        return cls(alpha)
    return cls()
