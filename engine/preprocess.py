"""Canvas drawing -> 28x28 MNIST-style input, done the way the MNIST digits were made.

Steps: zero faint stray values, crop to the ink's bounding box, area-average so the longer
side is 20 px (aspect ratio kept), stretch so the darkest ink is 1, then place the 20x20 box
in 28x28 with its intensity centre of mass at (row, col) = (14, 14) in pixel-index
coordinates (measured on the MNIST test set: mean centre of mass 13.99, 14.00).

The sub-pixel part of the shift is bilinear: a linear blend of two integer shifts moves the
centre of mass by exactly the fraction, so it lands on (14, 14) instead of within 0.5 px,
at the cost of a slight blur comparable to MNIST's own anti-aliasing.
"""
from __future__ import annotations

import math

import numpy as np

SIDE = 28
BOX = 20
CENTER = 14.0
MAX_SIDE = 512
INK_THRESHOLD = 0.05


class EmptyDrawingError(ValueError):
    """The drawing has no ink, so there is nothing to recognise."""


def _validate(image) -> np.ndarray:
    """Check a canvas (h, w) in [0, 1]; return it as float64; ValueError names the problem."""
    img = np.asarray(image, dtype=np.float64)
    if img.ndim != 2:
        raise ValueError(f"image must be a 2-D grayscale array (h, w), got shape {img.shape}")
    h, w = img.shape
    if h == 0 or w == 0 or h > MAX_SIDE or w > MAX_SIDE:
        raise ValueError(f"image size must be 1..{MAX_SIDE} per side, got {h}x{w}")
    if not np.isfinite(img).all():
        raise ValueError("image contains NaN or infinite values")
    if img.min() < 0.0 or img.max() > 1.0:
        raise ValueError(f"image values must be in 0..1 (ink high), got {img.min()}..{img.max()}")
    return img


def from_pixels(pixels) -> np.ndarray:
    """784 values already in MNIST form (any shape of size 784) -> (784,) float32, unchanged."""
    arr = np.asarray(pixels, dtype=np.float64)
    if arr.size != SIDE * SIDE:
        raise ValueError(f"expected {SIDE * SIDE} pixel values, got {arr.size}")
    if not np.isfinite(arr).all():
        raise ValueError("pixels contain NaN or infinite values")
    if arr.min() < 0.0 or arr.max() > 1.0:
        raise ValueError(f"pixel values must be in 0..1, got {arr.min()}..{arr.max()}")
    return arr.reshape(-1).astype(np.float32)


def area_weights(n_in: int, scale: float) -> np.ndarray:
    """Box-filter matrix (n_out, n_in): output pixel o averages input over [o, o+1) / scale."""
    n_out = max(1, math.ceil(n_in * scale - 1e-9))
    o = np.arange(n_out)[:, None]
    i = np.arange(n_in)[None, :]
    lo = np.maximum(i, o / scale)
    hi = np.minimum(i + 1, (o + 1) / scale)
    return np.clip(hi - lo, 0.0, None) * scale


def center_of_mass(img: np.ndarray) -> tuple[float, float]:
    """Intensity centre of mass (row, col) of a 2-D image in pixel-index coordinates."""
    total = img.sum()
    rows = img.sum(axis=1) @ np.arange(img.shape[0]) / total
    cols = img.sum(axis=0) @ np.arange(img.shape[1]) / total
    return float(rows), float(cols)


def _paste(canvas: np.ndarray, box: np.ndarray, top: int, left: int, weight: float) -> None:
    """Add weight * box into canvas with its corner at (top, left), clipping at the edges."""
    h, w = box.shape
    r0, c0 = max(top, 0), max(left, 0)
    r1, c1 = min(top + h, canvas.shape[0]), min(left + w, canvas.shape[1])
    if r0 < r1 and c0 < c1:
        canvas[r0:r1, c0:c1] += weight * box[r0 - top:r1 - top, c0 - left:c1 - left]


def _place(box: np.ndarray, top: float, left: float) -> np.ndarray:
    """Box (h, w) -> (28, 28) with its corner at fractional (top, left), bilinearly."""
    canvas = np.zeros((SIDE, SIDE))
    it, il = math.floor(top), math.floor(left)
    ft, fl = top - it, left - il
    for dr, wr in ((0, 1 - ft), (1, ft)):
        for dc, wc in ((0, 1 - fl), (1, fl)):
            if wr * wc > 0:
                _paste(canvas, box, it + dr, il + dc, wr * wc)
    return canvas


def _crop(img: np.ndarray) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """Zero faint values and crop to the ink (h, w) -> (bh, bw); bbox is (top, left, bottom, right)."""
    img = np.where(img < INK_THRESHOLD, 0.0, img)
    rows = np.flatnonzero(img.any(axis=1))
    if rows.size == 0:
        raise EmptyDrawingError("the drawing is empty: draw a digit with some ink first")
    cols = np.flatnonzero(img.any(axis=0))
    bbox = (int(rows[0]), int(cols[0]), int(rows[-1]) + 1, int(cols[-1]) + 1)
    return img[bbox[0]:bbox[2], bbox[1]:bbox[3]], bbox


def steps(image) -> dict:
    """Canvas (h, w) in [0, 1] -> every intermediate image, for showing the pipeline step by step."""
    cropped, bbox = _crop(_validate(image))
    scale = BOX / max(cropped.shape)
    scaled = area_weights(cropped.shape[0], scale) @ cropped @ area_weights(cropped.shape[1], scale).T
    scaled /= scaled.max()
    cy, cx = center_of_mass(scaled)
    h, w = scaled.shape
    com_before = center_of_mass(_place(scaled, (SIDE - h) / 2, (SIDE - w) / 2))
    final = np.clip(_place(scaled, CENTER - cy, CENTER - cx), 0.0, 1.0)
    return {
        "bbox": bbox,
        "cropped": cropped.astype(np.float32),
        "scaled": scaled.astype(np.float32),
        "final": final.astype(np.float32),
        "com_before": com_before,
        "com_after": center_of_mass(final),
    }


def to_mnist(image) -> np.ndarray:
    """Canvas (h, w) in [0, 1], ink high, up to 512x512 -> (784,) float32 MNIST-style input."""
    return steps(image)["final"].reshape(-1)
