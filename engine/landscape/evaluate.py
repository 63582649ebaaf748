"""The loss on a plane through parameter space, L(θ₀ + α·d₁ + β·d₂), for many (α, β) at once.

The first Dense layer's pre-activation is linear in (α, β):
    X(W + αD₁ + βD₂) + (b + αe₁ + βe₂) = A + α·P + β·Q,
so three products with the 784-wide input serve every point, and a chunk of G points is
one (G, 3) × (3, n·h) product. Later layers are small: their weights for the G points are
built the same way and applied as one batched product, or as one shared product when the
plane does not move that layer. Memory is bounded by chunking the points.

Hidden layers apply the network's own activations in place (`act.f(z, out=z)`) to the whole
stack of G points, and the loss of every point comes from the loss's stacked form
(`loss.stacked` on class-major (G, k, n) logits): the same formulas the network trains with.
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

import numpy as np


BUFFER_BYTES = 1 << 20      # per work buffer; chunks this size stay in cache
MAX_BYTES = 200 << 20       # never more than this in work buffers, whatever n is


def structure(net) -> list[tuple[tuple[int, int], object]]:
    """Per Dense layer: its (n_in, n_out) shape and the hidden activation after it (None for
    the last: its output activation belongs to the loss)."""
    blocks = net.blocks
    return [(d.shape, act if i + 1 < len(blocks) else None) for i, (d, act) in enumerate(blocks)]


def unflatten(net, vector: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Flat parameter vector (P,) -> [(W (n_in, n_out), b (n_out,)), ...] in the net's dtype."""
    vector = np.asarray(vector)
    if vector.shape != (net.n_params,):
        raise ValueError(f"expected a vector of {net.n_params} parameters, got shape {vector.shape}")
    out, i = [], 0
    for (n_in, n_out), _ in structure(net):
        w = vector[i:i + n_in * n_out].reshape(n_in, n_out).astype(net.dtype)
        i += n_in * n_out
        out.append((w, vector[i:i + n_out].astype(net.dtype)))
        i += n_out
    return out


def forward_losses(net, x: np.ndarray, t: np.ndarray, thetas) -> np.ndarray:
    """Plain forward pass and the net's loss for each flat parameter vector: (m,) float64."""
    acts = [act for _, act in structure(net)]
    values = []
    with np.errstate(over="ignore", invalid="ignore"):
        for theta in thetas:
            values.append(_plain_loss(net, x, t, theta, acts))
    return np.array(values, dtype=np.float64)


class LossMemo:
    """Losses of parameter vectors already evaluated, remembered by the vectors' bytes.

    A trajectory grows between the surfaces drawn while a run trains, and the true loss at
    each of its points never changes on the same data: with a memo each point is evaluated
    once. Keep one memo per network and training set; `key` tells apart the example subsets
    asked for on them (size and seed). At most `limit` values are kept, the oldest dropped.
    Safe to share between threads (two surfaces of one run may be computed at once).
    """

    def __init__(self, limit: int = 4096):
        self.limit = limit
        self.values: OrderedDict[tuple, float] = OrderedDict()
        self.lock = threading.Lock()

    def losses(self, net, x, t, thetas, key=()) -> np.ndarray:
        """forward_losses(net, x, t, thetas), computing only the vectors not seen before under `key`."""
        thetas = np.asarray(thetas)
        thetas = np.ascontiguousarray(thetas)   # rows hashed in place, without a copy each
        keys = [(*key, hashlib.blake2b(theta, digest_size=16).digest()) for theta in thetas]
        with self.lock:
            known = {k: self.values[k] for k in keys if k in self.values}
        missing = [i for i, k in enumerate(keys) if k not in known]
        if missing:
            for i, value in zip(missing, forward_losses(net, x, t, thetas[missing])):
                known[keys[i]] = float(value)
        with self.lock:
            for k in keys:
                self.values[k] = known[k]
                self.values.move_to_end(k)
            while len(self.values) > self.limit:
                self.values.popitem(last=False)
        return np.array([known[k] for k in keys], dtype=np.float64)


