"""What reaches the browser: binary frames and strict JSON."""
from __future__ import annotations

import json
import struct

import numpy as np
import pytest

from app.core import frames
from app.core.jsonsafe import dumps


@pytest.mark.parametrize("name", ["a", "ab", "abc", "abcd", "W1" * 33])
def test_frame_data_starts_on_a_4_byte_boundary_and_round_trips(name):
    w = np.arange(12, dtype=np.float32).reshape(3, 4)
    b = np.array([np.nan, 1.5, -np.inf], dtype=np.float32)
    frame = frames.encode({"type": "snapshot", "label": name}, {"W": w, "b": b})
    (size,) = struct.unpack_from("<I", frame)
    start = 4 + size + (-(4 + size)) % 4
    assert start % 4 == 0 and len(frame) == start + 4 * (12 + 3)
    header, tensors = frames.decode(frame)
    assert header["label"] == name and header["tensors"][1] == {"name": "b", "shape": [3], "offset": 12}
    assert np.array_equal(tensors["W"], w) and np.isnan(tensors["b"][0]) and tensors["b"][2] == -np.inf


def test_non_finite_numbers_become_null_with_a_flag():
    text = dumps({"type": "metrics", "train_loss": float("nan"), "grad_norms": [1.0, np.float32("inf")]})
    message = json.loads(text, parse_constant=lambda c: pytest.fail(f"bare {c} in JSON"))
    assert message == {"type": "metrics", "train_loss": None, "grad_norms": [1.0, None], "nonfinite": True}
    header, _ = frames.decode(frames.encode({"center_loss": float("inf")}, {}))
    assert header["center_loss"] is None and header["nonfinite"] is True
    assert "nonfinite" not in json.loads(dumps({"lr": np.float32(0.5)}))
