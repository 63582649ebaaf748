"""The optimizer skeleton: flat state buffers, per-parameter views, argument checks.

All parameters are updated as one flat vector: the gradients are copied into a flat buffer,
the subclass's `_direction` works out the whole step in a few NumPy calls, and each
parameter subtracts its slice. This keeps Python overhead per step small (a 784-16-16-10
MLP has six arrays, four of them tiny). `state[i]` holds views into the flat buffers under
torch's names, so it reads like `torch.optim`'s per-parameter state.
"""
from __future__ import annotations

import math

import numpy as np

from ..errors import ParameterError


def check_number(name: str, value, lo: float = 0.0, hi: float | None = None,
                 hi_open: bool = False) -> float:
    """`value` as a float in [lo, hi] (or [lo, hi)); ValueError naming `name` otherwise."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
        raise ParameterError(name, f"{name} must be a number, got {value!r}")
    v = float(value)
    too_high = hi is not None and (v >= hi if hi_open else v > hi)
    if not math.isfinite(v) or v < lo or too_high:
        lower = "" if lo == -math.inf else f" >= {lo:g}"
        upper = "" if hi is None else f" and {'<' if hi_open else '<='} {hi:g}"
        raise ParameterError(name, f"{name} must be a finite number{lower}{upper}, got {value!r}")
    return v


def check_bool(name: str, value) -> bool:
    """`value` if it is a bool; ValueError naming `name` otherwise."""
    if not isinstance(value, (bool, np.bool_)):
        raise ParameterError(name, f"{name} must be true or false, got {value!r}")
    return bool(value)


class Optimizer:
    """Base: `step(params, grads)` updates the param arrays in place; grads stay untouched."""

    name = "optimizer"
    fields: tuple[str, ...] = ()   # hyperparameters besides lr, listed in `config`
    n_temps = 1                    # flat scratch arrays `_direction` needs
    counts_steps = True            # torch keeps state["step"] for this optimizer
    decoupled_weight_decay = False

    def __init__(self, lr: float, weight_decay: float = 0.0):
        self.lr = lr
        self.weight_decay = check_number("weight_decay", weight_decay)
        self.reset()

    @property
    def lr(self) -> float:
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        self._lr = check_number("lr", value)

    @property
    def config(self) -> dict:
        """JSON-able {"name", "lr", hyperparameters...}; `create(**config)` rebuilds it."""
        out = {"name": self.name, "lr": self.lr}
        for key in self.fields:
            value = getattr(self, key)
            out[key] = list(value) if isinstance(value, tuple) else value
        return out

    def reset(self) -> None:
        """Forget all state (velocities, averages, step counts)."""
        self.state: dict[int, dict] = {}
        self._shapes: list[tuple] | None = None
        self._t = 0

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        """One update of every array in `params` from the same-shaped array in `grads`."""
        self._check(params, grads)
        if self._shapes is None:
            self._build(params)
        self._t += 1
        if self.counts_steps:
            for s in self.state.values():
                s["step"] = self._t
        g, p_flat, delta = self._g, self._p, self._tmp[0]
        np.concatenate(grads, axis=None, out=g)
        if self.weight_decay and not self.decoupled_weight_decay:
            np.concatenate(params, axis=None, out=p_flat)   # coupled L2: g + λθ
            p_flat *= self.weight_decay
            p_flat += g
            g = p_flat
        self._direction(g, self._flat, self._lr, self._t, *self._tmp)
        if self.weight_decay and self.decoupled_weight_decay:
            np.concatenate(params, axis=None, out=p_flat)   # θ·(1 − lr·λ) − step
            p_flat *= self._lr * self.weight_decay
            delta += p_flat
        for p, d in zip(params, self._delta_views):
            p -= d

    def _check(self, params, grads) -> None:
        if len(params) != len(grads):
            raise ValueError(f"got {len(params)} params but {len(grads)} grads")
        for i, (p, g) in enumerate(zip(params, grads)):
            if p.shape != g.shape:
                raise ValueError(f"param {i} has shape {p.shape} but its grad has {g.shape}")
        if self._shapes is not None and [p.shape for p in params] != self._shapes:
            raise ValueError("params changed shape since the first step; call reset() first")

    def _build(self, params) -> None:
        """Allocate flat buffers and per-parameter state views on the first step."""
        self._shapes = [p.shape for p in params]
        dtype = np.result_type(*params)
        n = sum(p.size for p in params)
        self._g, self._p = np.empty(n, dtype), np.empty(n, dtype)
        self._tmp = [np.empty(n, dtype) for _ in range(self.n_temps)]
        self._flat = self._init_state(n, dtype)
        ends = np.cumsum([p.size for p in params]).tolist()
        bounds = list(zip([0] + ends[:-1], ends))
        self._delta_views = [self._tmp[0][a:b].reshape(s) for (a, b), s in zip(bounds, self._shapes)]
        self.state = {i: {k: v[a:b].reshape(s) for k, v in self._flat.items()}
                      for i, ((a, b), s) in enumerate(zip(bounds, self._shapes))}

    def _init_state(self, n: int, dtype) -> dict[str, np.ndarray]:
        """Flat state buffers (n,) under torch's names."""
        return {}

    def _direction(self, d, s, lr, t, out, *tmp) -> None:
        """Write the step to subtract into `out` (n,) from the flat gradient d (n,)."""
        raise NotImplementedError

    @property
    def buffer_names(self) -> tuple[str, ...]:
        """The state buffers this optimizer keeps per parameter (torch's names), e.g. ("exp_avg", "exp_avg_sq")."""
        return tuple(self._init_state(0, np.float64))

    def state_dict(self) -> dict:
        """{"step": t, "buffers": [{name: copy shaped like param i}]}: what `load_state_dict` needs."""
        return {"step": self._t,
                "buffers": [{k: np.array(v) for k, v in self.state[i].items() if k != "step"}
                            for i in sorted(self.state)]}

    def load_state_dict(self, params: list[np.ndarray], state: dict) -> None:
        """Carry on from `state_dict()` of an optimizer with the same settings, for these params
        (so a stateless client can hand the state back and the next step is the same as if
        this optimizer had never stopped)."""
        step, buffers = state["step"], state["buffers"]
        if isinstance(step, bool) or not isinstance(step, (int, np.integer)) or step < 0:
            raise ValueError(f"step must be a whole number >= 0, got {step!r}")
        self.reset()
        if step == 0:
            if any(buffers):
                raise ValueError("step 0 has no buffers yet, but some were given")
            return
        if len(buffers) != len(params):
            raise ValueError(f"got buffers for {len(buffers)} params, but there are {len(params)}")
        self._build(params)
        self._t = int(step)
        for i, given in enumerate(buffers):
            if sorted(given) != sorted(self.buffer_names):
                raise ValueError(f"param {i}: {self.name} keeps {sorted(self.buffer_names)}, got {sorted(given)}")
            for key, value in given.items():
                value = np.asarray(value)
                if value.shape != self._shapes[i]:
                    raise ValueError(f"param {i}: {key} has shape {value.shape}, not {self._shapes[i]}")
                self.state[i][key][...] = value
            if self.counts_steps:
                self.state[i]["step"] = self._t
