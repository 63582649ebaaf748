"""Activation functions as layers, so pre- and post-activation values are both observable.

Each formula is written once, as `f(z, out=None, axis=-1)` in NumPy's manner: a new array,
or with `out=z` z overwritten in place, which is how the loss-surface evaluator applies it to
its stacks of grid points (any shape; softmax runs along `axis`). `df(z)` is the elementwise
derivative (for plotting f and f'), and `forward`/`backward` train. Softmax's backward is the Jacobian-vector product,
since its derivative is not elementwise.
"""
from __future__ import annotations

import numpy as np

from .errors import ParameterError
from .layers import Layer


class Activation(Layer):
    name = "activation"

    def __init__(self):
        super().__init__()
        self.z = self.y = None

    def f(self, z: np.ndarray, out: np.ndarray | None = None, axis: int = -1) -> np.ndarray:
        """f(z): a new array, or z itself overwritten when out=z (axis: softmax's class axis)."""
        raise NotImplementedError

    def df(self, z):
        raise NotImplementedError

    def saturated(self, a: np.ndarray) -> int:
        """How many outputs `a` sit where the curve is flat (slope under ~8% of its peak, so
        almost no gradient passes); 0 for curves that never flatten on both sides."""
        return 0

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

    def f(self, z, out=None, axis=-1):
        y = np.multiply(z, 0.5, out=out)
        np.tanh(y, out=y)
        y += 1
        y *= 0.5
        return y

    def df(self, z):
        s = self.f(z)
        return s * (1 - s)

    def backward(self, grad):
        return grad * self.y * (1 - self.y)

    def saturated(self, a):
        """σ below 0.02 or above 0.98, where σ' = σ(1 − σ) < 0.0196."""
        return int(np.count_nonzero(a < 0.02) + np.count_nonzero(a > 0.98))


class Tanh(Activation):
    name = "tanh"

    def f(self, z, out=None, axis=-1):
        return np.tanh(z, out=out)

    def df(self, z):
        return 1 - np.tanh(z) ** 2

    def backward(self, grad):
        return grad * (1 - self.y * self.y)

    def saturated(self, a):
        """tanh = 2σ(2z) − 1 is σ stretched: flat beyond ±0.96, the same 8% of its peak slope."""
        return int(np.count_nonzero(np.abs(a) > 0.96))


class ReLU(Activation):
    name = "relu"

    def f(self, z, out=None, axis=-1):
        return np.maximum(z, 0, out=out)

    def df(self, z):
        return (z > 0).astype(np.asarray(z).dtype)

    def backward(self, grad):
        return grad * (self.z > 0)


class Sloped(Activation):
    """An activation with a parameter α for z < 0 (its slope or its scale)."""
    default_alpha = 1.0

    def __init__(self, alpha: float | None = None):
        super().__init__()
        self.alpha = self.default_alpha if alpha is None else alpha

    @property
    def config(self):
        return {"name": self.name, "alpha": self.alpha}


class LeakyReLU(Sloped):
    """max(z, αz): a small slope for z < 0 keeps 'dead' neurons learning."""
    name = "leaky_relu"
    default_alpha = 0.01

    def f(self, z, out=None, axis=-1):
        y = np.array(z, copy=True) if out is None else out
        return np.multiply(y, self.alpha, out=y, where=y < 0)

    def df(self, z):
        return np.where(z > 0, 1.0, self.alpha).astype(np.asarray(z).dtype)


class ELU(Sloped):
    """z for z > 0, α(e^z − 1) otherwise; smooth at 0 when α = 1."""
    name = "elu"

    def f(self, z, out=None, axis=-1):
        negative = np.minimum(z, 0)
        np.expm1(negative, out=negative)
        negative *= self.alpha
        y = np.array(z, copy=True) if out is None else out
        np.copyto(y, negative, where=~(z > 0))
        return y

    def df(self, z):
        return np.where(z > 0, 1.0, self.alpha * np.exp(np.minimum(z, 0))).astype(np.asarray(z).dtype)


class Identity(Activation):
    name = "identity"

    def f(self, z, out=None, axis=-1):
        return z

    def df(self, z):
        return np.ones_like(z)

    def backward(self, grad):
        return grad


class Softmax(Activation):
    """softmax(z)_k = e^{z_k − max z} / Σ_j e^{z_j − max z}, along the class axis."""
    name = "softmax"

    def f(self, z, out=None, axis=-1):
        y = np.subtract(z, z.max(axis=axis, keepdims=True), out=out)
        np.exp(y, out=y)
        y /= y.sum(axis=axis, keepdims=True)
        return y

    def df(self, z):
        """Diagonal of the Jacobian, s(1 − s) (the full Jacobian is used in backward)."""
        s = self.f(z)
        return s * (1 - s)

    def backward(self, grad):
        """J·g = y ⊙ (g − Σ_k g_k y_k), without forming the k×k Jacobian."""
        y = self.y
        return y * (grad - np.sum(grad * y, axis=-1, keepdims=True))

    saturated = Sigmoid.saturated   # each output is a σ of its logit against the rest


ACTIVATIONS = {c.name: c for c in (Sigmoid, Tanh, ReLU, LeakyReLU, ELU, Identity, Softmax)}
HIDDEN = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "identity"]
OUTPUTS = ["softmax", "sigmoid", "identity"]


def create(name: str, alpha: float | None = None) -> Activation:
    """Build an activation layer by name; `alpha` applies to leaky_relu and elu."""
    if name not in ACTIVATIONS:
        raise ParameterError("activation", f"unknown activation {name!r}; choose one of {sorted(ACTIVATIONS)}")
    cls = ACTIVATIONS[name]
    return cls(alpha) if issubclass(cls, Sloped) else cls()
