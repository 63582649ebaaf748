"""TrainControl: the flags another thread sets to pause, resume, step, stop, retune or slow training."""
from __future__ import annotations

import math
import threading
import time

from .errors import ParameterError


class Pacer:
    """At most `rate` steps a second (None: no limit), so a person can watch each one.

    `wait(now)` says how long to wait before the next step may start; `took(now)` records
    that one started. Each step starts at least 1/rate after the one before, at the rate in
    force now (a new speed applies at once); after a pause the next one may start at once.
    """

    def __init__(self, rate: float | None = None):
        self.rate = rate
        self._last = -math.inf

    def wait(self, now: float) -> float:
        """Seconds until the next step may start (0: now)."""
        return 0.0 if self.rate is None else max(0.0, self._last + 1.0 / self.rate - now)

    def took(self, now: float) -> None:
        self._last = now


class TrainControl:
    """Thread-safe switches checked by the trainer between batches."""

    def __init__(self, paused: bool = False, speed: float | None = None, clock=time.monotonic):
        self._cond = threading.Condition()
        self._paused = paused
        self._stopped = False
        self._budget: str | None = None  # "batch" or "epoch" while stepping
        self._lr: float | None = None
        self._pacer = Pacer(_check_speed(speed))
        self._clock = clock

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def stopped(self) -> bool:
        return self._stopped

    @property
    def stepping(self) -> str | None:
        """"epoch" while an epoch-long step runs; "batch" until a one-batch step is taken."""
        return self._budget

    @property
    def speed(self) -> float | None:
        """Steps a second at most while running freely (None: as fast as possible)."""
        return self._pacer.rate

    def pause(self) -> None:
        with self._cond:
            self._paused, self._budget = True, None

    def resume(self) -> None:
        with self._cond:
            self._paused, self._budget = False, None
            self._cond.notify_all()

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify_all()

    def step(self, unit: str = "batch") -> None:
        """While paused, allow one more batch (or the rest of the epoch), then pause again."""
        if unit not in ("batch", "epoch"):
            raise ParameterError("unit", f"step unit must be 'batch' or 'epoch', not {unit!r}")
        with self._cond:
            self._paused, self._budget = True, unit
            self._cond.notify_all()

    def set_lr(self, lr: float) -> None:
        with self._cond:
            self._lr = float(lr)

    def set_speed(self, speed: float | None) -> None:
        """At most `speed` steps a second from the next one on (None: no limit). Steps asked
        for while paused are taken at once."""
        with self._cond:
            self._pacer.rate = _check_speed(speed)
            self._cond.notify_all()

    @property
    def lr_pending(self) -> bool:
        """A live learning rate waits to be taken (a lock-free peek, checked every batch)."""
        return self._lr is not None

    def take_lr(self) -> float | None:
        """The learning rate set live since the last call, if any."""
        with self._cond:
            lr, self._lr = self._lr, None
            return lr

    def wait_for_batch(self, before_waiting=None) -> bool:
        """Block while paused, or until the speed limit lets the next batch go; False means
        stop. Consumes a one-batch step budget.

        before_waiting(), if given, runs first whenever the call is going to wait for a resume
        or a step (outside the lock, so it may take its time).
        """
        if not self._paused and not self._stopped and self._pacer.rate is None:   # no lock
            return True
        if before_waiting is not None and self._paused and self._budget is None and not self._stopped:
            before_waiting()
        with self._cond:
            while not self._stopped:
                if self._paused and self._budget is None:
                    self._cond.wait(timeout=0.25)
                    continue
                if self._paused:              # a step: taken at once, whatever the speed
                    if self._budget == "batch":
                        self._budget = None
                    return True
                now = self._clock()
                delay = self._pacer.wait(now)
                if delay <= 0:
                    self._pacer.took(now)
                    return True
                self._cond.wait(timeout=delay)
            return False

    def end_of_epoch(self) -> None:
        """An epoch-long step ends here."""
        with self._cond:
            if self._budget == "epoch":
                self._budget = None


def _check_speed(speed) -> float | None:
    if speed is None:
        return None
    if isinstance(speed, bool) or not isinstance(speed, (int, float)) or not 0 < speed < math.inf:
        raise ParameterError("speed", f"speed must be a positive number of steps a second or None, got {speed!r}")
    return float(speed)
