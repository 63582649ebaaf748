"""Gradient checking: backprop against central differences, in float64.

n = (L(θ+h) − L(θ−h)) / 2h with h = 1e-5. The relative error of one parameter array (W1, b1,
…) is cs231n's |a − n| / max(|a|, |n|) taken over the whole array as one vector:

    relative error = ‖a − n‖₂ / max(‖a‖₂, ‖n‖₂, tiny)

Per array rather than per entry, because an entry whose true gradient is nearly zero has a
relative error of order ε·|L|/h / |a_i| (rounding in L), however right backprop is.
`elementwise_error` gives the per-entry maximum for hunting down a wrong entry.
Below 1e-7 is good; around kinks (ReLU at 0) up to 1e-4 can be acceptable.
"""
from __future__ import annotations

import numpy as np

TINY = 1e-300
H = 1e-5


def numeric_grad(f, array: np.ndarray, h: float = H) -> np.ndarray:
    """Central-difference gradient of the scalar f() with respect to `array` (mutated and restored)."""
    grad = np.zeros_like(array, dtype=np.float64)
    flat, g = array.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + h
        up = f()
        flat[i] = old - h
        down = f()
        flat[i] = old
        g[i] = (up - down) / (2 * h)
    return grad


def relative_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    """‖a − n‖ / max(‖a‖, ‖n‖) over the whole array (0 when both are zero)."""
    a, n = np.ravel(analytic).astype(np.float64), np.ravel(numeric).astype(np.float64)
    scale = max(np.linalg.norm(a), np.linalg.norm(n), TINY)
    return float(np.linalg.norm(a - n) / scale)


def elementwise_error(analytic: np.ndarray, numeric: np.ndarray, tiny: float = 1e-12) -> float:
    """Largest per-entry |a − n| / max(|a|, |n|, tiny)."""
    a, n = np.asarray(analytic, np.float64), np.asarray(numeric, np.float64)
    return float(np.max(np.abs(a - n) / np.maximum(np.maximum(np.abs(a), np.abs(n)), tiny)))


def check_network(net, x: np.ndarray, t: np.ndarray, h: float = H) -> dict[str, float]:
    """Relative error per parameter name (net should be float64)."""
    net.loss_and_grads(x, t)
    analytic = [g.copy() for g in net.grads]
    f = lambda: net.loss.value(net.forward(x), t)  # noqa: E731
    return {name: relative_error(a, numeric_grad(f, p, h))
            for name, p, a in zip(net.param_names, net.params, analytic)}


def check_input(net, x: np.ndarray, t: np.ndarray, h: float = H) -> float:
    """Relative error of dL/dx, the gradient that reaches the pixels."""
    value, grad = net.loss.value_and_grad(net.forward(x), t)
    analytic = net.backward(grad)
    x = x.copy()
    return relative_error(analytic, numeric_grad(lambda: net.loss.value(net.forward(x), t), x, h))


def check_layer(layer, x: np.ndarray, upstream: np.ndarray, h: float = H) -> dict[str, float]:
    """One layer alone, with L = Σ upstream ⊙ layer(x): relative error of dL/dx ("x") and of each param."""
    x = np.array(x, dtype=np.float64)
    f = lambda: float(np.sum(upstream * layer.forward(x)))  # noqa: E731
    layer.forward(x)
    errors = {"x": relative_error(layer.backward(upstream.copy()), numeric_grad(f, x, h))}
    analytic = {k: g.copy() for k, g in layer.grads.items()}
    for name, p in layer.params.items():
        errors[name] = relative_error(analytic[name], numeric_grad(f, p, h))
    return errors



# Verdicts by the usual thresholds (cs231n): below GOOD is right; up to ACCEPTABLE is fine only
# where the loss has a kink; above WRONG is a bug; in between deserves a second look.
GOOD, ACCEPTABLE, WRONG = 1e-7, 1e-4, 1e-2
THRESHOLDS = {"good": GOOD, "acceptable": ACCEPTABLE, "wrong": WRONG}
# Rounding in L alone moves a central difference by about ε·|L|/h: an entry whose gradients
# are both below a few times that is too small to judge.
RESOLUTION_FACTOR = 5.0
KINKED = ("relu", "leaky_relu", "elu")   # ELU with α = 1 is smooth (slope 1 on both sides of 0)


def verdict(error: float) -> str:
    """"good" < 1e-7 ≤ "acceptable" ≤ 1e-4 < "check" ≤ 1e-2 < "wrong" (non-finite: "wrong")."""
    if not np.isfinite(error) or error > WRONG:
        return "wrong"
    if error < GOOD:
        return "good"
    return "acceptable" if error <= ACCEPTABLE else "check"


