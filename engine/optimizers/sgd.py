"""Stochastic gradient descent, with optional momentum and Nesterov momentum (torch.optim.SGD)."""
from __future__ import annotations

import math

import numpy as np

from ..errors import ParameterError
from .base import Optimizer, check_bool, check_number


class SGD(Optimizer):
    """θ ← θ − lr·g; with momentum b ← μb + (1−τ)g (b = g on the first step) and g ← b,
    or for Nesterov g ← g + μb."""

    name = "sgd"
    fields = ("momentum", "dampening", "weight_decay", "nesterov")
    counts_steps = False

    def __init__(self, lr=1e-3, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False):
        super().__init__(lr, weight_decay)
        self.momentum = check_number("momentum", momentum)
        self.dampening = check_number("dampening", dampening, lo=-math.inf)
        self.nesterov = check_bool("nesterov", nesterov)
        if self.nesterov and (self.momentum <= 0 or self.dampening != 0):
            raise ParameterError("nesterov", "nesterov needs momentum > 0 and dampening = 0, "
                             f"got momentum={momentum!r}, dampening={dampening!r}")

    def _init_state(self, n, dtype):
        return {"momentum_buffer": np.empty(n, dtype)} if self.momentum else {}

    def _direction(self, d, s, lr, t, out):
        if self.momentum:
            d = self._velocity(d, s["momentum_buffer"], t == 1, out)
        np.multiply(d, lr, out=out)

    def _velocity(self, d, buf, first, tmp):
        """Update the momentum buffer; return the direction to step along."""
        if first:
            buf[...] = d
        else:
            buf *= self.momentum
            if self.dampening:
                np.multiply(d, 1.0 - self.dampening, out=tmp)
                buf += tmp
            else:
                buf += d
        if not self.nesterov:
            return buf
        np.multiply(buf, self.momentum, out=tmp)
        tmp += d
        return tmp
