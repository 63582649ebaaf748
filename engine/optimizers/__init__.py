"""Optimizers with torch.optim semantics: names, defaults, buffers and numbers match PyTorch.

    opt = create("adam", lr=1e-3)
    opt.step(params, grads)      # lists of arrays; params updated in place, grads untouched
    opt.lr = 5e-4                # settable between steps
    opt.state[0]["exp_avg"]      # torch's buffer names, created on the first step

Momentum and Nesterov are configurations of SGD, AdamW is Adam with decoupled weight decay;
`PRESETS` names those configurations so a race or a lesson can ask for them directly.
"""
from __future__ import annotations

import inspect

from ..errors import ParameterError
from .adadelta import Adadelta
from .adagrad import Adagrad
from .adam import Adam, AdamW
from .base import Optimizer
from .hyperparams import HYPERPARAMS
from .rmsprop import RMSprop
from .sgd import SGD

OPTIMIZERS: dict[str, type[Optimizer]] = {
    c.name: c for c in (SGD, Adagrad, RMSprop, Adadelta, Adam, AdamW)
}
PRESETS: dict[str, tuple[str, dict]] = {
    "momentum": ("sgd", {"momentum": 0.9}),
    "nesterov": ("sgd", {"momentum": 0.9, "nesterov": True}),
}

__all__ = ["HYPERPARAMS", "OPTIMIZERS", "PRESETS", "Optimizer", "SGD", "Adagrad", "RMSprop",
           "Adadelta", "Adam", "AdamW", "create"]


def create(name: str, **kwargs) -> Optimizer:
    """Build an optimizer by name (or preset) with torch's keyword arguments."""
    if name in PRESETS:
        name, preset = PRESETS[name]
        kwargs = {**preset, **kwargs}
    if name not in OPTIMIZERS:
        choices = sorted(OPTIMIZERS) + sorted(PRESETS)
        raise ParameterError("optimizer", f"unknown optimizer {name!r}; choose one of {choices}")
    cls = OPTIMIZERS[name]
    allowed = inspect.signature(cls).parameters
    for key in kwargs:
        if key not in allowed:
            raise ParameterError(key, f"{name} has no argument {key!r}; it takes {list(allowed)}")
    return cls(**kwargs)
