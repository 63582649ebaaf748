"""One step of backprop on one example (forward, backward, check, update), and many updates."""
from __future__ import annotations

import numpy as np

from .. import gradcheck
from . import graph, passes, update

DETAILS = ("weights", "units")   # each weight its own node, or only the units (bigger nets)


def trace(net, x: np.ndarray, t, optimizer, detail: str = "weights", h: float = gradcheck.H) -> dict:
    """Forward and backward of example x (n_in,) with target t (a label or a (k,) row) through
    `net` (float64), every gradient beside its central difference, then one `optimizer` step
    with this example's gradient (net and optimizer end one update further on).

    {"loss", "output" (k,), "target" (k,), "fused", "graph" (graph.build), "gradients":
    {"h", "resolution", "thresholds", "tensors": [...]}, "update" (update.apply)}."""
    if detail not in DETAILS:
        raise ValueError(f"detail must be one of {DETAILS}, got {detail!r}")
    x = np.asarray(x, dtype=net.dtype)
    p = passes.run(net, x, t)
    drawing = graph.build(p, x, net.loss.name, detail)
    analytic = [g for lp in p.layers for g in (lp.grad_W, lp.grad_b)]
    numeric, kinks = gradcheck.numeric_grads(net, x.reshape(1, -1), p.target.reshape(1, -1), h)
    floor = gradcheck.resolution(p.loss, h)
    tensors = [_gradient(name, value, a, n, k, floor)
               for name, value, a, n, k in zip(net.param_names, net.params, analytic, numeric, kinks)]
    step = update.apply(optimizer, net.params, analytic, net.param_names)
    return {"loss": p.loss, "output": p.layers[-1].a, "target": p.target, "fused": p.fused,
            "graph": drawing, "update": step,
            "gradients": {"h": h, "resolution": floor, "thresholds": dict(gradcheck.THRESHOLDS),
                          "tensors": tensors}}


def _gradient(name: str, value, a, n, kinks, floor: float) -> dict:
    """One parameter array: its values, ∂L/∂θ by backprop and by central differences, errors."""
    summary = gradcheck.tensor_report(name, a, n, kinks, floor)
    entries = {"relative_error": gradcheck.entry_errors(a, n),
               "verdict": gradcheck.entry_verdicts(a, n, kinks, floor).tolist(), "kink": kinks}
    return {**summary, "value": value.copy(), "analytic": a, "numeric": n, "entries": entries}


def train(net, optimizer, x: np.ndarray, t: np.ndarray, steps: int, batch: str = "all",
          start: int = 0) -> dict:
    """`steps` updates: on the mean gradient over all of x (n, n_in) ("all", gradient descent)
    or on one example at a time from `start` on, in order ("example", SGD). Stops early when
    the loss or a weight stops being finite.

    {"steps" (updates made), "status" ("done" | "diverged"), "losses" (loss before each update),
    "loss" and "accuracy" after, "outputs" (n, k), "predictions" (n,)}."""
    if batch not in ("all", "example"):
        raise ValueError(f"batch must be 'all' or 'example', got {batch!r}")
    losses, status = [], "done"
    with np.errstate(over="ignore", invalid="ignore"):   # divergence is reported as a status
        for k in range(steps):
            rows = slice(None) if batch == "all" else [(start + k) % len(x)]
            value = net.loss_and_grads(x[rows], t[rows])
            if not np.isfinite(value) or not all(np.isfinite(g).all() for g in net.grads):
                status = "diverged"
                break
            optimizer.step(net.params, net.grads)
            losses.append(value)
            if not all(np.isfinite(p).all() for p in net.params):
                status = "diverged"
                break
        logits = net.forward(x)
        predictions = net.predict(x)
        loss, outputs = net.loss.value(logits, t), net.output.f(logits)
    labels = t if np.ndim(t) == 1 else np.argmax(t, axis=1)
    return {"steps": len(losses), "status": status, "losses": losses, "loss": loss,
            "accuracy": float(np.mean(predictions == labels)), "outputs": outputs,
            "predictions": predictions}
