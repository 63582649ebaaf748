"""How each optimizer's hyperparameters are described to a user interface (no UI text: the
page's language files say what each one means).

`HYPERPARAMS[name][param]` = {"default", "type" ("float" | "bool" | "pair"), "min", "max",
"scale" ("linear" | "log")}. `default` is the UI's starting value: torch's default except
`lr`, where torch's (e.g. SGD's 1e-3) trains an MNIST MLP too slowly to watch. `min`/`max`
bound what the UI offers (for a "pair", each element); they lie inside the range the
optimizers accept. Bools have min = max = None.
"""
from __future__ import annotations


def hyperparam(default, type_: str, lo=None, hi=None, scale: str = "linear") -> dict:
    """One parameter's description: its default, type, range [lo, hi] and axis scale."""
    return {"default": default, "type": type_, "min": lo, "max": hi, "scale": scale}


def _lr(default, lo=1e-5):
    return hyperparam(default, "float", lo, 10.0, scale="log")


def _eps(default):
    return hyperparam(default, "float", 1e-12, 1.0, scale="log")


_FLAG = hyperparam(False, "bool")
_WEIGHT_DECAY = hyperparam(0.0, "float", 0.0, 1.0)
_MOMENTUM = hyperparam(0.0, "float", 0.0, 0.999)
_BETAS = hyperparam([0.9, 0.999], "pair", 0.0, 0.9999)

HYPERPARAMS: dict[str, dict[str, dict]] = {
    "sgd": {"lr": _lr(0.1), "momentum": _MOMENTUM, "dampening": hyperparam(0.0, "float", 0.0, 1.0),
            "weight_decay": _WEIGHT_DECAY, "nesterov": _FLAG},
    "adagrad": {"lr": _lr(0.05), "lr_decay": hyperparam(0.0, "float", 0.0, 1.0),
                "weight_decay": _WEIGHT_DECAY,
                "initial_accumulator_value": hyperparam(0.0, "float", 0.0, 10.0), "eps": _eps(1e-10)},
    "rmsprop": {"lr": _lr(0.001), "alpha": hyperparam(0.99, "float", 0.0, 0.9999), "eps": _eps(1e-8),
                "weight_decay": _WEIGHT_DECAY, "momentum": _MOMENTUM, "centered": _FLAG},
    "adadelta": {"lr": _lr(1.0, lo=1e-3), "rho": hyperparam(0.9, "float", 0.0, 1.0), "eps": _eps(1e-6),
                 "weight_decay": _WEIGHT_DECAY},
    "adam": {"lr": _lr(0.001), "betas": _BETAS, "eps": _eps(1e-8), "weight_decay": _WEIGHT_DECAY,
             "amsgrad": _FLAG},
    # AdamW's decay is decoupled, θ ← θ(1 − lr·λ): with lr 1e-3, λ = 2 (the overfitting
    # lesson's) still shrinks weights by only 0.2% a step, so λ goes past 1.
    "adamw": {"lr": _lr(0.001), "betas": _BETAS, "eps": _eps(1e-8),
              "weight_decay": hyperparam(1e-2, "float", 0.0, 10.0), "amsgrad": _FLAG},
}
