"""Adagrad: per-weight step sizes shrink with the sum of that weight's squared gradients."""
from __future__ import annotations

import numpy as np

from .base import Optimizer, check_number


class Adagrad(Optimizer):
    """s ← s + g²; θ ← θ − clr·g/(√s + eps) with clr = lr / (1 + (t−1)·lr_decay)."""

    name = "adagrad"
    fields = ("lr_decay", "weight_decay", "initial_accumulator_value", "eps")

    def __init__(self, lr=1e-2, lr_decay=0.0, weight_decay=0.0, initial_accumulator_value=0.0,
                 eps=1e-10):
        super().__init__(lr, weight_decay)
        self.lr_decay = check_number("lr_decay", lr_decay)
        self.initial_accumulator_value = check_number(
            "initial_accumulator_value", initial_accumulator_value)
        self.eps = check_number("eps", eps)

    def _init_state(self, n, dtype):
        return {"sum": np.full(n, self.initial_accumulator_value, dtype)}

    def _direction(self, d, s, lr, t, out):
        clr = lr / (1.0 + (t - 1) * self.lr_decay)
        np.multiply(d, d, out=out)
        s["sum"] += out
        np.sqrt(s["sum"], out=out)
        out += self.eps
        np.divide(d, out, out=out)
        out *= clr
