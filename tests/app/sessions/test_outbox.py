"""The outbox: the newest snapshot wins, step metrics are bounded, nothing else is dropped."""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from app.sessions.outbox import MAX_STEP_METRICS, Outbox


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