def resolution(loss: float, h: float = H) -> float:
    """The smallest gradient a central difference of this loss tells apart from zero."""
    return RESOLUTION_FACTOR * float(np.finfo(np.float64).eps) * max(abs(loss), 1.0) / h


def entry_errors(analytic: np.ndarray, numeric: np.ndarray) -> np.ndarray:
    """Per-entry |a − n| / max(|a|, |n|) (0 where both are 0), shaped like the inputs."""
    a, n = np.asarray(analytic, np.float64), np.asarray(numeric, np.float64)
    scale = np.maximum(np.abs(a), np.abs(n))
    with np.errstate(invalid="ignore"):
        return np.where(scale > 0, np.abs(a - n) / np.where(scale > 0, scale, 1.0), 0.0)


def entry_verdicts(analytic, numeric, kinks: np.ndarray, floor: float) -> np.ndarray:
    """Per-entry verdict (object array); "near_zero" where both gradients are below `floor`,
    "kink" where θ ± h straddles a kink, when the error is not already good."""
    errors = entry_errors(analytic, numeric)
    out = np.array([verdict(e) for e in errors.ravel()], dtype=object).reshape(errors.shape)
    judged = out != "good"
    tiny = np.maximum(np.abs(analytic), np.abs(numeric)) < floor
    out[judged & tiny] = "near_zero"
    out[judged & ~tiny & kinks] = "kink"
    return out


def kink_sides(layers) -> list[np.ndarray]:
    """For each kinked activation layer, which side of 0 each of its inputs z lies on."""
    return [layer.z > 0 for layer in layers
            if getattr(layer, "name", None) in KINKED and getattr(layer, "alpha", 0.0) != 1.0]


def numeric_grads(net, x: np.ndarray, t: np.ndarray, h: float = H) -> tuple[list, list]:
    """Central differences of the loss for every parameter array of `net` (float64), and per
    entry whether θ ± h left some ReLU-like unit on different sides of its kink (there the
    quotient averages two slopes and need not match backprop)."""
    sides = []

    def loss() -> float:
        value = net.loss.value(net.forward(x), t)
        sides.append(kink_sides(net.layers))
        return value
    numeric, kinks = [], []
    for p in net.params:
        sides.clear()
        numeric.append(numeric_grad(loss, p, h))
        crossed = [any(not np.array_equal(up, down) for up, down in zip(sides[2 * i], sides[2 * i + 1]))
                   for i in range(p.size)]
        kinks.append(np.array(crossed, dtype=bool).reshape(p.shape))
    return numeric, kinks


def check_report(net, x: np.ndarray, t: np.ndarray, h: float = H) -> dict:
    """Backprop against central differences for every parameter array (net in float64):
    {"loss", "resolution", "tensors": [{name, shape, relative_error, verdict, kinks,
    near_zero, worst}]}; `worst` is the judged entry (above the resolution, off kinks) with
    the largest per-entry relative error, or None when there is none."""
    loss = net.loss_and_grads(x, t)
    analytic = [g.copy() for g in net.grads]
    numeric, kinks = numeric_grads(net, x, t, h)
    floor = resolution(loss, h)
    tensors = [tensor_report(name, a, n, k, floor)
               for name, a, n, k in zip(net.param_names, analytic, numeric, kinks)]
    return {"loss": loss, "resolution": floor, "tensors": tensors}


def tensor_report(name: str, a: np.ndarray, n: np.ndarray, kinks: np.ndarray, floor: float) -> dict:
    """Whole-array relative error and verdict ("kink" when only kinked entries disagree),
    counts of kinked and too-small entries, and the worst judged entry."""
    error = relative_error(a, n)
    smooth = ~kinks
    judged = smooth & (np.maximum(np.abs(a), np.abs(n)) >= floor)
    verdict_ = verdict(error)
    if verdict_ != "good" and kinks.any() and verdict(relative_error(a[smooth], n[smooth])) == "good":
        verdict_ = "kink"   # every disagreement sits where a ReLU-like unit changes slope
    worst = None
    if judged.any():
        errors = np.where(judged, entry_errors(a, n), -1.0)
        i = np.unravel_index(int(np.argmax(errors)), a.shape)
        worst = {"index": [int(v) for v in i], "analytic": float(a[i]), "numeric": float(n[i]),
                 "relative_error": float(errors[i]), "verdict": verdict(float(errors[i]))}
    return {"name": name, "shape": list(a.shape), "relative_error": error, "verdict": verdict_,
            "kinks": int(kinks.sum()), "near_zero": int((smooth & ~judged).sum()), "worst": worst}
