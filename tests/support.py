"""Helpers several test folders share: a trainer run in a thread, polling with a deadline,
and a clock that ticks only when read."""
from __future__ import annotations

import threading
import time


def run_in_thread(trainer):
    """Start trainer.run() in a daemon thread: (thread, dict that gets "status" when it returns)."""
    result = {}
    thread = threading.Thread(target=lambda: result.update(status=trainer.run()), daemon=True)
    thread.start()
    return thread, result


def wait_until(condition, timeout=5.0):
    """Poll condition() until it holds or the deadline passes; its last value."""
    end = time.monotonic() + timeout
    while not condition() and time.monotonic() < end:
        time.sleep(0.005)
    return condition()


class TickingClock:
    """A clock that moves `tick` seconds each time it is read, and not otherwise."""

    def __init__(self, tick):
        self.now, self.tick = 0.0, tick

    def __call__(self):
        self.now += self.tick
        return self.now
