"""One example through the engine's own layers, forward then backward, every vector kept.

Nothing here computes a value or a gradient by itself: forward values come from
`layer.forward`, the loss and dL/dz from `loss.value_and_grad`, gradients from
`layer.backward` (the loop `Network.backward` runs, with each intermediate kept), and an
activation's local derivatives from its own `backward` applied to unit vectors: row k of
its Jacobian is backward(e_k), which is f'(z_k) on the diagonal for an elementwise
activation and y_k(δ_kj − y_j) for softmax.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import losses
from ..layers import Dense


@dataclass
class LayerPass:
    """One Dense layer and the activation after it, for one example (vectors are 1-D)."""
    dense: Dense
    act: object              # the activation layer (the output activation for the last)
    x: np.ndarray            # (n_in,) the layer's input
    s: np.ndarray            # (n_out,) x·W
    z: np.ndarray            # (n_out,) x·W + b, what Dense.forward returned
    a: np.ndarray            # (n_out,) act(z)
    jacobian: np.ndarray     # (n_out, n_out) ∂a_k/∂z_j
    grad_a: np.ndarray | None  # ∂L/∂a (None: a fused output, never formed)
    grad_z: np.ndarray       # ∂L/∂z
    grad_x: np.ndarray       # ∂L/∂x from Dense.backward
    grad_W: np.ndarray       # (n_in, n_out)
    grad_b: np.ndarray       # (n_out,)

    @property
    def row_wise(self) -> bool:
        """True when each output depends on every input (softmax), not only on its own."""
        return self.act.name == "softmax"


@dataclass
class Pass:
    layers: list[LayerPass]
    loss: float
    target: np.ndarray       # (k,) the target row the loss compared against
    fused: bool


def run(net, x: np.ndarray, t) -> Pass:
    """Forward and backward of one example x (n_in,) with target t through `net` (float64)."""
    h = np.asarray(x, dtype=net.dtype).reshape(1, -1)
    for layer in net.layers:
        h = layer.forward(h)
    logits = h
    target = losses.as_targets(np.asarray(t).reshape(1, -1) if np.ndim(t) else np.array([t]), logits)
    loss, grad = net.loss.value_and_grad(logits, target)
    y = net.output.forward(logits)             # the network's answer; the loss may fuse it away
    grad_y = None if net.loss.fused else _grad_of_output(net.loss, y, target)
    into = {}                                  # layer position -> gradient arriving at its output
    for i in reversed(range(len(net.layers))):
        into[i] = grad
        grad = net.layers[i].backward(grad)
    into[len(net.layers)] = grad_y
    return Pass(_layer_passes(net, into, grad), float(loss), target[0].copy(), bool(net.loss.fused))


def _grad_of_output(loss, y: np.ndarray, target: np.ndarray) -> np.ndarray:
    """∂L/∂y of a squared-error loss: the same loss on y through an identity output."""
    return losses.create(loss.name, "identity").value_and_grad(y, target)[1]


def _layer_passes(net, into: dict, grad_x_first: np.ndarray) -> list[LayerPass]:
    out = []
    positions = [i for i, layer in enumerate(net.layers) if isinstance(layer, Dense)]
    for n, i in enumerate(positions):
        dense = net.layers[i]
        last = n == len(positions) - 1
        act = net.output if last else net.layers[i + 1]
        grad_a = into[len(net.layers)] if last else into[i + 1]
        grad_x = grad_x_first if n == 0 else into[i - 1]
        x = dense.x[0]
        out.append(LayerPass(
            dense=dense, act=act, x=x.copy(), s=x @ dense.params["W"],
            z=act.z[0].copy(), a=act.y[0].copy(), jacobian=jacobian(act),
            grad_a=None if grad_a is None else grad_a[0].copy(), grad_z=into[i][0].copy(),
            grad_x=grad_x[0].copy(), grad_W=dense.grads["W"].copy(), grad_b=dense.grads["b"].copy()))
    return out


def jacobian(act) -> np.ndarray:
    """(k, k) ∂y_k/∂z_j of an activation layer at its last forward input (one example)."""
    k = act.z.shape[-1]
    rows = []
    for unit in range(k):
        e = np.zeros((1, k), dtype=act.z.dtype)
        e[0, unit] = 1.0
        rows.append(act.backward(e)[0])
    return np.array(rows)
