"""Gradient checking: backprop against central differences, in float64.

n = (L(θ+h) − L(θ−h)) / 2h with h = 1e-5. The relative error of one parameter array (W1, b1,
…) is cs231n's |a − n| / max(|a|, |n|) taken over the whole array as one vector:

    relative error = ‖a − n‖₂ / max(‖a‖₂, ‖n‖₂, tiny)

Per array rather than per entry, because an entry whose true gradient is nearly zero has a
relative error of order ε·|L|/h / |a_i| (rounding in L), however right backprop is.
`elementwise_error` gives the per-entry maximum for hunting down a wrong entry.
Below 1e-7 is good; around kinks (ReLU at 0) up to 1e-4 can be acceptable.
"""
from __future__ import annotations

import numpy as np

TINY = 1e-300
H = 1e-5


def numeric_grad(f, array: np.ndarray, h: float = H) -> np.ndarray:
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
    """‖a − n‖ / max(‖a‖, ‖n‖) over the whole array (0 when both are zero)."""
    a, n = np.ravel(analytic).astype(np.float64), np.ravel(numeric).astype(np.float64)
    scale = max(np.linalg.norm(a), np.linalg.norm(n), TINY)
    return float(np.linalg.norm(a - n) / scale)


def elementwise_error(analytic: np.ndarray, numeric: np.ndarray, tiny: float = 1e-12) -> float:
    """Largest per-entry |a − n| / max(|a|, |n|, tiny)."""
    a, n = np.asarray(analytic, np.float64), np.asarray(numeric, np.float64)
    return float(np.max(np.abs(a - n) / np.maximum(np.maximum(np.abs(a), np.abs(n)), tiny)))


def check_network(net, x: np.ndarray, t: np.ndarray, h: float = H) -> dict[str, float]:
    """Relative error per parameter name (net should be float64)."""
    net.loss_and_grads(x, t)
    analytic = [g.copy() for g in net.grads]
    f = lambda: net.loss.value(net.forward(x), t)  # noqa: E731
    return {name: relative_error(a, numeric_grad(f, p, h))
            for name, p, a in zip(net.param_names, net.params, analytic)}


def check_input(net, x: np.ndarray, t: np.ndarray, h: float = H) -> float:
    """Relative error of dL/dx, the gradient that reaches the pixels."""
    value, grad = net.loss.value_and_grad(net.forward(x), t)
    analytic = net.backward(grad)
    x = x.copy()
    return relative_error(analytic, numeric_grad(lambda: net.loss.value(net.forward(x), t), x, h))


def check_layer(layer, x: np.ndarray, upstream: np.ndarray, h: float = H) -> dict[str, float]:
    """One layer alone, with L = Σ upstream ⊙ layer(x): relative error of dL/dx ("x") and of each param."""
    x = np.array(x, dtype=np.float64)
    f = lambda: float(np.sum(upstream * layer.forward(x)))  # noqa: E731
    layer.forward(x)
    errors = {"x": relative_error(layer.backward(upstream.copy()), numeric_grad(f, x, h))}
    analytic = {k: g.copy() for k, g in layer.grads.items()}
    for name, p in layer.params.items():
        errors[name] = relative_error(analytic[name], numeric_grad(f, p, h))
    return errors
