"""Weight initializers: how the first guess is drawn, which decides whether signals survive.

Every initializer takes `(shape, rng, dtype, std)` where shape is (n_in, n_out) for a Dense
weight matrix; randomness comes only from the explicit `np.random.Generator`.
"""
from __future__ import annotations

import numpy as np

from .errors import ParameterError


def normal(shape, rng, dtype=np.float32, std=None):
    """N(0, std²); std defaults to 0.01 (std 1 and 0.01 are both lessons)."""
    std = 0.01 if std is None else std
    return (rng.standard_normal(shape) * std).astype(dtype)


def xavier_normal(shape, rng, dtype=np.float32, std=None):
    """Xavier/Glorot for sigmoid/tanh: N(0, 1/n_in)."""
    return (rng.standard_normal(shape) * np.sqrt(1.0 / shape[0])).astype(dtype)


def xavier_uniform(shape, rng, dtype=np.float32, std=None):
    """Glorot uniform: U(−a, a) with a = √(6 / (n_in + n_out))."""
    a = np.sqrt(6.0 / (shape[0] + shape[1]))
    return rng.uniform(-a, a, shape).astype(dtype)


def he_normal(shape, rng, dtype=np.float32, std=None):
    """He/Kaiming for ReLU: N(0, 2/n_in)."""
    return (rng.standard_normal(shape) * np.sqrt(2.0 / shape[0])).astype(dtype)


def he_uniform(shape, rng, dtype=np.float32, std=None):
    """He uniform: U(−a, a) with a = √(6 / n_in)."""
    a = np.sqrt(6.0 / shape[0])
    return rng.uniform(-a, a, shape).astype(dtype)


def zeros(shape, rng=None, dtype=np.float32, std=None):
    """All zeros: every neuron in a layer stays identical (the symmetry problem)."""
    return np.zeros(shape, dtype=dtype)


def constant(shape, rng=None, dtype=np.float32, std=None):
    """All equal to `std` (default 0.5): symmetric like zeros, but signals flow."""
    return np.full(shape, 0.5 if std is None else std, dtype=dtype)


INITIALIZERS = {
    "normal": normal,
    "xavier_normal": xavier_normal,
    "xavier_uniform": xavier_uniform,
    "he_normal": he_normal,
    "he_uniform": he_uniform,
    "zeros": zeros,
    "constant": constant,
}
ALIASES = {"xavier": "xavier_normal", "he": "he_normal", "glorot": "xavier_normal"}


def canonical(name: str) -> str:
    """Resolve aliases; raise ValueError naming the unknown initializer."""
    name = ALIASES.get(name, name)
    if name not in INITIALIZERS:
        raise ParameterError("init", f"unknown initializer {name!r}; choose one of {sorted(INITIALIZERS)}")
    return name


def initialize(name, shape, rng, dtype=np.float32, std=None) -> np.ndarray:
    """Draw a weight array with the named initializer."""
    return INITIALIZERS[canonical(name)](shape, rng, dtype, std)
