"""Adadelta: steps scaled by the ratio of recent update size to recent gradient size."""
from __future__ import annotations

import numpy as np

from .base import Optimizer, check_number


class Adadelta(Optimizer):
    """v ← ρv + (1−ρ)g²; Δ = √(u + eps)/√(v + eps)·g; u ← ρu + (1−ρ)Δ²; θ ← θ − lr·Δ."""

    name = "adadelta"
    fields = ("rho", "eps", "weight_decay")
    n_temps = 2

    def __init__(self, lr=1.0, rho=0.9, eps=1e-6, weight_decay=0.0):
        super().__init__(lr, weight_decay)
        self.rho = check_number("rho", rho, hi=1.0)
        self.eps = check_number("eps", eps)

    def _init_state(self, n, dtype):
        return {"square_avg": np.zeros(n, dtype), "acc_delta": np.zeros(n, dtype)}

    def _direction(self, d, state, lr, t, delta, tmp):
        rho, v, u = self.rho, state["square_avg"], state["acc_delta"]
        v *= rho
        np.multiply(d, d, out=tmp)
        tmp *= 1.0 - rho
        v += tmp
        np.add(u, self.eps, out=delta)
        np.sqrt(delta, out=delta)
        np.add(v, self.eps, out=tmp)
        np.sqrt(tmp, out=tmp)
        delta /= tmp
        delta *= d
        u *= rho
        np.multiply(delta, delta, out=tmp)
        tmp *= 1.0 - rho
        u += tmp
        delta *= lr
