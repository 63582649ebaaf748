"""The optimizer's update with its numbers: θ before, the gradient, the buffers, θ after.

The step is the engine optimizer's own `step`; this module only copies what it read and
wrote, and names the state by parameter so a client can hand it back for the next call
(`state_by_name` / `load_state_by_name`).
"""
from __future__ import annotations

import numpy as np


def state_by_name(opt, names: list[str]) -> dict:
    """{"step": t, "buffers": {param name: {buffer name: array}}} ({} per param before step 1)."""
    state = opt.state_dict()
    buffers = state["buffers"] or [{} for _ in names]
    return {"step": state["step"], "buffers": dict(zip(names, buffers))}


def load_state_by_name(opt, params: list[np.ndarray], names: list[str], state: dict | None) -> None:
    """Restore what `state_by_name` gave (None: a fresh optimizer at step 0)."""
    if state is None or state["step"] == 0:
        opt.load_state_dict(params, {"step": 0, "buffers": []})
        return
    missing = [n for n in names if n not in state["buffers"]]
    if missing:
        raise ValueError(f"no optimizer buffers for {', '.join(missing)}")
    opt.load_state_dict(params, {"step": state["step"], "buffers": [state["buffers"][n] for n in names]})


def apply(opt, params: list[np.ndarray], grads: list[np.ndarray], names: list[str]) -> dict:
    """One `opt.step(params, grads)`, recorded per parameter array."""
    before = [p.copy() for p in params]
    had_state = opt.state_dict()["step"] > 0
    buffers_before = state_by_name(opt, names)["buffers"] if had_state else None
    opt.step(params, grads)
    after = state_by_name(opt, names)
    records = []
    for i, name in enumerate(names):
        records.append({"name": name, "before": before[i], "grad": np.array(grads[i]),
                        "after": params[i].copy(), "delta": params[i] - before[i],
                        "buffers_before": None if buffers_before is None else buffers_before[name],
                        "buffers_after": after["buffers"][name]})
    return {"optimizer": opt.config, "step": after["step"], "params": records}
