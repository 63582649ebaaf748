"""Gradient checking: backprop against central differences, in float64.

relative error = |a − n| / max(|a|, |n|, tiny), with n = (L(θ+h) − L(θ−h)) / 2h.
Below 1e-7 is good; around kinks (ReLU at 0) up to 1e-4 can be acceptable.
"""
from __future__ import annotations

import numpy as np

TINY = 1e-12


def numeric_grad(f, array: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """Central-difference gradient of the scalar f() with respect to `array` (mutated and restored)."""
    grad = np.zeros_like(array, dtype=np.float64)
    flat, g = array.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + h
        up = f()
        flat[i] = old - h
        down = f()
        flat[i] = old
        g[i] = (up - down) / (2 * h)
    return grad


def relative_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    """Largest elementwise relative error between two gradients."""
    a, n = np.asarray(analytic, np.float64), np.asarray(numeric, np.float64)
    return float(np.max(np.abs(a - n) / np.maximum(np.maximum(np.abs(a), np.abs(n)), TINY)))


def check_network(net, x: np.ndarray, t: np.ndarray, h: float = 1e-5) -> dict[str, float]:
    """Relative error per parameter name (net should be float64)."""
    net.loss_and_grads(x, t)
    analytic = [g.copy() for g in net.grads]
    f = lambda: net.loss.value(net.forward(x), t)  # noqa: E731
    return {name: relative_error(a, numeric_grad(f, p, h))
            for name, p, a in zip(net.param_names, net.params, analytic)}


def check_input(net, x: np.ndarray, t: np.ndarray, h: float = 1e-5) -> float:
    """Relative error of dL/dx, the gradient that reaches the pixels."""
    value, grad = net.loss.value_and_grad(net.forward(x), t)
    analytic = net.backward(grad)
    x = x.copy()
    return relative_error(analytic, numeric_grad(lambda: net.loss.value(net.forward(x), t), x, h))
