"""Toy cost functions for optimizer races: analytic values, gradients, minima and view boxes.

Each function takes coordinates as floats or same-shaped arrays (so one call fills a grid)
and returns the value, or the gradient as a tuple with one array per coordinate. The 1-D
`curve` is the "loss against a single weight" of the learning-rate lessons: one local and
one global minimum.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from ..errors import ParameterError


@dataclass(frozen=True)
class ToyFunction:
    name: str
    title: str
    f: Callable                      # f(x, y) -> value (float or array)
    grad: Callable                   # grad(x, y) -> (df/dx, df/dy)
    view: tuple[float, ...]          # (xmin, xmax, ymin, ymax); 1-D: (wmin, wmax)
    minima: tuple[tuple[float, ...], ...]   # (x, y, value) each; 1-D: (w, value)
    starts: dict[str, tuple[float, ...]]    # named start points; "default" always present
    lrs: dict[str, float]            # suggested lr per optimizer (or preset) name
    steps: int = 100                 # suggested race length
    saddles: tuple[tuple[float, ...], ...] = field(default=())
    lessons: dict[str, float] = field(default_factory=dict)   # named SGD lrs for a lesson

    @property
    def dim(self) -> int:
        return len(self.view) // 2

    @property
    def start(self) -> tuple[float, ...]:
        return self.starts["default"]

    def info(self) -> dict:
        """JSON-able description for `/api/options` (view, minima [[x, y, f]], start...)."""
        return {"name": self.name, "title": self.title, "dim": self.dim, "view": list(self.view),
                "minima": [list(m) for m in self.minima], "saddles": [list(s) for s in self.saddles],
                "start": list(self.start), "starts": {k: list(v) for k, v in self.starts.items()},
                "lrs": dict(self.lrs), "lessons": dict(self.lessons), "steps": self.steps}


def _bowl(x, y):
    return x * x / 20 + y * y


def _bowl_grad(x, y):
    return x / 10, 2 * y


def _rosenbrock(x, y):
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


def _rosenbrock_grad(x, y):
    inner = y - x * x
    return -2 * (1 - x) - 400 * x * inner, 200 * inner


def _beale_terms(x, y):
    return 1.5 - x + x * y, 2.25 - x + x * y * y, 2.625 - x + x * y ** 3


def _beale(x, y):
    a, b, c = _beale_terms(x, y)
    return a * a + b * b + c * c


def _beale_grad(x, y):
    a, b, c = _beale_terms(x, y)
    gx = 2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y ** 3 - 1)
    gy = 2 * a * x + 4 * b * x * y + 6 * c * x * y * y
    return gx, gy


def _himmelblau(x, y):
    return (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2


def _himmelblau_grad(x, y):
    a, b = x * x + y - 11, x + y * y - 7
    return 4 * x * a + 2 * b, 2 * a + 4 * y * b


def _camel(x, y):
    return (4 - 2.1 * x * x + x ** 4 / 3) * x * x + x * y + (-4 + 4 * y * y) * y * y


def _camel_grad(x, y):
    return 8 * x - 8.4 * x ** 3 + 2 * x ** 5 + y, x - 8 * y + 16 * y ** 3


def _saddle(x, y):
    return x * x - y * y


def _saddle_grad(x, y):
    return 2 * x, -2 * y


def _rastrigin(x, y):
    return 20 + x * x - 10 * np.cos(2 * np.pi * x) + y * y - 10 * np.cos(2 * np.pi * y)


def _rastrigin_grad(x, y):
    return (2 * x + 20 * np.pi * np.sin(2 * np.pi * x),
            2 * y + 20 * np.pi * np.sin(2 * np.pi * y))


def _curve(w):
    return (w ** 4 - 8 * w * w + 3 * w) / 10 + 2.5


def _curve_grad(w):
    return ((4 * w ** 3 - 16 * w + 3) / 10,)


_CAMEL_G, _CAMEL_L, _CAMEL_H = (0.08984201310031807, -0.7126564030207396), \
    (1.703606714969981, -0.7960835686726251), (1.6071047529201974, 0.5686514548841313)

FUNCTIONS: dict[str, ToyFunction] = {f.name: f for f in (
    ToyFunction("bowl", "x²/20 + y²", _bowl, _bowl_grad, (-10, 10, -5, 5), ((0, 0, 0),),
                {"default": (-7, 2)},
                {"sgd": 0.95, "momentum": 0.1, "nesterov": 0.1, "adagrad": 1.5, "rmsprop": 0.1,
                 "adadelta": 10.0, "adam": 0.3, "adamw": 0.3}, steps=30),
    ToyFunction("rosenbrock", "Rosenbrock", _rosenbrock, _rosenbrock_grad, (-2, 2, -1, 3),
                ((1, 1, 0),), {"default": (-1.2, 1)},
                {"sgd": 0.003, "momentum": 0.002, "nesterov": 0.001, "adagrad": 0.3,
                 "rmsprop": 0.03, "adadelta": 20.0, "adam": 0.3, "adamw": 0.3}, steps=300),
    ToyFunction("beale", "Beale", _beale, _beale_grad, (-4.5, 4.5, -4.5, 4.5), ((3, 0.5, 0),),
                {"default": (1, 1), "easy": (1, 1), "hard": (1, 4)},
                {"sgd": 0.03, "momentum": 0.01, "nesterov": 0.01, "adagrad": 1.0,
                 "rmsprop": 0.05, "adadelta": 30.0, "adam": 0.3, "adamw": 0.3}, steps=200),
    ToyFunction("himmelblau", "Himmelblau", _himmelblau, _himmelblau_grad, (-5, 5, -5, 5),
                ((3, 2, 0), (-2.805118086952745, 3.131312518250573, 0),
                 (-3.779310253377747, -3.2831859912861696, 0),
                 (3.5844283403304917, -1.8481265269644034, 0)),
                {"default": (0, 0), "corner": (-4.5, 4.5)},
                {"sgd": 0.02, "momentum": 0.01, "nesterov": 0.01, "adagrad": 1.0,
                 "rmsprop": 0.1, "adadelta": 30.0, "adam": 0.5, "adamw": 0.5}, steps=100),
    ToyFunction("camel", "six-hump camel", _camel, _camel_grad, (-3, 3, -2, 2),
                ((_CAMEL_G[0], _CAMEL_G[1], -1.0316284534898774),
                 (-_CAMEL_G[0], -_CAMEL_G[1], -1.0316284534898774),
                 (_CAMEL_L[0], _CAMEL_L[1], -0.21546382438371836),
                 (-_CAMEL_L[0], -_CAMEL_L[1], -0.21546382438371836),
                 (_CAMEL_H[0], _CAMEL_H[1], 2.1042503103112598),
                 (-_CAMEL_H[0], -_CAMEL_H[1], 2.1042503103112598)),
                {"default": (2.5, 1.2), "center": (0.5, 0.2)},
                {"sgd": 0.03, "momentum": 0.002, "nesterov": 0.003, "adagrad": 1.0,
                 "rmsprop": 0.1, "adadelta": 30.0, "adam": 0.3, "adamw": 0.3}, steps=100),
    ToyFunction("saddle", "x² − y²", _saddle, _saddle_grad, (-2, 2, -2, 2), (),
                {"default": (-1.8, 0.01)},
                {"sgd": 0.03, "momentum": 0.01, "nesterov": 0.006, "adagrad": 0.2,
                 "rmsprop": 0.02, "adadelta": 0.6, "adam": 0.03, "adamw": 0.03}, steps=60,
                saddles=((0, 0, 0),)),
    ToyFunction("rastrigin", "Rastrigin", _rastrigin, _rastrigin_grad, (-5.12, 5.12, -5.12, 5.12),
                ((0, 0, 0),), {"default": (-2, 3.5)},
                {"sgd": 0.003, "momentum": 0.003, "nesterov": 0.003, "adagrad": 0.6,
                 "rmsprop": 0.06, "adadelta": 10.0, "adam": 0.5, "adamw": 0.5}, steps=100),
    ToyFunction("curve", "loss against one weight", _curve, _curve_grad, (-3.5, 3.5),
                ((-2.0878738250414095, 0.28654154564846257),
                 (1.898680832083876, 1.485207626369784)),
                {"default": (3.2,), "local": (3.2,), "global": (-3.2,)},
                {"sgd": 0.1, "momentum": 0.01, "nesterov": 0.01, "adagrad": 0.5,
                 "rmsprop": 0.05, "adadelta": 10.0, "adam": 0.1, "adamw": 0.1}, steps=50,
                lessons={"too_small": 0.005, "right": 0.1, "overshoot": 0.4, "too_large": 0.8}),
)}


def get(name: str) -> ToyFunction:
    """The toy function called `name`; ParameterError listing the choices otherwise."""
    if name not in FUNCTIONS:
        raise ParameterError("function", f"unknown toy function {name!r}; choose one of {sorted(FUNCTIONS)}")
    return FUNCTIONS[name]
