"""What reaches the browser: binary frames, strict JSON, and the newest-snapshot-wins outbox."""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
import json
import struct

import numpy as np
import pytest

from app.core import frames
from app.core.jsonsafe import dumps
from app.sessions.outbox import MAX_STEP_METRICS, Outbox


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


def test_outbox_keeps_only_the_newest_snapshot_and_bounds_step_metrics():
    async def scenario():
        box = Outbox(asyncio.get_running_loop())
        for i in range(1000):
            box.put({"kind": "step", "step": i}, droppable=True)
            box.put_latest(("run", i))
            if i % 100 == 99:
                box.put({"kind": "epoch", "step": i})
        await asyncio.wait_for(box.wait(), 1)
        return box.take(), box.take()
    # In a thread of its own: when the browser tests run first in the same session,
    # Playwright's loop is already running on this one.
    with ThreadPoolExecutor(1) as pool:
        (latest, messages), (after, rest) = pool.submit(asyncio.run, scenario()).result()
    assert latest == ("run", 999) and after is None and rest == []
    steps = [m["step"] for m in messages if m["kind"] == "step"]
    epochs = [m["step"] for m in messages if m["kind"] == "epoch"]
    assert len(steps) == MAX_STEP_METRICS and steps[-1] == 999 and steps == sorted(steps)
    assert epochs == list(range(99, 1000, 100))


def test_a_recolour_never_replaces_a_newer_snapshot_still_waiting():
    async def scenario():
        box = Outbox(asyncio.get_running_loop())
        box.put_latest(("run", "sent before"))
        box.take()
        box.put_latest(("run", "newer, not sent yet"))
        box.put_latest(("run", "sent before"), replace=False)   # a probe asks to recolour
        first = box.take()[0]
        box.put_latest(("run", "sent before"), replace=False)   # nothing waiting: recoloured
        return first, box.take()[0]
    with ThreadPoolExecutor(1) as pool:
        first, second = pool.submit(asyncio.run, scenario()).result()
    assert first == ("run", "newer, not sent yet") and second == ("run", "sent before")
