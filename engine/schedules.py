"""Learning-rate schedules, stepped once per epoch like torch.optim.lr_scheduler.

`lr_at(epoch)` is the rate used during that epoch (epoch 0 = base_lr); fractional epochs
are floored. All but plateau are pure functions of the epoch, so the UI can draw the whole
curve before training; plateau learns from `observe(metric)` once per epoch.
"""
from __future__ import annotations

import inspect
import math
import numbers

from .optimizers.base import check_number
from .optimizers.hyperparams import hyperparam


def _check_int(name: str, value, lo: int) -> int:
    """`value` as an int >= lo; ValueError naming `name` otherwise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) \
            or not math.isfinite(value) or value != int(value) or value < lo:
        raise ValueError(f"{name} must be a whole number >= {lo}, got {value!r}")
    return int(value)


class Schedule:
    """Base: a learning rate per epoch."""

    name = "constant"

    def __init__(self, base_lr: float):
        self.base_lr = check_number("base_lr", base_lr)

    def lr_at(self, epoch: float) -> float:
        """Learning rate during `epoch` (0-based)."""
        if not epoch >= 0:
            raise ValueError(f"epoch must be >= 0, got {epoch!r}")
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

    def __init__(self, base_lr, step_size=None, gamma=0.1):
        super().__init__(base_lr)
        self.step_size = _check_int("step_size", _required("step", "step_size", step_size), 1)
        self.gamma = check_number("gamma", gamma)

    def _lr(self, e):
        return self.base_lr * self.gamma ** (e // self.step_size)


class ExponentialDecay(Schedule):
    """lr = base_lr·γ^e (torch ExponentialLR)."""

    name = "exponential"

    def __init__(self, base_lr, gamma=None):
        super().__init__(base_lr)
        self.gamma = check_number("gamma", _required("exponential", "gamma", gamma))

    def _lr(self, e):
        return self.base_lr * self.gamma ** e


class CosineAnnealing(Schedule):
    """lr = η_min + ½(base_lr − η_min)(1 + cos(π·e/T_max)) (torch CosineAnnealingLR;
    past T_max it climbs back up, as torch's does)."""

    name = "cosine"

    def __init__(self, base_lr, T_max=None, eta_min=0.0):
        super().__init__(base_lr)
        self.T_max = _check_int("T_max", _required("cosine", "T_max", T_max), 1)
        self.eta_min = check_number("eta_min", eta_min)

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
            raise ValueError(f"mode must be 'min' or 'max', got {mode!r}")
        if threshold_mode not in ("rel", "abs"):
            raise ValueError(f"threshold_mode must be 'rel' or 'abs', got {threshold_mode!r}")
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


def _required(schedule: str, arg: str, value):
    """`value`, or a ValueError saying the schedule needs `arg`."""
    if value is None:
        raise ValueError(f"the {schedule} schedule needs {arg}")
    return value


SCHEDULES: dict[str, type[Schedule]] = {
    c.name: c for c in (Constant, StepDecay, ExponentialDecay, CosineAnnealing, ReduceOnPlateau)
}


def create(name: str, base_lr: float, **kwargs) -> Schedule:
    """Build a schedule by name with torch's keyword arguments."""
    if name not in SCHEDULES:
        raise ValueError(f"unknown schedule {name!r}; choose one of {list(SCHEDULES)}")
    cls = SCHEDULES[name]
    allowed = [k for k in inspect.signature(cls).parameters if k != "base_lr"]
    for key in kwargs:
        if key not in allowed:
            raise ValueError(f"the {name} schedule has no argument {key!r}; it takes {allowed}")
    return cls(base_lr, **kwargs)


# Same format as engine.optimizers.HYPERPARAMS, plus type "int"; defaults suit short UI runs.
HYPERPARAMS: dict[str, dict[str, dict]] = {
    "constant": {},
    "step": {
        "step_size": hyperparam(3, "int", 1, 1000, ("step size (epochs)", "감소 간격 (에폭 수)"), (
            "Number of epochs between drops.",
            "학습률을 한 번 낮춘 뒤 다음에 낮출 때까지의 에폭 수입니다.")),
        "gamma": hyperparam(0.1, "float", 0.01, 1.0, ("gamma (γ)", "γ (gamma)"), (
            "Every step_size epochs the learning rate is multiplied by gamma.",
            "step_size 에폭마다 학습률에 gamma를 곱합니다.")),
    },
    "exponential": {
        "gamma": hyperparam(0.9, "float", 0.01, 1.0, ("gamma (γ)", "γ (gamma)"), (
            "Every epoch the learning rate is multiplied by gamma.",
            "에폭마다 학습률에 gamma를 곱합니다.")),
    },
    "cosine": {
        "T_max": hyperparam(10, "int", 1, 1000, ("T_max (epochs)", "T_max (에폭 수)"), (
            "Epochs to glide from the starting rate down to eta_min along a cosine "
            "(usually the number of epochs).",
            "시작 학습률에서 eta_min까지 코사인 곡선을 따라 내려가는 데 걸리는 에폭 수입니다 "
            "(보통 전체 에폭 수로 둡니다).")),
        "eta_min": hyperparam(0.0, "float", 0.0, 1.0, ("minimum lr (η_min)", "최소 학습률 (η_min)"), (
            "The lowest learning rate the cosine reaches.",
            "코사인 곡선이 내려가는 가장 낮은 학습률입니다.")),
    },
    "plateau": {
        "factor": hyperparam(0.1, "float", 0.01, 0.99, ("factor", "감소 비율"), (
            "When the validation loss stops improving, the learning rate is multiplied by this.",
            "검증 손실이 더 나아지지 않으면 학습률에 이 값을 곱합니다.")),
        "patience": hyperparam(2, "int", 0, 100, ("patience (epochs)", "기다릴 에폭 수 (patience)"), (
            "Epochs without improvement to put up with before lowering the rate "
            "(PyTorch's default is 10).",
            "학습률을 낮추기 전에 개선이 없어도 기다려 주는 에폭 수입니다 (PyTorch 기본값은 10).")),
        "threshold": hyperparam(1e-4, "float", 0.0, 0.1, ("threshold", "개선 기준"), (
            "Smallest relative improvement that counts: loss < best × (1 − threshold).",
            "나아졌다고 인정할 최소 상대 개선폭입니다: 손실 < 최저 손실 × (1 − threshold).")),
        "cooldown": hyperparam(0, "int", 0, 100, ("cooldown (epochs)", "쉬는 에폭 수 (cooldown)"), (
            "Epochs to wait after a drop before counting bad epochs again.",
            "학습률을 낮춘 뒤, 개선되지 않은 에폭을 다시 세기 시작할 때까지 쉬는 에폭 수입니다.")),
        "min_lr": hyperparam(0.0, "float", 0.0, 1.0, ("minimum lr", "최소 학습률"), (
            "The learning rate never goes below this.",
            "학습률은 이 값보다 낮아지지 않습니다.")),
    },
}