def _plain_loss(net, x, t, theta, acts) -> float:
    a = x
    for (w, b), act in zip(unflatten(net, theta), acts):
        a = a @ w + b
        if act is not None:
            a = act.f(a)
    return net.loss.value(a, t)


class PlaneLoss:
    """Loss at points (α, β) of the plane θ₀ + α·d₁ + β·d₂ on fixed data (x (n, n_in), t)."""

    def __init__(self, net, x, t, center, d1, d2, buffer_bytes: int = BUFFER_BYTES):
        self.loss, self.t, self.n = net.loss, t, len(x)
        self.dtype = net.dtype
        parts = [unflatten(net, v) for v in (center, d1, d2)]
        self.acts = [act for _, act in structure(net)]
        x = np.asarray(x, dtype=self.dtype)
        self.first = np.stack([x @ p[0][0] + p[0][1] for p in parts]).reshape(3, -1)
        self.rest = [self._layer_stack([p[i] for p in parts]) for i in range(1, len(parts[0]))]
        widths = [w.shape[1] for w, _ in parts[0]]
        per_point = self.n * max(widths) * np.dtype(self.dtype).itemsize
        self.chunk = int(max(1, min(buffer_bytes, MAX_BYTES // 3) // per_point))
        self.buffers = [np.empty(self.chunk * self.n * w, self.dtype) for w in widths]

    @staticmethod
    def _layer_stack(triple):
        """(W, b) for centre, d₁, d₂ -> ((3, n_in·n_out) or None if unmoved, (3, n_out), W₀, b₀)."""
        (w0, b0), (w1, b1), (w2, b2) = triple
        if not (w1.any() or w2.any() or b1.any() or b2.any()):
            return None, None, w0, b0
        return np.stack([w0, w1, w2]).reshape(3, -1), np.stack([b0, b1, b2]), w0, b0

    def __call__(self, alphas, betas) -> np.ndarray:
        """Losses at the points (alphas[i], betas[i]): (m,) float64."""
        coef = np.stack([np.ones(np.size(alphas)), np.ravel(alphas), np.ravel(betas)], axis=1)
        coef = coef.astype(self.dtype)
        out = np.empty(len(coef), dtype=np.float64)
        with np.errstate(over="ignore", invalid="ignore"):
            for i in range(0, len(coef), self.chunk):
                out[i:i + self.chunk] = self._chunk(coef[i:i + self.chunk])
        return out

    def _chunk(self, coef: np.ndarray) -> np.ndarray:
        """Losses for G points given their (1, α, β) rows coef (G, 3)."""
        g, n = len(coef), self.n
        z = self._view(0, g).reshape(g, -1)
        np.matmul(coef, self.first, out=z)
        z = z.reshape(g, n, -1)
        last = len(self.rest)
        for k, layer in enumerate(self.rest, start=1):
            self.acts[k - 1].f(z, out=z)
            z = self._dense(layer, coef, z, self._view(k, g), transposed=k == last)
        if last == 0:
            z = np.ascontiguousarray(z.transpose(0, 2, 1))
        return self.loss.stacked(z, self.t)

    @staticmethod
    def _dense(layer, coef, z, buf, transposed):
        """Next pre-activation (G, n, h') from z (G, n, h), or class-major (G, h', n) if transposed."""
        w_stack, b_stack, w0, b0 = layer
        g, n, h = z.shape
        if w_stack is None:
            w, b = w0, b0[None]
        else:
            w = (coef @ w_stack).reshape(g, *w0.shape)
            b = coef @ b_stack
        if transposed:
            out = buf.reshape(g, w0.shape[1], n)
            np.matmul(np.swapaxes(w, -1, -2), z.transpose(0, 2, 1), out=out)
            out += b[:, :, None]
        elif w_stack is None:
            out = buf.reshape(g, n, -1)
            np.matmul(z.reshape(g * n, h), w, out=out.reshape(g * n, -1))
            out += b[:, None, :]
        else:
            out = buf.reshape(g, n, -1)
            np.matmul(z, w, out=out)
            out += b[:, None, :]
        return out

    def _view(self, k: int, g: int) -> np.ndarray:
        size = len(self.buffers[k]) // self.chunk * g
        return self.buffers[k][:size]
