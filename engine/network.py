"""A network is a function: a sequence of layers from pixels to scores, plus a loss.

`Network.mlp([784, 16, 16, 10])` builds Dense → activation → Dense → activation → Dense;
the output activation (softmax, sigmoid or identity) belongs to the loss, which fuses it
for stability. `forward` returns logits; `predict_proba` applies the output activation.
"""
from __future__ import annotations

import copy as _copy

import numpy as np

from . import activations, losses
from .errors import ParameterError
from .initializers import canonical
from .layers import Dense


class Network:
    def __init__(self, layers, loss: losses.Loss, config: dict | None = None):
        self.layers = list(layers)
        self.loss = loss
        self.output = loss.out
        self.dense = [layer for layer in self.layers if isinstance(layer, Dense)]
        self.config = config or {}
        self.params = [p for d in self.dense for p in (d.params["W"], d.params["b"])]
        self.grads = [g for d in self.dense for g in (d.grads["W"], d.grads["b"])]
        self.param_names = [f"{k}{i + 1}" for i in range(len(self.dense)) for k in ("W", "b")]
        self.blocks = [(d, self._activation_after(d)) for d in self.dense]   # what a forward pass goes through

    def _activation_after(self, dense: Dense) -> activations.Activation:
        """The activation layer right after `dense`; the output activation after the last."""
        k = self.layers.index(dense)
        if k + 1 == len(self.layers):
            return self.output
        after = self.layers[k + 1]
        return activations.Identity() if isinstance(after, Dense) else after

    @classmethod
    def mlp(cls, sizes, activation="sigmoid", output="softmax", loss="cross_entropy",
            init="xavier_normal", init_std=None, seed=0, dtype=np.float32, alpha=None):
        """Dense layers of the given sizes with `activation` (a name, or one per hidden layer)."""
        sizes = [int(s) for s in sizes]
        if len(sizes) < 2 or min(sizes) < 1:
            raise ParameterError("layers", f"layers must list at least two positive sizes, got {sizes}")
        hidden = activation if isinstance(activation, (list, tuple)) else [activation] * (len(sizes) - 2)
        if len(hidden) != len(sizes) - 2:
            raise ParameterError("activation", f"{len(sizes) - 2} hidden layers but {len(hidden)} activations given")
        if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
            raise ParameterError("seed", f"seed must be an integer (the run's seed), got {seed!r}")
        loss_obj = losses.create(loss, output)
        rng = np.random.default_rng(int(seed))
        layers = []
        for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
            layers.append(Dense(n_in, n_out, init, rng, dtype, init_std))
            if i < len(hidden):
                layers.append(activations.create(hidden[i], alpha))
        config = {"layers": sizes, "activation": list(hidden), "output": loss_obj.output,
                  "loss": loss, "init": canonical(init), "init_std": init_std, "seed": int(seed),
                  "alpha": alpha, "dtype": np.dtype(dtype).name}
        return cls(layers, loss_obj, config)

    @classmethod
    def from_config(cls, config: dict) -> "Network":
        """Rebuild an (untrained) network from its config dict."""
        c = dict(config)
        return cls.mlp(c["layers"], c.get("activation", "sigmoid"), c.get("output", "softmax"),
                       c.get("loss", "cross_entropy"), c.get("init", "xavier_normal"),
                       c.get("init_std"), c.get("seed", 0), np.dtype(c.get("dtype", "float32")),
                       c.get("alpha"))

    @property
    def sizes(self) -> list[int]:
        return [self.dense[0].shape[0]] + [d.shape[1] for d in self.dense]

    @property
    def n_params(self) -> int:
        return sum(p.size for p in self.params)

    @property
    def dtype(self):
        return self.params[0].dtype

    def forward(self, x: np.ndarray) -> np.ndarray:
        """(n, n_in) -> logits (n, n_out)."""
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def backward(self, grad: np.ndarray, input_grad: bool = True) -> np.ndarray | None:
        """dL/dlogits (n, n_out) -> dL/dx (n, n_in); fills every layer's grads."""
        for layer in reversed(self.layers[1:]):
            grad = layer.backward(grad)
        first = self.layers[0]
        return first.backward(grad, input_grad) if isinstance(first, Dense) else first.backward(grad)

    def loss_and_grads(self, x: np.ndarray, t: np.ndarray) -> float:
        """Forward, loss, backward: returns the batch loss; gradients land in `self.grads`."""
        value, grad = self.loss.value_and_grad(self.forward(x), t)
        self.backward(grad, input_grad=False)
        return value

    def evaluate(self, x: np.ndarray, t: np.ndarray, batch: int = 10_000) -> tuple[float, float]:
        """Mean loss and accuracy (argmax vs labels) over a dataset, in chunks."""
        total, correct = 0.0, 0
        for i in range(0, len(x), batch):
            z = self.forward(x[i:i + batch])
            total += self.loss.value(z, t[i:i + batch]) * len(z)
            correct += int(np.sum(self._classes(z) == _labels(t[i:i + batch])))
        return total / len(x), correct / len(x)

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        """(n, n_in) -> output activations (n, n_out): probabilities for softmax."""
        return self.output.f(self.forward(x))

    def predict(self, x: np.ndarray) -> np.ndarray:
        """(n, n_in) -> (n,) predicted class."""
        return self._classes(self.forward(x))

    def _classes(self, z: np.ndarray) -> np.ndarray:
        """Logits -> class: argmax, or output > ½ for a single output unit."""
        if z.shape[1] == 1:
            return (self.output.f(z)[:, 0] > 0.5).astype(np.int64)
        return z.argmax(axis=1)

    def activations(self, x: np.ndarray, batch: int | None = None) -> list[dict]:
        """Per Dense layer {"pre": z, "post": a}; the last post is the output activation.

        With `batch`, rows go through in chunks of that many, as in training: a larger matrix
        product can wake BLAS's extra threads, which on a busy machine costs more than it saves.
        """
        if batch and len(x) > batch:
            parts = [self.activations(x[i:i + batch]) for i in range(0, len(x), batch)]
            return [{k: np.concatenate([p[j][k] for p in parts]) for k in ("pre", "post")}
                    for j in range(len(self.dense))]
        out = []
        for dense, activation in self.blocks:
            z = dense.forward(x)
            x = activation.forward(z)
            out.append({"pre": z, "post": x})
        return out

    def saliency(self, x: np.ndarray, cls: int) -> np.ndarray:
        """d logit_cls / d x, shaped like x (one image (n_in,) or a batch (n, n_in))."""
        batch = np.atleast_2d(x).astype(self.dtype)
        z = self.forward(batch)
        seed = np.zeros_like(z)
        seed[:, cls] = 1
        saved = [g.copy() for g in self.grads]
        grad_x = self.backward(seed)
        for g, s in zip(self.grads, saved):
            g[...] = s
        return grad_x.reshape(np.shape(x))

    def get_flat(self) -> np.ndarray:
        """All parameters as one float64 vector, in `param_names` order."""
        return np.concatenate([p.ravel() for p in self.params]).astype(np.float64)

    def set_flat(self, vector: np.ndarray) -> None:
        """Overwrite all parameters (in place) from a flat vector."""
        i = 0
        for p in self.params:
            p[...] = vector[i:i + p.size].reshape(p.shape)
            i += p.size

    def copy(self) -> "Network":
        return _copy.deepcopy(self)


def _labels(t: np.ndarray) -> np.ndarray:
    t = np.asarray(t)
    return t if t.ndim == 1 else t.argmax(axis=1)
