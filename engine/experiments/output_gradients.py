"""What each (output activation, loss) pair sends back to the logits, for one example.

The course's point: (identity, SSE) and (softmax, cross-entropy) both hand back exactly
y − t, and so do (sigmoid, BCE) for one output and (softmax, KL divergence), whose value is
the cross-entropy's for a one-hot target. Other pairs multiply y − t by the output's slope
(sigmoid + SSE) or by a factor from averaging over the outputs (MSE, BCE).
"""
from __future__ import annotations

import numpy as np

from ..errors import ParameterError

from .. import losses

MAX_OUTPUTS = 20


def output_gradients(logits, label: int) -> dict:
    """(k,) logits and a class -> {"logits", "target", "pairs": {"output+loss": {"output", "loss",
    "y", "loss_value", "grad", "y_minus_t", "is_y_minus_t"}}} for every pair the engine allows."""
    z = np.asarray(logits, dtype=np.float64).reshape(-1)
    if not 1 <= z.size <= MAX_OUTPUTS or not np.isfinite(z).all():
        raise ParameterError("logits", f"give 1 to {MAX_OUTPUTS} finite numbers, got {z.size}")
    if isinstance(label, bool) or not isinstance(label, (int, np.integer)) or not 0 <= label < max(z.size, 2):
        raise ParameterError("label", f"must be a class from 0 to {max(z.size, 2) - 1}, got {label!r}")
    t = np.zeros(z.size) if z.size > 1 else np.array([float(label)])
    if z.size > 1:
        t[label] = 1.0
    pairs = {}
    for name, cls in losses.LOSSES.items():
        for output in cls.outputs:
            pairs[f"{output}+{name}"] = _pair(losses.create(name, output), z, t)
    return {"logits": z.tolist(), "target": t.tolist(), "pairs": pairs}


def _pair(loss, z: np.ndarray, t: np.ndarray) -> dict:
    value, grad = loss.value_and_grad(z[None, :], t[None, :])
    y = loss.out.f(z[None, :])[0]
    return {"output": loss.output, "loss": loss.name, "y": y.tolist(), "loss_value": float(value),
            "grad": grad[0].tolist(), "y_minus_t": (y - t).tolist(),
            "is_y_minus_t": bool(np.allclose(grad[0], y - t, rtol=1e-9, atol=1e-12))}
