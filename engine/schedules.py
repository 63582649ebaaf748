"""Learning-rate schedules, stepped once per epoch like torch.optim.lr_scheduler.

`lr_at(epoch)` is the rate used during that epoch (epoch 0 = base_lr); fractional epochs
are floored. All but plateau are pure functions of the epoch, so the UI can draw the whole
curve before training; plateau learns from `observe(metric)` once per epoch.
"""
from __future__ import annotations

import inspect
import math
import numbers

from .errors import ParameterError
from .optimizers.base import check_number
from .optimizers.hyperparams import hyperparam


def _check_int(name: str, value, lo: int) -> int:
    """`value` as an int >= lo; ValueError naming `name` otherwise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) \
            or not math.isfinite(value) or value != int(value) or value < lo:
        raise ParameterError(name, f"{name} must be a whole number >= {lo}, got {value!r}")
    return int(value)


class Schedule:
    """Base: a learning rate per epoch."""

    name = "constant"

    def __init__(self, base_lr: float):
        self.base_lr = check_number("base_lr", base_lr)

    def lr_at(self, epoch: float) -> float:
        """Learning rate during `epoch` (0-based)."""
        if not epoch >= 0:
            raise ParameterError("epoch", f"epoch must be >= 0, got {epoch!r}")
        return self._lr(math.floor(epoch))

    def curve(self, n_epochs: int) -> list[float]:
        """[lr_at(0), …, lr_at(n_epochs − 1)]."""
        return [self.lr_at(e) for e in range(_check_int("n_epochs", n_epochs, 0))]

    def _lr(self, e: int) -> float:
        return self.base_lr


class Constant(Schedule):
    """lr = base_lr."""


class StepDecay(Schedule):
    """lr = base_lr·γ^⌊e / step_size⌋ (torch StepLR)."""

    name = "step"

    def __init__(self, base_lr, step_size, gamma=0.1):
        super().__init__(base_lr)
        self.step_size, self.gamma = _check_int("step_size", step_size, 1), check_number("gamma", gamma)

    def _lr(self, e):
        return self.base_lr * self.gamma ** (e // self.step_size)


class ExponentialDecay(Schedule):
    """lr = base_lr·γ^e (torch ExponentialLR)."""

    name = "exponential"

    def __init__(self, base_lr, gamma):
        super().__init__(base_lr)
        self.gamma = check_number("gamma", gamma)

    def _lr(self, e):
        return self.base_lr * self.gamma ** e


class CosineAnnealing(Schedule):
    """lr = η_min + ½(base_lr − η_min)(1 + cos(π·e/T_max)) (torch CosineAnnealingLR;
    past T_max it climbs back up, as torch's does)."""

    name = "cosine"

    def __init__(self, base_lr, T_max, eta_min=0.0):
        super().__init__(base_lr)
        self.T_max, self.eta_min = _check_int("T_max", T_max, 1), check_number("eta_min", eta_min)

    def _lr(self, e):
        cos = math.cos(math.pi * e / self.T_max)
        return self.eta_min + 0.5 * (self.base_lr - self.eta_min) * (1.0 + cos)


class ReduceOnPlateau(Schedule):
    """Multiply lr by `factor` once the metric has not improved for more than `patience`
    epochs (torch ReduceLROnPlateau). Improvement in mode min, threshold_mode rel:
    metric < best·(1 − threshold); abs: metric < best − threshold (mirrored for max)."""

    name = "plateau"

    def __init__(self, base_lr, mode="min", factor=0.1, patience=10, threshold=1e-4,
                 threshold_mode="rel", cooldown=0, min_lr=0.0, eps=1e-8):
        super().__init__(base_lr)
        if mode not in ("min", "max"):
            raise ParameterError("mode", f"mode must be 'min' or 'max', got {mode!r}")
        if threshold_mode not in ("rel", "abs"):
            raise ParameterError("threshold_mode", f"threshold_mode must be 'rel' or 'abs', got {threshold_mode!r}")
        self.mode, self.threshold_mode = mode, threshold_mode
        self.factor = check_number("factor", factor, hi=1.0, hi_open=True)
        self.patience = _check_int("patience", patience, 0)
        self.threshold = check_number("threshold", threshold)
        self.cooldown = _check_int("cooldown", cooldown, 0)
        self.min_lr = check_number("min_lr", min_lr)
        self.eps = check_number("eps", eps)
        self.best = math.inf if mode == "min" else -math.inf
        self.num_bad_epochs = self.cooldown_counter = 0
        self.history = [self.base_lr]   # history[e] = lr used during epoch e

    def observe(self, metric: float) -> float:
        """Record this epoch's metric (e.g. validation loss); return next epoch's lr."""
        current = float(metric)
        if self._is_better(current):
            self.best, self.num_bad_epochs = current, 0
        else:
            self.num_bad_epochs += 1
        if self.cooldown_counter > 0:
            self.cooldown_counter -= 1
            self.num_bad_epochs = 0
        lr = self.history[-1]
        if self.num_bad_epochs > self.patience:
            reduced = max(lr * self.factor, self.min_lr)
            if lr - reduced > self.eps:
                lr = reduced
            self.cooldown_counter, self.num_bad_epochs = self.cooldown, 0
        self.history.append(lr)
        return lr

    def _is_better(self, a: float) -> bool:
        best, thr = self.best, self.threshold
        if self.mode == "min":
            return a < (best * (1.0 - thr) if self.threshold_mode == "rel" else best - thr)
        return a > (best * (1.0 + thr) if self.threshold_mode == "rel" else best + thr)

    def _lr(self, e):
        """The lr used in epoch e if seen, else the current lr (future unknown)."""
        return self.history[min(e, len(self.history) - 1)]


SCHEDULES: dict[str, type[Schedule]] = {
    c.name: c for c in (Constant, StepDecay, ExponentialDecay, CosineAnnealing, ReduceOnPlateau)
}


def for_run(name: str, base_lr: float, epochs: int, **kwargs) -> Schedule:
    """The schedule of a run of `epochs` epochs: a cosine's T_max follows the epochs unless given.

    One rule for the CLI, the server and the curve drawn before training: a cosine set for
    10 epochs and run for 11 would reach η_min at epoch 10 and climb again.
    """
    if name == "cosine" and kwargs.get("T_max") is None:
        kwargs["T_max"] = epochs
    return create(name, base_lr, **kwargs)


def create(name: str, base_lr: float, **kwargs) -> Schedule:
    """Build a schedule by name with torch's keyword arguments (those without a default are required)."""
    if name not in SCHEDULES:
        raise ParameterError("schedule", f"unknown schedule {name!r}; choose one of {list(SCHEDULES)}")
    params = dict(inspect.signature(SCHEDULES[name]).parameters)
    del params["base_lr"]
    for key in kwargs:
        if key not in params:
            raise ParameterError(key, f"the {name} schedule has no argument {key!r}; it takes {list(params)}")
    for key, param in params.items():
        if param.default is param.empty and key not in kwargs:
            raise ParameterError(key, f"the {name} schedule needs {key}")
    return SCHEDULES[name](base_lr, **kwargs)


# Same format as engine.optimizers.HYPERPARAMS, plus type "int"; defaults suit short UI runs
# (plateau's patience is 2 here, 10 in PyTorch).
HYPERPARAMS: dict[str, dict[str, dict]] = {
    "constant": {},
    "step": {"step_size": hyperparam(3, "int", 1, 1000), "gamma": hyperparam(0.1, "float", 0.01, 1.0)},
    "exponential": {"gamma": hyperparam(0.9, "float", 0.01, 1.0)},
    "cosine": {"T_max": hyperparam(10, "int", 1, 1000), "eta_min": hyperparam(0.0, "float", 0.0, 1.0)},
    "plateau": {"factor": hyperparam(0.1, "float", 0.01, 0.99), "patience": hyperparam(2, "int", 0, 100),
                "threshold": hyperparam(1e-4, "float", 0.0, 0.1), "cooldown": hyperparam(0, "int", 0, 100),
                "min_lr": hyperparam(0.0, "float", 0.0, 1.0)},
}
