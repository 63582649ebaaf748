"""RMSprop: divide each step by a running root-mean-square of recent gradients."""
from __future__ import annotations

import numpy as np

from .base import Optimizer, check_bool, check_number


class RMSprop(Optimizer):
    """v ← αv + (1−α)g²; centered: a ← αa + (1−α)g, ṽ = v − a²; s = g/(√ṽ + eps);
    with momentum b ← μb + s, θ ← θ − lr·b; else θ ← θ − lr·s."""

    name = "rmsprop"
    fields = ("alpha", "eps", "weight_decay", "momentum", "centered")

    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.0,
                 centered=False):
        super().__init__(lr, weight_decay)
        self.alpha = check_number("alpha", alpha)
        self.eps = check_number("eps", eps)
        self.momentum = check_number("momentum", momentum)
        self.centered = check_bool("centered", centered)

    def _init_state(self, n, dtype):
        state = {"square_avg": np.zeros(n, dtype)}
        if self.momentum > 0:
            state["momentum_buffer"] = np.zeros(n, dtype)
        if self.centered:
            state["grad_avg"] = np.zeros(n, dtype)
        return state

    def _direction(self, d, state, lr, t, tmp):
        a, v = self.alpha, state["square_avg"]
        v *= a
        np.multiply(d, d, out=tmp)
        tmp *= 1.0 - a
        v += tmp
        if self.centered:
            mean = state["grad_avg"]
            mean *= a
            np.multiply(d, 1.0 - a, out=tmp)
            mean += tmp
            np.multiply(mean, mean, out=tmp)
            np.subtract(v, tmp, out=tmp)
            np.maximum(tmp, 0.0, out=tmp)   # rounding can make v − a² slightly negative
            np.sqrt(tmp, out=tmp)
        else:
            np.sqrt(v, out=tmp)
        tmp += self.eps
        np.divide(d, tmp, out=tmp)
        if self.momentum > 0:
            buf = state["momentum_buffer"]
            buf *= self.momentum
            buf += tmp
            np.multiply(buf, lr, out=tmp)
        else:
            tmp *= lr
