"""Adam (bias-corrected running averages of g and g²) and AdamW (Adam with decoupled decay)."""
from __future__ import annotations

import math

import numpy as np

from ..errors import ParameterError
from .base import Optimizer, check_bool, check_number


def check_betas(betas) -> tuple[float, float]:
    """(β1, β2), each in [0, 1); ValueError naming betas otherwise."""
    if isinstance(betas, (str, bytes)) or not hasattr(betas, "__len__") or len(betas) != 2:
        raise ParameterError("betas", f"betas must be a pair of numbers (beta1, beta2), got {betas!r}")
    try:
        return (check_number("betas[0]", betas[0], hi=1.0, hi_open=True),
                check_number("betas[1]", betas[1], hi=1.0, hi_open=True))
    except ParameterError as err:
        raise err.within("betas") from None


class Adam(Optimizer):
    """m ← β1m + (1−β1)g; v ← β2v + (1−β2)g² (amsgrad: v ← max(v_max, v));
    θ ← θ − lr·(m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + eps).

    Weight decay is coupled L2 (added to g) unless `decoupled_weight_decay`, which
    shrinks θ ← θ·(1 − lr·λ) before the step instead (that is AdamW)."""

    name = "adam"
    fields = ("betas", "eps", "weight_decay", "amsgrad", "decoupled_weight_decay")

    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False,
                 decoupled_weight_decay=False):
        super().__init__(lr, weight_decay)
        self.betas = check_betas(betas)
        self.eps = check_number("eps", eps)
        self.amsgrad = check_bool("amsgrad", amsgrad)
        self.decoupled_weight_decay = check_bool("decoupled_weight_decay", decoupled_weight_decay)

    def _init_state(self, n, dtype):
        state = {"exp_avg": np.zeros(n, dtype), "exp_avg_sq": np.zeros(n, dtype)}
        if self.amsgrad:
            state["max_exp_avg_sq"] = np.zeros(n, dtype)
        return state

    def _direction(self, d, state, lr, t, tmp):
        b1, b2 = self.betas
        m, v = state["exp_avg"], state["exp_avg_sq"]
        m *= b1
        np.multiply(d, 1.0 - b1, out=tmp)
        m += tmp
        v *= b2
        np.multiply(d, d, out=tmp)
        tmp *= 1.0 - b2
        v += tmp
        if self.amsgrad:
            v = np.maximum(state["max_exp_avg_sq"], v, out=state["max_exp_avg_sq"])
        # lr·m̂/(√v̂ + eps) with v̂ = v/c2, m̂ = m/c1, rewritten as (lr·√c2/c1)·m/(√v + eps·√c2)
        root_c2 = math.sqrt(1.0 - b2 ** t)
        np.sqrt(v, out=tmp)
        tmp += self.eps * root_c2
        np.divide(m, tmp, out=tmp)
        tmp *= lr * root_c2 / (1.0 - b1 ** t)


class AdamW(Adam):
    """Adam with decoupled weight decay (default 1e-2), as torch.optim.AdamW."""

    name = "adamw"
    fields = ("betas", "eps", "weight_decay", "amsgrad")

    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False):
        super().__init__(lr, betas, eps, weight_decay, amsgrad, decoupled_weight_decay=True)
