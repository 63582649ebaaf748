"""TrainControl: the flags another thread sets to pause, resume, step, stop or retune training."""
from __future__ import annotations

import threading

from .errors import ParameterError


class TrainControl:
    """Thread-safe switches checked by the trainer between batches."""

    def __init__(self, paused: bool = False):
        self._cond = threading.Condition()
        self._paused = paused
        self._stopped = False
        self._budget: str | None = None  # "batch" or "epoch" while stepping
        self._lr: float | None = None

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def stopped(self) -> bool:
        return self._stopped

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
        """Block while paused; False means stop. Consumes a one-batch step budget.

        before_waiting(), if given, runs first whenever the call is going to wait for a resume
        or a step (outside the lock, so it may take its time).
        """
        if not self._paused and not self._stopped:   # running: no budget to consume, no lock
            return True
        if before_waiting is not None and self._paused and self._budget is None and not self._stopped:
            before_waiting()
        with self._cond:
            while self._paused and self._budget is None and not self._stopped:
                self._cond.wait(timeout=0.25)
            if self._budget == "batch":
                self._budget = None
            return not self._stopped

    def end_of_epoch(self) -> None:
        """An epoch-long step ends here."""
        with self._cond:
            if self._budget == "epoch":
                self._budget = None
