"""3Blue1Brown's "analyze this network": what a trained digit network does with inputs unlike
its training digits. Uniform noise still gets a confident answer (nothing taught it to say
"none of these"), and a digit moved to a corner is mostly misread: its first layer looks at
pixel positions, and every training digit was centred."""
from __future__ import annotations

import numpy as np

from ..errors import ParameterError

SIDE = 28
CORNERS = ("top_left", "top_right", "bottom_left", "bottom_right")
CONFIDENT = 0.5   # a top probability at least this high is a confident answer


def uniform_noise(n: int, seed: int = 0) -> np.ndarray:
    """(n, 784) float32 pixels, each uniform in [0, 1)."""
    return np.random.default_rng(seed).uniform(0.0, 1.0, (n, SIDE * SIDE)).astype(np.float32)


def to_corner(pixels: np.ndarray, corner: str = "top_left") -> np.ndarray:
    """(n, 784) digits -> the same digits with their ink's bounding box pushed into a corner."""
    if corner not in CORNERS:
        raise ParameterError("corner", f"choose one of {CORNERS}, got {corner!r}")
    images = np.asarray(pixels, dtype=np.float32).reshape(-1, SIDE, SIDE)
    out = np.zeros_like(images)
    for img, dest in zip(images, out):
        rows, cols = np.flatnonzero(img.any(axis=1)), np.flatnonzero(img.any(axis=0))
        if rows.size == 0:
            continue
        box = img[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
        top = 0 if corner.startswith("top") else SIDE - box.shape[0]
        left = 0 if corner.endswith("left") else SIDE - box.shape[1]
        dest[top:top + box.shape[0], left:left + box.shape[1]] = box
    return out.reshape(len(images), -1)


def analyze(net, x: np.ndarray, y: np.ndarray, n: int = 100, seed: int = 0, corner: str = "top_left",
            examples: int = 8) -> dict:
    """A digit network (784 in, 10 out) on n noise images and n digits (x, y) moved to `corner`.

    Returns {"noise": {"confidence_mean", "confident_share", "answers" (10,), "examples"},
    "corner": {"accuracy", "centred_accuracy", "confidence_mean", "examples"}}; each example
    {"pixels", "prediction", "confidence"} (and "label" for digits).
    """
    if net.sizes[0] != SIDE * SIDE or net.sizes[-1] < 2:
        raise ParameterError("model", "this needs a digit network (784 inputs, one output per class)")
    if not 1 <= n <= len(x):
        raise ParameterError("n", f"must be from 1 to {len(x)}, got {n!r}")
    noise = uniform_noise(n, seed)
    p_noise = net.predict_proba(noise)
    digits, labels = np.asarray(x[:n], dtype=np.float32), np.asarray(y[:n])
    moved = to_corner(digits, corner)
    p_moved = net.predict_proba(moved)
    k = min(examples, n)
    return {
        "noise": {"confidence_mean": float(p_noise.max(axis=1).mean()),
                  "confident_share": float(np.mean(p_noise.max(axis=1) >= CONFIDENT)),
                  "answers": np.bincount(p_noise.argmax(axis=1), minlength=net.sizes[-1]).tolist(),
                  "examples": _examples(noise[:k], p_noise[:k])},
        "corner": {"corner": corner, "accuracy": float(np.mean(p_moved.argmax(axis=1) == labels)),
                   "centred_accuracy": float(np.mean(net.predict(digits) == labels)),
                   "confidence_mean": float(p_moved.max(axis=1).mean()),
                   "examples": _examples(moved[:k], p_moved[:k], labels[:k])},
    }


def _examples(pixels, probs, labels=None) -> list[dict]:
    out = []
    for i, (img, p) in enumerate(zip(pixels, probs)):
        row = {"pixels": np.round(img, 4).tolist(), "prediction": int(p.argmax()), "confidence": float(p.max())}
        if labels is not None:
            row["label"] = int(labels[i])
        out.append(row)
    return out
